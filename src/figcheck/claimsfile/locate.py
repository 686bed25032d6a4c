"""Where the claims file is, and its bytes as read once.

Finding the file works like git finding ``.git``: ``data/claims.yaml`` in the current folder or the
nearest parent that has one, unless ``--file`` or ``$FIGCHECK_FILE`` says otherwise.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from figcheck.errors import UnusableFile

DEFAULT_PATH = Path("data") / "claims.yaml"
STDIN = "-"


def find_claims_file(given: str | None, start: Path | None = None) -> str:
    """The claims file to use: the one given, else ``$FIGCHECK_FILE``, else the nearest found."""
    if given is not None:
        if not given:
            raise UnusableFile("--file is empty; give a claims file, or '-' for standard input")
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


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A claims file's bytes as read once, with what names it: so that what is computed from
    them can be cached under their hash without reading the file a second time.

    A snapshot of text that is no file (``real`` None) is never cached.
    """

    path: str  # as shown to the user
    real: Path | None  # the real file (links followed); None for standard input or mere text
    data: bytes


def snapshot(path: str) -> Snapshot:
    """The file at ``path`` (standard input for ``-``) as read now."""
    real = None if path == STDIN else Path(os.path.realpath(path))
    return Snapshot(display_name(path), real, read_bytes(path))
