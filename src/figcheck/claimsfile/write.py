"""Writing a claims file: append claims, remove one, and never lose data doing it.

The new text is built by :mod:`figcheck.claimsfile.layout` (the file is never re-serialised, so
everything else survives byte for byte). Every write:

- holds an exclusive lock on ``.NAME.lock`` beside the data (not on the data file, which the rename
  replaces); the lock file is removed when the write is done, and the lock dies with its process, so
  a killed writer never blocks the next one;
- reads and checks the file under that lock, builds the new text, and reads the new text back
  with :func:`figcheck.claimsfile.reading.read`: it must be clean and hold exactly the old claims
  plus the new ones (or minus the removed one), with settings and registries unchanged; otherwise
  nothing is written;
- replaces the file through :func:`figcheck.claimsfile.replace.replace_atomically`, so a crash at
  any moment leaves the old file or the new one, never a mix. The file keeps its permission bits,
  and a claims file that is a symbolic link stays a link (its target is replaced).

Each takes the command's :class:`~figcheck.claimsfile.cache.Cache` (one from the environment when
not given), so that the reads before, under and after the lock share what it remembers.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import os
import stat
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from figcheck import metrics
from figcheck.claimsfile.cache import Cache
from figcheck.claimsfile.full_reader import CLAIM_KEYS, claim_interval
from figcheck.claimsfile.layout import (
    appended_claims_text,
    appended_text,
    declared_metric_text,
    removed_text,
)
from figcheck.claimsfile.locate import Snapshot, read_bytes
from figcheck.claimsfile.reading import read
from figcheck.claimsfile.refusals import (
    DuplicateClaim,
    FileBusy,
    InvalidResult,
    ProblemsInFile,
    UnknownClaim,
)
from figcheck.claimsfile.replace import replace_atomically, temp_name_pattern
from figcheck.errors import UnusableFile
from figcheck.model import (
    TABLE_COLUMNS,
    Claim,
    ClaimsFile,
    ClaimTable,
    Location,
    Problem,
    content_id,
    slugify,
)

LOCK_TIMEOUT = 30.0
"""Seconds a write waits for another writer to finish before giving up."""

_CLOEXEC: int = getattr(os, "O_CLOEXEC", 0)


# --- checks ---------------------------------------------------------------------------------------


def _normalised(
    claim: Claim, claims_file: ClaimsFile, names: dict[str, str] | None = None
) -> Claim:
    """The claim as the reader would give it back: metric resolved, text fields stripped.
    ``names``: the file's metric names, when they are already at hand."""
    slug = slugify(claim.metric)
    known = claims_file.metric_names() if names is None else names
    changes: dict[str, Any] = {"metric": known.get(slug, slug)}
    for key in ("id", "source", "unit", "text", "url", "note"):
        value = getattr(claim, key)
        if isinstance(value, str):
            optional = key not in ("id", "source")
            changes[key] = (value.strip() or None) if optional else value.strip()
    normal = dataclasses.replace(claim, **changes)
    if not normal.id:
        normal = dataclasses.replace(normal, id=content_id(normal))
    return normal


def _registry_metric(claims_file: ClaimsFile, slug: str) -> str:
    """The registry metric a slug names (itself or through an alias), else the slug itself."""
    return claims_file.metric_names().get(slug, slug)


def find_duplicate(claims_file: ClaimsFile, claim: Claim) -> Claim | None:
    """An existing claim with the same metric, source, date, moment and interval, if any."""
    about = claims_file.settings.about
    metric = _registry_metric(claims_file, slugify(claim.metric))
    wanted = _recorded_key(dataclasses.replace(claim, metric=metric), about)
    table = ClaimTable.of(claims_file.claims, claims_file.path)
    for row in table.rows_where(metric=metric, date=claim.date.isoformat()):
        existing = table[row]
        if _recorded_key(existing, about) == wanted:
            return existing
    return None


def _recorded_key(claim: Claim, about: float) -> tuple[Any, ...]:
    """What makes two claims (their metrics resolved) the same claim recorded twice: metric,
    source, date, moment and interval."""
    source = claim.source.strip().casefold()
    interval = claim_interval(claim, about)
    return (claim.metric, source, claim.date.isoformat(), claim.moment, interval)


def new_claims(
    claims_file: ClaimsFile, claims: Sequence[Claim], *, as_read: bool = False
) -> tuple[list[Claim], int]:
    """``claims`` as they would be stored (see :func:`append_claim`), less those already recorded
    in the file or earlier in ``claims``: the new ones, and how many were left out.
    ``as_read``: the claims were read by the reader with this file's registry (already in the form
    it gives back)."""
    about = claims_file.settings.about
    names = claims_file.metric_names()
    wanted = list(claims) if as_read else [_normalised(c, claims_file, names) for c in claims]
    moments = {(claim.metric, claim.date.isoformat()) for claim in wanted}
    table = ClaimTable.of(claims_file.claims, claims_file.path)
    columns = table.columns
    seen = {
        _recorded_key(table[row], about)
        for row, moment in enumerate(zip(columns["metric"], columns["date"], strict=True))
        if moment in moments
    }
    fresh: list[Claim] = []
    for claim in wanted:
        key = _recorded_key(claim, about)
        if key not in seen:
            seen.add(key)
            fresh.append(claim)
    return fresh, len(wanted) - len(fresh)


def _differences(expected: Claim, stored: Claim) -> str:
    changed = [
        f"{key} {getattr(expected, key)!r} would be read back as {getattr(stored, key)!r}"
        for key in ("id", *CLAIM_KEYS[1:])
        if getattr(expected, key) != getattr(stored, key)
    ]
    return "; ".join(changed)


def _check_result(
    data: bytes, path: str, target: Path, expected: ClaimsFile, cache: Cache
) -> ClaimsFile:
    """Read the new file's bytes back: they must be clean and hold exactly ``expected``."""
    reading = read(Snapshot(path, target, data), cache)
    result, problems = reading.claims_file, reading.problems
    if problems:
        raise InvalidResult(problems)
    if result == expected:
        return result
    line = 1
    message = "the write would change the file in a way that was not asked for"
    if result.claims[:-1] == expected.claims[:-1] and len(result.claims) == len(expected.claims):
        stored = result.claims[-1]
        line = stored.location.line if stored.location else line
        message = "the claim cannot be stored as given: " + _differences(
            expected.claims[-1], stored
        )
    raise InvalidResult([Problem(Location(path, line), message)])


def _refuse_taken_ids(claims: Sequence[Claim], others: ClaimsFile | None, path: str) -> None:
    """Refuse claims whose id a claim of another file read with this one already has."""
    if others is None:
        return
    table = ClaimTable.of(others.claims, others.path)
    taken = {claim_id: row for row, claim_id in enumerate(table.columns["id"])}
    for claim in claims:
        if claim.id in taken:
            there = table[taken[claim.id]].location
            message = f"id {claim.id} is already the id of the claim at {there}"
            raise InvalidResult([Problem(Location(path, 1), message)])


# --- the safe write -------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(target: Path, timeout: float) -> Iterator[None]:
    """Hold the exclusive lock for ``target``: ``.NAME.lock`` in its folder."""
    lock_path = target.with_name(f".{target.name}.lock")
    if sys.platform == "win32":  # pragma: no cover - no fcntl there
        import filelock

        try:
            with filelock.FileLock(str(lock_path), timeout=timeout):
                yield
        except filelock.Timeout:
            raise _busy(target, lock_path, timeout) from None
        return
    import fcntl

    deadline = time.monotonic() + timeout
    pause = 0.001
    while True:
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | _CLOEXEC, 0o666)
        except OSError as error:
            raise UnusableFile(f"{target}: cannot lock: {error.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() > deadline:
                raise _busy(target, lock_path, timeout) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.005)
            continue
        # The previous holder unlinks the lock file as it lets go: make sure this is still it.
        try:
            current = os.stat(lock_path)
        except FileNotFoundError:
            os.close(fd)
            continue
        mine = os.fstat(fd)
        if (current.st_dev, current.st_ino) == (mine.st_dev, mine.st_ino):
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(lock_path)
        os.close(fd)


def _busy(target: Path, lock_path: Path, timeout: float) -> FileBusy:
    return FileBusy(
        f"{target}: another figcheck has been writing it for {timeout:g} s "
        f"(lock {lock_path}); try again"
    )


def _remove_stale_temps(target: Path) -> None:
    """Delete temporary files left by writers that were killed. Only called under the lock."""
    pattern = temp_name_pattern(target)
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if pattern.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


@dataclass(frozen=True, slots=True)
class _Current:
    """The file as it is under the lock: its text, what it says, and its status."""

    text: str
    claims_file: ClaimsFile
    status: os.stat_result
    append_column: int | None  # where the claims' "-" goes, when the reader knows it


def _read_current(target: Path, path: str, cache: Cache) -> _Current:
    data = read_bytes(path)
    try:
        status = os.stat(target)
    except OSError as error:
        raise UnusableFile(f"{path}: cannot read: {error.strerror}") from None
    if not os.access(target, os.W_OK):
        raise UnusableFile(f"{path}: the file is read-only; nothing was written")
    reading = read(Snapshot(path, target, data), cache)
    if reading.problems:
        raise ProblemsInFile(reading.problems)
    return _Current(data.decode("utf-8"), reading.claims_file, status, reading.append_column)


def _with_metric(
    current: _Current, metric: str, kind: str, path: str, target: Path, cache: Cache
) -> _Current:
    """The file as it would be with ``metric`` declared as ``kind``: read back, it must be clean,
    hold the same claims and declare the metric so."""
    text = declared_metric_text(current.text, metric, kind, path)
    reading = read(Snapshot(path, target, text.encode("utf-8")), cache)
    claims_file, problems = reading.claims_file, reading.problems
    if problems:
        raise InvalidResult(problems)
    old = current.claims_file
    declared = metrics.is_new(old, metric) and not metrics.is_new(claims_file, metric)
    if (
        not declared
        or claims_file.kind_of(metric) != kind
        or len(claims_file.claims) != len(old.claims)
    ):
        raise InvalidResult(
            [Problem(Location(path, 1), f"the metric {metric} cannot be declared as {kind} here")]
        )
    return _Current(text, claims_file, current.status, None)


def _write(target: Path, path: str, data: bytes, old: os.stat_result) -> None:
    try:
        _remove_stale_temps(target)
        replace_atomically(
            target, data, mode=stat.S_IMODE(old.st_mode), owner=(old.st_uid, old.st_gid)
        )
    except OSError as error:
        raise UnusableFile(f"{path}: cannot write: {error.strerror}") from None


def _target(path: str) -> Path:
    """The real file behind ``path``: a symbolic link is followed, so the link stays a link."""
    return Path(os.path.realpath(path))


def write_file(path: str, data: bytes) -> None:
    """Make the existing file at ``path`` hold ``data``, whole or not at all (a synced temporary
    file renamed over it; a link stays a link, the permission bits stay)."""
    target = _target(path)
    try:
        status = os.stat(target)
    except OSError as error:
        raise UnusableFile(f"{path}: cannot read: {error.strerror}") from None
    _write(target, path, data, status)


def append_claim(
    path: str,
    claim: Claim,
    *,
    force: bool = False,
    timeout: float = LOCK_TIMEOUT,
    kind: str | None = None,
    cache: Cache | None = None,
    others: ClaimsFile | None = None,
) -> Claim:
    """Append ``claim`` to the claims file at ``path``; the claim as stored (with its location).

    The claim is first put in the form the reader gives back (metric resolved through the registry,
    text stripped, the content id when it has none). Refused, with the file untouched, when the file
    has problems (:class:`ProblemsInFile`), its layout does not allow a clean append
    (:class:`UnsupportedLayout`), the same claim is recorded (:class:`DuplicateClaim`, unless
    ``force``), or the result would not read back cleanly as the old claims plus this one
    (:class:`InvalidResult`, e.g. an id already in use).

    ``kind``, for a claim that starts a new metric, declares that metric under ``metrics:`` with
    this kind in the same write. ``others``: the claims of the other files read with this one
    (and their registry); the claim must not repeat one of them, nor take one's id.
    """
    target = _target(path)
    cache = Cache.for_user() if cache is None else cache
    with _locked(target, timeout):
        current = _read_current(target, path, cache)
        if kind is not None and metrics.is_new(
            current.claims_file, _normalised(claim, current.claims_file).metric
        ):
            current = _with_metric(current, claim.metric, kind, path, target, cache)
        stored = _normalised(claim, current.claims_file)
        if not force:
            for among in (current.claims_file, others):
                duplicate = None if among is None else find_duplicate(among, stored)
                if duplicate is not None:
                    raise DuplicateClaim(duplicate)
        _refuse_taken_ids([stored], others, path)
        data = appended_text(
            current.text, stored, path, current.append_column, current.claims_file
        ).encode("utf-8")
        table = ClaimTable.of(current.claims_file.claims, path)
        expected = dataclasses.replace(current.claims_file, claims=table.with_claim(stored))
        result = _check_result(data, path, target, expected, cache)
        _write(target, path, data, current.status)
    return result.claims[-1]


def append_claims(
    path: str,
    claims: Sequence[Claim],
    *,
    as_read: bool = False,
    timeout: float = LOCK_TIMEOUT,
    cache: Cache | None = None,
    others: ClaimsFile | None = None,
) -> tuple[list[Claim], int]:
    """Append ``claims`` in one write, leaving out those already recorded (see
    :func:`new_claims`): the claims as stored, and how many were left out.

    Refused, with the file untouched, as :func:`append_claim` is (but a claim already recorded,
    here or in ``others``, is left out, not refused).
    """
    target = _target(path)
    cache = Cache.for_user() if cache is None else cache
    with _locked(target, timeout):
        current = _read_current(target, path, cache)
        fresh, recorded = new_claims(current.claims_file, claims, as_read=as_read)
        if others is not None and fresh:
            fresh, elsewhere = new_claims(others, fresh, as_read=True)
            recorded += elsewhere
            _refuse_taken_ids(fresh, others, path)
        if not fresh:
            return [], recorded
        data = appended_claims_text(
            current.text, fresh, path, current.append_column, current.claims_file
        ).encode("utf-8")
        old = ClaimTable.of(current.claims_file.claims, path).columns
        new = ClaimTable.of(fresh, path).columns
        table = ClaimTable({name: old[name] + new[name] for name in TABLE_COLUMNS}, path)
        expected = dataclasses.replace(current.claims_file, claims=table)
        result = _check_result(data, path, target, expected, cache)
        _write(target, path, data, current.status)
    return list(result.claims[len(old["id"]) :]), recorded


def remove_claim(
    path: str, claim_id: str, *, timeout: float = LOCK_TIMEOUT, cache: Cache | None = None
) -> Claim:
    """Remove the claim with id ``claim_id`` from the claims file at ``path``; the removed claim.

    Refused, with the file untouched, when no claim has that id (:class:`UnknownClaim`), the file
    has problems (:class:`ProblemsInFile`), the claims are in flow style
    (:class:`UnsupportedLayout`), or the result would not be the other claims unchanged
    (:class:`InvalidResult`).
    """
    target = _target(path)
    cache = Cache.for_user() if cache is None else cache
    with _locked(target, timeout):
        current = _read_current(target, path, cache)
        claims = current.claims_file.claims
        ids = ClaimTable.of(claims, path).columns["id"]
        wanted = claim_id.strip()
        if wanted not in ids:
            raise UnknownClaim(_unknown_message(path, wanted, ids))
        index = ids.index(wanted)
        data = removed_text(current.text, index, path).encode("utf-8")
        table = ClaimTable.of(claims, path)
        expected = dataclasses.replace(current.claims_file, claims=table.without(index))
        _check_result(data, path, target, expected, cache)
        _write(target, path, data, current.status)
    return claims[index]


def _unknown_message(path: str, claim_id: str, ids: list[str]) -> str:
    starting = [known for known in ids if claim_id and known.startswith(claim_id)]
    close = starting or difflib.get_close_matches(claim_id, ids, n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(close[:3])}?)" if close else ""
    return f"{path}: no claim has id '{claim_id}'{hint}; 'figcheck list' shows the ids"
