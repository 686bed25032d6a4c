"""The add and rm use cases: write the change, then the verdict of the claim's metric after it.

After an add, the cached compare report is brought up to date for that one metric, so the next
``compare`` need not redo every metric. Nothing here needs pandas, and nothing prints.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from figcheck.comparing import end_of, keep_warnings, mixed_units_of, report_key, sources_of

if TYPE_CHECKING:
    from figcheck.claimsfile.cache import Cache
    from figcheck.claimsfile.locate import Snapshot
    from figcheck.claimsfile.reading import FilesRead
    from figcheck.comparing import Speakers
    from figcheck.model import Claim, ClaimsFile

    Among = tuple[Sequence[str], ClaimsFile | None]  # the files to read, what the others say


@dataclass(frozen=True, slots=True)
class Change:
    """A claim added or removed, and its metric's verdict once the file has changed."""

    action: str  # "added" or "removed"
    claim: Claim  # as stored (or as it was before its removal)
    row: dict[str, Any]  # the claim's figure and interval
    verdict: dict[str, Any] | None  # the metric's report record; None when no claim is left
    rows: list[dict[str, Any]]  # the metric's claims, as the verdict sentence names them


def record(
    path: str,
    claim: Claim,
    *,
    force: bool = False,
    before: tuple[Snapshot, ClaimsFile] | None = None,
    speakers: Speakers | None = None,
    kind: str | None = None,
    cache: Cache | None = None,
    among: Among | None = None,
    files_before: FilesRead | None = None,
) -> Change:
    """Append ``claim`` to the claims file at ``path``; its metric's verdict at its moment.

    ``before`` (the file's snapshot and claims as read before) and ``speakers`` (how the compare
    report words who said what) let the cached compare report follow the file; for several
    files (``among``), ``files_before`` (the files as read before) does. ``kind``, for a
    claim that starts a new metric, declares the metric with that kind in the same write.
    ``cache``: the command's (one from the environment when not given). ``among``: when ``path``
    is read with other claims files, all the files to read (``path`` one of them), and what the
    others say; the verdict is then theirs together.
    """
    from figcheck.claimsfile.cache import Cache
    from figcheck.claimsfile.write import append_claim

    cache = Cache.for_user() if cache is None else cache
    others = None if among is None else among[1]
    stored = append_claim(path, claim, force=force, kind=kind, cache=cache, others=others)
    read_from = [path] if among is None else among[0]
    if among is not None and files_before is not None:
        return _after("added", stored, read_from, cache, None, speakers, (path, files_before))
    return _after("added", stored, read_from, cache, before, speakers)


def remove(
    path: str, claim_id: str, cache: Cache | None = None, read_from: Sequence[str] = ()
) -> Change:
    """Remove the claim ``claim_id`` from the claims file at ``path``; its metric's verdict
    (in ``read_from``, the files read with it, when given)."""
    from figcheck.claimsfile.cache import Cache
    from figcheck.claimsfile.write import remove_claim

    cache = Cache.for_user() if cache is None else cache
    removed = remove_claim(path, claim_id, cache=cache)
    return _after("removed", removed, read_from or [path], cache)


def _after(
    action: str,
    claim: Claim,
    read_from: Sequence[str],
    cache: Cache,
    before: tuple[Snapshot, ClaimsFile] | None = None,
    speakers: Speakers | None = None,
    files_before: tuple[str, FilesRead] | None = None,
) -> Change:
    from figcheck import report
    from figcheck.claimsfile.locate import snapshot
    from figcheck.claimsfile.reading import load_files
    from figcheck.model import ClaimTable
    from figcheck.reconcile import one_metric

    found = load_files([snapshot(path) for path in read_from], cache)
    claims_file = found.claims_file
    after = found.files[0][0]
    if len(found.files) > 1:
        before = None  # a compare report is kept only for one file that includes none
    moment = end_of(claim.moment) if action == "added" else None  # add: at the claim's moment
    rows, verdicts = one_metric.metric_report(claims_file, claim.metric, as_of=moment)
    row = one_metric.claim_rows(dataclasses.replace(claims_file, claims=(claim,)))[0]
    records = report.verdict_records(verdicts)
    verdict = records[0] if records and records[0]["metric"] == claim.metric else None
    if before is not None and speakers is not None and verdict is not None:
        snap, old = before
        expected = ClaimTable.of(old.claims, old.path).with_claim(claim)
        if dataclasses.replace(old, claims=expected) == claims_file:  # nothing else changed
            fresh, says = _fresh_verdicts(claims_file, claim.metric, speakers)
            cache.update_report(
                snap,
                after,
                report_key(latest=False),
                claim.metric,
                fresh,
                says,
                one_metric.with_verdicts,
            )
            keep_warnings(cache, after, claims_file)
    if files_before is not None and speakers is not None and verdict is not None:
        _follow_files_report(*files_before, found, claim, cache, speakers, read_from)
    return Change(action, claim, row, verdict, rows)


def _fresh_verdicts(
    claims_file: ClaimsFile, metric: str, speakers: Speakers
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The report records of a metric and its relations, as a compare gives them, with who
    said what in them."""
    from figcheck import report
    from figcheck.reconcile import one_metric

    fresh = report.verdict_records(one_metric.metric_report(claims_file, metric)[1])
    involved = one_metric.claim_rows(claims_file, _involved(claims_file, metric))
    report.name_conflicts(fresh, sources_of(involved, fresh))
    return fresh, speakers(involved, fresh)


def _follow_files_report(
    path: str,
    before: FilesRead,
    after: FilesRead,
    claim: Claim,
    cache: Cache,
    speakers: Speakers,
    given: Sequence[str],
) -> None:
    """Bring the compare report kept for several files up to date after ``claim`` was appended
    to ``path``, one of them, when nothing else changed: the same files, the others' bytes as
    they were, and ``path`` saying what it said with the claim after."""
    from figcheck.claimsfile.reading import follow_report
    from figcheck.model import ClaimTable
    from figcheck.reconcile import one_metric

    old, new = before.part(path), after.part(path)
    if old is None or new is None:
        return
    was, now = old[1].claims_file, new[1].claims_file
    expected = ClaimTable.of(was.claims, was.path).with_claim(claim)
    if dataclasses.replace(was, claims=expected) != now:
        return
    if dataclasses.replace(before.claims_file, claims=()) != dataclasses.replace(
        after.claims_file, claims=()
    ):
        return  # the registry or the settings changed
    fresh, says = _fresh_verdicts(after.claims_file, claim.metric, speakers)

    def updated(kept: tuple[list[dict[str, Any]], dict[str, str], float, object]) -> object:
        records, speakers_before, tolerance, _ = kept
        return (
            one_metric.with_verdicts(records, claim.metric, fresh),
            {**speakers_before, **says},
            tolerance,
            mixed_units_of(after.claims_file),
        )

    follow_report(given, before, after, new[0], cache, report_key(latest=False), updated)


def _involved(claims_file: ClaimsFile, metric: str) -> set[str]:
    """A metric and the metrics of every relation it is in."""
    from figcheck.reconcile.reference import related

    return {metric, *(name for r in related(claims_file, metric) for name in (r.whole, *r.parts))}
