"""Reconciling figures: each claim's interval and each metric's verdict (contract sections 2-3).

Everything here is whole-column pandas: one frame is built from column lists, then intervals
come from ``numpy.select`` over the qualifier column, and verdicts from ``groupby`` aggregates.
The cumulative rule is a sweep over dates: a running maximum of lower bounds against a reverse
running minimum of upper bounds, per metric.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from figcheck.model import TABLE_COLUMNS, VERDICT_COLUMNS, ClaimsFile, ClaimTable, Kind, Qualifier

CLAIM_COLUMNS = TABLE_COLUMNS  # a claim frame starts with the claims' own columns
_STATUS_ORDER = {"divergent": 0, "consistent": 1, "single": 2}


@dataclass(frozen=True, slots=True)
class Filters:
    """Which claims take part: one metric or source, a date window, each source's latest only."""

    metric: str | None = None
    source: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    latest: bool = False


VERDICT_INPUT = ("id", "metric", "source", "date", "value", "qualifier", "low", "high")


def claims_frame(
    claims_file: ClaimsFile, filters: Filters = Filters(), columns: Sequence[str] = CLAIM_COLUMNS
) -> pd.DataFrame:
    """One row per claim, in a stable order (metric, date, id), with its interval ``lo``/``hi``;
    ``columns`` of the claims beyond :data:`VERDICT_INPUT` (what verdicts need) are optional."""
    table = ClaimTable.of(claims_file.claims, claims_file.path).columns
    frame = pd.DataFrame({name: table[name] for name in columns})
    for name in ("value", "low", "high"):
        frame[name] = frame[name].astype("float64")
    frame = _filtered(frame, filters)
    frame = frame.sort_values(["metric", "date", "id"], kind="stable", ignore_index=True)
    return with_intervals(frame, claims_file.settings.about)


def _filtered(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    if filters == Filters():
        return frame
    keep = pd.Series(True, index=frame.index)
    if filters.metric is not None:
        keep &= frame["metric"] == filters.metric
    if filters.source is not None:
        keep &= frame["source"].str.casefold() == filters.source.casefold()
    if filters.since is not None:
        keep &= frame["date"] >= filters.since.isoformat()
    if filters.until is not None:
        keep &= frame["date"] <= filters.until.isoformat()
    frame = frame[keep]
    if filters.latest:
        newest = frame.groupby(["metric", "source"], sort=False)["date"].transform("max")
        frame = frame[frame["date"] == newest]
    return frame


def with_intervals(frame: pd.DataFrame, about: float) -> pd.DataFrame:
    """Add each claim's point value and its interval ``[lo, hi]`` (contract section 2)."""
    point = frame["value"].fillna((frame["low"] + frame["high"]) / 2)
    qualifier = frame["qualifier"]
    v = point.to_numpy()
    zero = np.zeros(len(frame))
    inf = np.full(len(frame), np.inf)
    exact, about_, open_above, from_zero, nearly, is_range = (
        qualifier.isin(names).to_numpy()
        for names in (
            [Qualifier.EXACT],
            [Qualifier.ABOUT],
            [Qualifier.AT_LEAST, Qualifier.MORE_THAN],
            [Qualifier.AT_MOST, Qualifier.UP_TO, Qualifier.FEWER_THAN],
            [Qualifier.NEARLY],
            [Qualifier.RANGE],
        )
    )
    cases = [exact, about_, open_above, from_zero, nearly, is_range]
    derived_lo = np.select(
        cases, [v, v * (1 - about), v, zero, v * (1 - about), frame["low"].fillna(0).to_numpy()]
    )
    derived_hi = np.select(
        cases, [v, v * (1 + about), inf, v, v, frame["high"].fillna(np.inf).to_numpy()]
    )
    return frame.assign(
        point=point,
        lo=frame["low"].fillna(pd.Series(derived_lo, index=frame.index)),
        hi=frame["high"].fillna(pd.Series(derived_hi, index=frame.index)),
    )


def verdicts(frame: pd.DataFrame, kinds: dict[str, Kind], tolerance: float) -> pd.DataFrame:
    """One row per metric: status, counts, spread, reconciled range, ratio and conflicting pair.

    ``frame`` comes from :func:`claims_frame`. Rows are ordered divergent first (highest ratio
    first, an unbounded ratio before any other), then consistent, then single claims, by name.
    """
    if frame.empty:
        return pd.DataFrame({name: [] for name in (*VERDICT_COLUMNS, "kind")})
    cumulative = [metric for metric, kind in kinds.items() if kind is Kind.CUMULATIVE]
    is_cumulative = frame["metric"].isin(cumulative)
    parts = [
        _level(frame[~is_cumulative], tolerance),
        _cumulative(frame[is_cumulative], tolerance),
    ]
    result = pd.concat([part for part in parts if not part.empty], ignore_index=True)
    by_metric = frame.groupby("metric", sort=False)
    summary = pd.DataFrame(
        {
            "claims": by_metric.size(),
            "sources": by_metric["source"].nunique(),
            "min": by_metric["point"].min(),
            "max": by_metric["point"].max(),
            "median": by_metric["point"].median(),
        }
    )
    result = result.join(summary, on="metric")
    result["status"] = result["status"].where(result["claims"] > 1, "single")
    single = result["status"] == "single"
    result.loc[single, ["conflict_a", "conflict_b"]] = None
    result = result.loc[_report_order(result)]
    return result[[*VERDICT_COLUMNS, "kind"]].reset_index(drop=True)


def _report_order(verdicts: pd.DataFrame) -> pd.Index:
    """Divergent first (highest ratio first, an unbounded one before any), then consistent, then
    single claims, each by metric name: the index of ``verdicts`` in that order."""
    keys = verdicts.assign(
        _order=verdicts["status"].map(_STATUS_ORDER),
        _ratio=verdicts["ratio"].fillna(np.inf).where(verdicts["status"] == "divergent", 0.0),
    )
    return keys.sort_values(["_order", "_ratio", "metric"], ascending=[True, False, True]).index


def _finite_ratio(top: pd.Series, bottom: pd.Series) -> pd.Series:
    ok = np.isfinite(top) & np.isfinite(bottom) & (bottom > 0)
    return (top / bottom.where(ok)).where(ok)


def _decided(
    low: pd.Series,
    high: pd.Series,
    divergent: pd.Series,
    kind: Kind,
    pair: tuple[pd.Series, pd.Series],
    ratio: pd.Series,
) -> pd.DataFrame:
    """Verdict rows from per-metric Series (indexed by metric): bounds, divergence, pair, ratio."""
    consistent = ~divergent
    return (
        pd.DataFrame(
            {
                "kind": kind.value,
                "status": divergent.map({True: "divergent", False: "consistent"}),
                "range_low": low.where(low <= high, high).where(consistent),
                "range_high": high.where(low <= high, low).where(consistent),
                "ratio": ratio,
                "conflict_a": pair[0].astype(object).where(divergent, None),
                "conflict_b": pair[1].astype(object).where(divergent, None),
            }
        )
        .rename_axis("metric")
        .reset_index()
    )


def _level(frame: pd.DataFrame, tolerance: float) -> pd.DataFrame:
    """Level metrics: all claims can hold at once when the largest lo is within the smallest hi."""
    if frame.empty:
        return pd.DataFrame()
    by_metric = frame.groupby("metric", sort=False)
    largest_lo = by_metric["lo"].max()
    smallest_hi = by_metric["hi"].min()
    divergent = largest_lo > smallest_hi * (1 + tolerance)
    ids = frame["id"]
    pair = (
        pd.Series(ids[by_metric["lo"].idxmax()].to_numpy(), index=largest_lo.index),
        pd.Series(ids[by_metric["hi"].idxmin()].to_numpy(), index=largest_lo.index),
    )
    ratio = _finite_ratio(largest_lo, smallest_hi)
    return _decided(largest_lo, smallest_hi, divergent, Kind.LEVEL, pair, ratio)


def _running(days: pd.DataFrame, column: str, *, forward: bool) -> tuple[pd.Series, pd.Series]:
    """Per metric, the running max of ``column`` over dates (or, backwards, the running min),
    with the id of the claim that sets it (``column + "_id"``)."""
    ordered = days if forward else days.iloc[::-1]
    by_metric = ordered.groupby("metric", sort=False)[column]
    bound = by_metric.cummax() if forward else by_metric.cummin()
    setter = ordered[f"{column}_id"].where(ordered[column] == bound)
    setter = setter.groupby(ordered["metric"], sort=False).ffill()
    return bound.sort_index(), setter.sort_index()


def _cumulative(frame: pd.DataFrame, tolerance: float) -> pd.DataFrame:
    """Cumulative metrics: a figure may only grow, so a later hi below an earlier lo contradicts.

    For each date: the largest lo on or before it (running max), the smallest hi on or after it
    (reverse running min). The metric diverges where the first exceeds the second. The ratio is
    the largest ``lo(A)/hi(B)`` with ``date(A) <= date(B)`` over pairs with a finite positive
    ``hi(B)`` (null when some ``lo(A) > 0 = hi(B)``: the ratio is unbounded); the conflict is
    that pair, and the reconciled range is the one at the last date.
    """
    if frame.empty:
        return pd.DataFrame()
    frame = frame.assign(positive_hi=frame["hi"].where(frame["hi"] > 0, np.inf))
    ids = frame["id"]
    by_day = frame.groupby(["metric", "date"], sort=True)
    days = pd.DataFrame(
        {
            "lo": by_day["lo"].max(),
            "lo_id": ids[by_day["lo"].idxmax()].to_numpy(),
            "hi": by_day["hi"].min(),
            "hi_id": ids[by_day["hi"].idxmin()].to_numpy(),
            "positive_hi": by_day["positive_hi"].min(),
            "positive_hi_id": ids[by_day["positive_hi"].idxmin()].to_numpy(),
        }
    ).reset_index()
    before_lo, before_id = _running(days, "lo", forward=True)
    after_hi, after_id = _running(days, "hi", forward=False)
    after_positive, after_positive_id = _running(days, "positive_hi", forward=False)
    unbounded = (before_lo > 0) & (after_hi == 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        score = (before_lo / after_positive).where(np.isfinite(after_positive) & ~unbounded)
    days = days.assign(
        before_lo=before_lo,
        before_id=before_id,
        after_id=after_id.where(unbounded, after_positive_id),
        score=score,
        rank=score.fillna(-1.0).mask(unbounded, np.inf),
        excess=before_lo > after_hi * (1 + tolerance),
    )
    per_metric = days.groupby("metric", sort=False)
    worst = days.loc[per_metric["rank"].idxmax()].set_index("metric")
    last = per_metric.tail(1).set_index("metric")
    divergent = per_metric["excess"].any()
    pair = (worst["before_id"], worst["after_id"])
    return _decided(last["before_lo"], last["hi"], divergent, Kind.CUMULATIVE, pair, worst["score"])


def compare(claims_file: ClaimsFile, filters: Filters, tolerance: float | None) -> pd.DataFrame:
    """The verdict of every metric with claims that pass the filters."""
    frame = claims_frame(claims_file, filters)
    kinds = {metric.name: metric.kind for metric in claims_file.metrics}
    slack = claims_file.settings.tolerance if tolerance is None else tolerance
    return verdicts(frame, kinds, slack)
