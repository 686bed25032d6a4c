"""The HTML report on a narrow screen: each chart also written as text over bars of HTML.

A phone shows a metric's claims as rows (who said what, then a bar on the forest plot's axis) in
place of the SVG, which is drawn only once. These tests read the page's markup; the browser test
checks what Chromium draws at a phone's width.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from figcheck import analysis, charts, html_report, report
from figcheck.claimsfile.locate import snapshot
from figcheck.claimsfile.reading import load
from figcheck.model import Claim, ClaimsFile, Kind, Metric, Qualifier, Source

from .conftest import SHIPPED
from .test_report_html import assert_offline, assert_valid, generated_file, read_page, report_of

# An axis that starts at zero starts 3 % of its length below it, so zero lies at 3/103 of it.
ZERO = 2.91


def _claim(number: int, metric: str, value: float | None, day: int = 5, **rest: Any) -> Claim:
    return Claim(
        id=f"{number:08x}",
        metric=metric,
        source=rest.pop("source", f"Source {number}"),
        date=dt.date(2026, 1, day),
        value=value,
        **rest,
    )


def _narrow(*claims: Claim, kind: Kind = Kind.FIXED) -> html_report.NarrowChart:
    """The narrow chart of one metric ``m`` made of ``claims`` (fixed: one list, every claim
    against every other)."""
    claims_file = ClaimsFile(
        path="x.yaml", claims=claims, metrics=(Metric(name="m", kind=kind, declared_kind=True),)
    )
    frame = analysis.claims_frame(claims_file)
    (verdict,) = report.verdict_records(analysis.verdicts(frame, claims_file))
    rows: list[dict[str, Any]] = frame.to_dict("records")  # type: ignore[assignment]
    by_date = charts.has_timeline(frame, verdict)
    return html_report.narrow_chart(rows, verdict, by_date=by_date, tolerance=0.10)


def _bars(chart: html_report.NarrowChart) -> list[html_report.Bar]:
    return [bar for group in chart.groups for bar in group.bars]


# --- where a claim's bar lies ------------------------------------------------------------------


def test_one_claim_is_a_solid_mark_inside_the_axis() -> None:
    chart = _narrow(_claim(1, "m", 5))
    (bar,) = _bars(chart)
    # the axis runs from just below 5 (4.473) to past it (5.4): 5 lies at 56.85 %
    assert (bar.single, bar.left, bar.width, bar.point, bar.open_end) == (
        True,
        56.85,
        0.0,
        56.85,
        False,
    )
    assert (bar.figure, bar.interval, bar.conflict) == ("5", "", False)
    assert chart.ticks == (html_report.Tick(56.85, "5"),)
    assert chart.band is None and chart.gap is None  # a lone claim has nothing to agree with


def test_zero_lies_at_the_start_of_an_axis_from_zero() -> None:
    chart = _narrow(_claim(1, "m", 0), _claim(2, "m", 1000, day=6))
    zero, thousand = _bars(chart)
    assert (zero.single, zero.left, zero.point) == (True, ZERO, ZERO)
    # the largest figure at 1.0324 / 1.1124 of the axis, which ends 8 % past it
    assert (thousand.left, thousand.point) == (92.81, 92.81)
    assert [(tick.at, tick.text) for tick in chart.ticks] == [(ZERO, "0"), (92.81, "1,000")]


def test_a_range_has_a_bar_and_no_stated_figure() -> None:
    (bar,) = _bars(_narrow(_claim(1, "m", None, qualifier=Qualifier.RANGE, low=0, high=1000)))
    assert (bar.single, bar.left, bar.width, bar.point, bar.open_end) == (
        False,
        ZERO,
        89.9,
        None,
        False,
    )
    assert (bar.figure, bar.interval) == ("0–1,000", "[0, 1,000]")


def test_an_open_end_runs_to_the_end_of_the_axis() -> None:
    """ "at least 0" allows every value of the axis: its bar spans all of it from zero on."""
    (bar,) = _bars(_narrow(_claim(1, "m", 0, qualifier=Qualifier.AT_LEAST)))
    assert (bar.left, bar.width, bar.point, bar.open_end) == (ZERO, 97.09, ZERO, True)
    assert bar.left + bar.width == 100
    assert bar.interval == "[0, ∞)"


@pytest.mark.parametrize("qualifier", [Qualifier.MORE_THAN, Qualifier.AT_LEAST])
def test_more_than_and_at_least_are_open_at_the_top(qualifier: Qualifier) -> None:
    chart = _narrow(_claim(1, "m", 100, qualifier=qualifier), _claim(2, "m", 200, day=6))
    hedged, exact = _bars(chart)
    assert hedged.open_end and not exact.open_end
    assert hedged.left + hedged.width == 100
    assert hedged.point == hedged.left  # the figure stated is its lower bound
    assert hedged.left < exact.left < 100


def test_a_hedged_figure_has_its_point_inside_its_bar() -> None:
    (bar,) = _bars(_narrow(_claim(1, "m", 800, qualifier=Qualifier.ABOUT)))
    assert bar.point is not None and bar.left < bar.point < bar.left + bar.width
    assert (bar.figure, bar.interval, bar.single) == ("about 800", "[720, 880]", False)


def test_positions_are_the_forest_plots_axis_in_percent() -> None:
    """Every position is (value − start) / (end − start) of the chart's own axis."""
    claims = (
        _claim(1, "m", 800, qualifier=Qualifier.ABOUT, source="human rights groups"),
        _claim(2, "m", 0, source="officials"),
        _claim(3, "m", 300, qualifier=Qualifier.UP_TO),
        _claim(4, "m", None, qualifier=Qualifier.RANGE, low=100, high=400),
    )
    chart = _narrow(*claims)
    rows = _rows(chart_file(*claims))
    start, end = charts.value_axis(rows)
    for bar, row in zip(_bars(chart), rows, strict=True):
        expected = (row["lo"] - start) / (end - start) * 100
        assert bar.left == round(expected, 2)
        assert bar.left + bar.width == pytest.approx(
            (row["hi"] - start) / (end - start) * 100, 0.01
        )


def chart_file(*claims: Claim) -> ClaimsFile:
    return ClaimsFile(path="x.yaml", claims=claims)


def _rows(claims_file: ClaimsFile) -> list[dict[str, Any]]:
    return analysis.claims_frame(claims_file).to_dict("records")  # type: ignore[return-value]


# --- the band, the gap and the conflict -------------------------------------------------------


def test_a_disagreement_marks_its_gap_and_its_two_claims() -> None:
    chart = _narrow(
        _claim(1, "m", 800, qualifier=Qualifier.ABOUT, source="human rights groups"),
        _claim(2, "m", 0, source="officials"),
    )
    about, zero = _bars(chart)
    assert about.conflict and zero.conflict
    assert chart.gap is not None and chart.band is None
    # from the officials' 0 to the groups' lower bound of 720: where the bar of "about 800" starts
    assert chart.gap.left == ZERO and chart.gap.left + chart.gap.width == about.left
    assert chart.gap.label == "gap: no value fits both"


def test_agreement_shades_the_values_every_claim_allows() -> None:
    chart = _narrow(_claim(1, "m", 100, qualifier=Qualifier.AT_LEAST), _claim(2, "m", 150, day=6))
    at_least, exact = _bars(chart)
    assert chart.band is not None and chart.gap is None
    assert chart.band.left == exact.left and chart.band.width == 0  # exactly 150
    assert chart.band.label == "every claim fits: exactly 150"
    assert not at_least.conflict and not exact.conflict


def test_open_agreement_shades_to_the_end_of_the_axis() -> None:
    chart = _narrow(
        _claim(1, "m", 100, qualifier=Qualifier.AT_LEAST),
        _claim(2, "m", 150, qualifier=Qualifier.MORE_THAN, day=6),
    )
    assert chart.band is not None
    assert chart.band.left + chart.band.width == 100
    assert chart.band.label == "every claim fits: 150 or more"


# --- grouped by date for a timeline -----------------------------------------------------------


def test_a_running_total_over_several_days_is_grouped_by_day_newest_first() -> None:
    chart = _narrow(
        _claim(1, "m", 100, day=1, source="A"),
        _claim(2, "m", 150, day=3, source="B"),
        _claim(3, "m", 120, day=3, source="A"),
        kind=Kind.CUMULATIVE,
    )
    assert [group.date for group in chart.groups] == ["2026-01-03", "2026-01-01"]
    assert [[bar.source for bar in group.bars] for group in chart.groups] == [["B", "A"], ["A"]]
    assert {bar.date for bar in _bars(chart)} == {""}  # the heading gives it


def test_a_claim_about_another_day_than_it_was_made_keeps_its_date() -> None:
    chart = _narrow(
        _claim(1, "m", 100, day=1),
        _claim(2, "m", 150, day=9, as_of="2026-01-03"),
        kind=Kind.CUMULATIVE,
    )
    assert [(group.date, [bar.date for bar in group.bars]) for group in chart.groups] == [
        ("2026-01-03", ["2026-01-09"]),
        ("2026-01-01", [""]),
    ]


def test_a_fixed_metric_is_one_list_in_the_forest_plots_order() -> None:
    chart = _narrow(_claim(1, "m", 100, day=1), _claim(2, "m", 150, day=3), kind=Kind.FIXED)
    assert [group.date for group in chart.groups] == [""]
    assert [bar.date for bar in _bars(chart)] == ["2026-01-01", "2026-01-03"]


def test_a_level_metrics_day_shows_the_gap_or_band_of_that_days_verdict_only() -> None:
    """A and B disagree about 2026-01-04 (A's 10 still in force, B's 31); on 2026-01-05 A's 30
    and B's 31 agree: that day shows their band, no gap."""
    chart = _narrow(
        _claim(1, "m", 10, day=1, source="A"),
        _claim(2, "m", 31, day=5, source="B", as_of="2026-01-04"),
        _claim(3, "m", 30, day=5, source="A"),
        kind=Kind.LEVEL,
    )
    agree, clash, first = chart.groups
    assert [group.date for group in chart.groups] == ["2026-01-05", "2026-01-04", "2026-01-01"]
    assert chart.gap is not None and chart.band is None  # the metric's verdict: divergent
    assert agree.gap is None and agree.band is not None
    assert agree.band.label == "every claim fits: between 30 and 31"
    (thirty,) = agree.bars
    assert agree.band.left == thirty.left  # from A's 30 ...
    assert agree.band.left + agree.band.width == clash.bars[0].left  # ... to B's 31
    assert clash.band is None and clash.gap == chart.gap  # the day the verdict speaks of
    assert first.band is None and first.gap is None  # A's 10 alone in force then


def test_a_level_metrics_days_on_the_page_and_its_forest_plot_unchanged() -> None:
    claims_file = ClaimsFile(
        path="x.yaml",
        claims=(
            _claim(1, "m", 10, day=1, source="A"),
            _claim(2, "m", 31, day=5, source="B", as_of="2026-01-04"),
            _claim(3, "m", 30, day=5, source="A"),
        ),
    )
    page, frame, (verdict,) = report_of(claims_file)
    bars = page[page.index('<div class="bars"') : page.index("</div>", page.index('class="bars"'))]
    days = bars.split('class="bars-date"')[1:]
    assert [day.count('class="bar-gap"') for day in days] == [0, 1, 0]
    assert [day.count('class="bar-band"') for day in days] == [1, 0, 0]
    assert [day.count("bars-key-gap") + day.count("bars-key-band") for day in days] == [1, 1, 0]
    assert bars.index("bars-key") > bars.index("bars-date")  # each day its own key
    drawn = re.search(r'<figure class="chart" data-chart="forest">\s*(<svg.*?</svg>)', page, re.S)
    assert drawn is not None
    assert drawn.group(1) == charts.forest_svg("m", frame, verdict, id_prefix="c1-f-").strip()


# --- the page ----------------------------------------------------------------------------------


class Narrow(HTMLParser):
    """Each section's narrow chart: where it is, its dates, and each bar's words and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.section = ""
        self.figure = ""
        self.inside: list[str] = []
        self.found: dict[str, dict[str, Any]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        classes = found.get("class", "").split()
        if tag == "section" and "metric" in classes:
            self.section = found["id"]
            self.found[self.section] = {"bars": None, "figures": [], "dates": [], "words": []}
        if tag == "figure":
            self.figure = found.get("data-chart", "")
            self.found[self.section]["figures"].append(self.figure)
        if "bars" in classes:
            self.found[self.section]["bars"] = (self.figure, found["data-kind"])
        if tag == "time" and self.found.get(self.section, {}).get("bars"):
            self.found[self.section]["dates"].append(found["datetime"])
        if "bar-words" in classes:
            self.inside.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.inside:
            self.found[self.section]["words"].append(self.inside.pop())

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.inside[-1] += data


def narrow_of(page: str) -> Narrow:
    parser = Narrow()
    parser.feed(page)
    parser.close()
    return parser


def test_every_metric_of_every_kind_has_its_narrow_chart_in_its_forest_plot() -> None:
    page, frame, verdicts = report_of(generated_file())
    found = narrow_of(page).found
    assert len(found) == 40
    for record in verdicts:
        section = found[f"metric-{record['metric']}"]
        rows = frame[frame["metric"] == record["metric"]]
        assert section["bars"] == ("forest", record["kind"])
        assert len(section["words"]) == len(rows)
        if charts.has_timeline(rows, record):
            days = sorted(set(rows["moment"].str[:10]), reverse=True)
            assert section["dates"] == days
        else:
            assert section["dates"] == []
    kinds = {section["bars"][1] for section in found.values()}
    assert kinds == {"level", "cumulative"}


def test_fixed_metrics_and_relations_on_a_narrow_screen() -> None:
    """A fixed metric's claims are one list; a relation has no chart at any width, so no empty
    figure either (its claims are in its table)."""
    page, _, _ = report_of(load(snapshot(str(SHIPPED))))
    found = narrow_of(page).found
    relations = [name for name in found if "-" in name.removeprefix("metric-")]
    assert len(relations) == 2
    for name in relations:
        assert found[name]["figures"] == [] and found[name]["bars"] is None
    assert found["metric-political_prisoners"]["bars"] == ("forest", "level")
    assert found["metric-political_prisoners"]["words"] == [
        "human rights groups 2026-01-12about 800 allows [720, 880] ✗ conflict",
        "officials of Maduro's administration 2026-01-120 ✗ conflict",
    ]
    fixed = ClaimsFile(
        path="fixed.yaml",
        claims=(_claim(1, "turnout", 5000, day=1), _claim(2, "turnout", 9000, day=2)),
        metrics=(Metric(name="turnout", kind=Kind.FIXED, declared_kind=True),),
    )
    page, _, _ = report_of(fixed)
    (section,) = narrow_of(page).found.values()
    assert section["bars"] == ("forest", "fixed") and section["dates"] == []
    assert section["words"] == [
        "Source 1 2026-01-015,000 ✗ conflict",
        "Source 2 2026-01-029,000 ✗ conflict",
    ]


def test_the_svg_gives_way_to_the_bars_only_below_the_narrow_width() -> None:
    page, _, _ = report_of(load(snapshot(str(SHIPPED))))
    css = page[page.index("<style>") : page.index("</style>")]
    wide, narrow = css.split("@media (max-width: 40rem)")
    narrow = narrow.split("@media print")[0]
    assert ".bars, .narrow-only { display: none; }" in wide
    assert 'figure.chart svg, figure.chart[data-chart="timeline"] { display: none; }' in narrow
    assert ".bars { display: block; }" in narrow
    assert "min-width: 34rem" not in css  # no chart kept at a desktop width in a scroller
    assert "--chart-conflict: #D55E00" in css  # the charts' own colours


HOSTILE_NAMES = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\x1b[31mred\x1b[0m \u202eevil",
    "&amp; {{ 7*7 }} {% if %}",
    "W" * 400,
    "Observatorio " * 40,
)


def test_hostile_text_in_the_narrow_chart_is_escaped_and_wraps() -> None:
    day = dt.date(2026, 1, 5)
    claims = tuple(
        Claim(
            id=f"bad{number:05d}",
            metric="<b>m</b>\x1b]0;title\x07",
            source=name,
            date=day + dt.timedelta(days=number),
            value=10.0 * (number + 1),
            qualifier=Qualifier.ABOUT,
        )
        for number, name in enumerate(HOSTILE_NAMES)
    )
    metrics = (Metric(name=claims[0].metric, unit="<i>people</i>", kind=Kind.CUMULATIVE),)
    page, _, _ = report_of(ClaimsFile(path="<x>.yaml", claims=claims, metrics=metrics))
    assert_valid(read_page(page))
    assert_offline(read_page(page))
    bars = page[page.index('<div class="bars"') : page.index("</figure>", page.index("bars-list"))]
    assert "<script" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in bars
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in bars
    assert "&amp;amp; {{ 7*7 }} {% if %}" in bars  # the template's syntax too, as text
    assert "W" * 400 in bars and ("Observatorio " * 40).strip() in bars  # whole, not cut
    assert "\x1b" not in page and "\x07" not in page and "\u202e" not in page
    assert "overflow-wrap: anywhere" in page[: page.index("</style>")].split(".bar-words")[1][:80]
    (section,) = narrow_of(page).found.values()
    assert len(section["words"]) == len(HOSTILE_NAMES)
    # a style holds only positions the report computed, never text from the file
    styles = re.findall(r'style="([^"]*)"', bars)
    assert len(styles) > 2 * len(HOSTILE_NAMES)
    number = r"\d+(\.\d+)?%"
    style = re.compile(rf"left:{number}(;width:{number}|;transform:translateX\(-{number}\))?")
    assert all(style.fullmatch(text) for text in styles), styles


# --- each claim once on a narrow screen --------------------------------------------------------


def test_a_range_says_allows_only_when_its_interval_adds_to_its_figure() -> None:
    several = _claim(1, "m", 3, qualifier=Qualifier.RANGE, low=3, high=9, text="several")
    about = _claim(2, "m", 800, qualifier=Qualifier.ABOUT)
    above = _claim(3, "m", 5, qualifier=Qualifier.AT_LEAST)
    alone = _claim(4, "m", 7)
    bars = _bars(_narrow(several, about, above, alone))
    assert sorted((bar.figure, bar.interval, bar.allows) for bar in bars) == [
        ("3–9", "[3, 9]", ""),
        ("7", "", ""),
        ("about 800", "[720, 880]", "[720, 880]"),
        ("at least 5", "[5, ∞)", "[5, ∞)"),
    ]
    page, _, _ = report_of(
        ClaimsFile(path="x.yaml", claims=(several, about, above, alone), metrics=())
    )
    words = narrow_of(page).found["metric-m"]["words"]
    assert [line for line in words if "Source 1" in line] == ["Source 1 2026-01-053–9"]
    assert "allows [3, 9]" not in page and ">[3, 9]<" not in page  # in neither bars nor table
    assert "allows [720, 880]" in page and ">[720, 880]</span>" in page


def test_on_a_narrow_screen_each_claim_is_shown_once_with_every_field_of_the_table() -> None:
    claims = (
        Claim(
            id="c0ffee01",
            metric="m",
            source="UN",
            date=dt.date(2026, 1, 5),
            value=800,
            qualifier=Qualifier.ABOUT,
            text="some 800 <b>held</b>",
            note="from the briefing",
            url="https://example.org/briefing?a=1&b=2",
        ),
        Claim(
            id="c0ffee02",
            metric="m",
            source="HRW",
            date=dt.date(2026, 1, 5),
            value=500,
            url="javascript:alert(1)",
        ),
        Claim(id="c0ffee03", metric="w", source="UN", date=dt.date(2026, 1, 5), value=900),
    )
    metrics = (Metric(name="m", part_of="w", kind=Kind.FIXED), Metric(name="w", kind=Kind.FIXED))
    sources = (Source(key="UN", name="United Nations"),)
    claims_file = ClaimsFile(path="x.yaml", claims=claims, metrics=metrics, sources=sources)
    page, _, _ = report_of(claims_file)
    assert_valid(read_page(page))
    sections = {}
    for name in ("metric-m", "metric-m-w"):
        section = page[
            page.index('<section class="metric status-', page.index(f'id="{name}"') - 60) :
        ]
        sections[name] = section[: section.index("</section>")]
    section = sections["metric-m"]
    bars = section[section.index('<div class="bars"') : section.index("</figure>")]
    table = section[section.index('<div class="claims-list in-bars">') :]
    # the bar's row holds what the table's row holds: the source's name, the wording, the
    # note, the link (or why there is none) and the id
    for shown in (
        "(United Nations)",
        "<q>some 800 &lt;b&gt;held&lt;/b&gt;</q>",
        "Note: from the briefing",
        '<a href="https://example.org/briefing?a=1&amp;b=2" rel="noopener noreferrer nofollow"',
        "javascript:alert(1) (not a web address; not linked)",
        "id c0ffee01",
        "id c0ffee02",
        "about 800",
        "allows [720, 880]",
    ):
        assert shown in bars, shown
        assert shown.removeprefix("allows ") in table, shown
    assert "2026-01-05" in bars and "2026-01-05" in table
    # the table of a metric with a chart is the one hidden below the narrow width (and printed);
    # a relation, which has no chart, keeps its table at every width
    assert '<div class="claims-list">' in sections["metric-m-w"]
    assert "in-bars" not in sections["metric-m-w"]
    css = page[page.index("<style>") : page.index("</style>")]
    wide, narrow = css.split("@media (max-width: 40rem)")
    narrow, printed = narrow.split("@media print")
    assert "claims-list" not in wide
    assert ".claims-list.in-bars { display: none; }" in narrow
    assert ".claims-list.in-bars { display: block; }" in printed
