"""Where the claims file is, and reading it whole.

Finding the file works like git finding ``.git``: ``data/claims.yaml`` in the current folder or the
nearest parent that has one, unless ``--file`` or ``$FIGCHECK_FILE`` says otherwise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from figcheck.errors import UnusableFile
from figcheck.model import ClaimsFile, Problem

DEFAULT_PATH = Path("data") / "claims.yaml"
STDIN = "-"


def find_claims_file(given: str | None, start: Path | None = None) -> str:
    """The claims file to use: the one given, else ``$FIGCHECK_FILE``, else the nearest found."""
    if given:
        return given
    from_env = os.environ.get("FIGCHECK_FILE")
    if from_env:
        return from_env
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / DEFAULT_PATH
        if candidate.is_file():
            return _shown(candidate)
    raise UnusableFile(
        f"no {DEFAULT_PATH} here or in any parent folder; "
        "run 'figcheck init' to create one, or pass --file PATH"
    )


def _shown(path: Path) -> str:
    """A path as the user would like to see it: relative to the current folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_bytes(path: str) -> bytes:
    """The file's bytes (standard input for ``-``), or a clear error."""
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise UnusableFile(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UnusableFile(f"{path}: is a folder, not a claims file") from None
    except OSError as error:
        raise UnusableFile(f"{path}: cannot read: {error.strerror}") from None


def display_name(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def check_file(path: str) -> tuple[ClaimsFile, list[Problem]]:
    """Read a claims file and every problem in it (``figcheck check``)."""
    from figcheck.parsing import read_claims

    return read_claims(read_bytes(path), display_name(path))


def load(path: str) -> ClaimsFile:
    """Read a claims file that must be clean: the first problem is an error."""
    claims_file, problems = check_file(path)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise UnusableFile(f"{problems[0]}{more}; run 'figcheck check' to list every problem")
    return claims_file
