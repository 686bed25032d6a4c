"""One metric's verdict in plain Python: what ``add`` and ``rm`` print, without importing pandas.

A command that touches one metric needs that metric's verdict only; pandas alone takes longer to
import than the whole command otherwise runs. These are the rules of :mod:`figcheck.analysis`
(contract section 3) written claim by claim, with its choices where several claims tie, and a
property test keeps the two equal.
"""

from __future__ import annotations

import math
import statistics
from typing import Any

from figcheck.model import TABLE_COLUMNS, ClaimsFile, ClaimTable, Kind, Qualifier

Row = dict[str, Any]
_INF = math.inf
_STATUS_ORDER = {"divergent": 0, "consistent": 1, "single": 2}


def claim_rows(claims_file: ClaimsFile, metric: str | None = None) -> list[Row]:
    """The claims (of ``metric``, else all) as rows like :func:`analysis.claims_frame`'s: in the
    order (metric, date, id), each with its point value and interval ``lo``/``hi``."""
    table = ClaimTable.of(claims_file.claims, claims_file.path)
    columns = [table.columns[name] for name in TABLE_COLUMNS]
    chosen = range(len(table)) if metric is None else table.rows_where(metric=metric)
    rows = [
        with_interval(
            {name: column[row] for name, column in zip(TABLE_COLUMNS, columns, strict=True)},
            claims_file.settings.about,
        )
        for row in chosen
    ]
    rows.sort(key=lambda row: (row["metric"], row["date"], row["id"]))
    return rows


def with_interval(row: Row, about: float) -> Row:
    """The row with its point value and its interval ``[lo, hi]`` (contract section 2)."""
    value, low, high = row["value"], row["low"], row["high"]
    point = value if value is not None else (low + high) / 2
    derived = {
        Qualifier.EXACT: (point, point),
        Qualifier.ABOUT: (point * (1 - about), point * (1 + about)),
        Qualifier.AT_LEAST: (point, _INF),
        Qualifier.MORE_THAN: (point, _INF),
        Qualifier.AT_MOST: (0.0, point),
        Qualifier.UP_TO: (0.0, point),
        Qualifier.FEWER_THAN: (0.0, point),
        Qualifier.NEARLY: (point * (1 - about), point),
        Qualifier.RANGE: (low or 0.0, _INF if high is None else high),
    }[Qualifier(row["qualifier"])]
    lo = derived[0] if low is None else low
    hi = derived[1] if high is None else high
    return {**row, "point": point, "lo": float(lo), "hi": float(hi)}


def metric_verdict(claims_file: ClaimsFile, metric: str) -> tuple[list[Row], Row | None]:
    """One metric's claim rows and its verdict row (None when it has no claims), with the keys and
    values of a row of :func:`analysis.verdicts` (missing numbers are NaN)."""
    rows = claim_rows(claims_file, metric)
    if not rows:
        return rows, None
    kinds = {entry.name: entry.kind for entry in claims_file.metrics}
    tolerance = claims_file.settings.tolerance
    if kinds.get(metric) is Kind.CUMULATIVE:
        verdict = _cumulative(rows, tolerance)
    else:
        verdict = _level(rows, tolerance)
    points = [row["point"] for row in rows]
    verdict.update(
        metric=metric,
        claims=len(rows),
        sources=len({row["source"] for row in rows}),
        min=min(points),
        max=max(points),
        median=float(statistics.median(points)),
    )
    if len(rows) == 1:
        verdict.update(status="single", conflict_a=None, conflict_b=None)
    return rows, verdict


def _ratio(top: float, bottom: float) -> float:
    ok = math.isfinite(top) and math.isfinite(bottom) and bottom > 0
    return top / bottom if ok else math.nan


def _decided(
    low: float, high: float, divergent: bool, kind: Kind, pair: tuple[str, str], ratio: float
) -> Row:
    return {
        "kind": kind.value,
        "status": "divergent" if divergent else "consistent",
        "range_low": math.nan if divergent else (low if low <= high else high),
        "range_high": math.nan if divergent else (high if low <= high else low),
        "ratio": ratio,
        "conflict_a": pair[0] if divergent else None,
        "conflict_b": pair[1] if divergent else None,
    }


def _level(rows: list[Row], tolerance: float) -> Row:
    """All claims can hold at once when the largest lo is within the smallest hi."""
    highest = max(rows, key=lambda row: row["lo"])  # the first of equals, as pandas' idxmax
    lowest = min(rows, key=lambda row: row["hi"])
    largest_lo, smallest_hi = highest["lo"], lowest["hi"]
    divergent = largest_lo > smallest_hi * (1 + tolerance)
    pair = (highest["id"], lowest["id"])
    return _decided(
        largest_lo, smallest_hi, divergent, Kind.LEVEL, pair, _ratio(largest_lo, smallest_hi)
    )


def _cumulative(rows: list[Row], tolerance: float) -> Row:
    """A figure that may only grow: a later hi below an earlier lo contradicts. Day by day, the
    largest lo so far against the smallest hi from then on (see :func:`analysis._cumulative`)."""
    days: dict[str, list[Row]] = {}
    for row in rows:
        days.setdefault(row["date"], []).append(row)
    ordered = [days[date] for date in sorted(days)]

    def positive(row: Row) -> float:
        return row["hi"] if row["hi"] > 0 else _INF

    lo = [max(day, key=lambda row: row["lo"]) for day in ordered]
    hi = [min(day, key=lambda row: row["hi"]) for day in ordered]
    low_hi = [min(day, key=positive) for day in ordered]
    before = _running(lo, lambda row: row["lo"], forward=True)
    after = _running(hi, lambda row: row["hi"], forward=False)
    after_positive = _running(low_hi, positive, forward=False)
    best_rank, worst = -_INF, 0
    divergent = False
    for day in range(len(ordered)):
        (before_lo, _), (after_hi, _), (after_pos, _) = before[day], after[day], after_positive[day]
        unbounded = before_lo > 0 and after_hi == 0
        score = before_lo / after_pos if math.isfinite(after_pos) and not unbounded else math.nan
        rank = _INF if unbounded else (-1.0 if math.isnan(score) else score)
        if rank > best_rank:
            best_rank, worst = rank, day
        divergent |= before_lo > after_hi * (1 + tolerance)
    before_lo, before_id = before[worst]
    unbounded = before_lo > 0 and after[worst][0] == 0
    after_id = after[worst][1] if unbounded else after_positive[worst][1]
    after_pos = after_positive[worst][0]
    ratio = before_lo / after_pos if math.isfinite(after_pos) and not unbounded else math.nan
    last_lo, last_hi = before[-1][0], hi[-1]["hi"]
    return _decided(last_lo, last_hi, divergent, Kind.CUMULATIVE, (before_id, after_id), ratio)


def _running(rows: list[Row], bound: Any, *, forward: bool) -> list[tuple[float, str]]:
    """Day by day, the running max of ``bound`` over the days before (or, backwards, the running
    min over the days after), with the id of the claim that sets it (the latest of equals)."""
    result: list[tuple[float, str]] = []
    best: tuple[float, str] | None = None
    for row in rows if forward else reversed(rows):
        value = bound(row)
        if best is None or (value >= best[0] if forward else value <= best[0]):
            best = (value, row["id"])
        result.append(best)
    return result if forward else result[::-1]


def report_order(records: list[Row]) -> list[Row]:
    """Divergent first (highest ratio first, an unbounded one before any), then consistent, then
    single claims, each by metric name: the order of :func:`analysis.verdicts`."""

    def key(record: Row) -> tuple[int, float, str]:
        ratio = record["ratio"]
        if record["status"] != "divergent":
            ratio = 0.0
        elif ratio is None or math.isnan(ratio):
            ratio = _INF
        return (_STATUS_ORDER[record["status"]], -ratio, record["metric"])

    return sorted(records, key=key)


def with_verdict(records: list[Row], metric: str, record: Row | None) -> list[Row]:
    """Report records with one metric's record replaced (or removed), in the report's order."""
    kept = [row for row in records if row["metric"] != metric]
    return report_order(kept + ([record] if record else []))
