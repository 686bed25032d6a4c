"""One metric's verdict without pandas: what ``add`` and ``rm`` print.

A command that touches one metric needs that metric's verdict (and those of the relations it is in);
pandas alone takes longer to import than the whole command otherwise runs. The claims come from the
file's columns as rows like :func:`figcheck.analysis.claims_frame`'s, and the verdicts from
:mod:`figcheck.reconcile.reference`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from figcheck.model import ClaimsFile, ClaimTable, Kind, Qualifier
from figcheck.reconcile import reference
from figcheck.reconcile.rules import day_number, interval, point_value, source_key
from figcheck.reconcile.verdict import COLUMNS, Verdict, in_report_order

Row = dict[str, Any]
_FIELDS = ("id", "metric", "source", "date", "as_of", "value", "qualifier", "low", "high")


def claim_rows(claims_file: ClaimsFile, metrics: Iterable[str] | None = None) -> list[Row]:
    """The claims (of ``metrics``, else all) as rows in the order (metric, moment, id), each with
    its ``moment``, ``source_key``, ``order`` (place in the file), point value and interval."""
    table = ClaimTable.of(claims_file.claims, claims_file.path)
    columns = {name: table.columns[name] for name in (*_FIELDS, "unit", "text", "url", "note")}
    wanted = None if metrics is None else set(metrics)
    about = claims_file.settings.about
    registry = claims_file.source_keys()
    rows: list[Row] = []
    for order, metric in enumerate(columns["metric"]):
        if wanted is not None and metric not in wanted:
            continue
        row = {name: column[order] for name, column in columns.items()}
        value, low, high = row["value"], row["low"], row["high"]
        lo, hi = interval(Qualifier(row["qualifier"]), value, low, high, about)
        row.update(
            moment=row["as_of"] if row["as_of"] is not None else row["date"],
            source_key=source_key(row["source"], registry),
            order=order,
            point=point_value(value, low, high),
            lo=lo,
            hi=hi,
        )
        rows.append(row)
    rows.sort(key=lambda row: (row["metric"], row["moment"], row["id"]))
    return rows


def stated(rows: Iterable[Row]) -> dict[str, list[reference.Stated]]:
    """Claim rows as the rules see them, by metric."""
    by_metric: dict[str, list[reference.Stated]] = {}
    for row in rows:
        by_metric.setdefault(row["metric"], []).append(
            reference.Stated(
                row["id"],
                row["metric"],
                row["source"],
                row["source_key"],
                row["moment"],
                row["date"],
                row["order"],
                row["lo"],
                row["hi"],
                row["point"],
            )
        )
    return by_metric


def at(rows: list[Row], claims_file: ClaimsFile, as_of: str) -> list[Row]:
    """The rows that matter at a moment (the ``--as-of`` filter): for a level metric the claims
    in force then, for the others the claims about that moment or earlier."""
    kept = [row for row in rows if row["moment"] <= as_of]
    newest: dict[tuple[str, str], str] = {}
    for row in kept:
        key = (row["metric"], row["source_key"])
        newest[key] = max(newest.get(key, ""), row["moment"])
    day = day_number(as_of)

    def matters(row: Row) -> bool:
        if claims_file.kind_of(row["metric"]) is not Kind.LEVEL:
            return True
        fresh = day - day_number(row["moment"]) <= claims_file.window_of(row["metric"])
        return fresh and row["moment"] == newest[(row["metric"], row["source_key"])]

    return [row for row in kept if matters(row)]


def metric_report(
    claims_file: ClaimsFile, metric: str, *, as_of: str | None = None
) -> tuple[list[Row], list[Verdict]]:
    """The claim rows of ``metric`` and the verdicts of the metric and of each relation it is in
    (the metric's first, when it has claims), at ``as_of`` when given (``--as-of`` its day)."""
    relations = reference.related(claims_file, metric)
    names = {metric, *(name for r in relations for name in (r.whole, *r.parts))}
    rows = claim_rows(claims_file, names)
    if as_of is not None:
        rows = at(rows, claims_file, as_of)
    by_metric = stated(rows)
    tolerance = claims_file.settings.tolerance
    verdicts: list[Verdict] = []
    own = reference.metric_verdict(
        metric,
        claims_file.kind_of(metric),
        by_metric.get(metric, []),
        window=claims_file.window_of(metric),
        tolerance=tolerance,
    )
    if own is not None:
        verdicts.append(own)
    windows = {name: claims_file.window_of(name) for name in names}
    for relation in relations:
        kind = claims_file.kind_of(relation.whole)
        verdict = reference.relation_verdict(relation, kind, by_metric, windows, tolerance)
        if verdict is not None:
            verdicts.append(verdict)
    return [row for row in rows if row["metric"] == metric], verdicts


def with_verdicts(records: list[Row], metric: str, replaced: list[Row]) -> list[Row]:
    """Report records with those of one metric and its relations replaced, in the report's order."""
    names = {record["metric"] for record in replaced} | {metric}
    kept = [record for record in records if record["metric"] not in names]
    merged = kept + replaced
    order = in_report_order([_verdict(record) for record in merged])
    by_key = {(r["metric"], r["kind"]): r for r in merged}
    return [by_key[(v.metric, v.kind)] for v in order]


def _verdict(record: Row) -> Verdict:
    """A report record back as a verdict (enough of one to be ordered)."""
    fields = {name: record[name] for name in COLUMNS}  # a report record may have more keys
    return Verdict(**{**fields, "conflict": tuple(record["conflict"])})
