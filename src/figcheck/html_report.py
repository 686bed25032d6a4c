"""The HTML report: one self-contained page an editor can read, print, or open on a phone.

The page is rendered by Jinja2 with autoescaping from ``templates/report.html.j2``; every string
from the claims file reaches it as data and is escaped there. The only markup that is not escaped
is the charts' SVG, which matplotlib writes (escaping the text it draws) and :mod:`figcheck.charts`
labels. Nothing on the page loads from the network: styles are inline, charts are inline SVG, and
a Content-Security-Policy forbids every fetch besides.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
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
    text: str
    note: str
    url: str
    link: str | None  # the href, only for an http(s) address
    link_text: str
    conflict: bool


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
    from figcheck import __version__

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
        if relation is None:
            chart = functools.partial(charts.InlineChart, metric=metric, rows=records_)
            drawings.append(
                (index - 1, chart("forest", verdict=verdict, unit=unit, prefix=f"c{index}-f-"))
            )
        if relation is None and charts.has_timeline(rows, verdict):
            drawings.append(
                (index - 1, chart("timeline", verdict=verdict, unit=unit, prefix=f"c{index}-t-"))
            )
        elif verdict["kind"] == "cumulative" and relation is None:
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
                rows=tuple(_claim_row(row, verdict, source_names) for row in records_),
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
