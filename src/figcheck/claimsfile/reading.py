"""Reading a claims file: the one way in.

:func:`read` gives what a file says and every problem in it; :func:`load` gives what a file that
must be clean says, and raises on its first problem. Both choose the quickest read that gives the
same answer (see :func:`read`); the modules beside this one are their engines, not used elsewhere.
:func:`read_files` and :func:`load_files` do the same for the files a command is given and those
they include, each file read as :func:`read` reads it, then joined.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from figcheck.claimsfile.cache import KEY, TAIL_KEPT, Cache, Entry, shown_as
from figcheck.claimsfile.full_reader import read_everything
from figcheck.claimsfile.line_breaks import newlines
from figcheck.claimsfile.locate import Snapshot, snapshot
from figcheck.claimsfile.two_cores import read_appended_in_two, read_in_two
from figcheck.errors import UnusableFile
from figcheck.model import ClaimsFile, Include, Location, Problem

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
            read = read_appended_in_two(claims_file, tail, entry.breaks + 1, entry.append_column)
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


def _first_problem(problems: list[Problem]) -> UnusableFile:
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return UnusableFile(f"{problems[0]}{more}; run 'figcheck check' to list every problem")


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
    if reading.problems:
        raise _first_problem(reading.problems)
    return reading.claims_file


@dataclass(frozen=True, slots=True)
class FilesRead:
    """What several claims files say as one, every problem in them, and each file as read."""

    claims_file: ClaimsFile  # the files joined (named as the first); the one file's when one
    problems: list[Problem]  # each file's in order, then those between files
    files: tuple[tuple[Snapshot, FileRead], ...]  # every file read, includes included, in order

    @property
    def paths(self) -> list[str]:
        """Every file read, as shown to the user."""
        return [source.path for source, _ in self.files]

    def part(self, path: str) -> tuple[Snapshot, FileRead] | None:
        """The file read that is ``path`` (the same file, however named), or None."""
        from figcheck.claimsfile.joining import real_path

        wanted = real_path(path)
        for source, reading in self.files:
            if source.real == wanted or (source.real is None and source.path == path):
                return source, reading
        return None

    def others(self, path: str) -> ClaimsFile | None:
        """What the files read say but the claims of ``path`` (one of them): their claims, with
        the joined registry and settings; None when ``path`` is the only file."""
        if len(self.files) == 1:
            return None
        import dataclasses

        from figcheck.model import ClaimTable

        table = ClaimTable.of(self.claims_file.claims, self.claims_file.path)
        shown = self.part(path)
        name = path if shown is None else shown[0].path
        start, kept = 0, list[int]()
        parts: list[tuple[int, str]] = []
        for end, file in table.files:
            if file != name:
                kept.extend(range(start, end))
                parts.append((len(kept), file))
            start = end
        columns = {key: [values[row] for row in kept] for key, values in table.columns.items()}
        claims = ClaimTable(columns, table.path, tuple(parts))
        return dataclasses.replace(self.claims_file, claims=claims)


def read_files(
    sources: Sequence[Snapshot],
    cache: Cache | None = None,
    *,
    progress: Progress | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> FilesRead:
    """What the claims files ``sources`` and every file they include say, as one.

    Each file is read as :func:`read` reads it (cached on its own), once however often it is
    named; then :func:`figcheck.claimsfile.joining.join` joins them, with the problems between
    files (an id used twice, a registry entry or setting given differently). An include that
    names no file, or leads back to a file that includes it, is a problem at its line. One file
    that includes none is read as :func:`read` reads it, and nothing more.
    """
    cache = Cache.for_user() if cache is None else cache
    readings: list[FileRead] = []

    def includes_of(source: Snapshot) -> tuple[Include, ...]:
        first = meanwhile if not readings else None
        reading = read(source, cache, progress=progress, meanwhile=first)
        readings.append(reading)
        return reading.claims_file.includes

    if len(sources) == 1 and not includes_of(sources[0]):
        only = readings[0]
        return FilesRead(only.claims_file, only.problems, ((sources[0], only),))
    known = dict(zip((id(source) for source in sources[:1]), readings, strict=False))
    order: list[FileRead] = []

    def reading_of(source: Snapshot) -> tuple[Include, ...]:
        reading = known.pop(id(source), None)
        if reading is None:
            includes_of(source)
            reading = readings[-1]
        order.append(reading)
        return reading.claims_file.includes

    walked = _walk(sources, reading_of)
    assert walked is not None  # reading_of always knows a file's includes
    snapshots, problems = walked
    from figcheck.claimsfile.joining import join

    everything = [problem for reading in order for problem in reading.problems]
    joined, clashes = join([reading.claims_file for reading in order])
    files = tuple(zip(snapshots, order, strict=True))
    return FilesRead(joined, everything + problems + clashes, files)


def _walk(
    sources: Sequence[Snapshot], includes_of: Callable[[Snapshot], tuple[Include, ...] | None]
) -> tuple[list[Snapshot], list[Problem]] | None:
    """Every file that ``sources`` name and include, in reading order (each once), and the
    problems of their includes; None as soon as ``includes_of`` knows no includes of a file."""
    from figcheck.claimsfile.joining import included_paths, real_path

    files: list[Snapshot] = []
    problems: list[Problem] = []
    seen: set[Path] = set()

    def visit(source: Snapshot, within: list[tuple[Path, str]]) -> bool:
        includes = includes_of(source)
        if includes is None:
            return False
        files.append(source)
        for include in includes:
            here = Location(source.path, include.line)
            paths, trouble = included_paths(include, source.path)
            if trouble is not None:
                problems.append(Problem(here, trouble))
            for path in paths:
                real = real_path(path)
                reals = [outer for outer, _ in within]
                if real in reals:
                    chain = " includes ".join(shown for _, shown in within[reals.index(real) :])
                    message = f"include cycle: {chain} includes {path}; an include leads back"
                    problems.append(Problem(here, message))
                    continue
                if real in seen:
                    continue
                seen.add(real)
                try:
                    child = snapshot(path)
                except UnusableFile as error:
                    problems.append(Problem(here, f"include '{include.pattern}': {error}"))
                    continue
                if not visit(child, [*within, (real, path)]):
                    return False
        return True

    for source in sources:
        real = source.real if source.real is not None else Path(source.path)
        if real in seen:
            continue
        seen.add(real)
        if not visit(source, [(real, source.path)]):
            return None
    return files, problems


def kept_report(
    sources: Sequence[Snapshot], cache: Cache, key: str
) -> tuple[Any, list[str]] | None:
    """The report kept under ``key`` for these files and those they include, when none of them
    changed (nor what their include patterns match) since it was kept; with the files read."""
    given = [source.real for source in sources if source.real is not None]
    record = None if len(given) < len(sources) else cache.files_record(given)
    if record is None or key not in record.reports:
        return None
    known = {(real, digest): includes for real, digest, includes in record.files}

    def includes_of(source: Snapshot) -> tuple[Include, ...] | None:
        return None if source.real is None else known.get((source.real, cache.digest(source.data)))

    walked = _walk(sources, includes_of)
    if walked is None or walked[1]:
        return None
    files = [(source.real, cache.digest(source.data)) for source in walked[0]]
    if files != [(real, digest) for real, digest, _ in record.files]:
        return None
    return record.reports[key], [source.path for source in walked[0]]


def keep_report(
    sources: Sequence[Snapshot], found: FilesRead, cache: Cache, key: str, report: Any
) -> None:
    """Keep a report computed from the files ``sources`` named (``found``, read clean) under
    ``key``, for :func:`kept_report`; nothing is kept when standard input is among them."""
    given = [source.real for source in sources if source.real is not None]
    files = [
        (source.real, cache.digest(source.data), reading.claims_file.includes)
        for source, reading in found.files
        if source.real is not None
    ]
    if len(given) == len(sources) and len(files) == len(found.files):
        cache.keep_files_report(given, files, key, report)


def load_files(
    sources: Sequence[Snapshot],
    cache: Cache | None = None,
    *,
    progress: Progress | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> FilesRead:
    """:func:`read_files` for files that must be clean: their first problem raises
    :class:`~figcheck.errors.UnusableFile`, counting the others."""
    found = read_files(sources, cache, progress=progress, meanwhile=meanwhile)
    if found.problems:
        raise _first_problem(found.problems)
    return found
