"""Why a write to a claims file was refused; the file is then left exactly as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING

from figcheck.errors import FigcheckError

if TYPE_CHECKING:
    from figcheck.model import Claim, Problem


class WriteRefused(FigcheckError):
    """A write was refused; the claims file was left exactly as it was."""


class UnsupportedLayout(WriteRefused):
    """The layout does not allow a clean append or removal; the message says how to fix it."""


class ProblemsInFile(WriteRefused):
    """The claims file already has problems; they must be fixed before it is written to."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(
            f"{problems[0]}{more}; fix the file before changing it "
            "('figcheck check' lists every problem)"
        )


class InvalidResult(WriteRefused):
    """The file after the write would have problems, or would not say what was asked."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}; nothing was written")


class DuplicateClaim(WriteRefused):
    """A claim with the same metric, source, date and interval is already recorded."""

    def __init__(self, existing: Claim) -> None:
        self.existing = existing
        where = f" at {existing.location}" if existing.location else ""
        super().__init__(
            f"the same claim is already recorded as {existing.id}{where} (same metric, source, "
            "date and interval); use --force to add it anyway"
        )


class UnknownClaim(WriteRefused):
    """No claim in the file has the id that was asked for."""


class FileBusy(WriteRefused):
    """Another figcheck process kept the claims file locked for too long."""
