"""The few failures that stop a command, each with the exit code the contract gives it."""

from __future__ import annotations


class FigcheckError(Exception):
    """A failure the user can fix; printed as one line, never as a traceback."""

    exit_code = 2


class UnusableFile(FigcheckError):
    """The claims file cannot be found, read, or has a problem (``file:line: message``)."""


class UsageError(FigcheckError):
    """A command was asked for something it cannot do (unknown metric, bad option value)."""


class Stopped(UsageError):
    """The user stopped at a question: the end of input (exit 2), or Ctrl-C (exit 130, as shells
    report an interrupted command)."""

    def __init__(self, message: str, *, interrupted: bool = False) -> None:
        super().__init__(message)
        self.interrupted = interrupted
        self.exit_code = 130 if interrupted else 2
