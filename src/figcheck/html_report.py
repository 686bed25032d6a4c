"""The HTML report: one self-contained page an editor can read, print, or open on a phone.

The page is rendered by Jinja2 with autoescaping from ``templates/report.html.j2``; every string
from the claims file reaches it as data and is escaped there. The only markup that is not escaped
is the charts' SVG, which matplotlib writes (escaping the text it draws) and :mod:`figcheck.charts`
labels. Nothing on the page loads from the network: styles are inline, charts are inline SVG, and
a Content-Security-Policy forbids every fetch besides.

A narrow screen (a phone) shows each chart as rows of text over bars of HTML instead
(:class:`NarrowChart`): the same claims on the same axis, positioned by percentages in style
attributes that hold only numbers computed here. The SVG is drawn once and hidden there by CSS.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import Markup

from figcheck import wording
from figcheck.safety import visible

if TYPE_CHECKING:
    import pandas as pd
    from jinja2 import Environment

    from figcheck.charts import SvgCache
    from figcheck.model import ClaimsFile


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One claim as the report lists it; every string already made visible (no controls)."""

    id: str
    date: str
    source: str
    source_name: str
    figure: str
    interval: str
    allows: str  # the interval when the figure does not already say it ("3–9" does)
    text: str
    note: str
    url: str
    link: str | None  # the href, only for an http(s) address
    link_text: str
    conflict: bool


@dataclass(frozen=True, slots=True)
class Bar:
    """One claim as a narrow screen shows it in place of a chart: its words above a bar drawn in
    HTML. Positions are percentages of the metric's value axis (the forest plot's) from its
    left end."""

    source: str
    date: str  # "" when the group's heading already gives it
    figure: str
    interval: str  # the values it allows, "" for a single figure
    conflict: bool
    single: bool  # one value allowed: drawn as a solid mark at ``point``, with no bar
    left: float
    width: float
    point: float | None  # the figure stated (None for a range, which states none)
    open_end: bool  # no upper bound: the bar runs to the axis's end and on (an arrow)
    allows: str = ""  # the interval when the figure does not already say it ("3–9" does)
    claim: ClaimRow | None = None  # the rest of what the claims table shows of it


@dataclass(frozen=True, slots=True)
class BarGroup:
    """Claims under one heading: a date for a metric drawn as a timeline, none otherwise; the
    band or gap drawn behind them (a level metric's of that day's verdict alone)."""

    date: str
    bars: tuple[Bar, ...]
    band: Shade | None = None
    gap: Shade | None = None


@dataclass(frozen=True, slots=True)
class Shade:
    """A stretch of the axis marked behind the bars, with the chart's words for it."""

    left: float
    width: float
    label: str


@dataclass(frozen=True, slots=True)
class Tick:
    """A figure written under the bars at its place on the axis."""

    at: float
    text: str


@dataclass(frozen=True, slots=True)
class NarrowChart:
    """A metric's forest plot (and timeline) for a narrow screen: the same claims, axis, band or
    gap and words, as text over bars of HTML, grouped by date newest first when there is a
    timeline."""

    groups: tuple[BarGroup, ...]
    band: Shade | None  # the values every claim allows (the metric's verdict)
    gap: Shade | None  # the values between two conflicting claims (the metric's verdict)
    ticks: tuple[Tick, ...]


@dataclass(frozen=True, slots=True)
class MetricSection:
    """One metric: its verdict in words, its charts and its claims."""

    anchor: str
    name: str
    description: str
    unit: str
    kind: str
    status: str
    icon: str
    label: str
    sentence: str
    figures: str
    ratio: str
    claims: int
    sources: int
    forest: Markup
    timeline: Markup | None
    timeline_note: str
    rows: tuple[ClaimRow, ...]
    narrow: NarrowChart | None  # none for a relation, which has no chart


def render_report(
    claims_file: ClaimsFile,
    claims: pd.DataFrame,
    verdicts: list[dict[str, Any]],
    *,
    generated: dt.datetime,
    source_path: str,
    chart_cache: SvgCache | None = None,
) -> str:
    """The report page for ``claims`` (from ``analysis.claims_frame``) and their ``verdicts``
    (from ``analysis.verdicts``, in its order: divergent first)."""
    from figcheck import __version__, charts

    sections = metric_sections(claims_file, claims, verdicts, chart_cache)
    counts = {status: sum(s.status == status for s in sections) for status in wording.STATUS_WORDS}
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            source_path=visible(source_path),
            generated=generated,
            generated_text=_when(generated),
            claim_count=len(claims),
            source_count=int(claims["source"].nunique()) if len(claims) else 0,
            sections=sections,
            counts=counts,
            icons=wording.STATUS_ICONS,
            count_words=wording.COUNT_WORDS,
            kind_words=wording.KIND_WORDS,
            conflict_mark=wording.CONFLICT_MARK,
            chart_colours={
                "claim": charts.BLUE,
                "conflict": charts.VERMILLION,
                "band": charts.GREEN,
            },
            tolerance=wording.percent(claims_file.settings.tolerance),
            version=__version__,
        )
    )


def metric_sections(
    claims_file: ClaimsFile,
    claims: pd.DataFrame,
    verdicts: list[dict[str, Any]],
    chart_cache: SvgCache | None = None,
) -> list[MetricSection]:
    """A section per metric, in the verdicts' order, with its charts drawn (those of metrics
    whose charts ``chart_cache`` holds are taken from it, and it keeps this page's)."""
    from figcheck import charts
    from figcheck.reconcile.reference import declared_relations

    registry = {entry.name: entry for entry in claims_file.metrics}
    source_names = claims_file.source_names()
    by_metric = {str(name): rows for name, rows in claims.groupby("metric", sort=False)}
    sections = []
    drawings: list[tuple[int, charts.InlineChart]] = []  # the section and a chart of it
    anchors: set[str] = set()
    relations = {r.name: r for r in declared_relations(claims_file)}
    for index, verdict in enumerate(verdicts, start=1):
        metric = str(verdict["metric"])
        relation = relations.get(metric) if verdict["kind"] in ("part", "parts") else None
        if relation is not None:
            involved = [relation.whole, *relation.parts]
            rows = claims[claims["metric"].isin(involved).to_numpy()]
        else:
            rows = by_metric[metric]
        entry = registry.get(relation.whole if relation else metric)
        unit = entry.unit if entry and entry.unit else None
        records_: list[dict[str, Any]] = rows.to_dict("records")  # type: ignore[assignment]
        by_id = {row["id"]: row for row in records_}
        note = ""
        narrow = None
        claim_rows = tuple(_claim_row(row, verdict, source_names) for row in records_)
        if relation is None:
            chart = functools.partial(charts.InlineChart, metric=metric, rows=records_)
            drawings.append(
                (index - 1, chart("forest", verdict=verdict, unit=unit, prefix=f"c{index}-f-"))
            )
            timeline = charts.has_timeline(rows, verdict)
            tolerance = claims_file.settings.tolerance
            narrow = narrow_chart(
                records_, verdict, by_date=timeline, tolerance=tolerance, claim_rows=claim_rows
            )
            if timeline:
                drawings.append(
                    (
                        index - 1,
                        chart("timeline", verdict=verdict, unit=unit, prefix=f"c{index}-t-"),
                    )
                )
            elif verdict["kind"] == "cumulative":
                note = wording.no_timeline(records_[0]["date"])
        status = str(verdict["status"])
        sections.append(
            MetricSection(
                anchor=_anchor(metric, anchors),
                name=visible(metric),
                description=visible(entry.description) if entry and entry.description else "",
                unit=visible(unit) if unit else "",
                kind=str(verdict["kind"]),
                status=status,
                icon=wording.STATUS_ICONS[status],
                label=wording.STATUS_WORDS[status],
                sentence=wording.verdict_sentence(verdict, by_id),
                figures=wording.figures(verdict, wording.speakers(records_)),
                ratio=wording.ratio(verdict["ratio"], status),
                claims=int(verdict["claims"]),
                sources=int(verdict["sources"]),
                forest=Markup(""),
                timeline=None,
                timeline_note=note,
                rows=claim_rows,
                narrow=narrow,
            )
        )
    svgs = charts.inline_svgs([chart for _, chart in drawings], chart_cache)
    for (number, drawn), svg in zip(drawings, svgs, strict=True):
        section = sections[number]
        if drawn.kind == "forest":
            sections[number] = replace(section, forest=Markup(svg))
        else:
            sections[number] = replace(section, timeline=Markup(svg))
    if chart_cache is not None:
        chart_cache.save()
    return sections


def narrow_chart(
    rows: list[dict[str, Any]],
    verdict: dict[str, Any],
    *,
    by_date: bool = False,
    tolerance: float,
    claim_rows: Sequence[ClaimRow] = (),
) -> NarrowChart:
    """The bars of one metric's claims (``analysis.claims_frame`` rows, in the forest plot's
    order) on the forest plot's axis; ``by_date`` groups them by the day they speak of, newest
    first, as a timeline would place them. A level metric's day shows the band or gap of that
    day's verdict (the claims in force then, compared with ``tolerance``), the others' the
    metric's. ``claim_rows``, the claims table's rows of ``rows`` (in their order), go with the
    bars, so that a narrow screen shows each claim once, whole, in place of the table."""
    from figcheck import charts

    start, end = charts.value_axis(rows)

    def at(value: float) -> float:
        return _percent(value, start, end)

    def shades(rows: list[dict[str, Any]], verdict: dict[str, Any]) -> tuple[Shade | None, ...]:
        if verdict["status"] == "consistent":
            low, high = charts.agreed(verdict)
            return _shade(at(low), at(min(high, end)), wording.band(low, high)), None
        found = charts.gap(rows, verdict) if verdict["status"] == "divergent" else None
        if found is None:
            return None, None
        return None, _shade(at(found[0]), at(min(found[1], end)), wording.gap(verdict["kind"]))

    conflict = set(verdict["conflict"])
    days = sorted({str(row["moment"])[:10] for row in rows}, reverse=True) if by_date else [""]
    of_day = _day_verdicts(rows, verdict, tolerance) if by_date else {}
    band, gap = shades(rows, verdict)
    groups = []
    for day in days:
        bars = []
        for index, row in enumerate(rows):
            if day and str(row["moment"])[:10] != day:
                continue
            lo, hi = float(row["lo"]), float(row["hi"])
            left = at(lo)
            right = at(end if math.isinf(hi) else hi)
            bars.append(
                Bar(
                    source=visible(str(row["source"])),
                    date="" if day and _text(row["date"]) == day else _text(row["date"]),
                    figure=wording.figure(row),
                    interval="" if lo == hi else wording.interval(lo, hi),
                    conflict=row["id"] in conflict,
                    single=lo == hi,
                    left=left,
                    width=round(right - left, 2),
                    point=None if row["qualifier"] == "range" and lo != hi else at(row["point"]),
                    open_end=math.isinf(hi),
                    allows=wording.allows(row),
                    claim=claim_rows[index] if claim_rows else None,
                )
            )
        day_band, day_gap = shades(rows, of_day[day]) if day in of_day else (band, gap)
        groups.append(BarGroup(day, tuple(bars), day_band, day_gap))
    return NarrowChart(tuple(groups), band, gap, _ticks(rows, start, end))


def _day_verdicts(
    rows: list[dict[str, Any]], verdict: dict[str, Any], tolerance: float
) -> dict[str, dict[str, Any]]:
    """For a level metric, each day's verdict as far as a chart draws it (status, agreed range,
    conflicting pair): that of the claims in force at the day's moment the rules would speak
    of. Empty for the other kinds, whose rule is not one of claims in force at a moment."""
    if verdict["kind"] != "level":
        return {}
    from figcheck.reconcile import reference
    from figcheck.reconcile.one_metric import stated

    claims = reference.corrected(stated(rows).get(str(verdict["metric"]), []))
    moments = reference.level_moments(claims, int(verdict["window"]), tolerance)
    by_day: dict[str, list[reference.HeldAt]] = {}
    for moment in moments:
        by_day.setdefault(moment.moment[:10], []).append(moment)
    days = {}
    for day, held_then in by_day.items():
        chosen = reference.spoken_of(held_then)
        lo, hi = chosen.lo, chosen.hi
        status = "divergent" if chosen.divergent else "consistent"
        if len(chosen.held) < 2:
            status = "single"
        days[day] = {
            "status": status,
            "kind": verdict["kind"],
            "range_low": min(lo.lo, hi.hi),
            "range_high": None if math.isinf(max(lo.lo, hi.hi)) else max(lo.lo, hi.hi),
            "conflict": (lo.id, hi.id) if chosen.divergent else (),
        }
    return days


def _percent(value: float, start: float, end: float) -> float:
    """Where ``value`` lies on the axis from ``start`` to ``end``, in percent (two decimals)."""
    if not end > start:
        return 50.0
    return round(min(100.0, max(0.0, (value - start) / (end - start) * 100)), 2)


def _shade(left: float, right: float, label: str) -> Shade:
    return Shade(left, round(right - left, 2), label)


def _ticks(rows: list[dict[str, Any]], start: float, end: float) -> tuple[Tick, ...]:
    """The axis's scale: the largest finite figure, zero where the axis starts there, and the
    smallest figure, each written once and none within a fifth of the axis of another."""
    figures = [float(row[name]) for row in rows for name in ("lo", "hi", "point")]
    finite = [value for value in figures if math.isfinite(value)]
    wanted = [max(finite), *([0.0] if start <= 0 else []), min(finite)]
    kept: list[Tick] = []
    for value in wanted:
        at = _percent(value, start, end)
        if all(abs(at - tick.at) >= _TICK_ROOM for tick in kept):
            kept.append(Tick(at, wording.number(value)))
    return tuple(sorted(kept, key=lambda tick: tick.at))


_TICK_ROOM = 20.0  # percent of the axis between two figures written under the bars


def _when(moment: dt.datetime) -> str:
    zone = f" {moment.tzname()}" if moment.tzinfo else ""
    return moment.strftime("%Y-%m-%d %H:%M") + zone


def _anchor(metric: str, taken: set[str]) -> str:
    base = "metric-" + (re.sub(r"[^0-9A-Za-z_-]+", "-", metric).strip("-") or "unnamed")
    anchor, number = base, 2
    while anchor in taken:
        anchor, number = f"{base}-{number}", number + 1
    taken.add(anchor)
    return anchor


_NOT_IN_URL = frozenset('"<>\\^`{|}')


def web_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address a reader can safely follow, else ``None``."""
    if not url or any(
        char.isspace() or not char.isprintable() or char in _NOT_IN_URL for char in url
    ):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    return url


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return visible(str(value))


def _claim_row(
    claim: dict[str, Any], verdict: dict[str, Any], source_names: dict[str, str]
) -> ClaimRow:
    url = _text(claim["url"])
    link = web_link(claim["url"] if isinstance(claim["url"], str) else None)
    shown = ""
    if link:
        parts = urlsplit(link)
        shown = (parts.hostname or "") + (parts.path if parts.path != "/" else "")
        shown = shown if len(shown) <= 48 else shown[:47] + "…"
    source = str(claim["source"])
    name = source_names.get(str(claim.get("source_key", source)), "")
    return ClaimRow(
        id=_text(claim["id"]),
        date=_text(claim["date"]),
        source=visible(source),
        source_name=visible(name) if name and name != source else "",
        figure=wording.figure(claim),
        interval="" if claim["lo"] == claim["hi"] else wording.interval(claim["lo"], claim["hi"]),
        allows=wording.allows(claim),
        text=_text(claim["text"]),
        note=_text(claim["note"]),
        url=url,
        link=link,
        link_text=visible(shown),
        conflict=claim["id"] in verdict["conflict"],
    )


def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("figcheck", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
