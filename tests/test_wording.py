"""The words every output shares: numbers, intervals, status words and verdict sentences."""

from __future__ import annotations

import math
from typing import Any

from figcheck import wording


def _verdict(**fields: Any) -> dict[str, Any]:
    verdict: dict[str, Any] = {
        "metric": "prisoners",
        "status": "consistent",
        "kind": "fixed",
        "range_low": 45.0,
        "range_high": 55.0,
        "ratio": 0.82,
        "conflict": [],
        "as_of": "2026-01-12",
        "window": None,
    }
    return verdict | fields


def _claim(claim_id: str, source: str, point: float, qualifier: str = "exact") -> dict[str, Any]:
    return {
        "id": claim_id,
        "source": source,
        "qualifier": qualifier,
        "point": point,
        "low": None,
        "high": None,
        "date": "2026-01-12",
        "moment": "2026-01-12",
    }


def test_numbers_and_intervals() -> None:
    assert wording.number(1850.0) == "1,850"
    assert wording.number(2.4) == "2.4"
    assert wording.number(0.0123) == "0.0123"
    assert wording.number(math.inf) == "∞"
    assert wording.number(math.nan) == ""
    assert wording.interval(2400.0, math.inf) == "[2,400, ∞)"
    assert wording.interval(45.0, 55.0) == "[45, 55]"
    assert wording.interval(5.0, 5.0) == "5"
    assert wording.span(2400.0, None) == "2,400 or more"
    assert wording.span(45.0, 55.0) == "between 45 and 55"
    assert wording.span(5.0, 5.0) == "exactly 5"


def test_ratio_text_is_empty_for_a_lone_claim_and_infinite_for_a_divergence_without_one() -> None:
    assert wording.ratio(1.2666, "divergent") == "1.27"
    assert wording.ratio(None, "divergent") == "∞"
    assert wording.ratio(math.nan, "consistent") == ""
    assert wording.ratio(0.82, "consistent") == "0.82"
    assert wording.ratio(0.82, "single") == ""


def test_the_short_line_and_the_sentence_of_a_divergence() -> None:
    claims = [_claim("a", "NGO", 800.0, "about"), _claim("b", "officials", 0.0)]
    verdict = _verdict(status="divergent", kind="level", ratio=None, conflict=["a", "b"])
    said = wording.speakers(claims)
    line = ("Sources disagree: ", "NGO about 800, officials 0")
    assert wording.verdict_line(verdict, said) == line
    assert wording.figures(verdict, said) == "NGO about 800 vs officials 0"
    assert wording.verdict_sentence(verdict, {c["id"]: c for c in claims}) == (
        "Sources disagree as of 2026-01-12: NGO said about 800, officials said 0."
    )


def test_a_consistent_verdict_and_a_lone_claim() -> None:
    verdict = _verdict()
    assert wording.verdict_line(verdict, {}) == ("Consistent: every claim fits [45, 55]", "")
    assert wording.figures(verdict, {}) == "[45, 55]"
    lone = _verdict(status="single", range_low=50.0, range_high=50.0, ratio=None)
    assert wording.verdict_line(lone, {}) == ("One claim: 50", "")
    only = {"a": _claim("a", "UN", 50.0)}
    assert wording.verdict_sentence(lone, only) == "Only one claim: 50, from UN (2026-01-12)."


def test_status_words_are_one_set_for_every_output() -> None:
    assert wording.chart_title("prisoners", "divergent") == "prisoners: sources disagree"
    assert wording.chart_title("prisoners", "consistent") == "prisoners: consistent"
    assert set(wording.STATUS_WORDS) == set(wording.STATUS_ICONS) == set(wording.COUNT_WORDS)
    one_day = _verdict(kind="level", window=1)
    assert wording.setting(one_day) == "level, window 1 day, as of 2026-01-12"
