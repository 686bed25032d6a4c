"""Questions asked in a terminal: the missing parts of a claim, a candidate to record."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from figcheck.errors import UsageError

if TYPE_CHECKING:
    from figcheck.model import ClaimsFile


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def ask_missing(draft: Any, claims_file: ClaimsFile) -> dict[str, Any]:
    """Ask for each missing part, offering the most similar recent claim's as the default."""
    from figcheck import recording

    like = recording.similar_claim(claims_file, draft.fields)
    answers: dict[str, Any] = {}
    for part in draft.missing:
        default = getattr(like, part, None) if like is not None and part != "value" else None
        choices = sorted({str(getattr(claim, part)) for claim in claims_file.claims})
        answer = prompt(part, default, choices)
        if part == "value":
            from figcheck.shorthand import ShorthandError, typed_value

            try:
                answers[part] = typed_value(answer)
            except ShorthandError as error:
                raise UsageError(error.message) from None
        elif part == "metric":
            answers[part] = recording.resolve_metric(answer, claims_file)
        else:
            answers[part] = answer
    return answers


KIND_HELP = (
    "  level       a number that rises and falls (people held, displaced): figures compared "
    "only with figures of the same days",
    "  cumulative  a running total that only grows (released, killed since a date)",
    "  fixed       one number that does not change once it happened (the turnout of one march)",
)


def ask_kind(metric: str) -> str:
    """The kind of the new metric ``metric``, asked until the answer is one (level by default)."""
    sys.stderr.write(f"{metric} is a new metric. Which kind of number is it?\n")
    sys.stderr.write("\n".join(KIND_HELP) + "\n")
    kinds = ["level", "cumulative", "fixed"]
    while True:
        answer = prompt("kind", "level", kinds).lower()
        if answer in kinds:
            return answer
        sys.stderr.write(f"'{answer}' is not a kind: answer level, cumulative or fixed\n")


def prompt(part: str, default: str | None, choices: list[str]) -> str:
    """One line of input, with tab completion of the known values."""
    try:
        import readline
    except ImportError:  # pragma: no cover - not on every platform
        readline = None  # type: ignore[assignment]
    if readline is not None:
        readline.set_completer(
            lambda start, state: ([c for c in choices if c.startswith(start)] + [None])[state]
        )
        readline.set_completer_delims("")
        readline.parse_and_bind("tab: complete")
    shown = f" [{default}]" if default else ""
    try:
        answer = input(f"{part}{shown}: ").strip() or (default or "")
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\n")
        raise UsageError("stopped: nothing was written") from None
    if not answer:
        raise UsageError(f"{part} is needed")
    return answer


def plain_text(message: str) -> Any:
    from rich.text import Text

    from figcheck.safety import visible

    return Text(visible(message))
