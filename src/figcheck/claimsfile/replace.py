"""Replacing a file whole or not at all: the one write-then-rename of figcheck.

The claims file, reports, exports, charts and the cache are all written through
:func:`replace_atomically`: a temporary file in the same folder, synced, renamed over the target,
and the folder synced, so a crash leaves the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path

TEMP_SUFFIX = ".tmp"
_CLOEXEC: int = getattr(os, "O_CLOEXEC", 0)


def temp_name(target: Path) -> Path:
    """A fresh temporary name beside ``target`` (``.NAME.<8 hex>.tmp``)."""
    return target.with_name(f".{target.name}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


def temp_name_pattern(target: Path) -> re.Pattern[str]:
    """The names :func:`temp_name` gives for ``target``, to clear those a killed writer left."""
    return re.compile(re.escape(f".{target.name}.") + r"[0-9a-f]{8}" + re.escape(TEMP_SUFFIX))


def replace_atomically(
    target: Path,
    data: bytes,
    *,
    mode: int,
    owner: tuple[int, int] | None = None,
    durable: bool = True,
) -> None:
    """Make ``target`` hold ``data``: temporary file, fsync, rename, fsync the folder.

    ``mode`` is the permission bits the file gets; ``owner`` (uid, gid) is kept when allowed.
    ``durable=False`` leaves out the syncs (a cache file: whole or absent, but lost in a crash).
    Raises :class:`OSError` with nothing changed when the data cannot be written.
    """
    while True:
        temp = temp_name(target)
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, 0o600)
            break
        except FileExistsError:  # pragma: no cover - one chance in four billion
            continue
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            if owner is not None:
                with contextlib.suppress(PermissionError):
                    os.fchown(stream.fileno(), *owner)
            if durable:
                os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        fsync_folder(target.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system can sync a folder)."""
    if sys.platform == "win32":  # pragma: no cover - folders cannot be opened there
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems cannot sync a folder
        pass
    finally:
        os.close(fd)
