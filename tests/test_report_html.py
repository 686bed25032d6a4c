"""The HTML report and the charts: valid, self-contained, escaped, and true to ``compare``."""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from figcheck import analysis, charts, html_report, report
from figcheck.claimsfile.locate import snapshot
from figcheck.claimsfile.reading import load
from figcheck.errors import UsageError
from figcheck.model import Claim, ClaimsFile, Kind, Metric, Qualifier

from .conftest import SHIPPED

GENERATED = dt.datetime(2026, 2, 1, 12, 0, tzinfo=dt.UTC)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
FETCHING = {"src", "href", "xlink:href", "srcset", "poster", "data", "action", "formaction"}


# --- building claims files ---------------------------------------------------------------------


def _claim(index: int, number: int, source: str, day: int, value: float, **rest: Any) -> Claim:
    return Claim(
        id=f"{index:04x}{number:04x}",
        metric=f"metric_{index:02d}",
        source=source,
        date=dt.date(2026, 1, day),
        value=value,
        **rest,
    )


def generated_file() -> ClaimsFile:
    """200 claims over 40 metrics: single claims, agreeing and disagreeing sources, running
    totals that rise (consistent) and fall (divergent), and every qualifier."""
    claims: list[Claim] = []
    metrics: list[Metric] = []
    hedges: list[tuple[Qualifier, float]] = [
        (Qualifier.EXACT, 1.0),
        (Qualifier.ABOUT, 1.0),
        (Qualifier.AT_LEAST, 0.9),
        (Qualifier.UP_TO, 1.1),
        (Qualifier.NEARLY, 1.05),
        (Qualifier.RANGE, 1.0),
        (Qualifier.MORE_THAN, 0.5),
    ]
    for index in range(40):
        cumulative = index % 4 == 0
        kind = Kind.CUMULATIVE if cumulative else Kind.LEVEL
        metrics.append(
            Metric(name=f"metric_{index:02d}", unit="people", kind=kind, description=f"No. {index}")
        )
        count = 1 if index < 5 else (6 if index < 25 else 5)
        base = 100.0 * (index + 1)
        for number in range(count):
            source = f"Source {chr(65 + number)}{index}"
            if cumulative:  # a rising toll: consistent
                claims.append(_claim(index, number, source, 1 + 3 * number, base * (1 + number)))
                continue
            qualifier, scale = hedges[number % len(hedges)]
            bounds = {"low": base * 0.8, "high": base * 1.2} if qualifier is Qualifier.RANGE else {}
            claims.append(
                _claim(
                    index, number, source, 1 + number, base * scale, qualifier=qualifier, **bounds
                )
            )
        if count > 1 and index % 3 == 0:
            # a disagreement: a level figure ten times the rest, or a running total that falls
            last = claims.pop()
            value = base * 0.5 if cumulative else base * 10
            claims.append(
                replace(last, value=value, qualifier=Qualifier.EXACT, low=None, high=None)
            )
    assert len(claims) == 200
    return ClaimsFile(path="generated.yaml", claims=tuple(claims), metrics=tuple(metrics))


def report_of(claims_file: ClaimsFile) -> tuple[str, pd.DataFrame, list[dict[str, Any]]]:
    frame = analysis.claims_frame(claims_file)
    verdicts = report.verdict_records(analysis.verdicts(frame, claims_file))
    page = html_report.render_report(
        claims_file, frame, verdicts, generated=GENERATED, source_path=claims_file.path
    )
    return page, frame, verdicts


# --- a strict reading of the page --------------------------------------------------------------


class Page(HTMLParser):
    """Reads a page strictly: every element closed in order, ids unique, local links resolve.

    It also records what the page would fetch, each metric section's charts and verdict text.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.fragments: list[str] = []
        self.labelled_by: list[str] = []
        self.fetches: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self.doctype = False
        self.section: str | None = None
        self.charts: dict[str, list[str]] = {}
        self.svgs: dict[str, int] = {}
        self.titled_svgs = 0
        self.verdicts: dict[str, str] = {}
        self.statuses: dict[str, str] = {}
        self.summary_links: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl.lower() == "doctype html"

    def _open(self, tag: str, attrs: list[tuple[str, str | None]]) -> dict[str, str]:
        found = {name: value or "" for name, value in attrs}
        self.tags.append((tag, found))
        if "id" in found:
            self.ids.append(found["id"])
        for name, value in found.items():
            if name.startswith("on"):
                self.errors.append(f"event handler attribute {name} on <{tag}>")
            if name in FETCHING and value:
                if value.startswith("#"):
                    self.fragments.append(value[1:])
                elif not (tag == "a" and name == "href") and not value.startswith("data:"):
                    self.fetches.append(f"<{tag} {name}={value}>")
            if name == "style":
                self.styles.append(value)
        if "aria-labelledby" in found:
            self.labelled_by += found["aria-labelledby"].split()
        if tag == "section" and "metric" in found.get("class", "").split():
            self.section = found["id"]
            self.statuses[found["id"]] = found.get("data-status", "")
            self.charts[found["id"]] = []
            self.svgs[found["id"]] = 0
        if self.section and tag == "figure" and "data-chart" in found:
            self.charts[self.section].append(found["data-chart"])
        if self.section and tag == "svg":
            self.svgs[self.section] += 1
        if tag == "title" and self.stack and self.stack[-1][0] == "svg":
            self.titled_svgs += 1
        if tag == "a" and any(
            t == "table" and "verdicts" in a.get("class", "") for t, a in self.stack
        ):
            self.summary_links.append(found["href"].removeprefix("#"))
        return found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = self._open(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, found))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"end tag for void element </{tag}>")
            return
        if not self.stack or self.stack[-1][0] != tag:
            open_tag = self.stack[-1][0] if self.stack else "nothing"
            self.errors.append(f"</{tag}> closes <{open_tag}> at line {self.getpos()[0]}")
            return
        self.stack.pop()
        if tag == "section":
            self.section = None

    def handle_data(self, data: str) -> None:
        if not self.stack:
            if data.strip():
                self.errors.append(f"text outside <html>: {data.strip()[:40]!r}")
            return
        tag, attrs = self.stack[-1]
        if tag == "style":
            self.styles.append(data)
        in_verdict = any("verdict" in a.get("class", "").split() for t, a in self.stack)
        if self.section and in_verdict:
            self.verdicts[self.section] = self.verdicts.get(self.section, "") + data


def read_page(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


def assert_valid(parser: Page) -> None:
    assert parser.doctype, "no <!DOCTYPE html>"
    assert parser.errors == []
    assert parser.stack == [], f"unclosed: {[tag for tag, _ in parser.stack]}"
    duplicates = {name for name in parser.ids if parser.ids.count(name) > 1}
    assert duplicates == set()
    assert set(parser.fragments) <= set(parser.ids), "a local link points nowhere"
    assert set(parser.labelled_by) <= set(parser.ids), "aria-labelledby points nowhere"


def assert_offline(parser: Page) -> None:
    """Nothing that reaches the network: no scripts, stylesheets, fonts, frames or remote images."""
    assert parser.fetches == []
    tags = {tag for tag, _ in parser.tags}
    assert not tags & {"script", "link", "iframe", "object", "embed", "base", "img", "audio"}
    for style in parser.styles:
        lowered = style.lower()
        assert "@import" not in lowered and "@font-face" not in lowered
        assert "url(" not in lowered.replace("url(#", ""), style[:80]
    policy = [
        a["content"] for t, a in parser.tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy and policy[0].startswith("default-src 'none'")


# --- the generated file ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def generated() -> tuple[str, pd.DataFrame, pd.DataFrame]:
    return report_of(generated_file())


def test_report_of_200_claims_is_valid_html(generated: tuple[str, Any, Any]) -> None:
    page, _, _ = generated
    assert_valid(read_page(page))


def test_report_reaches_nothing_on_the_network(generated: tuple[str, Any, Any]) -> None:
    assert_offline(read_page(generated[0]))


def test_report_has_one_forest_plot_per_metric_and_timelines_for_running_totals(
    generated: tuple[str, pd.DataFrame, list[dict[str, Any]]],
) -> None:
    page, frame, verdicts = generated
    parser = read_page(page)
    assert len(parser.charts) == 40
    for record in verdicts:
        section = f"metric-{record['metric']}"
        dates = frame.loc[frame["metric"] == record["metric"], "date"].nunique()
        timeline = record["kind"] in ("cumulative", "level") and dates > 1  # revision 2
        assert parser.charts[section] == ["forest"] + (["timeline"] if timeline else [])
        assert parser.svgs[section] == len(parser.charts[section])
    assert parser.titled_svgs == sum(len(charts_) for charts_ in parser.charts.values())
    # the 8 running totals and the 27 level metrics with figures of several days
    assert sum("timeline" in found for found in parser.charts.values()) == 35


def test_report_shows_the_verdicts_of_compare_divergent_first(
    generated: tuple[str, pd.DataFrame, list[dict[str, Any]]],
) -> None:
    page, _, verdicts = generated
    parser = read_page(page)
    expected = [f"metric-{record['metric']}" for record in verdicts]
    assert parser.summary_links == expected
    assert list(parser.statuses) == expected
    assert list(parser.statuses.values()) == [record["status"] for record in verdicts]
    statuses = {record["metric"]: record["status"] for record in verdicts}
    assert statuses["metric_00"] == "single"
    assert statuses["metric_06"] == "divergent"  # a level figure ten times the others
    assert statuses["metric_12"] == "divergent"  # a running total that falls
    assert statuses["metric_08"] == "consistent"  # a running total that rises
    assert statuses["metric_07"] == "consistent"
    assert parser.verdicts["metric-metric_06"].strip() == (
        "✗ Sources disagree as of 2026-01-06: Source F6 said 7,000, Source A6 said 700."
    )
    assert parser.verdicts["metric-metric_12"].strip() == (
        "✗ Sources disagree: Source E12 said 6,500 on 2026-01-13, but Source F12 said 650 on"
        " 2026-01-16; a running total cannot fall."
    )
    assert parser.verdicts["metric-metric_08"].strip() == (
        "✓ Sources agree: as of 2026-01-16, the claims allow exactly 5,400."
    )
    assert parser.verdicts["metric-metric_00"].strip() == (
        "• Only one claim: 100, from Source A0 (2026-01-01)."
    )


# --- the shipped file --------------------------------------------------------------------------


def test_report_of_the_shipped_file() -> None:
    page, _, _ = report_of(load(snapshot(str(SHIPPED))))
    parser = read_page(page)
    assert_valid(parser)
    assert_offline(parser)
    assert parser.verdicts["metric-political_prisoners"].strip() == (
        "✗ Sources disagree as of 2026-01-12: human rights groups said about 800, "
        "officials of Maduro's administration said 0."
    )
    assert "every claim carries the same date (2026-01-12)" in page
    assert '<time datetime="2026-02-01T12:00:00+00:00">2026-02-01 12:00 UTC</time>' in page


def test_report_of_an_empty_file() -> None:
    page, _, _ = report_of(ClaimsFile(path="empty.yaml"))
    parser = read_page(page)
    assert_valid(parser)
    assert "holds no claims yet" in page


# --- hostile text ------------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script>"


def hostile_file() -> ClaimsFile:
    day = dt.date(2026, 1, 5)
    claims = (
        Claim(
            id="aaaa0001",
            metric="<b>bold</b>",
            source=HOSTILE,
            date=day,
            value=10,
            text='" onload="alert(1)',
            url="javascript:alert(1)",
            note="</td></table><img src=x>",
        ),
        Claim(
            id="aaaa0002",
            metric="<b>bold</b>",
            source="$\\alpha$ and {50%} \x1b[31m\u202e",
            date=day,
            value=500,
            url='https://example.org/"><script>x</script>',
        ),
        Claim(
            id="aaaa0003",
            metric="<b>bold</b>",
            source="fine",
            date=day,
            value=12,
            url="https://example.org/a?b=1&c=2",
        ),
        Claim(
            id="aaaa0004",
            metric="other",
            source="x",
            date=day,
            value=1,
            url=" https://spaces.example.org/",
        ),
    )
    return ClaimsFile(path='<img src="http://evil.example/x.png">', claims=claims)


def test_hostile_strings_are_escaped_and_never_linked() -> None:
    page, _, _ = report_of(hostile_file())
    parser = read_page(page)
    assert_valid(parser)
    assert_offline(parser)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>" not in page and "<img" not in page
    links = [attrs["href"] for tag, attrs in parser.tags if tag == "a"]
    external = [link for link in links if not link.startswith("#")]
    # once in the claim's row of the narrow chart, once in the claims table (each shown at its
    # width); not javascript:, not broken, not spaced
    assert external == ["https://example.org/a?b=1&c=2"] * 2
    assert "javascript:alert(1) (not a web address; not linked)" in page
    assert "\x1b" not in page and "\u202e" not in page
    assert "$\\alpha$" in page  # drawn as text, not as TeX


# --- the charts --------------------------------------------------------------------------------


def _metric(claims_file: ClaimsFile, metric: str) -> tuple[pd.DataFrame, dict[str, Any]]:
    frame = analysis.claims_frame(claims_file, analysis.Filters(metric=metric))
    return frame, report.verdict_records(analysis.verdicts(frame, claims_file, 0.1))[0]


def test_forest_svg_is_an_inline_labelled_svg_with_its_own_ids() -> None:
    claims_file = load(snapshot(str(SHIPPED)))
    frame, verdict = _metric(claims_file, "political_prisoners")
    svg = charts.forest_svg("political_prisoners", frame, verdict, id_prefix="one-")
    other = charts.forest_svg("political_prisoners", frame, verdict, id_prefix="two-")
    assert svg.startswith("<svg ") and svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg and "<metadata>" not in svg and "http://matplotlib" not in svg
    assert '<title id="one-title">political_prisoners: ' in svg
    assert "human rights groups (2026-01-12): about 800, allowing [720, 880] (in conflict)" in svg
    assert "✗ conflict" in svg and "gap: no value fits both" in svg
    parser = read_page("<!DOCTYPE html><html>" + svg + other + "</html>")
    assert_valid(parser)
    assert all(name.startswith(("one-", "two-")) for name in parser.ids)
    assert svg == charts.forest_svg("political_prisoners", frame, verdict, id_prefix="one-")


def test_timeline_svg_draws_a_running_total() -> None:
    claims_file = generated_file()
    frame, verdict = _metric(claims_file, "metric_12")
    svg = charts.timeline_svg("metric_12", frame, verdict)
    assert "Timeline of metric_12, a running total. Source A12: 1,300 on 2026-01-01; " in svg
    assert charts.has_timeline(frame, verdict)


def _outside(figure: Any) -> list[float]:
    """How far, in inches, what a figure draws reaches past its left, bottom, right and top edges
    (zero where it stays inside)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    drawn = figure.get_tightbbox(canvas.get_renderer())
    width, height = figure.get_size_inches()
    reach = [-drawn.x0, -drawn.y0, drawn.x1 - width, drawn.y1 - height]
    return [round(max(0.0, inches), 2) for inches in reach]


LONG = "Observatorio Venezolano de Conflictividad Social y Derechos Humanos"


def _crowded_file() -> ClaimsFile:
    """Long source names, huge and open-ended figures, a conflict at the last date, six sources."""
    people = "persons deprived of liberty for political reasons"
    metrics = (
        Metric(name="held", unit=people, kind=Kind.LEVEL),
        Metric(name="dead", kind=Kind.CUMULATIVE),
    )
    claims = [
        _claim(1, 0, LONG, 2, 800, qualifier=Qualifier.ABOUT),
        _claim(1, 1, "Foro Penal", 3, 1_200_000_000, qualifier=Qualifier.AT_LEAST),
        _claim(1, 2, "officials", 3, 0),
        _claim(1, 3, "UN", 4, 7_000_000, qualifier=Qualifier.RANGE, low=7_000_000, high=8_555_555),
    ]
    for number in range(6):
        value = 1000.0 * (number + 1) if number < 5 else 10.0
        claims.append(_claim(2, number, f"{LONG} {number}", 1 + 5 * number, value))
    claims = [
        replace(claim, metric="held" if claim.metric == "metric_01" else "dead") for claim in claims
    ]
    return ClaimsFile(path="crowded.yaml", claims=tuple(claims), metrics=metrics)


@pytest.mark.parametrize("claims_file", [_crowded_file(), generated_file()], ids=["crowded", "200"])
def test_every_text_of_a_page_chart_lies_inside_it(claims_file: ClaimsFile) -> None:
    """A page's charts have margins measured from their labels (no constrained layout): no label,
    tick, unit, legend entry or conflict mark is cut off at the figure's edge."""
    frame = analysis.claims_frame(claims_file)
    verdicts = report.verdict_records(analysis.verdicts(frame, claims_file, 0.1))
    units = {metric.name: metric.unit for metric in claims_file.metrics}
    for verdict in verdicts:
        rows = frame[frame["metric"] == verdict["metric"]].to_dict("records")
        kinds = ["forest"] + (
            ["timeline"] if charts.has_timeline(pd.DataFrame(rows), verdict) else []
        )
        for kind in kinds:
            chart = charts.InlineChart(
                kind, verdict["metric"], rows, verdict, units.get(verdict["metric"]), "x-"
            )
            assert _outside(charts._inline_figure(chart)) == [0, 0, 0, 0], (verdict["metric"], kind)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".PNG"])
def test_image_is_png_or_svg_by_suffix(suffix: str) -> None:
    frame, verdict = _metric(generated_file(), "metric_12")
    data = charts.image("metric_12", frame, verdict, suffix, unit="people")
    if suffix.lower() == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    else:
        assert b"<svg" in data and b"metric_12: sources disagree" in data


def test_image_refuses_other_suffixes() -> None:
    frame, verdict = _metric(generated_file(), "metric_12")
    with pytest.raises(UsageError, match=r"a chart is written as \.png or \.svg, not '\.jpg'"):
        charts.image("metric_12", frame, verdict, ".jpg")


def test_importing_charts_and_report_loads_no_plotting_or_templates() -> None:
    code = (
        "import sys, figcheck.charts, figcheck.html_report; "
        "print(sorted(m for m in ('matplotlib', 'jinja2', 'pandas') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- the charts kept between reports -----------------------------------------------------------


def _few_metrics() -> ClaimsFile:
    """Four metrics of the generated file: levels and running totals, some with timelines."""
    whole = generated_file()
    keep = {"metric_04", "metric_06", "metric_08", "metric_09"}
    return replace(
        whole,
        claims=tuple(claim for claim in whole.claims if claim.metric in keep),
        metrics=tuple(metric for metric in whole.metrics if metric.name in keep),
    )


def _page(claims_file: ClaimsFile, cache: charts.SvgCache | None) -> str:
    frame = analysis.claims_frame(claims_file)
    verdicts = report.verdict_records(analysis.verdicts(frame, claims_file))
    return html_report.render_report(
        claims_file, frame, verdicts, generated=GENERATED, source_path="x", chart_cache=cache
    )


def test_kept_charts_give_the_same_page_and_only_a_changed_metric_is_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[str] = []
    draw_all = charts._draw_all

    def counting(todo: list[charts.InlineChart]) -> list[str]:
        drawn.extend(f"{chart.metric} {chart.kind}" for chart in todo)
        return draw_all(todo)

    monkeypatch.setattr(charts, "_draw_all", counting)
    few = _few_metrics()
    kept = tmp_path / "charts.pickle"
    first = _page(few, charts.SvgCache(kept))
    assert len(drawn) == 7  # four forest plots, three timelines
    drawn.clear()
    assert _page(few, charts.SvgCache(kept)) == first
    assert drawn == []
    added = Claim(
        id="feedbeef", metric="metric_06", source="Source Z6", date=dt.date(2026, 1, 9), value=70.0
    )
    more = replace(few, claims=(*few.claims, added))
    after = _page(more, charts.SvgCache(kept))
    assert sorted(drawn) == ["metric_06 forest", "metric_06 timeline"]
    assert after != first
    assert after == _page(more, None)  # the same page as without any kept chart


def test_charts_kept_by_other_code_or_unreadable_are_not_used(tmp_path: Path) -> None:
    kept = tmp_path / "charts.pickle"
    kept.write_bytes(b"not a pickle")
    assert charts.SvgCache(kept).kept == {}
    kept.write_bytes(pickle.dumps({"code": ("0.0", "other", "1.0"), "charts": {"k": "<svg/>"}}))
    assert charts.SvgCache(kept).kept == {}
    assert charts.SvgCache(None).kept == {}


def test_report_keeps_its_charts_in_the_cache_folder(tmp_path: Path, own_cache: Path) -> None:
    from typer.testing import CliRunner

    from figcheck.cli import app

    page = tmp_path / "report.html"
    for _ in range(2):
        result = CliRunner().invoke(app, ["-f", str(SHIPPED), "report", str(page)])
        assert result.exit_code == 0, result.output
    (kept,) = own_cache.glob("*.charts.pickle")
    assert len(charts.SvgCache(kept).kept) == 6  # a forest plot per metric, none per relation
    result = CliRunner().invoke(app, ["-f", "-", "report", "-"], input=SHIPPED.read_text())
    assert result.exit_code == 0, result.output
    assert "<svg" in result.stdout
