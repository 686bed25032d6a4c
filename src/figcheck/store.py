"""Where the claims file is, and reading it whole.

Finding the file works like git finding ``.git``: ``data/claims.yaml`` in the current folder or the
nearest parent that has one, unless ``--file`` or ``$FIGCHECK_FILE`` says otherwise.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from figcheck import __version__
from figcheck.errors import UnusableFile
from figcheck.model import ClaimsFile, ClaimTable, Problem

DEFAULT_PATH = Path("data") / "claims.yaml"
Progress = Callable[[float], None]  # told the share of a file read so far
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


def check_file(path: str) -> tuple[ClaimsFile, list[Problem]]:
    """Read a claims file and every problem in it (``figcheck check``)."""
    real = None if path == STDIN else Path(os.path.realpath(path))
    return read_claims_cached(read_bytes(path), display_name(path), real)


# --- the cache ------------------------------------------------------------------------------------
#
# Reading YAML is most of the time a command takes on a large file, so what a clean file says is
# kept in the user's cache folder (never beside the data, where a shared folder could plant one),
# keyed by the file's real path and checked against its size and a hash of its bytes on every use:
# never trusted over the file. Because `add` only appends, a file that grew is checked against the
# hash of its first part, and only the appended text is read.

_CACHE_FORMAT = 5  # 5: figures beyond 10^15 are refused
_KEY = (_CACHE_FORMAT, __version__)


@dataclass(frozen=True, slots=True)
class _Entry:
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


_digests: list[tuple[bytes, bytes]] = []  # the last few (bytes, digest): a file is hashed once


def _digest(data: bytes) -> bytes:
    for seen, digest in _digests:
        if seen is data or seen == data:  # comparing bytes is many times faster than hashing
            return digest
    digest = hashlib.sha256(data).digest()  # the fastest strong hash here (CPU instructions)
    _digests[:] = [(data, digest), *_digests[:2]]
    return digest


def read_claims_cached(
    data: bytes,
    path: str,
    real: Path | None,
    progress: Progress | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[ClaimsFile, list[Problem]]:
    """What ``data`` (the file at ``real``, shown as ``path``) says, from the cache when it can;
    ``progress`` is told the share read now and then while a large file is read, and
    ``meanwhile`` is run while another core finishes reading one (to import what comes next)."""
    claims_file, problems, _ = read_for_append(data, path, real, progress, meanwhile)
    return claims_file, problems


def read_for_append(
    data: bytes,
    path: str,
    real: Path | None,
    progress: Progress | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[ClaimsFile, list[Problem], int | None]:
    """:func:`read_claims_cached`, with the column of the claims' ``-`` when a claim appended at
    the end of the file extends the claims list (None when that is not known)."""
    from figcheck import fastpath, parsing

    folder = cache_folder()
    if real is None or folder is None:
        return (*parsing.read_claims(data, path), None)
    cache = folder / (hashlib.blake2b(str(real).encode(), digest_size=12).hexdigest() + ".pickle")
    collecting = gc.isenabled()
    gc.disable()  # many objects, no cycles: the collector only slows reading down
    try:
        entry = _cached(cache)
        if entry is not None and entry.size == len(data) and entry.digest == _digest(data):
            return _shown_as(entry.claims_file, path), [], entry.append_column
        if (
            entry is not None
            and entry.append_column is not None
            and entry.breaks is not None
            and _grew(entry, data)
        ):
            tail = data[entry.size :]
            breaks = fastpath.line_breaks(tail)
            if breaks is not None:
                claims_file = _shown_as(entry.claims_file, path)
                first_line = entry.breaks + 1
                read = fastpath.read_appended(claims_file, tail, first_line, entry.append_column)
                if read is not None:
                    grown, column = read
                    entry = _Entry(
                        *_KEY, len(data), _digest(data), column, grown, entry.breaks + breaks
                    )
                    _store(cache, entry, keep=len(tail) > _TAIL_KEPT)
                    return grown, [], column
        clean = fastpath.read_clean_in_two(data, path, progress, meanwhile)
        if clean is None:
            return (*parsing.read_everything(data, path), None)
        entry = _Entry(
            *_KEY, len(data), _digest(data), clean[1], clean[0], fastpath.line_breaks(data)
        )
        _store(cache, entry)
        return clean[0], [], clean[1]
    finally:
        if collecting:
            gc.enable()


def _grew(entry: _Entry, data: bytes) -> bool:
    """Whether ``data`` is the cached file with text appended after its last line break."""
    size = entry.size
    if len(data) <= size or data[size - 1 : size] != b"\n":
        return False
    for seen, digest in _digests:  # the file as read before, still in memory: no hash needed
        if digest == entry.digest and len(seen) == size and data.startswith(seen):
            return True
    return hashlib.sha256(memoryview(data)[:size]).digest() == entry.digest


_last: dict[Path, _Entry] = {}  # the entry this process read or wrote last (re-checked each use)


def _cached(cache: Path) -> _Entry | None:
    if cache in _last:
        return _last[cache]
    try:
        with cache.open("rb") as stream:
            entry = pickle.load(stream)
    except Exception:  # a missing, truncated or foreign cache is rebuilt, never an error
        return None
    if not isinstance(entry, _Entry) or (entry.format, entry.version) != _KEY:
        return None
    _last.clear()
    _last[cache] = entry
    return entry


# A few appended claims are read on their own quickly, while rewriting the cache of a large file
# costs as much as an add: it is rewritten once the appended text passes this many bytes.
_TAIL_KEPT = 256 * 1024


def _store(cache: Path, entry: _Entry, *, keep: bool = True) -> None:
    """Remember an entry for the rest of this process and, when ``keep``, in the cache folder."""
    _last.clear()
    _last[cache] = entry
    if keep:
        _dump(cache, entry)


def _dump(cache: Path, value: object) -> None:
    """Write a cache file atomically; a cache that cannot be written is simply not kept."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, cache)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def _shown_as(claims_file: ClaimsFile, path: str) -> ClaimsFile:
    """The cached file as this command names it (claims locations included)."""
    if claims_file.path == path:
        return claims_file
    table = ClaimTable.of(claims_file.claims, path)
    return dataclasses.replace(claims_file, path=path, claims=ClaimTable(table.columns, path))


def load(
    path: str, progress: Progress | None = None, meanwhile: Callable[[], object] | None = None
) -> ClaimsFile:
    """Read a claims file that must be clean: the first problem is an error."""
    return load_snapshot(snapshot(path), progress, meanwhile)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A claims file's bytes as read once, with what names it: so that what is computed from
    them can be cached under their hash without reading the file a second time."""

    path: str  # as shown to the user
    real: Path | None  # None for standard input
    data: bytes

    @property
    def digest(self) -> bytes:
        return _digest(self.data)


def snapshot(path: str) -> Snapshot:
    real = None if path == STDIN else Path(os.path.realpath(path))
    return Snapshot(display_name(path), real, read_bytes(path))


def load_snapshot(
    snap: Snapshot, progress: Progress | None = None, meanwhile: Callable[[], object] | None = None
) -> ClaimsFile:
    """What the snapshot says; the first problem is an error (arguments: read_claims_cached)."""
    claims_file, problems = read_claims_cached(snap.data, snap.path, snap.real, progress, meanwhile)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise UnusableFile(f"{problems[0]}{more}; run 'figcheck check' to list every problem")
    return claims_file


# A report (the compare verdicts, ready to print) is cached the same way, for the commands' default
# options: a warm `figcheck compare` then needs neither the claims nor pandas.


def _report_cache(snap: Snapshot) -> Path | None:
    folder = cache_folder()
    if snap.real is None or folder is None:
        return None
    name = hashlib.blake2b(str(snap.real).encode(), digest_size=12).hexdigest()
    return folder / f"{name}.report.pickle"


def _kept_reports(snap: Snapshot, cache: Path) -> dict[str, Any]:
    """The reports kept for exactly these bytes (none when the cache is missing or stale)."""
    kept = _reports_read.get(cache)
    if kept is None:
        try:
            with cache.open("rb") as stream:
                kept = pickle.load(stream)
        except Exception:  # missing or unreadable: computed again, never an error
            return {}
        if not isinstance(kept, dict) or not isinstance(kept.get("reports"), dict):
            return {}
        _reports_read.clear()
        _reports_read[cache] = kept
    return kept["reports"] if kept.get("key") == (*_KEY, snap.digest) else {}


_reports_read: dict[Path, dict[str, Any]] = {}  # the report cache this process read or wrote last


def cached_report(snap: Snapshot, key: str) -> Any:
    """The report kept under ``key`` for exactly these bytes, or None."""
    cache = _report_cache(snap)
    return None if cache is None else _kept_reports(snap, cache).get(key)


def keep_report(snap: Snapshot, key: str, report: Any) -> None:
    """Keep a report computed from these bytes under ``key`` (beside others for the same bytes)."""
    cache = _report_cache(snap)
    if cache is None:
        return
    kept = {"key": (*_KEY, snap.digest), "reports": {**_kept_reports(snap, cache), key: report}}
    _reports_read.clear()
    _reports_read[cache] = kept
    _dump(cache, kept)


def update_report(
    before: Snapshot,
    after: Snapshot,
    key: str,
    metric: str,
    verdict: list[dict[str, Any]],
    says: dict[str, str],
    replace: Callable[[list[dict[str, Any]], str, list[dict[str, Any]]], list[dict[str, Any]]],
) -> None:
    """Carry the report kept for ``before`` over to ``after``, a file that differs from it by the
    claims of one metric, whose new verdicts (the metric's and its relations', and who said what
    in them) are given; ``replace`` puts them in their place among the others."""
    kept = cached_report(before, key)
    if kept is None:
        return
    records, speakers = kept
    keep_report(after, key, (replace(records, metric, verdict), {**speakers, **says}))
