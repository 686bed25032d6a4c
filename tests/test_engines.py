"""The fast engine (analysis) gives, for any claims, the verdicts the reference engine gives."""

from __future__ import annotations

import datetime as dt
import math

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
