"""The cache of what claims files say, as an object a command creates once and hands down.

Reading YAML is most of the time a command takes on a large file, so what a clean file says is
kept in the user's cache folder (never beside the data, where a shared folder could plant one),
keyed by the file's real path and checked against its size and a hash of its bytes on every use:
never trusted over the file. Because ``add`` only appends, a file that grew is checked against the
hash of its first part, and only the appended text is read (:mod:`figcheck.claimsfile.reading`
decides which read it is; this module only keeps and finds entries).

A report (the compare verdicts, ready to print) is kept the same way, for the commands' default
options: a warm ``figcheck compare`` then needs neither the claims nor pandas.

What a :class:`Cache` remembers in memory (the entry it read or wrote last, the hashes of the bytes
it saw) lives as long as the object: one command's reads, its write and its read-back share it,
and nothing is left behind in the module for the next command.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from figcheck import __version__
from figcheck.claimsfile.locate import Snapshot
from figcheck.claimsfile.replace import replace_atomically
from figcheck.model import ClaimsFile, ClaimTable, Include

_CACHE_FORMAT = 8  # 6: the compare report names who disagrees (conflict_sources); 7: include:,
# and where settings and sources are written; 8: several files' report keeps the metrics whose
# claims are in different units
KEY = (_CACHE_FORMAT, __version__)

# A few appended claims are read on their own quickly, while rewriting the cache of a large file
# costs as much as an add: it is rewritten once the appended text passes this many bytes.
TAIL_KEPT = 256 * 1024


@dataclass(frozen=True, slots=True)
class Entry:
    """What a clean claims file of these bytes says."""

    format: int
    version: str
    size: int
    digest: bytes
    append_column: int | None  # where claims appended to the file go; None: read it all again
    claims_file: ClaimsFile
    breaks: int | None  # the file's "\n"s when they are its only line breaks, else None


def cache_folder() -> Path | None:
    """``$FIGCHECK_CACHE_DIR``, else the user cache folder; None when caching is off."""
    if os.environ.get("FIGCHECK_NO_CACHE"):
        return None
    chosen = os.environ.get("FIGCHECK_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "figcheck"


class Cache:
    """One command's cache: the folder it keeps entries in (None: caching is off) and what it
    remembers of them while the command runs."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._digests: list[tuple[bytes, bytes]] = []  # the last few (bytes, digest)
        self._entries: dict[Path, Entry] = {}  # each file's entry read or written last
        self._reports: dict[Path, dict[str, Any]] = {}  # the report cache read or written last

    @classmethod
    def for_user(cls) -> Cache:
        """The cache in the folder the environment names (see :func:`cache_folder`)."""
        return cls(cache_folder())

    def digest(self, data: bytes) -> bytes:
        """The SHA-256 of ``data``; bytes seen before are not hashed again."""
        for seen, digest in self._digests:
            if seen is data or seen == data:  # comparing bytes is many times faster than hashing
                return digest
        digest = hashlib.sha256(data).digest()  # the fastest strong hash here (CPU instructions)
        self._digests[:] = [(data, digest), *self._digests[:15]]  # a few files, each twice
        return digest

    def remember(self, data: bytes, digest: bytes) -> None:
        """Know ``data``'s SHA-256 without hashing it (computed by another process)."""
        self._digests[:] = [(data, digest), *self._digests[:15]]

    def _file(self, real: Path, suffix: str) -> Path | None:
        if self.folder is None:
            return None
        name = hashlib.blake2b(str(real).encode(), digest_size=12).hexdigest()
        return self.folder / f"{name}{suffix}"

    # --- what a clean file says ------------------------------------------------------------------

    def entry(self, real: Path) -> Entry | None:
        """The entry kept for the file at ``real`` (of whatever bytes it had then), or None."""
        cache = self._file(real, ".pickle")
        if cache is None:
            return None
        if cache in self._entries:
            return self._entries[cache]
        try:
            with cache.open("rb") as stream:
                entry = pickle.load(stream)
        except Exception:  # a missing, truncated or foreign cache is rebuilt, never an error
            return None
        if not isinstance(entry, Entry) or (entry.format, entry.version) != KEY:
            return None
        self._entries[cache] = entry
        return entry

    def keep(self, real: Path, entry: Entry, *, on_disk: bool = True) -> None:
        """Remember an entry for the rest of the command and, when ``on_disk``, in the folder."""
        cache = self._file(real, ".pickle")
        if cache is None:
            return
        self._entries[cache] = entry
        if on_disk:
            _dump(cache, entry)

    def keep_pickled(self, real: Path, entry: Entry, pickled: bytes) -> None:
        """:meth:`keep`, with the entry already pickled (by another process)."""
        cache = self._file(real, ".pickle")
        if cache is None:
            return
        self._entries[cache] = entry
        _write(cache, pickled)

    def grew(self, entry: Entry, data: bytes) -> bool:
        """Whether ``data`` is the entry's file with text appended after its last line break."""
        size = entry.size
        if len(data) <= size or data[size - 1 : size] != b"\n":
            return False
        for seen, digest in self._digests:  # the file as read before, still in memory: no hash
            if digest == entry.digest and len(seen) == size and data.startswith(seen):
                return True
        return hashlib.sha256(memoryview(data)[:size]).digest() == entry.digest

    # --- reports computed from a file -----------------------------------------------------------

    def _kept_reports(self, snap: Snapshot, cache: Path) -> dict[str, Any]:
        """The reports kept for exactly these bytes (none when the cache is missing or stale)."""
        kept = self._reports.get(cache)
        if kept is None:
            try:
                with cache.open("rb") as stream:
                    kept = pickle.load(stream)
            except Exception:  # missing or unreadable: computed again, never an error
                return {}
            if not isinstance(kept, dict) or not isinstance(kept.get("reports"), dict):
                return {}
            self._reports.clear()
            self._reports[cache] = kept
        return kept["reports"] if kept.get("key") == (*KEY, self.digest(snap.data)) else {}

    def report(self, snap: Snapshot, key: str) -> Any:
        """The report kept under ``key`` for exactly these bytes, or None."""
        cache = None if snap.real is None else self._file(snap.real, ".report.pickle")
        return None if cache is None else self._kept_reports(snap, cache).get(key)

    def keep_report(self, snap: Snapshot, key: str, report: Any) -> None:
        """Keep a report computed from these bytes under ``key`` (beside others for them)."""
        cache = None if snap.real is None else self._file(snap.real, ".report.pickle")
        if cache is None:
            return
        kept = {
            "key": (*KEY, self.digest(snap.data)),
            "reports": {**self._kept_reports(snap, cache), key: report},
        }
        self._reports.clear()
        self._reports[cache] = kept
        _dump(cache, kept)

    # --- reports computed from several files ----------------------------------------------------

    def _files_slot(self, given: Sequence[Path]) -> Path | None:
        return self._file(Path("\n".join(str(real) for real in given)), ".files.pickle")

    def files_record(self, given: Sequence[Path]) -> FilesRecord | None:
        """The reports kept for the files ``given`` (read in this order), or None; whether the
        files are still as they were is for the caller to check against the record."""
        cache = self._files_slot(given)
        if cache is None:
            return None
        try:
            with cache.open("rb") as stream:
                record = pickle.load(stream)
        except Exception:  # missing or unreadable: computed again, never an error
            return None
        if not isinstance(record, FilesRecord) or (record.format, record.version) != KEY:
            return None
        return record if record.given == tuple(given) else None

    def keep_files_report(
        self,
        given: Sequence[Path],
        files: Sequence[tuple[Path, bytes, tuple[Include, ...]]],
        key: str,
        report: Any,
    ) -> None:
        """Keep a report computed from these files under ``key`` (beside others kept for the
        files as they are)."""
        cache = self._files_slot(given)
        if cache is None:
            return
        kept = self.files_record(given)
        reports = dict(kept.reports) if kept is not None and kept.files == tuple(files) else {}
        reports[key] = report
        _dump(cache, FilesRecord(*KEY, tuple(given), tuple(files), reports))

    def update_report(
        self,
        before: Snapshot,
        after: Snapshot,
        key: str,
        metric: str,
        verdict: list[dict[str, Any]],
        says: dict[str, str],
        replace: Callable[[list[dict[str, Any]], str, list[dict[str, Any]]], list[dict[str, Any]]],
    ) -> None:
        """Carry the report kept for ``before`` over to ``after``, a file that differs from it by
        the claims of one metric, whose new verdicts (the metric's and its relations', and who
        said what in them) are given; ``replace`` puts them in their place among the others."""
        kept = self.report(before, key)
        if kept is None:
            return
        records, speakers = kept
        self.keep_report(after, key, (replace(records, metric, verdict), {**speakers, **says}))


@dataclass(frozen=True, slots=True)
class FilesRecord:
    """Reports computed from several claims files (those given, and those they include): each
    file as it was then (its real path, the hash of its bytes, what it includes), in reading
    order, and the reports by name."""

    format: int
    version: str
    given: tuple[Path, ...]
    files: tuple[tuple[Path, bytes, tuple[Include, ...]], ...]
    reports: dict[str, Any]


def _dump(cache: Path, value: object) -> None:
    """Write a cache file whole or not at all; a cache that cannot be written is simply not kept.
    (Not synced to disk: a cache lost in a crash is only read again.)"""
    _write(cache, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def _write(cache: Path, data: bytes) -> None:
    """Write a cache file of these bytes whole or not at all (see :func:`_dump`)."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(cache, data, mode=0o600, durable=False)
    except OSError:
        return


def shown_as(claims_file: ClaimsFile, path: str) -> ClaimsFile:
    """A cached file as this command names it (claims locations included)."""
    if claims_file.path == path:
        return claims_file
    table = ClaimTable.of(claims_file.claims, path)
    return dataclasses.replace(claims_file, path=path, claims=ClaimTable(table.columns, path))
