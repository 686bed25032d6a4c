"""What the shell writes: a diagnostic on stderr, Rich output on stdout."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console


def fail(message: str, code: int) -> NoReturn:
    say(f"figcheck: {message}")
    raise typer.Exit(code)


def say(message: str) -> None:
    """A diagnostic: one plain line on stderr, with anything from the file made visible."""
    from figcheck.safety import visible

    sys.stderr.write("\n".join(visible(line) for line in message.split("\n")) + "\n")


def warn_tolerance(tolerance: float, where: str) -> None:
    """A tolerance above 1 is almost surely a percentage written as a number (5 for 5 %)."""
    from figcheck.model import tolerance_warning

    if message := tolerance_warning(tolerance):
        say(f"figcheck: warning: {where}{message}")


WHOLE_LINES = 1_000_000
"""The width of output into a pipe or a file that must keep each record on one line."""


def stdout_console(*, whole: bool = False) -> Console:
    """Rich on stdout; ``whole``: as wide as any line (a pipe or a file, where a record is one
    line whatever the width)."""
    from rich.console import Console

    return Console(highlight=False, width=WHOLE_LINES if whole else None)


def speakers(frame: Any, verdicts: list[dict[str, Any]]) -> dict[str, str]:
    """Who said what in each conflict, as the compare table names them (Rich imported only now)."""
    from figcheck import render

    return render.speakers(frame, verdicts)
