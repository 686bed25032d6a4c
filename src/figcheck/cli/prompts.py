"""Questions asked in a terminal: the missing parts of a claim, a candidate to record."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from figcheck.cli.terminal import say
from figcheck.errors import FigcheckError, Stopped

if TYPE_CHECKING:
    from figcheck.metrics import CloseName, LongerName
    from figcheck.model import ClaimsFile
    from figcheck.recording import Draft


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def ask_missing(draft: Draft, claims_file: ClaimsFile, parts: list[str]) -> Draft:
    """Ask each of ``parts`` in turn, offering what the draft suggests; a wrong answer is asked
    again with the reason, keeping the answers given before."""
    for part in parts:
        draft = _ask(part, draft, claims_file)
    return draft


def ask_metric(claims_file: ClaimsFile, default: str | None) -> str:
    """The metric, asked until the answer names one (or the user starts a new one), offering
    ``default``."""
    from figcheck.recording import Draft

    asked = _ask("metric", Draft({}, ["metric"]), claims_file, offered=lambda: default)
    return str(asked.fields["metric"])


def _ask(
    part: str,
    draft: Draft,
    claims_file: ClaimsFile,
    offered: Callable[[], str | None] | None = None,
) -> Draft:
    """The draft with ``part`` answered: asked until the answer can be taken, offering what
    ``offered`` gives (by default what the draft suggests)."""
    from figcheck.metrics import CloseName, LongerName
    from figcheck.shorthand import ShorthandError, format_error

    while True:
        default = offered() if offered is not None else draft.default(part, claims_file)
        typed = prompt(part, default, draft.choices(part, claims_file))
        try:
            answered = draft.answered(part, typed, claims_file)
        except (CloseName, LongerName) as question:
            metric = settle_metric(question)
            if metric is None:
                continue
            answered = draft.answered(part, metric, claims_file, new_metric=True)
        except ShorthandError as error:
            say(format_error(error))
            continue
        except FigcheckError as error:
            say(str(error))
            continue
        if part != "date" or _kept(answered.fields["date"]):
            return answered


def _kept(date: dt.date) -> bool:
    """Whether a date answered is meant: one in the future is likely a typo of the year."""
    return date <= dt.date.today() or ask_yes_no(
        f"{date.isoformat()} is in the future (a typo?). Keep it?", default=False
    )


def settle_metric(question: CloseName | LongerName) -> str | None:
    """The metric a name close to a known one means, asked: the known one, or the new one the
    name starts; None when the user wants neither (then the metric is asked)."""
    from figcheck.metrics import CloseName

    if isinstance(question, CloseName):
        if ask_yes_no(
            f"no metric '{question.name}' yet: did you mean {question.suggestion}?", default=True
        ):
            return question.suggestion
        why = ""
    else:
        why = (
            f"{question.slug} is not a metric yet, and begins with the metric "
            f"{question.known_metric}. "
        )
    start = ask_yes_no(f"{why}Start the new metric {question.slug}?", default=False)
    return question.slug if start else None


def ask_yes_no(question: str, *, default: bool) -> bool:
    """A yes or no, asked until the answer is one (Enter: ``default``)."""
    shown = f"{question} [Y/n]" if default else f"{question} [y/N]"
    while True:
        typed = prompt(shown, None, ["yes", "no"]).lower()
        if not typed:
            return default
        if typed in ("y", "yes"):
            return True
        if typed in ("n", "no"):
            return False
        say(f"'{typed}' is neither yes nor no: answer y or n")


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
    """One line of input, with tab completion of the known values; ``default`` when nothing is
    typed (then "" when there is none). The end of input or Ctrl-C raise :class:`Stopped`."""
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
        answer = input(f"{part}{shown}: ")
    except (EOFError, KeyboardInterrupt) as stop:
        sys.stderr.write("\n")
        interrupted = isinstance(stop, KeyboardInterrupt)  # Ctrl-C: 130, as shells report it
        raise Stopped("stopped: nothing was written", interrupted=interrupted) from None
    return answer.strip() or (default or "")


def plain_text(message: str) -> Any:
    from rich.text import Text

    from figcheck.safety import visible

    return Text(visible(message))
