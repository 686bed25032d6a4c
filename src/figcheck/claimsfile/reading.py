"""Reading a claims file: the one way in.

:func:`read` gives what a file says and every problem in it; :func:`load` gives what a file that
must be clean says, and raises on its first problem. Both choose the quickest read that gives the
same answer (see :func:`read`); the modules beside this one are their engines, not used elsewhere.
:func:`read_files` and :func:`load_files` do the same for the files a command is given and those
they include, each file read as :func:`read` reads it, then joined.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from figcheck.claimsfile.cache import KEY, TAIL_KEPT, Cache, Entry, shown_as
from figcheck.claimsfile.full_reader import read_everything
from figcheck.claimsfile.line_breaks import newlines
from figcheck.claimsfile.locate import STDIN, Snapshot, snapshot
from figcheck.claimsfile.two_cores import (
    PARALLEL_BYTES,
    divide,
    read_appended_in_two,
    read_in_two,
    run_in_two,
)
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
    with _no_collector():
        return _read(source, cache, progress, meanwhile)


@contextlib.contextmanager
def _no_collector() -> Iterator[None]:
    """Millions of short-lived objects, no cycles: the collector only slows a read down."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _read(
    source: Snapshot,
    cache: Cache,
    progress: Progress | None,
    meanwhile: Callable[[], object] | None,
) -> FileRead:
    found = _kept(source, cache)
    if found is not None:
        return found
    found, entry = _parse(source, cache, progress, meanwhile)
    if source.real is not None and entry is not None:
        cache.keep(source.real, entry)
    return found


def _kept(source: Snapshot, cache: Cache) -> FileRead | None:
    """The file as the cache knows it (steps 1 and 2 of :func:`read`), or None."""
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
    return None


def _parse(
    source: Snapshot,
    cache: Cache,
    progress: Progress | None,
    meanwhile: Callable[[], object] | None,
) -> tuple[FileRead, Entry | None]:
    """The file parsed (steps 3 and 4 of :func:`read`), with the cache entry to keep for it
    (None when it is not to be kept)."""
    data, path = source.data, source.path
    clean = read_in_two(data, path, progress, meanwhile)  # 3. two-core (or one, when small)
    if clean is None:  # 4. cold, every problem
        claims_file, problems = read_everything(data, path)
        return FileRead(claims_file, problems, None), None
    found = FileRead(clean[0], [], clean[1])
    if source.real is None or cache.folder is None:
        return found, None
    return found, Entry(*KEY, len(data), cache.digest(data), clean[1], clean[0], newlines(data))


def _read_several(
    sources: Sequence[Snapshot],
    cache: Cache,
    progress: Progress | None,
    meanwhile: Callable[[], object] | None,
) -> list[FileRead]:
    """What each of ``sources`` says, each read as :func:`read` reads it. The files the cache
    does not know, each under 4 MB, are read in two processes when they are several and large
    together (:func:`~figcheck.claimsfile.two_cores.divide`): the same results, sooner; the
    other process sends each clean file's cache entry, pickled, to be kept here."""
    found: list[FileRead | None] = [_kept(source, cache) for source in sources]
    fresh = [at for at, known in enumerate(found) if known is None]
    fresh = [at for at in fresh if len(sources[at].data) < PARALLEL_BYTES]
    shared = divide([len(sources[at].data) for at in fresh])
    if shared is not None:
        mine, theirs = ([fresh[at] for at in part] for part in shared)

        def here() -> None:
            for at in mine:
                found[at] = _read(sources[at], cache, None, None)

        def there() -> list[tuple[FileRead | None, bytes | None]]:
            return [_sent(sources[at], cache) for at in theirs]

        _, sent = run_in_two(here, there, meanwhile)
        if sent is not None:  # else the other process died: its files are read below
            for at, (reading, pickled) in zip(theirs, sent, strict=True):
                found[at] = reading if pickled is None else _received(sources[at], cache, pickled)
    return [
        known if known is not None else _read(source, cache, progress, meanwhile)
        for source, known in zip(sources, found, strict=True)
    ]


def _sent(source: Snapshot, cache: Cache) -> tuple[FileRead | None, bytes | None]:
    """A file parsed in the other process, as it sends it: its cache entry pickled when there
    is one to keep, else what it says."""
    found, entry = _parse(source, cache, None, None)
    if entry is None:
        return found, None
    return None, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)


def _received(source: Snapshot, cache: Cache, pickled: bytes) -> FileRead:
    """A file's cache entry pickled by the other process: kept (as sent), and what it says."""
    entry: Entry = pickle.loads(pickled)
    if source.real is not None:
        cache.keep_pickled(source.real, entry, pickled)
    cache.remember(source.data, entry.digest)
    return FileRead(shown_as(entry.claims_file, source.path), [], entry.append_column)


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
    with _no_collector():
        return _read_files(sources, cache, progress, _once(meanwhile))


def _once(job: Callable[[], object] | None) -> Callable[[], object] | None:
    """``job``, run the first time it is called only."""
    if job is None:
        return None
    pending = [job]

    def run() -> object:
        return pending.pop()() if pending else None

    return run


def _read_files(
    sources: Sequence[Snapshot],
    cache: Cache,
    progress: Progress | None,
    meanwhile: Callable[[], object] | None,
) -> FilesRead:
    from figcheck.claimsfile.joining import included_paths, real_path

    if len(sources) == 1:
        only = _read(sources[0], cache, progress, meanwhile)
        if not only.claims_file.includes:
            claims_file, problems = _related_alone(only)
            return FilesRead(claims_file, problems, ((sources[0], only),))
        given = [only]
    else:
        given = _read_several(sources, cache, progress, meanwhile)
    known = {id(source): reading for source, reading in zip(sources, given, strict=True)}
    ready: dict[Path, tuple[Snapshot, FileRead]] = {}  # included files read ahead of the walk
    reached: set[Path] = {source.real for source in sources if source.real is not None}

    def read_ahead(source: Snapshot, reading: FileRead) -> None:
        """The files ``source`` includes, read together (on two cores when it is worth it)."""
        ahead: list[Snapshot] = []
        for include in reading.claims_file.includes:
            for path in included_paths(include, source.path)[0]:
                real = real_path(path)
                if real in reached or path == STDIN:
                    continue
                reached.add(real)
                try:
                    ahead.append(snapshot(path))
                except UnusableFile:  # the walk says so, at the include
                    continue
        readings = _read_several(ahead, cache, progress, meanwhile)
        for child, child_reading in zip(ahead, readings, strict=True):
            if child.real is not None:
                ready[child.real] = (child, child_reading)

    def opened(path: str) -> Snapshot:
        found = ready.get(real_path(path))
        return found[0] if found is not None and found[0].path == path else snapshot(path)

    order: list[FileRead] = []

    def reading_of(source: Snapshot) -> tuple[Include, ...]:
        reading = known.pop(id(source), None)
        if reading is None:
            found = ready.get(source.real) if source.real is not None else None
            if found is not None and found[0] is source:
                reading = found[1]
            else:
                reading = _read(source, cache, progress, meanwhile)
        order.append(reading)
        read_ahead(source, reading)
        return reading.claims_file.includes

    walked = _walk(sources, reading_of, opened)
    assert walked is not None  # reading_of always knows a file's includes
    snapshots, problems = walked
    from figcheck.claimsfile.joining import join

    everything = [problem for reading in order for problem in reading.problems]
    joined, clashes = join([reading.claims_file for reading in order], everything)
    files = tuple(zip(snapshots, order, strict=True))
    return FilesRead(joined, everything + problems + clashes, files)


def _related_alone(reading: FileRead) -> tuple[ClaimsFile, list[Problem]]:
    """A file read alone, with its parts and wholes checked as for files joined: a ``part_of``
    or ``parts`` naming no metric of it is a problem here (its own read leaves that to the
    files read with it)."""
    from figcheck.claimsfile.joining import related

    claims_file = reading.claims_file
    places = {
        entry.name: Location(claims_file.path, entry.line or 1) for entry in claims_file.metrics
    }
    metrics, more = related(claims_file.metrics, places, reading.problems)
    if not more:
        return claims_file, reading.problems
    problems = sorted([*reading.problems, *more], key=lambda problem: problem.location.line)
    return dataclasses.replace(claims_file, metrics=metrics), problems


def _walk(
    sources: Sequence[Snapshot],
    includes_of: Callable[[Snapshot], tuple[Include, ...] | None],
    opened: Callable[[str], Snapshot] = snapshot,
) -> tuple[list[Snapshot], list[Problem]] | None:
    """Every file that ``sources`` name and include, in reading order (each once), and the
    problems of their includes; None as soon as ``includes_of`` knows no includes of a file.
    ``opened`` gives an included file's bytes (by default, as read now)."""
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
                    child = opened(path)
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


def follow_report(
    given: Sequence[str],
    before: FilesRead,
    after: FilesRead,
    changed: Snapshot,
    cache: Cache,
    key: str,
    update: Callable[[Any], Any],
) -> None:
    """Carry the report kept under ``key`` for the files ``given`` (and those they include), as
    ``before`` read them, over to the files as ``after`` reads them: ``update`` makes the new
    report of the kept one. Only when the report was kept for exactly the files ``before``
    read, and ``after`` reads the same files with only ``changed``'s bytes different."""
    from figcheck.claimsfile.joining import real_path

    if STDIN in given:
        return
    reals = [real_path(path) for path in given]
    record = cache.files_record(reals)
    if record is None or key not in record.reports:
        return
    old, new = (
        [(source.real, cache.digest(source.data), found.claims_file.includes)
         for source, found in read.files if source.real is not None]
        for read in (before, after)
    )  # fmt: skip
    if len(old) != len(before.files) or len(new) != len(after.files):
        return
    if old != list(record.files) or [real for real, *_ in old] != [real for real, *_ in new]:
        return
    different = [real for (real, *was), (_, *now) in zip(old, new, strict=True) if was != now]
    if different == [changed.real]:
        cache.keep_files_report(reals, new, key, update(record.reports[key]))


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
