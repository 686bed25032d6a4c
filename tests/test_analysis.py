"""The reconciliation core (contract sections 2-3), tested without the CLI."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
import pytest

from figcheck.analysis import (
    CLAIM_COLUMNS,
    Filters,
    claims_frame,
    compare,
    verdicts,
    with_intervals,
)
from figcheck.model import Claim, ClaimsFile, Kind, Metric, Qualifier, Settings
from figcheck.reconcile.verdict import COLUMNS, Verdict

INF = math.inf
D1 = dt.date(2026, 1, 1)
D2 = dt.date(2026, 1, 2)
D3 = dt.date(2026, 1, 3)

_counter = iter(range(10**9))


def claim(
    value: float | None = None,
    qualifier: Qualifier = Qualifier.EXACT,
    *,
    metric: str = "m",
    source: str = "S",
    date: dt.date = D1,
    low: float | None = None,
    high: float | None = None,
    id: str | None = None,
) -> Claim:
    """A claim with a fresh id unless one is given."""
    return Claim(
        id=id if id is not None else f"c{next(_counter):04d}",
        metric=metric,
        source=source,
        date=date,
        value=value,
        qualifier=qualifier,
        low=low,
        high=high,
    )


def claims_file(
    *claims: Claim,
    cumulative: tuple[str, ...] = (),
    tolerance: float = 0.10,
    about: float = 0.10,
) -> ClaimsFile:
    return ClaimsFile(
        path="claims.yaml",
        claims=claims,
        metrics=tuple(Metric(name, kind=Kind.CUMULATIVE) for name in cumulative),
        settings=Settings(tolerance=tolerance, about=about),
    )


def interval(c: Claim, about: float = 0.10) -> tuple[float, float]:
    frame = claims_frame(claims_file(c, about=about))
    return float(frame["lo"].iloc[0]), float(frame["hi"].iloc[0])


def verdict_rows(
    *claims: Claim,
    cumulative: tuple[str, ...] = (),
    tolerance: float | None = None,
    filters: Filters | None = None,
) -> list[dict[str, Any]]:
    file = claims_file(*claims, cumulative=cumulative)
    return [row_of(v) for v in compare(file, filters or Filters(), tolerance)]


def row_of(verdict: Verdict) -> dict[str, Any]:
    """A verdict as a dict, with its conflict as ``conflict_a`` and ``conflict_b``."""
    row = verdict.record()
    ids = [*verdict.conflict, None, None]
    row["conflict_a"], row["conflict_b"] = ids[0], ids[1]
    return row


def verdict(
    *claims: Claim, cumulative: bool = False, tolerance: float | None = None
) -> dict[str, Any]:
    rows = verdict_rows(*claims, cumulative=("m",) if cumulative else (), tolerance=tolerance)
    assert len(rows) == 1
    return rows[0]


def is_null(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# --- intervals (section 2) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        (Qualifier.EXACT, (50.0, 50.0)),
        (Qualifier.ABOUT, (45.0, 55.0)),
        (Qualifier.AT_LEAST, (50.0, INF)),
        (Qualifier.MORE_THAN, (50.0, INF)),
        (Qualifier.AT_MOST, (0.0, 50.0)),
        (Qualifier.UP_TO, (0.0, 50.0)),
        (Qualifier.FEWER_THAN, (0.0, 50.0)),
        (Qualifier.NEARLY, (45.0, 50.0)),
    ],
)
def test_interval_of_each_qualifier(qualifier: Qualifier, expected: tuple[float, float]) -> None:
    assert interval(claim(50, qualifier)) == pytest.approx(expected)


def test_range_interval_is_low_to_high() -> None:
    assert interval(claim(low=40, high=60, qualifier=Qualifier.RANGE)) == (40.0, 60.0)


def test_range_with_value_keeps_low_high_interval() -> None:
    # vague words: value is the conservative lower bound, the interval is low..high
    assert interval(claim(200, Qualifier.RANGE, low=200, high=999)) == (200.0, 999.0)


@pytest.mark.parametrize(
    ("qualifier", "low", "high", "expected"),
    [
        (Qualifier.ABOUT, 48.0, None, (48.0, 55.0)),
        (Qualifier.ABOUT, None, 52.0, (45.0, 52.0)),
        (Qualifier.AT_LEAST, None, 80.0, (50.0, 80.0)),
        (Qualifier.MORE_THAN, 51.0, None, (51.0, INF)),
        (Qualifier.UP_TO, 10.0, None, (10.0, 50.0)),
        (Qualifier.EXACT, 49.0, 51.0, (49.0, 51.0)),
        (Qualifier.NEARLY, 40.0, None, (40.0, 50.0)),
    ],
)
def test_explicit_low_high_override_derived_bounds(
    qualifier: Qualifier, low: float | None, high: float | None, expected: tuple[float, float]
) -> None:
    assert interval(claim(50, qualifier, low=low, high=high)) == pytest.approx(expected)


def test_settings_about_sets_width_of_about_and_nearly() -> None:
    assert interval(claim(100, Qualifier.ABOUT), about=0.25) == pytest.approx((75.0, 125.0))
    assert interval(claim(100, Qualifier.NEARLY), about=0.25) == pytest.approx((75.0, 100.0))
    assert interval(claim(100, Qualifier.EXACT), about=0.25) == (100.0, 100.0)


def test_point_is_value_or_midpoint() -> None:
    frame = claims_frame(
        claims_file(
            claim(10, id="a"),
            claim(low=40, high=60, qualifier=Qualifier.RANGE, id="b"),
            claim(200, Qualifier.RANGE, low=200, high=999, id="c"),
        )
    )
    assert dict(zip(frame["id"], frame["point"], strict=True)) == {"a": 10, "b": 50, "c": 200}


def test_with_intervals_on_plain_frame() -> None:
    frame = pd.DataFrame(
        {
            "value": [10.0, 10.0, float("nan")],
            "qualifier": ["about", "up_to", "range"],
            "low": [float("nan"), float("nan"), 1.0],
            "high": [float("nan"), float("nan"), 3.0],
        }
    )
    out = with_intervals(frame, 0.5)
    assert out["lo"].tolist() == [5.0, 0.0, 1.0]
    assert out["hi"].tolist() == [15.0, 10.0, 3.0]
    assert out["point"].tolist() == [10.0, 10.0, 2.0]
    assert "lo" not in frame.columns  # returns a new frame


def test_claims_frame_columns_and_order() -> None:
    frame = claims_frame(
        claims_file(
            claim(1, metric="b", date=D1, id="z"),
            claim(1, metric="a", date=D2, id="y"),
            claim(1, metric="a", date=D1, id="x2"),
            claim(1, metric="a", date=D1, id="x1"),
        )
    )
    assert set(CLAIM_COLUMNS) <= set(frame.columns)
    assert {"lo", "hi", "point"} <= set(frame.columns)
    assert frame["id"].tolist() == ["x1", "x2", "y", "z"]
    assert frame.index.tolist() == [0, 1, 2, 3]


# --- level verdicts ----------------------------------------------------------------------------


def test_level_consistent_reconciled_range() -> None:
    row = verdict(
        claim(50, Qualifier.AT_LEAST), claim(80, Qualifier.UP_TO), claim(60, Qualifier.ABOUT)
    )
    assert row["status"] == "consistent"
    assert row["kind"] == "level"
    assert (row["range_low"], row["range_high"]) == pytest.approx((54.0, 66.0))
    assert row["ratio"] == pytest.approx(54 / 66)
    assert is_null(row["conflict_a"]) and is_null(row["conflict_b"])


def test_level_within_tolerance_is_consistent_with_swapped_range() -> None:
    # L = 105 > H = 100, but 105 <= 100 * 1.1
    row = verdict(claim(105, id="a"), claim(100, id="b"))
    assert row["status"] == "consistent"
    assert (row["range_low"], row["range_high"]) == (100.0, 105.0)
    assert row["ratio"] == pytest.approx(1.05)


def test_level_tolerance_boundary_is_inclusive() -> None:
    assert verdict(claim(125), claim(100), tolerance=0.25)["status"] == "consistent"
    assert verdict(claim(126), claim(100), tolerance=0.25)["status"] == "divergent"


def test_level_divergent_ratio_and_pair() -> None:
    row = verdict(
        claim(200, Qualifier.MORE_THAN, id="hi_lo"),
        claim(100, Qualifier.FEWER_THAN, id="lo_hi"),
        claim(150, id="mid"),
    )
    assert row["status"] == "divergent"
    assert row["ratio"] == pytest.approx(2.0)
    assert (row["conflict_a"], row["conflict_b"]) == ("hi_lo", "lo_hi")
    assert is_null(row["range_low"]) and is_null(row["range_high"])


def test_level_zero_upper_bound_gives_null_ratio() -> None:
    row = verdict(claim(0, id="none"), claim(5, id="five"))
    assert row["status"] == "divergent"
    assert is_null(row["ratio"])
    assert (row["conflict_a"], row["conflict_b"]) == ("five", "none")


def test_level_all_zero_is_consistent() -> None:
    row = verdict(claim(0), claim(0, Qualifier.UP_TO))
    assert row["status"] == "consistent"
    assert (row["range_low"], row["range_high"]) == (0.0, 0.0)
    assert is_null(row["ratio"])


def test_level_open_upper_bounds() -> None:
    row = verdict(claim(50, Qualifier.AT_LEAST), claim(80, Qualifier.MORE_THAN))
    assert row["status"] == "consistent"
    assert (row["range_low"], row["range_high"]) == (80.0, INF)
    assert is_null(row["ratio"])


def test_level_tolerance_from_settings_and_override() -> None:
    file = claims_file(claim(115), claim(100), tolerance=0.2)
    assert [v.status for v in compare(file, Filters(), None)] == ["consistent"]
    assert [v.status for v in compare(file, Filters(), 0.1)] == ["divergent"]


# --- cumulative verdicts -----------------------------------------------------------------------


def test_cumulative_rising_toll_is_consistent() -> None:
    row = verdict(
        claim(100, date=D1),
        claim(200, date=D2),
        claim(300, Qualifier.ABOUT, date=D3),
        cumulative=True,
    )
    assert row["status"] == "consistent"
    assert row["kind"] == "cumulative"
    # range at the latest date: lo = max(100, 200, 270), hi = 330
    assert (row["range_low"], row["range_high"]) == pytest.approx((270.0, 330.0))


def test_same_rising_toll_is_divergent_only_as_fixed() -> None:
    # revision 2: a level metric holds a source's figures of different days apart (its newer
    # figure replaces the older); the old all-at-once rule is the kind fixed
    rising = (claim(100, date=D1, id="d1"), claim(200, date=D2, id="d2"))
    assert verdict(*rising)["status"] == "single"
    file = ClaimsFile("c.yaml", rising, (Metric("m", kind=Kind.FIXED),))
    (row,) = compare(file, Filters(), None)
    assert (row.status, row.conflict) == ("divergent", ("d2", "d1"))


def test_cumulative_later_figure_below_earlier_lower_bound_is_divergent() -> None:
    row = verdict(
        claim(500, Qualifier.AT_LEAST, date=D1, id="early"),
        claim(300, date=D2, id="late"),
        cumulative=True,
    )
    assert row["status"] == "divergent"
    assert row["ratio"] == pytest.approx(500 / 300)
    assert (row["conflict_a"], row["conflict_b"]) == ("early", "late")
    assert is_null(row["range_low"]) and is_null(row["range_high"])


def test_cumulative_earlier_upper_bound_does_not_limit_later() -> None:
    row = verdict(
        claim(100, Qualifier.UP_TO, date=D1),
        claim(500, Qualifier.AT_LEAST, date=D2),
        cumulative=True,
    )
    assert row["status"] == "consistent"
    assert (row["range_low"], row["range_high"]) == (500.0, INF)


def test_cumulative_same_date_claims_must_agree() -> None:
    row = verdict(claim(100, date=D1, id="a"), claim(200, date=D1, id="b"), cumulative=True)
    assert row["status"] == "divergent"
    assert (row["conflict_a"], row["conflict_b"]) == ("b", "a")
    assert row["ratio"] == pytest.approx(2.0)


def test_cumulative_within_tolerance_is_consistent() -> None:
    row = verdict(claim(105, date=D1), claim(100, date=D2), cumulative=True)
    assert row["status"] == "consistent"
    assert (row["range_low"], row["range_high"]) == (100.0, 105.0)
    assert row["ratio"] == pytest.approx(1.05)


def test_cumulative_ratio_is_largest_over_ordered_pairs() -> None:
    # ordered pairs: 300/250, 1000/400 and, on the same date, 1000/250 = 4 (the largest)
    row = verdict(
        claim(300, date=D1, id="a"),
        claim(250, date=D2, id="b"),
        claim(1000, date=D2, id="c"),
        claim(400, date=D3, id="d"),
        cumulative=True,
    )
    assert row["status"] == "divergent"
    assert row["ratio"] == pytest.approx(1000 / 250)
    assert (row["conflict_a"], row["conflict_b"]) == ("c", "b")


def test_cumulative_zero_later_gives_null_ratio() -> None:
    row = verdict(claim(10, date=D1, id="a"), claim(0, date=D2, id="b"), cumulative=True)
    assert row["status"] == "divergent"
    assert is_null(row["ratio"])
    assert (row["conflict_a"], row["conflict_b"]) == ("a", "b")


def test_cumulative_consistent_ratio() -> None:
    row = verdict(claim(100, date=D1), claim(200, date=D2), cumulative=True)
    # largest lo(A)/hi(B) over distinct claims with moment(A) <= moment(B): 100/200 (revision 2:
    # a claim is not paired with itself)
    assert row["ratio"] == pytest.approx(0.5)
    assert (row["range_low"], row["range_high"]) == (200.0, 200.0)


def test_cumulative_reconciled_range_uses_latest_date_upper_bound() -> None:
    row = verdict(
        claim(100, Qualifier.AT_LEAST, date=D1),
        claim(120, Qualifier.UP_TO, date=D1),
        claim(150, Qualifier.FEWER_THAN, date=D3),
        cumulative=True,
    )
    assert row["status"] == "consistent"
    assert (row["range_low"], row["range_high"]) == (100.0, 150.0)


def test_mixed_kinds_in_one_report() -> None:
    claims = (
        claim(100, metric="deaths", date=D1),
        claim(200, metric="deaths", date=D2),
        claim(100, metric="held", date=D1),
        claim(200, metric="held", date=D2),
    )
    rows = verdict_rows(*claims, cumulative=("deaths",))
    assert [(r["metric"], r["kind"], r["status"]) for r in rows] == [
        ("deaths", "cumulative", "consistent"),
        ("held", "level", "single"),  # one source's figure changed: nothing to hold it against
    ]


# --- single claims -----------------------------------------------------------------------------


@pytest.mark.parametrize("cumulative", [False, True])
def test_single_claim(cumulative: bool) -> None:
    row = verdict(claim(50, Qualifier.ABOUT), cumulative=cumulative)
    assert row["status"] == "single"
    assert row["claims"] == 1 and row["sources"] == 1
    assert (row["range_low"], row["range_high"]) == pytest.approx((45.0, 55.0))
    assert is_null(row["conflict_a"]) and is_null(row["conflict_b"])
    assert (row["min"], row["max"], row["median"]) == (50.0, 50.0, 50.0)
    assert row["ratio"] is None  # revision 2: no ratio without a second claim


# --- filters -----------------------------------------------------------------------------------


def test_since_and_until_are_inclusive() -> None:
    file = claims_file(
        claim(1, date=D1, id="a"), claim(1, date=D2, id="b"), claim(1, date=D3, id="c")
    )
    since, until = D2.isoformat(), f"{D2.isoformat()}T99"  # a day given to --until: all of it
    assert claims_frame(file, Filters(since=since))["id"].tolist() == ["b", "c"]
    assert claims_frame(file, Filters(until=until))["id"].tolist() == ["a", "b"]
    assert claims_frame(file, Filters(since=since, until=until))["id"].tolist() == ["b"]


def test_metric_and_source_filters() -> None:
    file = claims_file(
        claim(1, metric="x", source="UN", id="a"),
        claim(1, metric="y", source="un", id="b"),
        claim(1, metric="y", source="HRW", id="c"),
    )
    assert claims_frame(file, Filters(metric="y"))["id"].tolist() == ["b", "c"]
    assert claims_frame(file, Filters(source="Un"))["id"].tolist() == ["a", "b"]


def test_latest_keeps_each_sources_newest_claims_per_metric() -> None:
    file = claims_file(
        claim(1, source="UN", date=D1, id="un_old"),
        claim(2, source="UN", date=D3, id="un_new1"),
        claim(3, source="UN", date=D3, id="un_new2"),
        claim(4, source="NGO", date=D2, id="ngo"),
        claim(5, source="UN", date=D1, metric="other", id="un_other"),
    )
    kept = claims_frame(file, Filters(latest=True))["id"].tolist()
    assert sorted(kept) == ["ngo", "un_new1", "un_new2", "un_other"]


def test_latest_applies_within_the_date_window() -> None:
    file = claims_file(
        claim(1, source="UN", date=D1, id="old"), claim(2, source="UN", date=D3, id="new")
    )
    until = f"{D2.isoformat()}T99"
    assert claims_frame(file, Filters(until=until, latest=True))["id"].tolist() == ["old"]


def test_latest_replaces_revised_figure_in_verdict() -> None:
    claims = (
        claim(100, source="UN", date=D1),
        claim(300, source="UN", date=D2),
        claim(310, source="NGO", date=D1),
    )
    assert verdict_rows(*claims)[0]["status"] == "divergent"
    row = verdict_rows(*claims, filters=Filters(latest=True))[0]
    assert (row["status"], row["claims"]) == ("consistent", 2)


def test_filters_that_remove_everything_give_empty_report() -> None:
    assert compare(claims_file(claim(1, date=D1)), Filters(since=D2.isoformat()), None) == []


def test_empty_file() -> None:
    assert compare(claims_file(), Filters(), None) == []


# --- ordering and summary columns --------------------------------------------------------------


def test_ordering_divergent_by_ratio_then_consistent_then_single() -> None:
    claims = (
        claim(1, metric="solo"),
        claim(10, metric="agree"),
        claim(10, metric="agree"),
        claim(10, metric="also_agree"),
        claim(10, metric="also_agree"),
        claim(30, metric="x3"),
        claim(10, metric="x3"),
        claim(50, metric="x5"),
        claim(10, metric="x5"),
        claim(0, metric="zero"),
        claim(1, metric="zero"),
        claim(20, metric="x2"),
        claim(10, metric="x2"),
        claim(2, metric="a_solo"),
    )
    rows = verdict_rows(*claims)
    assert [r["metric"] for r in rows] == [
        "zero",
        "x5",
        "x3",
        "x2",
        "agree",
        "also_agree",
        "a_solo",
        "solo",
    ]
    assert [r["status"] for r in rows] == ["divergent"] * 4 + ["consistent"] * 2 + ["single"] * 2


def test_ordering_mixes_kinds_by_ratio() -> None:
    claims = (
        claim(30, metric="level", id="l1"),
        claim(10, metric="level", id="l2"),
        claim(50, metric="cum", date=D1, id="c1"),
        claim(10, metric="cum", date=D2, id="c2"),
    )
    rows = verdict_rows(*claims, cumulative=("cum",))
    assert [r["metric"] for r in rows] == ["cum", "level"]


def test_min_max_median_over_point_values() -> None:
    row = verdict(
        claim(10, Qualifier.AT_LEAST),
        claim(low=20, high=40, qualifier=Qualifier.RANGE),
        claim(1000, Qualifier.UP_TO),
        claim(35, Qualifier.ABOUT),
        tolerance=100.0,
    )
    assert (row["min"], row["max"], row["median"]) == (10.0, 1000.0, 32.5)


def test_claims_and_sources_counts() -> None:
    row = verdict(claim(10, source="UN"), claim(10, source="UN"), claim(10, source="HRW"))
    assert (row["claims"], row["sources"]) == (3, 2)


def test_verdicts_columns() -> None:
    file = claims_file(claim(1), claim(1))
    (out,) = verdicts(claims_frame(file), file, 0.1)
    assert tuple(out.record()) == COLUMNS


def test_verdicts_on_filtered_subset_with_gapped_index() -> None:
    file = claims_file(
        claim(1, metric="a", id="a1"),
        claim(5, metric="b", id="b1"),
        claim(9, metric="b", id="b2"),
        claim(1, metric="c", id="c1"),
        claim(3, metric="c", id="c2"),
        cumulative=("c",),
    )
    frame = claims_frame(file)
    subset = frame[frame["metric"] != "a"]
    rows = [row_of(v) for v in verdicts(subset, file, 0.0)]
    by_metric = {r["metric"]: r for r in rows}
    assert (by_metric["b"]["conflict_a"], by_metric["b"]["conflict_b"]) == ("b2", "b1")
    assert (by_metric["c"]["conflict_a"], by_metric["c"]["conflict_b"]) == ("c2", "c1")


def test_one_very_long_id_costs_no_more_than_its_own_text() -> None:
    """Ordering must not make every row as wide as the longest id (as fixed-width text would)."""
    import tracemalloc

    claims = [
        Claim(f"c{i:05d}", "m", "UN", dt.date(2026, 1, 1 + i % 28), value=float(i))
        for i in range(2000)
    ]
    claims[7] = Claim("x" * 200_000, "m", "UN", dt.date(2026, 1, 1), value=1.0)
    claims.append(Claim("b\x00", "m", "UN", dt.date(2026, 1, 1), value=2.0))
    claims.append(Claim("b", "m", "UN", dt.date(2026, 1, 1), value=3.0))
    claims_file = ClaimsFile(path="f", claims=tuple(claims))
    tracemalloc.start()
    try:
        frame = claims_frame(claims_file)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024
    first_day = [i for i in frame["id"] if i in ("b", "b\x00")]
    assert first_day == ["b", "b\x00"]  # Python's order: a trailing NUL sorts after
