"""Properties of the reconciliation core, checked against brute-force pairwise references.

A metric here is cumulative or fixed (the all-at-once rule); the level rule's properties, where
time matters, are in tests/test_engines.py."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from figcheck.analysis import Filters, claims_frame, compare
from figcheck.claimsfile.full_reader import claim_interval
from figcheck.model import Claim, ClaimsFile, Kind, Metric, Qualifier, Settings
from figcheck.reconcile import one_metric
from figcheck.reconcile.verdict import Verdict

INF = math.inf
DATES = [dt.date(2026, 1, day) for day in (1, 2, 3, 5)]
METRICS = ["m", "n"]
SOURCES = ["UN", "NGO", "State"]
OPEN = {Qualifier.AT_LEAST, Qualifier.MORE_THAN}
FROM_ZERO = {Qualifier.AT_MOST, Qualifier.UP_TO, Qualifier.FEWER_THAN}

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

numbers = st.one_of(
    st.integers(min_value=0, max_value=40).map(float),
    st.sampled_from([0.5, 2.5, 99.5, 1000.0]),
)


@st.composite
def claim_parts(draw: st.DrawFn, numbers: st.SearchStrategy[float] = numbers) -> dict[str, Any]:
    """The fields of one valid claim, without its id."""
    qualifier = draw(st.sampled_from(list(Qualifier)))
    parts: dict[str, Any] = {
        "metric": draw(st.sampled_from(METRICS)),
        "source": draw(st.sampled_from(SOURCES)),
        "date": draw(st.sampled_from(DATES)),
        "qualifier": qualifier,
    }
    if qualifier is Qualifier.RANGE:
        low, high = sorted((draw(numbers), draw(numbers)))
        parts.update(low=low, high=high, value=draw(st.sampled_from([None, low])))
        return parts
    parts["value"] = draw(numbers)
    override = draw(st.sampled_from(["none", "low", "high", "both"]))
    if override in ("low", "both"):
        parts["low"] = draw(numbers)
    if override in ("high", "both"):
        parts["high"] = draw(numbers)
    return parts


@dataclass(frozen=True)
class Case:
    """A claims file with its settings."""

    claims: tuple[Claim, ...]
    cumulative: frozenset[str]
    tolerance: float
    about: float

    def file(self, claims: Sequence[Claim] | None = None) -> ClaimsFile:
        return ClaimsFile(
            path="claims.yaml",
            claims=tuple(self.claims if claims is None else claims),
            metrics=tuple(
                Metric(name, kind=Kind.CUMULATIVE if name in self.cumulative else Kind.FIXED)
                for name in METRICS
            ),
            settings=Settings(tolerance=self.tolerance, about=self.about),
        )


def valid(claim: Claim, about: float) -> bool:
    lo, hi = claim_interval(claim, about)
    return lo <= hi


@st.composite
def cases(
    draw: st.DrawFn,
    min_claims: int = 1,
    max_claims: int = 8,
    numbers: st.SearchStrategy[float] = numbers,
) -> Case:
    about = draw(st.sampled_from([0.0, 0.1, 0.25]))
    tolerance = draw(st.sampled_from([0.0, 0.1, 0.5]))
    cumulative = frozenset(draw(st.sets(st.sampled_from(METRICS))))
    parts = draw(
        st.lists(
            claim_parts(numbers).filter(lambda p: valid(Claim(id="x", **p), about)),
            min_size=min_claims,
            max_size=max_claims,
        )
    )
    claims = tuple(Claim(id=f"c{i:02d}", **p) for i, p in enumerate(parts))
    return Case(claims, cumulative, tolerance, about)


# --- the brute-force reference -----------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    status: str
    ratio: float | None
    range: tuple[float, float] | None


def pair_ratio(lo: float, hi: float) -> float | None:
    """lo/hi where both are finite and hi is positive."""
    return lo / hi if math.isfinite(lo) and 0 < hi < INF else None


def reference(case: Case) -> dict[str, Expected]:
    """Contract section 3, pair by pair, one claim at a time."""
    expected: dict[str, Expected] = {}
    for metric in sorted({c.metric for c in case.claims}):
        claims = [c for c in case.claims if c.metric == metric]
        bounds = [claim_interval(c, case.about) for c in claims]
        t = case.tolerance
        if metric in case.cumulative:
            pairs = [
                (a, b)
                for (a, ca) in zip(bounds, claims, strict=True)
                for (b, cb) in zip(bounds, claims, strict=True)
                if ca is not cb and ca.date <= cb.date
            ]
            divergent = any(a[0] > b[1] * (1 + t) for a, b in pairs)
            if any(a[0] > 0 == b[1] for a, b in pairs):
                ratio = None
            else:
                finite = [r for a, b in pairs if (r := pair_ratio(a[0], b[1])) is not None]
                ratio = max(finite, default=None)
            last = max(c.date for c in claims)
            low = max(lo for lo, _ in bounds)
            high = min(hi for (_, hi), c in zip(bounds, claims, strict=True) if c.date == last)
        else:
            divergent = any(a[0] > b[1] * (1 + t) for a in bounds for b in bounds)
            low = max(lo for lo, _ in bounds)
            high = min(hi for _, hi in bounds)
            ratio = pair_ratio(low, high)
        status = "single" if len(claims) == 1 else "divergent" if divergent else "consistent"
        span = None if divergent else (min(low, high), max(low, high))
        expected[metric] = Expected(status, ratio, span)
    return expected


def row_of(verdict: Verdict) -> dict[str, Any]:
    """A verdict as a dict, with its conflict as ``conflict_a`` and ``conflict_b``."""
    row = verdict.record()
    ids = [*verdict.conflict, None, None]
    row["conflict_a"], row["conflict_b"] = ids[0], ids[1]
    return row


def rows_of(case: Case, claims: Sequence[Claim] | None = None) -> list[dict[str, Any]]:
    return [row_of(v) for v in compare(case.file(claims), Filters(), None)]


def rows_by_metric(case: Case, claims: Sequence[Claim] | None = None) -> dict[str, dict[str, Any]]:
    return {row["metric"]: row for row in rows_of(case, claims)}


def is_null(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# --- properties --------------------------------------------------------------------------------


@FAST
@given(cases())
def test_intervals_agree_with_claim_interval(case: Case) -> None:
    frame = claims_frame(case.file())
    got = {i: (lo, hi) for i, lo, hi in zip(frame["id"], frame["lo"], frame["hi"], strict=True)}
    assert got == {c.id: claim_interval(c, case.about) for c in case.claims}
    points = dict(zip(frame["id"], frame["point"], strict=True))
    assert points == {c.id: c.point for c in case.claims}


@FAST
@given(cases())
def test_verdicts_match_pairwise_reference(case: Case) -> None:
    rows = rows_by_metric(case)
    expected = reference(case)
    assert set(rows) == set(expected)
    for metric, want in expected.items():
        row = rows[metric]
        assert row["status"] == want.status, metric
        if want.status == "single":
            assert is_null(row["ratio"]), metric  # revision 2: no ratio without a second claim
        else:
            if want.ratio is None:
                assert is_null(row["ratio"]), metric
            else:
                assert row["ratio"] == pytest.approx(want.ratio), metric
        if want.range is None:
            assert is_null(row["range_low"]) and is_null(row["range_high"])
        else:
            assert (row["range_low"], row["range_high"]) == want.range


@FAST
@given(cases(min_claims=2))
def test_conflict_pair_sets_the_ratio(case: Case) -> None:
    bounds = {c.id: (c, claim_interval(c, case.about)) for c in case.claims}
    for metric, row in rows_by_metric(case).items():
        if row["status"] != "divergent":
            assert is_null(row["conflict_a"]) and is_null(row["conflict_b"])
            continue
        (a, (lo_a, _)), (b, (_, hi_b)) = bounds[row["conflict_a"]], bounds[row["conflict_b"]]
        assert a.metric == b.metric == metric
        assert lo_a > hi_b * (1 + case.tolerance)
        if metric in case.cumulative:
            assert a.date <= b.date
        else:
            claims = [bounds[c.id][1] for c in case.claims if c.metric == metric]
            assert lo_a == max(lo for lo, _ in claims)
            assert hi_b == min(hi for _, hi in claims)
        if is_null(row["ratio"]):
            assert hi_b == 0
        else:
            assert row["ratio"] == pytest.approx(lo_a / hi_b)


@FAST
@given(cases(), st.randoms(use_true_random=False))
def test_verdict_does_not_depend_on_claim_order(case: Case, random: Any) -> None:
    shuffled = list(case.claims)
    random.shuffle(shuffled)
    first = compare(case.file(), Filters(), None)
    second = compare(case.file(shuffled), Filters(), None)
    if all(len({c.id for c in case.claims if c.metric == v.metric}) < 2 for v in first):
        assert first == second
    for one, other in zip(first, second, strict=True):  # ties may name other claims
        assert (one.metric, one.status, one.ratio) == (other.metric, other.status, other.ratio)
        assert (one.range_low, one.range_high) == (other.range_low, other.range_high)


@FAST
@given(cases(), claim_parts())
def test_adding_a_claim_never_makes_a_divergent_fixed_metric_consistent(
    case: Case, parts: dict[str, Any]
) -> None:
    extra = Claim(id="extra", **parts)
    if not valid(extra, case.about):
        return
    before = rows_by_metric(case)
    after = rows_by_metric(case, [*case.claims, extra])
    for metric, row in before.items():
        if metric not in case.cumulative and row["status"] == "divergent":
            assert after[metric]["status"] == "divergent"


@FAST
@given(
    cases(),
    st.data(),
    st.sampled_from([0.0, 0.5, 0.9, 1.0]),
    st.sampled_from([0.0, 1.0, 10.0, INF]),
)
def test_widening_an_interval_never_makes_consistent_divergent(
    case: Case, data: st.DataObject, shrink: float, grow: float
) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(case.claims) - 1))
    target = case.claims[index]
    lo, hi = claim_interval(target, case.about)
    wider = replace(target, low=lo * shrink, high=hi + grow)
    claims = [*case.claims[:index], wider, *case.claims[index + 1 :]]
    before = rows_by_metric(case)
    after = rows_by_metric(case, claims)
    for metric, row in before.items():
        if row["status"] == "consistent":
            assert after[metric]["status"] == "consistent"


@st.composite
def rising_cases(draw: st.DrawFn) -> Case:
    """Cumulative claims around a running total that never falls."""
    about = draw(st.sampled_from([0.0, 0.1, 0.25]))
    steps = draw(st.lists(numbers, min_size=len(DATES), max_size=len(DATES)))
    totals = dict(zip(DATES, [sum(steps[: i + 1]) for i in range(len(steps))], strict=True))
    claims: list[Claim] = []
    for i in range(draw(st.integers(min_value=1, max_value=8))):
        date = draw(st.sampled_from(DATES))
        total = totals[date]
        qualifier = draw(st.sampled_from(list(Qualifier)))
        slack = draw(numbers)
        fields: dict[str, Any] = {"value": total}
        if qualifier in OPEN:
            fields["value"] = max(total - slack, 0.0)
        elif qualifier in FROM_ZERO:
            fields["value"] = total + slack
        elif qualifier is Qualifier.RANGE:
            fields = {"low": max(total - slack, 0.0), "high": total + draw(numbers)}
        source = draw(st.sampled_from(SOURCES))
        claims.append(Claim(f"c{i:02d}", "m", source, date, qualifier=qualifier, **fields))
    return Case(tuple(claims), frozenset({"m"}), 0.0, about)


@FAST
@given(rising_cases())
def test_rising_cumulative_claims_are_never_divergent(case: Case) -> None:
    assert rows_by_metric(case)["m"]["status"] in ("consistent", "single")


@FAST
@given(cases(), st.sampled_from(DATES), st.sampled_from(DATES))
def test_filters_match_a_plain_selection(case: Case, since: dt.date, until: dt.date) -> None:
    until_text = f"{until.isoformat()}T99"  # --until DAY covers the whole day
    filters = Filters(since=since.isoformat(), until=until_text, latest=True)
    window = [c for c in case.claims if since <= c.date <= until]
    newest = {(c.metric, c.source): c.date for c in sorted(window, key=lambda c: c.date)}
    kept = {c.id for c in window if c.date == newest[(c.metric, c.source)]}
    assert set(claims_frame(case.file(), filters)["id"]) == kept
    plain = Filters(since=since.isoformat(), until=until_text)
    assert set(claims_frame(case.file(), plain)["id"]) == {c.id for c in window}


@FAST
@given(cases())
def test_summary_columns(case: Case) -> None:
    for metric, row in rows_by_metric(case).items():
        claims = [c for c in case.claims if c.metric == metric]
        points = sorted(c.point for c in claims)
        assert row["claims"] == len(claims)
        assert row["sources"] == len({c.source for c in claims})
        assert (row["min"], row["max"]) == (points[0], points[-1])
        middle = len(points) // 2
        median = points[middle] if len(points) % 2 else (points[middle - 1] + points[middle]) / 2
        assert row["median"] == pytest.approx(median)


@FAST
@given(cases(min_claims=2, max_claims=12))
def test_report_order(case: Case) -> None:
    rows = rows_of(case)
    rank = {"divergent": 0, "consistent": 1, "single": 2}

    def key(row: dict[str, Any]) -> tuple[int, float, str]:
        ratio = INF if is_null(row["ratio"]) else row["ratio"]
        return (rank[row["status"]], -ratio if row["status"] == "divergent" else 0.0, row["metric"])

    assert [r["metric"] for r in rows] == [r["metric"] for r in sorted(rows, key=key)]


# --- the one-metric verdict (what add and rm print, without pandas) agrees with pandas --------


def same(a: object, b: object) -> bool:
    return (is_null(a) and is_null(b)) or a == b


few_numbers = st.sampled_from([0.0, 1.0, 2.0, 5.0])  # ties everywhere: who is named must agree


@settings(FAST, max_examples=600)
@given(st.one_of(cases(max_claims=12), cases(max_claims=12, numbers=few_numbers)))
def test_one_metric_verdict_equals_the_pandas_one(case: Case) -> None:
    claims_file = case.file()
    for metric, row in rows_by_metric(case).items():
        rows, (verdict, *relations) = one_metric.metric_report(claims_file, metric)
        assert relations == []
        assert row_of(verdict) == row
        ordered = sorted((c.date, c.id) for c in case.claims if c.metric == metric)
        assert [r["id"] for r in rows] == [claim_id for _, claim_id in ordered]
    assert one_metric.metric_report(claims_file, "nothing") == ([], [])


@FAST
@given(cases(max_claims=12))
def test_one_metric_claim_rows_equal_the_claims_frame(case: Case) -> None:
    frame: list[dict[str, Any]] = claims_frame(case.file()).to_dict("records")  # type: ignore[assignment]
    rows = one_metric.claim_rows(case.file())
    assert [r["id"] for r in rows] == [r["id"] for r in frame]
    for plain, row in zip(rows, frame, strict=True):
        for name in ("point", "lo", "hi", "source", "date", "qualifier", "moment", "order"):
            assert same(plain[name], row[name]), name


@FAST
@given(cases(max_claims=12), st.randoms(use_true_random=False))
def test_cached_report_order_is_the_report_order(case: Case, random: Any) -> None:
    from figcheck import report

    records = report.verdict_records(compare(case.file(), Filters(), None))
    if not records:
        return
    shuffled = list(records)
    random.shuffle(shuffled)
    first = shuffled[0]
    assert one_metric.with_verdicts(shuffled[1:], first["metric"], [first]) == records
