"""The fast engine (analysis) gives, for any claims, the verdicts the reference engine gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figcheck import analysis
from figcheck.model import Claim, ClaimsFile, Kind, Metric, Qualifier, Settings, Source
from figcheck.reconcile import reference
from figcheck.reconcile.rules import interval, point_value, source_key
from figcheck.reconcile.verdict import Verdict, in_report_order

BASE = dt.date(2026, 1, 1)
SOURCES = ["UN", "un ", "Foro Penal", "foro penal", "IOM", "IOM DTM", "gov"]


@st.composite
def claims_files(draw: st.DrawFn) -> ClaimsFile:
    metrics = []
    for name in ("m0", "m1", "m2"):
        kind = draw(st.sampled_from(list(Kind)))
        window = draw(st.one_of(st.none(), st.integers(0, 12)))
        metrics.append(Metric(name, kind=kind, window=window))
    claims = []
    for number in range(draw(st.integers(1, 14))):
        date = BASE + dt.timedelta(days=draw(st.integers(0, 30)))
        as_of: str | None = None
        if draw(st.booleans()):
            day = date - dt.timedelta(days=draw(st.integers(0, 10)))
            as_of = day.isoformat()
            if draw(st.booleans()):
                as_of += f"T{draw(st.integers(0, 23)):02d}:{draw(st.sampled_from([0, 30])):02d}"
        qualifier = draw(st.sampled_from(list(Qualifier)))
        value = float(draw(st.sampled_from([0, 1, 5, 9, 10, 11, 50, 55, 100])))
        low = high = None
        if qualifier is Qualifier.RANGE:
            low, high = sorted(float(draw(st.sampled_from([0, 5, 10, 50, 100]))) for _ in "ab")
            value_or_none: float | None = None if draw(st.booleans()) else low
        else:
            value_or_none = value
        claims.append(
            Claim(
                id=f"c{number:02d}",
                metric=draw(st.sampled_from(["m0", "m1", "m2"])),
                source=draw(st.sampled_from(SOURCES)),
                date=date,
                value=value_or_none,
                qualifier=qualifier,
                low=low,
                high=high,
                as_of=as_of,
            )
        )
    return ClaimsFile(
        "p.yaml",
        tuple(claims),
        tuple(metrics),
        (Source("IOM", None, ("IOM DTM",)),),
        Settings(tolerance=draw(st.sampled_from([0.0, 0.1])), window=draw(st.integers(0, 9))),
    )


def reference_verdicts(claims_file: ClaimsFile) -> list[Verdict]:
    registry = claims_file.source_keys()
    about = claims_file.settings.about
    by_metric: dict[str, list[reference.Stated]] = {}
    for order, claim in enumerate(claims_file.claims):
        lo, hi = interval(claim.qualifier, claim.value, claim.low, claim.high, about)
        by_metric.setdefault(claim.metric, []).append(
            reference.Stated(
                claim.id,
                claim.metric,
                claim.source,
                source_key(claim.source, registry),
                claim.moment,
                claim.date.isoformat(),
                order,
                lo,
                hi,
                point_value(claim.value, claim.low, claim.high),
            )
        )
    rows = []
    for metric, stated in by_metric.items():
        verdict = reference.metric_verdict(
            metric,
            claims_file.kind_of(metric),
            stated,
            window=claims_file.window_of(metric),
            tolerance=claims_file.settings.tolerance,
        )
        assert verdict is not None
        rows.append(verdict)
    return in_report_order(rows)


def same(one: Verdict, other: Verdict) -> bool:
    for name in Verdict.__slots__:
        a, b = getattr(one, name), getattr(other, name)
        if isinstance(a, float) and isinstance(b, float):
            if not (a == b or math.isclose(a, b, rel_tol=1e-12)):
                return False
        elif a != b:
            return False
    return True


@settings(max_examples=400)
@given(claims_files())
def test_the_fast_engine_agrees_with_the_reference(claims_file: ClaimsFile) -> None:
    fast = analysis.verdicts(analysis.claims_frame(claims_file), claims_file)
    slow = reference_verdicts(claims_file)
    assert len(fast) == len(slow)
    for one, other in zip(fast, slow, strict=True):
        assert same(one, other), (one, other)


# --- properties of the level rule (contract section 3, revision 2) ------------------------------


def _with(claims_file: ClaimsFile, claims: list[Claim], kind: Kind, window: int = 7) -> ClaimsFile:
    metrics = tuple(Metric(name, kind=kind, window=window) for name in ("m0", "m1", "m2"))
    return ClaimsFile("p.yaml", tuple(claims), metrics, claims_file.sources, claims_file.settings)


def _one_per_source(claims_file: ClaimsFile) -> list[Claim]:
    registry = claims_file.source_keys()
    seen: set[tuple[str, str]] = set()
    kept = []
    for claim in claims_file.claims:
        key = (claim.metric, source_key(claim.source, registry))
        if key not in seen:
            seen.add(key)
            kept.append(claim)
    return kept


@settings(max_examples=80)
@given(claims_files())
def test_a_wide_window_with_one_claim_per_source_is_the_fixed_rule(
    claims_file: ClaimsFile,
) -> None:
    claims = _one_per_source(claims_file)
    level = analysis.verdicts(
        analysis.claims_frame(_with(claims_file, claims, Kind.LEVEL, 60)),
        _with(claims_file, claims, Kind.LEVEL, 60),
    )
    fixed_file = _with(claims_file, claims, Kind.FIXED)
    fixed = analysis.verdicts(analysis.claims_frame(fixed_file), fixed_file)
    for one, other in zip(level, fixed, strict=True):
        keys = ("metric", "status", "conflict", "ratio", "range_low", "range_high", "as_of")
        assert [getattr(one, k) for k in keys] == [getattr(other, k) for k in keys]
        assert one.uncompared == other.uncompared


@settings(max_examples=80)
@given(claims_files())
def test_one_source_s_series_is_never_divergent_as_a_level(claims_file: ClaimsFile) -> None:
    seen: set[tuple[str, str]] = set()
    series = []
    for claim in claims_file.claims:
        if (claim.metric, claim.moment) not in seen:
            seen.add((claim.metric, claim.moment))
            series.append(dataclasses.replace(claim, source="Foro Penal"))
    for window in (0, 7, 400):
        file = _with(claims_file, series, Kind.LEVEL, window)
        for verdict in analysis.verdicts(analysis.claims_frame(file), file):
            assert verdict.status == "single"
            assert verdict.uncompared == verdict.claims


@settings(max_examples=80)
@given(claims_files(), st.sampled_from(SOURCES))
def test_moving_a_source_past_the_window_never_creates_a_conflict(
    claims_file: ClaimsFile, moved: str
) -> None:
    file = _with(claims_file, list(claims_file.claims), Kind.LEVEL, 5)
    registry = file.source_keys()
    later = []
    for claim in file.claims:
        # every claim of that source (whatever its spelling), long after every other claim
        if source_key(claim.source, registry) == source_key(moved, registry):
            date = claim.date + dt.timedelta(days=60)
            as_of = (
                None
                if claim.as_of is None
                else claim.as_of.replace(
                    claim.as_of[:10],
                    (dt.date.fromisoformat(claim.as_of[:10]) + dt.timedelta(days=60)).isoformat(),
                )
            )
            claim = dataclasses.replace(claim, date=date, as_of=as_of)
        later.append(claim)
    moved_file = _with(claims_file, later, Kind.LEVEL, 5)
    before = {v.metric: v.status for v in analysis.verdicts(analysis.claims_frame(file), file)}
    after = analysis.verdicts(analysis.claims_frame(moved_file), moved_file)
    for verdict in after:
        if verdict.status == "divergent":
            assert before[verdict.metric] == "divergent"


@settings(max_examples=60)
@given(claims_files())
def test_a_whole_with_no_upper_bound_is_never_exceeded(claims_file: ClaimsFile) -> None:
    kind = claims_file.metrics[0].kind
    metrics = (
        Metric("m0", kind=kind, parts=("m1", "m2")),
        Metric("m1", kind=kind, part_of="m0"),
        Metric("m2", kind=kind),
    )
    claims = [
        dataclasses.replace(c, qualifier=Qualifier.AT_LEAST, low=None, high=None)
        if c.metric == "m0"
        else c
        for c in claims_file.claims
    ]
    claims = [c for c in claims if c.metric != "m0" or c.value is not None]
    file = ClaimsFile("p.yaml", tuple(claims), metrics, (), claims_file.settings)
    for verdict in analysis.verdicts(analysis.claims_frame(file), file):
        if verdict.is_relation:
            assert verdict.status != "divergent"


def _pairs_reference(claims: list[reference.Stated], tolerance: float) -> tuple[bool, float | None]:
    """Cumulative, literally: every ordered pair of distinct claims."""
    divergent, best = False, None
    for a in claims:
        for b in claims:
            if a is b or a.moment > b.moment:
                continue
            divergent |= a.lo > b.hi * (1 + tolerance)
            if 0 < b.hi < math.inf:
                best = a.lo / b.hi if best is None else max(best, a.lo / b.hi)
    return divergent, best


@settings(max_examples=80)
@given(claims_files())
def test_the_cumulative_rule_is_every_ordered_pair(claims_file: ClaimsFile) -> None:
    file = _with(claims_file, list(claims_file.claims), Kind.CUMULATIVE)
    for verdict in analysis.verdicts(analysis.claims_frame(file), file):
        stated = [s for s in reference.corrected(_stated(file)) if s.metric == verdict.metric]
        divergent, best = _pairs_reference(stated, file.settings.tolerance)
        assert (verdict.status == "divergent") == divergent
        unbounded = any(
            a is not b and a.moment <= b.moment and b.hi == 0 < a.lo for a in stated for b in stated
        )
        if verdict.status != "single" and not unbounded:
            assert verdict.ratio == (None if best is None else pytest.approx(best))


def _stated(claims_file: ClaimsFile) -> list[reference.Stated]:
    registry = claims_file.source_keys()
    return [
        reference.Stated(
            c.id,
            c.metric,
            c.source,
            source_key(c.source, registry),
            c.moment,
            c.date.isoformat(),
            order,
            *interval(c.qualifier, c.value, c.low, c.high, claims_file.settings.about),
            point_value(c.value, c.low, c.high),
        )
        for order, c in enumerate(claims_file.claims)
    ]
