"""Reading a claims file: the one way in.

:func:`read` gives what a file says and every problem in it; :func:`load` gives what a file that
must be clean says, and raises on its first problem. Both choose the quickest read that gives the
same answer (see :func:`read`); the modules beside this one are their engines, not used elsewhere.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass

from figcheck.claimsfile.cache import KEY, TAIL_KEPT, Cache, Entry, shown_as
from figcheck.claimsfile.fast_reader import read_appended
from figcheck.claimsfile.full_reader import read_everything
from figcheck.claimsfile.line_breaks import newlines
from figcheck.claimsfile.locate import Snapshot
from figcheck.claimsfile.two_cores import read_in_two
from figcheck.errors import UnusableFile
from figcheck.model import ClaimsFile, Problem

Progress = Callable[[float], None]  # told the share of a file read so far


@dataclass(frozen=True, slots=True)
class FileRead:
    """What a claims file says, every problem in it, and where a claim appended to it goes."""

    claims_file: ClaimsFile  # the claims that could be read
    problems: list[Problem]  # each with its file:line, in line order; empty when clean
    append_column: int | None  # the claims' "-" column when text appended at the end extends
    # the claims list (claims last, in block style); None when that is not known


def read(
    source: Snapshot,
    cache: Cache | None = None,
    *,
    progress: Progress | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> FileRead:
    """What the claims file ``source`` says, and every problem in it.

    ``cache`` is the command's cache (one from the environment when not given; ``Cache(None)``
    reads without one). ``progress`` is told the share read now and then while a large file is
    read, and ``meanwhile`` is run once while another core finishes reading one (to import what
    comes next). The answer is the same whichever read it takes; the read is chosen so:

    1. **cached**: the cache has an entry for this file (by its real path) whose size and SHA-256
       match these bytes: what it says, without parsing anything;
    2. **appended**: the entry's bytes are the start of these, cut after a line break, and its
       claims list ends the file in block style: only the appended text is read, as more claims
       at the same column (the entry is updated; on disk only once the tail is large);
    3. **two-core**: otherwise a clean file is read by the fast reader, on two cores when it is
       4 MB or more and two are free (see :mod:`figcheck.claimsfile.two_cores`), and kept;
    4. **cold, every problem**: when the fast reader gives up (anything unusual, any problem),
       the full reader reads the whole file and words every problem with its line; what it
       finds is never cached.

    Standard input and text that is no file (``source.real`` None) skip steps 1, 2 and the
    keeping; so does a cache whose folder is None (``$FIGCHECK_NO_CACHE``).
    """
    cache = Cache.for_user() if cache is None else cache
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived objects, no cycles: the collector only slows this down
    try:
        return _read(source, cache, progress, meanwhile)
    finally:
        if collecting:
            gc.enable()


def _read(
    source: Snapshot,
    cache: Cache,
    progress: Progress | None,
    meanwhile: Callable[[], object] | None,
) -> FileRead:
    data, path, real = source.data, source.path, source.real
    caching = real is not None and cache.folder is not None
    entry = cache.entry(real) if real is not None and caching else None
    if entry is not None and entry.size == len(data) and entry.digest == cache.digest(data):
        return FileRead(shown_as(entry.claims_file, path), [], entry.append_column)  # 1. cached
    if (
        real is not None
        and entry is not None
        and entry.append_column is not None
        and entry.breaks is not None
        and cache.grew(entry, data)
    ):
        tail = data[entry.size :]
        breaks = newlines(tail)
        if breaks is not None:  # 2. appended
            claims_file = shown_as(entry.claims_file, path)
            read = read_appended(claims_file, tail, entry.breaks + 1, entry.append_column)
            if read is not None:
                grown, column = read
                digest = cache.digest(data)
                entry = Entry(*KEY, len(data), digest, column, grown, entry.breaks + breaks)
                cache.keep(real, entry, on_disk=len(tail) > TAIL_KEPT)
                return FileRead(grown, [], column)
    clean = read_in_two(data, path, progress, meanwhile)  # 3. two-core (or one, when small)
    if clean is None:  # 4. cold, every problem
        claims_file, problems = read_everything(data, path)
        return FileRead(claims_file, problems, None)
    if real is not None and caching:
        entry = Entry(*KEY, len(data), cache.digest(data), clean[1], clean[0], newlines(data))
        cache.keep(real, entry)
    return FileRead(clean[0], [], clean[1])


def load(
    source: Snapshot,
    cache: Cache | None = None,
    *,
    progress: Progress | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> ClaimsFile:
    """What the claims file ``source`` says when it is clean (read as :func:`read` reads it);
    its first problem raises :class:`~figcheck.errors.UnusableFile`, counting the others."""
    reading = read(source, cache, progress=progress, meanwhile=meanwhile)
    problems = reading.problems
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise UnusableFile(f"{problems[0]}{more}; run 'figcheck check' to list every problem")
    return reading.claims_file
