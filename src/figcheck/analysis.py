"""Every metric's verdict at once, on whole columns (contract sections 2 and 3).

One frame is built from the claims' column lists; intervals come from the rules of
:mod:`figcheck.reconcile.rules` applied to whole columns; then, per kind:

- **level**: a sweep over each metric's moments with no loop over claims. Each claim is in force
  over a run of its metric's moments: from its own moment until its source's next moment or until
  it is older than the window. The largest lo and smallest hi in force at every moment come from a
  segment tree over all moments (each claim's run written into O(log n) nodes, then pushed down),
  and the number of claims in force from a running sum.
- **cumulative**: for every claim B, the claim A with the largest lo at or before B's moment (B
  itself left out), from running minima of a rank; the pair with the largest ``lo(A)/hi(B)``.
- **fixed**: the largest lo against the smallest hi over all of a metric's claims.

Relations between metrics (parts and wholes) are few: each is computed by
:func:`figcheck.reconcile.reference.relation_verdict`. :mod:`figcheck.reconcile.reference` is also
the definition this module is tested against (tests/test_properties.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from figcheck.model import TABLE_COLUMNS, ClaimsFile, ClaimTable, Kind, Qualifier
from figcheck.reconcile import reference
from figcheck.reconcile.reference import declared_relations, related
from figcheck.reconcile.rules import day_number, derived_bounds, diverges, source_key
from figcheck.reconcile.verdict import Verdict, in_report_order

CLAIM_COLUMNS = TABLE_COLUMNS  # a claim frame starts with the claims' own columns
VERDICT_INPUT = ("id", "metric", "source", "date", "as_of", "value", "qualifier", "low", "high")
_NO_RANK = np.iinfo(np.int64).max


@dataclass(frozen=True, slots=True)
class Filters:
    """Which claims take part (contract section 3, filters): one metric or source, moments in a
    range, each source's latest only, the claims that matter at a moment (``as_of``).

    ``since`` and ``until`` are moments as ISO text; ``until`` of a whole day is that day's end.
    """

    metric: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    latest: bool = False
    as_of: str | None = None


def claims_frame(
    claims_file: ClaimsFile, filters: Filters = Filters(), columns: Sequence[str] = CLAIM_COLUMNS
) -> pd.DataFrame:
    """One row per claim, ordered by (metric, moment, id), with its interval ``lo``/``hi``, point
    value, ``moment``, ``source_key`` (who it is) and ``order`` (its place in the file); the
    ``columns`` of the claims beyond :data:`VERDICT_INPUT` (what verdicts need) are optional."""
    table = ClaimTable.of(claims_file.claims, claims_file.path).columns
    wanted = dict.fromkeys([*VERDICT_INPUT, *columns])
    frame = pd.DataFrame({name: table[name] for name in wanted})
    for name in ("value", "low", "high"):
        frame[name] = frame[name].astype("float64")
    frame["order"] = np.arange(len(frame))
    frame["moment"] = frame["as_of"].where(frame["as_of"].notna(), frame["date"])
    codes, uniques = pd.factorize(frame["source"])
    registry = claims_file.source_keys()
    keys = np.array([source_key(name, registry) for name in uniques], dtype=object)
    key_codes = pd.factorize(keys)[0]
    frame["source_key"] = keys[codes] if len(frame) else []
    frame["source_code"] = key_codes[codes] if len(frame) else np.zeros(0, dtype=np.int64)
    frame["metric_code"] = pd.factorize(frame["metric"], sort=True)[0]
    codes, uniques = pd.factorize(frame["moment"], sort=True)  # each distinct moment read once
    frame["moment_code"] = codes
    days = np.array([day_number(moment) for moment in uniques], dtype=np.int64)
    frame["day"] = days[codes] if len(frame) else np.zeros(0, dtype=np.int64)
    frame = _filtered(frame, filters, claims_file)
    frame = frame.sort_values(["metric", "moment", "id"], kind="stable", ignore_index=True)
    return with_intervals(frame, claims_file.settings.about)


def _filtered(frame: pd.DataFrame, filters: Filters, claims_file: ClaimsFile) -> pd.DataFrame:
    """The filters in the contract's order: metric, since/until, latest, as_of."""
    if filters == Filters():
        return frame
    keep = pd.Series(True, index=frame.index)
    if filters.metric is not None:
        keep &= frame["metric"] == filters.metric
    if filters.source is not None:
        keep &= frame["source_key"] == source_key(filters.source, claims_file.source_keys())
    if filters.since is not None:
        keep &= frame["moment"] >= filters.since
    if filters.until is not None:
        keep &= frame["moment"] <= filters.until
    frame = frame[keep]
    if filters.latest:
        frame = frame[_newest(frame)]
    if filters.as_of is not None:
        frame = frame[frame["moment"] <= filters.as_of]
        registered, own = claims_file.kinds(), claims_file.windows()
        names = frame["metric"].unique()
        kinds = {m: registered.get(m, Kind.LEVEL) is Kind.LEVEL for m in names}
        level = frame["metric"].map(kinds).astype(bool)
        windows = {m: own.get(m, claims_file.settings.window) for m in names}
        window = frame["metric"].map(windows).astype("int64")
        fresh = day_number(filters.as_of) - frame["day"] <= window
        frame = frame[~level | (_newest(frame) & fresh)]
    return frame


def _order_codes(texts: pd.Series) -> np.ndarray:
    """ISO texts (dates, moments) as integers that sort as they do: pandas aggregates integers in
    compiled code, but text one group at a time in Python."""
    return pd.factorize(texts, sort=True)[0]


def _newest(frame: pd.DataFrame) -> pd.Series:
    """Whether each claim is of its source's newest moment for its metric."""
    moment = frame["moment_code"]
    group = _one_key(frame["metric_code"], frame["source_code"])
    return moment == moment.groupby(group, sort=False).transform("max")


def _one_key(*codes: pd.Series) -> np.ndarray:
    """Several columns of small non-negative integer codes as one integer key per row."""
    key = np.zeros(len(codes[0]), dtype=np.int64)
    for column in codes:
        values = column.to_numpy(dtype=np.int64)
        key = key * (int(values.max(initial=0)) + 1) + values
    return key


def with_intervals(frame: pd.DataFrame, about: float) -> pd.DataFrame:
    """Add each claim's point value and its interval ``[lo, hi]`` (contract section 2)."""
    point = frame["value"].fillna((frame["low"] + frame["high"]) / 2).to_numpy()
    qualifier = frame["qualifier"].to_numpy()
    lo = np.zeros(len(frame))
    hi = np.full(len(frame), np.inf)
    for name in Qualifier:
        if name is Qualifier.RANGE:
            continue  # [0, inf): its low and high say
        chosen = qualifier == name.value
        if chosen.any():
            lo[chosen], hi[chosen] = derived_bounds(name, point[chosen], about)
    return frame.assign(
        point=point,
        lo=frame["low"].fillna(pd.Series(lo, index=frame.index)),
        hi=frame["high"].fillna(pd.Series(hi, index=frame.index)),
    )


# --- the verdicts ---------------------------------------------------------------------------------


def verdicts(
    frame: pd.DataFrame, claims_file: ClaimsFile, tolerance: float | None = None
) -> list[Verdict]:
    """The verdict of every metric with claims in ``frame`` (from :func:`claims_frame`), then of
    every declared relation one of whose metrics has claims, in the report's order."""
    slack = claims_file.settings.tolerance if tolerance is None else tolerance
    if frame.empty:
        return []
    frame = corrected(frame)
    registered = claims_file.kinds()
    kinds = {metric: registered.get(metric, Kind.LEVEL) for metric in frame["metric"].unique()}
    kind = frame["metric"].map(kinds)
    rows: list[Verdict] = []
    for chosen, engine in ((Kind.LEVEL, _level), (Kind.CUMULATIVE, _cumulative)):
        part = frame[(kind == chosen).to_numpy()]
        if not part.empty:
            rows.extend(engine(part.reset_index(drop=True), claims_file, slack))
    part = frame[(kind == Kind.FIXED).to_numpy()]
    if not part.empty:
        rows.extend(_fixed(part.reset_index(drop=True), slack))
    rows.extend(_relations(frame, claims_file, slack))
    return in_report_order(rows)


def corrected(frame: pd.DataFrame) -> pd.DataFrame:
    """Of one source's claims about one moment, those stated on the latest date."""
    group = pd.Series(
        _one_key(frame["metric_code"], frame["source_code"], frame["moment_code"]),
        index=frame.index,
    )
    shared = group.duplicated(keep=False)  # a source's several claims about one moment
    if not shared.any():
        return frame
    several = frame[shared.to_numpy()]
    stated = pd.Series(_order_codes(several["date"]), index=several.index)
    latest = stated.groupby(group[shared], sort=False).transform("max")
    kept = pd.Series(True, index=frame.index)
    kept[several.index] = stated == latest
    return frame if kept.all() else frame[kept].reset_index(drop=True)


@dataclass(frozen=True, slots=True)
class _Columns:
    """One kind's claims as numpy columns, ordered by (metric, moment, file order)."""

    metric: np.ndarray  # code of the metric, 0.. in name order
    names: np.ndarray  # metric name of each code
    moment: np.ndarray
    day: np.ndarray
    order: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    ids: np.ndarray
    frame: pd.DataFrame

    @classmethod
    def of(cls, frame: pd.DataFrame) -> _Columns:
        numbers, codes = np.unique(frame["metric_code"].to_numpy(), return_inverse=True)
        first = np.unique(codes, return_index=True)[1]
        names = frame["metric"].to_numpy(dtype=object)[first]
        del numbers
        moment = frame["moment_code"].to_numpy()
        ordered = np.lexsort((frame["order"].to_numpy(), moment, codes))
        frame = frame.iloc[ordered].reset_index(drop=True)
        return cls(
            codes[ordered].astype(np.int64),
            np.asarray(names, dtype=object),
            frame["moment"].to_numpy(dtype=object),
            frame["day"].to_numpy(dtype=np.int64),
            frame["order"].to_numpy(dtype=np.int64),
            frame["lo"].to_numpy(dtype=np.float64),
            frame["hi"].to_numpy(dtype=np.float64),
            frame["id"].to_numpy(dtype=object),
            frame,
        )

    def moment_rank(self) -> np.ndarray:
        """Each claim's moment as a number that sorts as the moments do."""
        return self.frame["moment_code"].to_numpy(dtype=np.int64)

    def rank_lo(self) -> np.ndarray:
        """0 for the claim with the largest lo, ties to the later moment, then the first listed."""
        return _rank(-self.lo, -self.moment_rank(), self.order)

    def rank_hi(self) -> np.ndarray:
        """0 for the claim with the smallest hi, ties to the later moment, then the first listed."""
        return _rank(self.hi, -self.moment_rank(), self.order)


def _rank(*keys: np.ndarray) -> np.ndarray:
    """Each row's place when sorted by the keys (the first key first)."""
    order = np.lexsort(keys[::-1])
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


def _segments(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of equal (sorted) codes starts, and where it ends (exclusive)."""
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    return starts, np.r_[starts[1:], len(codes)]


def _summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Per metric: claims, sources, min, max and median of the point values."""
    by_metric = frame.groupby("metric_code", sort=True)
    return pd.DataFrame(
        {
            "claims": by_metric.size(),
            "sources": by_metric["source_code"].nunique(),
            "min": by_metric["point"].min(),
            "max": by_metric["point"].max(),
            "median": by_metric["point"].median(),
        }
    )


def _rows(
    kind: Kind,
    columns: _Columns,
    status: np.ndarray,
    as_of: np.ndarray,
    bounds: tuple[np.ndarray, np.ndarray],
    ratio: np.ndarray,
    conflict: tuple[np.ndarray, np.ndarray],
    window: np.ndarray | None,
    uncompared: np.ndarray,
) -> list[Verdict]:
    """Verdict records from per-metric columns (indexed by metric code)."""
    summary = _summary(columns.frame)
    claims = summary["claims"].to_numpy()
    sources = summary["sources"].to_numpy()
    low, high, middle = (
        summary[name].to_numpy(dtype=np.float64) for name in ("min", "max", "median")
    )
    divergent = status == "divergent"
    range_low = np.where(divergent, np.nan, np.minimum(*bounds))
    range_high = np.where(divergent, np.nan, np.maximum(*bounds))
    ratio = np.where((status == "single") | ~np.isfinite(ratio), np.nan, ratio)
    windows = [None] * len(claims) if window is None else window.tolist()
    pairs = zip(conflict[0].tolist(), conflict[1].tolist(), strict=True)
    rows = zip(
        columns.names.tolist(),
        status.tolist(),
        claims.tolist(),
        sources.tolist(),
        low.tolist(),
        high.tolist(),
        middle.tolist(),
        range_low.tolist(),
        range_high.tolist(),
        ratio.tolist(),
        as_of.tolist(),
        windows,
        uncompared.tolist(),
        pairs,
        strict=True,
    )
    return [
        Verdict(
            metric=name,
            status=verdict,
            claims=count,
            sources=speakers,
            min=least,
            max=most,
            median=median,
            range_low=_none(bottom),
            range_high=_none(top),
            ratio=_none(times),
            kind=kind.value,
            conflict=pair if verdict == "divergent" else (),
            as_of=str(moment),
            window=days,
            uncompared=alone,
        )
        for (
            name,
            verdict,
            count,
            speakers,
            least,
            most,
            median,
            bottom,
            top,
            times,
            moment,
            days,
            alone,
            pair,
        ) in rows
    ]


def _none(value: float) -> float | None:
    """NaN (not applicable) as None."""
    return None if value != value else value


def _safe_ratio(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    ok = np.isfinite(top) & np.isfinite(bottom) & (bottom > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(ok, top / np.where(ok, bottom, 1.0), np.nan)


def _fixed(frame: pd.DataFrame, tolerance: float) -> list[Verdict]:
    """Every claim against every other: the largest lo against the smallest hi."""
    c = _Columns.of(frame)
    starts, _ = _segments(c.metric)
    by_lo, by_hi = np.argsort(c.rank_lo()), np.argsort(c.rank_hi())
    first_lo = pd.Series(c.metric[by_lo]).drop_duplicates().index.to_numpy()
    first_hi = pd.Series(c.metric[by_hi]).drop_duplicates().index.to_numpy()
    lo_claim = np.empty(len(starts), dtype=np.int64)
    hi_claim = np.empty(len(starts), dtype=np.int64)
    lo_claim[c.metric[by_lo[first_lo]]] = by_lo[first_lo]
    hi_claim[c.metric[by_hi[first_hi]]] = by_hi[first_hi]
    largest_lo, smallest_hi = c.lo[lo_claim], c.hi[hi_claim]
    counts = np.bincount(c.metric, minlength=len(starts))
    divergent = diverges(largest_lo, smallest_hi, tolerance)
    status = np.where(divergent, "divergent", np.where(counts > 1, "consistent", "single"))
    _, ends = _segments(c.metric)
    as_of = c.moment[ends - 1]  # the latest moment: claims are in order of their moments
    return _rows(
        Kind.FIXED,
        c,
        status,
        as_of,
        (largest_lo, smallest_hi),
        _safe_ratio(largest_lo, smallest_hi),
        (c.ids[lo_claim], c.ids[hi_claim]),
        None,
        np.where(counts > 1, 0, 1),
    )


def _level(frame: pd.DataFrame, claims_file: ClaimsFile, tolerance: float) -> list[Verdict]:
    """At each moment, the claims in force: per source its latest claims, within the window."""
    c = _Columns.of(frame)
    own, default = claims_file.windows(), claims_file.settings.window
    windows = np.array([own.get(str(name), default) for name in c.names], dtype=np.int64)
    # the metric's moments: one position per distinct (metric, moment), in order
    moment_code = c.moment_rank()
    new_moment = np.r_[
        True, (c.metric[1:] != c.metric[:-1]) | (moment_code[1:] != moment_code[:-1])
    ]
    position = np.cumsum(new_moment) - 1
    at = np.flatnonzero(new_moment)
    moment_metric, moment_day = c.metric[at], c.day[at]
    count = len(at)
    metric_start, metric_end = _segments(moment_metric)
    end_of_metric = metric_end[c.metric]
    # a claim leaves when its source states a figure about a later moment ...
    source = c.frame["source_code"].to_numpy()
    by_source = np.lexsort((position, source, c.metric))
    group = np.r_[
        True,
        (c.metric[by_source][1:] != c.metric[by_source][:-1])
        | (source[by_source][1:] != source[by_source][:-1]),
    ]
    run = np.r_[True, group[1:] | (position[by_source][1:] != position[by_source][:-1])]
    run_id = np.cumsum(run) - 1
    run_first = np.flatnonzero(run)
    run_position = position[by_source][run_first]
    same_group = np.r_[~group[run_first][1:], False]
    next_run = np.r_[run_position[1:], 0]
    next_moment = np.empty(len(c.ids), dtype=np.int64)
    next_moment[by_source] = np.where(same_group, next_run, end_of_metric[by_source][run_first])[
        run_id
    ]
    # ... or when it is older than the window: the first moment whose day is past it
    span = np.int64(1) << np.int64(40)
    key = moment_metric * span + moment_day
    wanted = c.metric * span + c.day + np.minimum(windows[c.metric], span // 2)
    stale = np.searchsorted(key, wanted, side="right")
    start, end = position, np.minimum(next_moment, stale)
    # how many claims are in force at each moment, and which claims ever had company
    held = np.zeros(count + 1, dtype=np.int64)
    np.add.at(held, start, 1)
    np.add.at(held, end, -1)
    held = np.cumsum(held)[:count]
    crowded = np.r_[0, np.cumsum(held > 1)]
    compared = crowded[end] - crowded[start] > 0
    # the largest lo and smallest hi in force at each moment, and the claims that set them
    rank_lo, rank_hi = c.rank_lo(), c.rank_hi()
    lo_claim = np.argsort(rank_lo)[_stabbed_min(count, start, end, rank_lo)]
    hi_claim = np.argsort(rank_hi)[_stabbed_min(count, start, end, rank_hi)]
    largest_lo, smallest_hi = c.lo[lo_claim], c.hi[hi_claim]
    divergent = diverges(largest_lo, smallest_hi, tolerance)
    positions = np.arange(count)
    last_divergent = np.maximum.reduceat(np.where(divergent, positions, -1), metric_start)
    as_of = np.where(last_divergent >= 0, last_divergent, metric_end - 1)
    crowd = np.maximum.reduceat(held, metric_start)
    status = np.where(last_divergent >= 0, "divergent", np.where(crowd > 1, "consistent", "single"))
    ratio = np.where(held[as_of] > 1, _safe_ratio(largest_lo[as_of], smallest_hi[as_of]), np.nan)
    alone = np.bincount(
        c.metric, weights=(~compared).astype(np.float64), minlength=len(metric_start)
    )
    return _rows(
        Kind.LEVEL,
        c,
        status,
        c.moment[at][as_of],
        (largest_lo[as_of], smallest_hi[as_of]),
        ratio,
        (c.ids[lo_claim[as_of]], c.ids[hi_claim[as_of]]),
        windows,
        alone.astype(np.int64),
    )


def _stabbed_min(size: int, start: np.ndarray, end: np.ndarray, value: np.ndarray) -> np.ndarray:
    """For each position ``0 <= p < size``, the smallest ``value`` of the runs ``start <= p <
    end`` that cover it (every position must be covered): a segment tree, each run written into
    the O(log size) nodes that make it up, then every node's value pushed down to its leaves."""
    leaves = 1 << max(0, (size - 1).bit_length())
    tree = np.full(2 * leaves, _NO_RANK, dtype=np.int64)
    left, right = start + leaves, end + leaves
    while True:
        active = left < right
        if not active.any():
            break
        odd = active & (left & 1 == 1)
        np.minimum.at(tree, left[odd], value[odd])
        left = left + odd
        odd = active & (right & 1 == 1)
        right = right - odd
        np.minimum.at(tree, right[odd], value[odd])
        left, right = left >> 1, right >> 1
    level = 1
    while level < leaves:
        parents = np.arange(level, 2 * level)
        tree[2 * parents] = np.minimum(tree[2 * parents], tree[parents])
        tree[2 * parents + 1] = np.minimum(tree[2 * parents + 1], tree[parents])
        level *= 2
    return tree[leaves : leaves + size]


def _cumulative(frame: pd.DataFrame, claims_file: ClaimsFile, tolerance: float) -> list[Verdict]:
    """A running total: for every claim B, the claim A (not B) with the largest lo at or before
    B's moment; divergent when some ``lo(A) > hi(B)·(1+t)``; the pair with the largest ratio."""
    del claims_file
    c = _Columns.of(frame)
    starts, ends = _segments(c.metric)
    moment_rank = c.moment_rank()
    # A's rank: the largest lo first, ties to the first listed
    rank = _rank(-c.lo, c.order)
    by_rank = np.argsort(rank)
    group = np.r_[True, (c.metric[1:] != c.metric[:-1]) | (moment_rank[1:] != moment_rank[:-1])]
    group_id = np.cumsum(group) - 1
    groups = pd.DataFrame({"group": group_id, "rank": rank, "metric": c.metric})
    ordered = groups.sort_values(["group", "rank"], kind="stable")
    place = ordered.groupby("group", sort=False).cumcount().to_numpy()
    first = np.full(group_id[-1] + 1, _NO_RANK, dtype=np.int64)
    second = np.full(group_id[-1] + 1, _NO_RANK, dtype=np.int64)
    first[ordered["group"].to_numpy()[place == 0]] = ordered["rank"].to_numpy()[place == 0]
    second[ordered["group"].to_numpy()[place == 1]] = ordered["rank"].to_numpy()[place == 1]
    # the best of the earlier moments of the same metric
    group_metric = c.metric[np.flatnonzero(group)]
    running = pd.Series(first).groupby(group_metric).cummin().to_numpy()
    earlier = np.r_[_NO_RANK, running[:-1]]
    earlier[np.r_[True, group_metric[1:] != group_metric[:-1]]] = _NO_RANK
    same = np.where(first[group_id] == rank, second[group_id], first[group_id])
    best = np.minimum(earlier[group_id], same)
    has_pair = best != _NO_RANK
    a = by_rank[np.where(has_pair, best, 0)]
    with np.errstate(divide="ignore", invalid="ignore"):
        score = np.where(
            c.hi == 0,
            np.where(c.lo[a] > 0, np.inf, np.nan),
            np.where(np.isfinite(c.hi), c.lo[a] / c.hi, np.nan),
        )
    score = np.where(has_pair, score, np.nan)
    # the pair with the largest score; ties to B's later moment, A listed first, B listed first
    pick = np.lexsort(
        (c.order, c.order[a], -moment_rank, -np.nan_to_num(score, nan=-1.0), c.metric)
    )
    first_of_metric = pick[np.r_[True, c.metric[pick][1:] != c.metric[pick][:-1]]]
    b = np.empty(len(starts), dtype=np.int64)
    b[c.metric[first_of_metric]] = first_of_metric
    top = score[b]
    crossed = has_pair & diverges(c.lo[a], c.hi, tolerance)  # as the contract multiplies
    divergent = np.bincount(c.metric, weights=crossed.astype(np.float64), minlength=len(starts)) > 0
    latest = moment_rank[ends - 1]  # claims are in order of their moments
    as_of = np.where(divergent, c.moment[b], c.moment[ends - 1])
    largest_lo = np.maximum.reduceat(c.lo, starts)
    at_latest = np.where(moment_rank == latest[c.metric], c.hi, np.inf)
    smallest_hi = np.minimum.reduceat(at_latest, starts)
    counts = ends - starts
    status = np.where(divergent, "divergent", np.where(counts > 1, "consistent", "single"))
    return _rows(
        Kind.CUMULATIVE,
        c,
        status,
        as_of,
        (largest_lo, smallest_hi),
        np.where(np.isfinite(top), top, np.nan),
        (c.ids[a[b]], c.ids[b]),
        None,
        np.where(counts > 1, 0, 1),
    )


def _relations(frame: pd.DataFrame, claims_file: ClaimsFile, tolerance: float) -> list[Verdict]:
    """One row per declared relation one of whose metrics has claims."""
    relations = declared_relations(claims_file)
    if not relations:
        return []
    involved = {name for relation in relations for name in (relation.whole, *relation.parts)}
    chosen = frame[frame["metric"].isin(involved)]
    from figcheck.reconcile.one_metric import stated

    by_metric = stated(chosen.to_dict("records"))  # type: ignore[arg-type]
    windows = {name: claims_file.window_of(name) for name in involved}
    rows = []
    for relation in relations:
        kind = claims_file.kind_of(relation.whole)
        verdict = reference.relation_verdict(relation, kind, by_metric, windows, tolerance)
        if verdict is not None:
            rows.append(verdict)
    return rows


def compare(claims_file: ClaimsFile, filters: Filters, tolerance: float | None) -> list[Verdict]:
    """The verdict of every metric with claims that pass the filters, and of the relations; with
    ``filters.metric``, that metric's row and the rows of every relation it is in."""
    return verdicts_of(
        claims_frame(claims_file, widened(claims_file, filters), VERDICT_INPUT),
        claims_file,
        filters,
        tolerance,
    )


def widened(claims_file: ClaimsFile, filters: Filters) -> Filters:
    """The filters, with ``metric`` left out when relations need the claims of other metrics
    (:func:`verdicts_of` then keeps the rows of that metric)."""
    if filters.metric is None or not related(claims_file, filters.metric):
        return filters
    return dataclasses.replace(filters, metric=None)


def verdicts_of(
    frame: pd.DataFrame, claims_file: ClaimsFile, filters: Filters, tolerance: float | None
) -> list[Verdict]:
    """:func:`verdicts` of a frame read with :func:`widened` filters: with ``filters.metric``,
    only the rows of that metric and of the relations it is in."""
    if filters.metric is None:
        return verdicts(frame, claims_file, tolerance)
    relations = related(claims_file, filters.metric)
    if relations:
        names = {filters.metric, *(n for r in relations for n in (r.whole, *r.parts))}
        frame = frame[frame["metric"].isin(names)]
    kept = {filters.metric, *(r.name for r in relations)}
    return [row for row in verdicts(frame, claims_file, tolerance) if row.metric in kept]
