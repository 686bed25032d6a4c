"""Writing a file whole or not at all, and never over a file that must not be replaced.

Every file figcheck writes goes through
:func:`figcheck.claimsfile.replace.replace_atomically`: a temporary file in the same
folder, synced, renamed over the target, and the folder synced, so a crash leaves the old file or
the new one, never a mix. Reports, exports and charts go through :func:`write_output`, which first
checks what the path holds today:

- a claims file being read, or any existing file that reads as a claims file, is never replaced
  (not even with ``force``): a report written over the data would lose every claim;
- another existing file is replaced only when it already holds the kind of file being written (a
  CSV over a CSV, a page over a page), or when ``force`` says so;
- a symbolic link is written through to its target, which keeps its permission bits.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Iterable
from pathlib import Path

from figcheck.claimsfile.replace import replace_atomically
from figcheck.errors import UnusableFile

_SNIFF_BYTES = 1 << 20  # how much of an existing file is read to tell what it holds
_CLAIMS_KEY = re.compile(rb"^(?:\xef\xbb\xbf)?claims[ \t]*:", re.MULTILINE)


class OutputKind(enum.Enum):
    """What a report, export or chart file holds, by the words a message uses for it."""

    CSV = "CSV"
    JSON = "JSON"
    MARKDOWN = "Markdown"
    HTML = "HTML"
    PNG = "PNG"
    SVG = "SVG"


def reads_as_claims_file(head: bytes) -> bool:
    """Whether the start of a file looks like a claims file: a top-level ``claims:`` key."""
    return _CLAIMS_KEY.search(head) is not None


def holds(kind: OutputKind, head: bytes) -> bool:
    """Whether the start of an existing file holds ``kind`` (so replacing it loses nothing else).

    An empty file holds any kind.
    """
    if not head.strip():
        return True
    if kind is OutputKind.PNG:
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not merely a character cut by the sniff's end
            return False
        text = head[: error.start].decode("utf-8")
    if "\x00" in text:
        return False
    start = text.lstrip("\ufeff \t\r\n").lower()
    if kind is OutputKind.JSON:
        return start.startswith(("[", "{"))
    if kind is OutputKind.HTML:
        return start.startswith(("<!doctype html", "<html"))
    if kind is OutputKind.SVG:
        return start.startswith(("<?xml", "<svg")) and "<svg" in start
    if kind is OutputKind.MARKDOWN:
        return True
    first_line = start.split("\n", 1)[0]
    return "," in first_line or "\n" not in start  # CSV: a header of columns, or one cell


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return one == other


def check_target(
    path: str, kind: OutputKind | None, *, protected: Iterable[str] = (), force: bool = False
) -> Path:
    """The real file to write for ``path``, or :class:`UnusableFile` saying why it may not be.

    ``protected`` are the claims files the command reads; none of them, and no existing file that
    reads as a claims file, is ever a target. Other existing files must hold ``kind`` already,
    unless ``force`` (or ``kind`` is None: the kind is not known yet).
    """
    if not path:
        raise UnusableFile("no file name given")
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise UnusableFile(f"{path}: is a folder; give a file name")
    for claims in protected:
        if claims != "-" and _same_file(target, Path(os.path.realpath(claims))):
            raise UnusableFile(
                f"{path}: is the claims file being read; nothing was written "
                "(give another file name)"
            )
    try:
        with open(target, "rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    except FileNotFoundError:
        return target
    except OSError as error:
        raise UnusableFile(f"{path}: cannot write: {error.strerror}") from None
    if reads_as_claims_file(head):
        raise UnusableFile(
            f"{path}: holds claims (a claims file); nothing was written (give another file name)"
        )
    if kind is not None and not force and not holds(kind, head):
        raise UnusableFile(
            f"{path}: exists and does not hold {kind.value}; nothing was written "
            "(give another file name, or --force to replace it)"
        )
    return target


def write_output(
    path: str,
    data: bytes,
    kind: OutputKind,
    *,
    protected: Iterable[str] = (),
    force: bool = False,
) -> None:
    """Write a report, export or chart to ``path`` whole or not at all, after :func:`check_target`.

    An existing file keeps its permission bits; a new one gets the usual ones (the umask's).
    """
    target = check_target(path, kind, protected=protected, force=force)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    except OSError as error:  # pragma: no cover - a file that exists but cannot be looked at
        raise UnusableFile(f"{path}: cannot write: {error.strerror}") from None
    try:
        replace_atomically(target, data, mode=mode)
    except OSError as error:
        raise UnusableFile(f"{path}: cannot write: {error.strerror}") from None
