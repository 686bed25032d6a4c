"""Words for figures and verdicts, the same in every output: the terminal, the HTML report and the
charts. Plain strings only (no Rich, no matplotlib, no pandas): each output adds its own styles.

A claim or a verdict is read as a mapping: a claims-frame row (``qualifier``, ``point``, ``low``,
``high``, ``lo``, ``hi``, ``source``, ``date``, ``moment``) or a compare report record.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from figcheck.safety import visible

Row = Mapping[Any, Any]  # a claims-frame row (its keys typed as Hashable) or a report record

_QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "up_to": "up to ",
    "fewer_than": "fewer than ",
    "nearly": "nearly ",
}

# A status as every output names it: the terminal's verdict line opens with it, the HTML report
# labels its rows with it, a chart's title ends with it.
STATUS_WORDS = {"divergent": "Sources disagree", "consistent": "Consistent", "single": "One claim"}
STATUS_ICONS = {"divergent": "✗", "consistent": "✓", "single": "•"}
# "3 metrics where sources disagree": the counts at the top of the HTML report
COUNT_WORDS = {
    "divergent": "where sources disagree",
    "consistent": "consistent",
    "single": "with one claim only",
}
KIND_WORDS = {
    "cumulative": "running total",
    "level": "level",
    "fixed": "fixed",
    "part": "part of a whole",
    "parts": "parts of a whole",
}
CONFLICT_MARK = "✗ conflict"
RELATIONS = ("part", "parts")


# --- numbers and intervals ----------------------------------------------------------------------


def number(value: float | None, outward: int = 0) -> str:
    """A figure as people write it: ``1,850``, ``2.4``, ``∞`` for an open bound; never in
    scientific notation (``6,999,999``, not ``7e+06``).

    A whole number is written whole; another keeps six significant digits (at most three after
    the point below 1), so a count of millions loses its fraction. ``outward`` says which way that
    rounds: ``-1`` down (a lower bound), ``1`` up (an upper bound), ``0`` to the nearest, so a
    bound shown never allows less than the bound computed. Float noise is dropped first
    (``2.7e6 * 1.1`` is 2,970,000)."""
    if value is None or math.isnan(value):
        return ""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    value = float(f"{value:.15g}")
    if value.is_integer():
        return f"{int(value):,}"
    size = abs(value)  # six significant digits, or three after the zeros below 1
    places = max(0, 6 - len(str(int(size)))) if size >= 1 else 2 - math.floor(math.log10(size))
    import decimal  # only for a figure with a fraction

    rounding = {-1: decimal.ROUND_FLOOR, 1: decimal.ROUND_CEILING}.get(outward)
    shown = decimal.Decimal(repr(value)).quantize(
        decimal.Decimal(1).scaleb(-places), rounding=rounding or decimal.ROUND_HALF_EVEN
    )
    text = f"{shown:,f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


def figure(claim: Row) -> str:
    """What a claim says, in words: ``about 800``, ``at least 1,850``, ``40–60``."""
    if claim["qualifier"] == "range":
        return f"{number(claim['low'], -1)}–{number(claim['high'], 1)}"
    return _QUALIFIER_WORDS[claim["qualifier"]] + number(claim["point"])


def interval(lo: float, hi: float) -> str:
    """An interval as text: ``[45, 55]``, ``[2,400, ∞)``, or a single figure; its bounds
    rounded outward (``[6,999,999, 8,555,555]`` for 6999999.3 to 8555554.7)."""
    if lo == hi:
        return number(lo)
    return f"[{number(lo, -1)}, {number(hi, 1)}{')' if math.isinf(hi) else ']'}"


def allows(claim: Row) -> str:
    """The values a claim allows, as an interval, when its figure does not already say them:
    ``[720, 880]`` for "about 800"; nothing for a single figure, nor for "3–9", which allows
    [3, 9]."""
    lo, hi = float(claim["lo"]), float(claim["hi"])
    if lo == hi:
        return ""
    if claim["qualifier"] == "range" and (number(claim["low"], -1), number(claim["high"], 1)) == (
        number(lo, -1),
        number(hi, 1),
    ):
        return ""
    return interval(lo, hi)


def bound(value: float | None, missing: float) -> float:
    """A bound from a report record, where an open (infinite) bound is None."""
    return missing if value is None else value


def reconciled(verdict: Row) -> str:
    """The range every claim allows, as an interval: ``[45, 55]``, ``[2,400, ∞)``."""
    return interval(bound(verdict["range_low"], 0.0), bound(verdict["range_high"], math.inf))


def span(low: float, high: float | None) -> str:
    """A reconciled range in words: ``between 45 and 55``, ``2,400 or more``, ``exactly 5``
    (an open upper bound is infinite, or None as in a report record)."""
    high = math.inf if high is None else high
    if low == high:
        return f"exactly {number(low)}"
    if math.isinf(high):
        return f"{number(low, -1)} or more"
    return f"between {number(low, -1)} and {number(high, 1)}"


def ratio(value: float | None, status: str) -> str:
    """How far apart the figures are: ``1.27``, ``∞`` when a divergence has no finite ratio, and
    nothing for a lone claim (a report record still has its bounds)."""
    if status == "single":
        return ""
    if value is not None and not math.isnan(value):
        return f"{value:.2f}"
    return "∞" if status == "divergent" else ""


def counted(count: int, noun: str) -> str:
    """``1 claim``, ``3 claims``."""
    return f"{count} {noun}{'s' if count != 1 else ''}"


def percent(fraction: float) -> str:
    """A tolerance as a percentage: ``10%``."""
    return f"{fraction:.0%}"


# --- who said what ------------------------------------------------------------------------------


def speaker(claim: Row) -> str:
    """Who said what: ``human rights groups about 800``."""
    return f"{visible(str(claim['source']))} {figure(claim)}"


def says(claim: Row) -> str:
    """Who said what, as a clause: ``human rights groups said about 800`` (the past tense agrees
    with every source: "Provea said", "officials said")."""
    return f"{visible(str(claim['source']))} said {figure(claim)}"


def speakers(claims: Iterable[Row]) -> dict[str, str]:
    """:func:`speaker` of each claim, by claim id."""
    return {claim["id"]: speaker(claim) for claim in claims}


# --- verdicts -----------------------------------------------------------------------------------


def figures(verdict: Row, said: Mapping[str, str]) -> str:
    """A verdict's figures in a table cell: who disagrees (``A about 800 vs B 0``), the parts
    against their whole (``B 30 + C 40 > A 50``), or the reconciled range.

    ``said`` is :func:`speakers` of at least the verdict's conflict."""
    status = verdict["status"]
    if status == "divergent":
        whole, *others = verdict["conflict"]
        if verdict["kind"] in RELATIONS:
            return f"{' + '.join(said[i] for i in others)} > {said[whole]}"
        return f"{said[whole]} vs {said[others[0]]}"
    if verdict["kind"] in RELATIONS:
        return "parts fit the whole" if status == "consistent" else "never compared"
    return reconciled(verdict)


def verdict_line(verdict: Row, said: Mapping[str, str]) -> tuple[str, str]:
    """The verdict in one short line, as its status word and what follows it:
    ``("Sources disagree: ", "A about 800, B 0 (ratio 1.27)")``, ``("Consistent: every claim
    fits [45, 55]", "")``, ``("One claim: 5", "")``. ``said`` is :func:`speakers`."""
    status = verdict["status"]
    if status == "divergent":
        value = verdict["ratio"]
        times = "" if value is None or math.isnan(value) else f" (ratio {value:.2f})"
        pair = f"{', '.join(said[i] for i in verdict['conflict'])}{times}"
        return f"{STATUS_WORDS[status]}: ", pair
    if status == "single":
        return f"{STATUS_WORDS[status]}: {reconciled(verdict)}", ""
    return f"{STATUS_WORDS[status]}: every claim fits {reconciled(verdict)}", ""


def verdict_sentence(verdict: Row, claims_by_id: Mapping[str, Row]) -> str:
    """The verdict in a sentence: "Sources disagree as of 2026-01-12: human rights groups said
    about 800, officials said 0." ``claims_by_id`` holds the claims the verdict was reached on."""
    status = verdict["status"]
    if verdict["kind"] in RELATIONS:
        return _relation_sentence(verdict, claims_by_id)
    if status == "divergent":
        first = claims_by_id[verdict["conflict"][0]]
        second = claims_by_id[verdict["conflict"][1]]
        if verdict["kind"] == "cumulative" and first["moment"] != second["moment"]:
            return (
                f"Sources disagree: {says(first)} on {first['moment']}, but "
                f"{says(second)} on {second['moment']}; a running total cannot fall."
            )
        when = f" as of {verdict['as_of']}" if verdict["kind"] == "level" else ""
        return f"Sources disagree{when}: {says(first)}, {says(second)}."
    allowed = span(verdict["range_low"], verdict["range_high"])
    if status == "consistent":
        if verdict["kind"] in ("cumulative", "level"):
            return f"Sources agree: as of {verdict['as_of']}, the claims allow {allowed}."
        return f"Sources agree: every claim fits {allowed}."
    if len(claims_by_id) > 1:
        return (
            f"No two sources' figures were in force at the same time (within "
            f"{days(verdict['window'])}): nothing to compare."
        )
    (claim,) = claims_by_id.values()
    return (
        f"Only one claim: {figure(claim)}, from {visible(str(claim['source']))} ({claim['date']})."
    )


def _relation_sentence(verdict: Row, claims_by_id: Mapping[str, Row]) -> str:
    """A relation's verdict: the parts exceed the whole, fit within it, or were never compared."""
    if verdict["status"] == "divergent":
        whole, *parts = (claims_by_id[i] for i in verdict["conflict"])
        joined = " and ".join(says(part) for part in parts)
        return (
            f"The parts exceed the whole as of {verdict['as_of']}: {joined}, "
            f"but {says(whole)} in all."
        )
    if verdict["status"] == "consistent":
        return f"The parts fit within the whole (as of {verdict['as_of']})."
    return "No figure of a part could be held against a figure of the whole."


def days(window: int) -> str:
    """``1 day``, ``7 days``."""
    return counted(window, "day")


def summary(verdicts: Iterable[Row]) -> str:
    """``5 metrics, 2 relations, 1 divergent, 3 consistent, 3 single``."""
    rows = list(verdicts)
    relations = sum(row["kind"] in RELATIONS for row in rows)
    parts = [counted(len(rows) - relations, "metric")]
    if relations:
        parts.append(counted(relations, "relation"))
    for status in STATUS_WORDS:
        parts.append(f"{sum(row['status'] == status for row in rows)} {status}")
    return ", ".join(parts)


def setting(verdict: Row) -> str:
    """A metric's kind and the moment its verdict speaks of: ``level, window 7 days, as of
    2026-01-12``."""
    window = f", window {days(verdict['window'])}" if verdict["window"] is not None else ""
    return f"{verdict['kind']}{window}, as of {verdict['as_of']}"


def uncompared(ids: list[str], window: int) -> str:
    """Why some claims were never held against another."""
    return (
        f"Not held against any other claim ({len(ids)}): {', '.join(ids)}; no other "
        f"source's figure was in force within {days(window)} of them."
    )


def no_timeline(date: str) -> str:
    """Why a running total has no timeline."""
    return (
        f"A running total: every claim carries the same date ({date}), "
        "so there is no timeline to draw."
    )


# --- the charts' words --------------------------------------------------------------------------


def chart_title(metric: str, status: str) -> str:
    """A chart file's title: ``prisoners: sources disagree``."""
    return f"{visible(metric)}: {STATUS_WORDS[status].lower()}"


def band(low: float, high: float | None) -> str:
    """The label of the band every claim allows."""
    return f"every claim fits: {span(low, high)}"


def gap(kind: str) -> str:
    """The label of the gap between two conflicting claims."""
    return "gap: the count would fall" if kind == "cumulative" else "gap: no value fits both"


def forest_description(metric: str, rows: Sequence[Row], verdict: Row) -> str:
    """What the forest plot shows, in words: each claim and the verdict."""
    conflict = set(verdict["conflict"])
    parts = [
        f"{visible(str(row['source']))} ({row['date']}): {figure(row)}, "
        f"allowing {interval(row['lo'], row['hi'])}"
        + (" (in conflict)" if row["id"] in conflict else "")
        for row in rows
    ]
    return (
        f"Forest plot of {counted(len(rows), 'claim')} about {visible(metric)}. "
        + "; ".join(parts)
        + ". "
        + verdict_sentence(verdict, {row["id"]: row for row in rows})
    )


def timeline_description(metric: str, rows: Sequence[Row], verdict: Row) -> str:
    """What the timeline shows, in words: each source's figures in date order."""
    by_source: dict[str, list[str]] = {}
    for row in sorted(rows, key=lambda row: row["moment"]):
        by_source.setdefault(visible(str(row["source"])), []).append(
            f"{figure(row)} on {row['moment']}"
        )
    parts = [f"{source}: {', '.join(said)}" for source, said in by_source.items()]
    what = "a running total" if verdict["kind"] == "cumulative" else "a level over time"
    return (
        f"Timeline of {visible(metric)}, {what}. "
        + "; ".join(parts)
        + ". "
        + verdict_sentence(verdict, {row["id"]: row for row in rows})
    )
