"""Pictures of one metric: the forest plot of its claims and, over several days, a timeline.

The forest plot is the standard picture of conflicting estimates in meta-analysis: one row per
claim, its interval as a bar (an open upper bound as an arrow), and either the range every claim
allows shaded as a band or the gap between the two conflicting claims marked. The timeline shows
each source's figures of a cumulative metric over time.

Both draw the frames that ``compare`` uses (``analysis.claims_frame`` rows of one metric and its
``analysis.verdicts`` row); nothing here decides a verdict. matplotlib is imported inside the
functions that draw, so ``import figcheck.charts`` costs nothing; figures are built with the
object API (no pyplot, no global backend) and written as SVG or PNG. Their words (titles, labels,
the description a screen reader reads) come from :mod:`figcheck.wording`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import io
import math
import os
import pickle
import re
import sys
import textwrap
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from figcheck import wording
from figcheck.errors import UsageError
from figcheck.safety import visible
from figcheck.wording import CONFLICT_MARK, figure, number

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Chart = Literal["auto", "forest", "timeline"]

# The Okabe-Ito palette: told apart by people with any common colour-vision deficiency.
BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREEN = "#009E73"
GREY = "#666666"
_SOURCE_COLOURS = (BLUE, "#E69F00", GREEN, "#CC79A7", "#56B4E9", "#000000", VERMILLION)
_SOURCE_MARKERS = ("o", "s", "^", "D", "v", "P", "X")

_STYLE: dict[Any, Any] = {
    "svg.fonttype": "none",  # text stays text: selectable, searchable, read by screen readers
    "svg.hashsalt": "figcheck",  # stable clip-path ids, so the same data gives the same file
    "text.parse_math": False,  # a "$" in a source's name is a dollar sign, not TeX
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 10,
    "axes.edgecolor": "#999999",
    "axes.labelcolor": "#333333",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
}
_LABEL_WIDTH = 28
_WIDTH = 8.0  # inches, every chart
_TIMELINE_HEIGHT = 3.6
_UNIT_WIDTH = 30  # characters of a unit on a line beside a timeline's value axis
_SUFFIXES = {".svg": "svg", ".png": "png"}


# --- public API --------------------------------------------------------------------------------


def has_timeline(claims: pd.DataFrame, verdict: dict[str, Any]) -> bool:
    """Whether a timeline says anything: a cumulative metric with claims on two dates or more."""
    kind = verdict.get("kind")
    return kind in ("cumulative", "level") and len(set(claims["moment"].str[:10])) > 1


def forest_svg(
    metric: str,
    claims: pd.DataFrame,
    verdict: dict[str, Any],
    *,
    unit: str | None = None,
    id_prefix: str | None = None,
) -> str:
    """The forest plot of one metric as an inline ``<svg>`` element with ``<title>``/``<desc>``.

    ``id_prefix`` makes every id inside the SVG unique when several charts share one page.
    """
    chart = InlineChart("forest", metric, _rows(claims), verdict, unit, id_prefix or _ids(metric))
    return inline_svgs([chart])[0]


def timeline_svg(
    metric: str,
    claims: pd.DataFrame,
    verdict: dict[str, Any],
    *,
    unit: str | None = None,
    id_prefix: str | None = None,
) -> str:
    """The timeline of a cumulative metric: each source's figures by date, as an inline SVG."""
    prefix = id_prefix or _ids(metric, "timeline")
    chart = InlineChart("timeline", metric, _rows(claims), verdict, unit, prefix)
    return inline_svgs([chart])[0]


@dataclass(frozen=True, slots=True)
class InlineChart:
    """A chart to inline in a page: which one, of what, and the prefix of its ids."""

    kind: Literal["forest", "timeline"]
    metric: str
    rows: list[dict[str, Any]]  # the metric's claims-frame rows
    verdict: dict[str, Any]  # its report record
    unit: str | None
    prefix: str


def inline_svgs(charts: Sequence[InlineChart], cache: SvgCache | None = None) -> list[str]:
    """Each chart as an inline ``<svg>`` element: from ``cache`` when it holds one drawn from the
    same inputs, else drawn (in two processes when there are many to draw and two cores)."""
    keys = [cache.key(chart) if cache is not None else "" for chart in charts]
    found = [cache.get(key) if cache is not None else None for key in keys]
    missing = [chart for chart, svg in zip(charts, found, strict=True) if svg is None]
    drawn = iter(_draw_all(missing))
    svgs = [svg if svg is not None else next(drawn) for svg in found]
    if cache is not None:
        for key, svg in zip(keys, svgs, strict=True):
            cache.put(key, svg)
    return [svg.replace(_PREFIX, chart.prefix) for chart, svg in zip(charts, svgs, strict=True)]


# Drawn charts carry this in place of their id prefix (a page gives each chart its own); it can
# be nowhere else in an SVG: XML has no NUL, and every text from the claims file is made visible.
_PREFIX = "\x00"
_CHART_FIELDS = ("id", "source", "date", "moment", "qualifier", "point", "low", "high", "lo", "hi")
_VERDICT_FIELDS = ("status", "kind", "conflict", "range_low", "range_high", "as_of", "window")
_PARALLEL_FROM = 8  # charts to draw before a second process is worth its start


def _draw(chart: InlineChart) -> str:
    """One chart as an inline SVG whose ids start with :data:`_PREFIX`."""
    if chart.kind == "forest":
        title = f"{visible(chart.metric)}: every claim's interval on one axis"
        description = wording.forest_description(chart.metric, chart.rows, chart.verdict)
    else:
        title = f"{visible(chart.metric)}: each source's figures over time"
        description = wording.timeline_description(chart.metric, chart.rows, chart.verdict)
    return _svg(_inline_figure(chart), title, description, _PREFIX)


def _inline_figure(chart: InlineChart) -> Figure:
    """The figure of a chart for a page, with margins measured from its labels."""
    rows, verdict, unit = chart.rows, chart.verdict, chart.unit
    if chart.kind == "forest":
        return _figure(
            lambda fig: _draw_forest(fig.add_subplot(), rows, verdict, unit),
            _forest_height(rows),
            _forest_margins(rows, verdict, unit),
        )
    return _figure(
        lambda fig: _draw_timeline(fig.add_subplot(), rows, verdict, unit),
        _TIMELINE_HEIGHT,
        _timeline_margins(rows, unit),
    )


def _draw_all(charts: list[InlineChart]) -> list[str]:
    """The charts drawn, in two processes when there are many and two cores to draw them on
    (forked: the children start with matplotlib imported, and draw exactly what this one would)."""
    import multiprocessing

    if len(charts) < _PARALLEL_FROM or _cores() < 2 or "fork" not in _start_methods():
        return [_draw(chart) for chart in charts]
    import matplotlib.figure  # noqa: F401  (imported once, before the fork)

    with multiprocessing.get_context("fork").Pool(2) as pool:
        return pool.map(_draw, charts, chunksize=max(1, len(charts) // 16))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods() if sys.platform == "linux" else []


class SvgCache:
    """Charts already drawn, by a digest of all they are drawn from: the metric's claims, verdict
    and unit, figcheck's version, the chart code and matplotlib's version. A chart whose inputs
    changed has another key, so a stale chart is never used; only the charts of the last page are
    kept. ``path`` is None when caching is off."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.kept: dict[str, str] = {}
        self.used: dict[str, str] = {}
        if path is not None:
            try:
                with path.open("rb") as stream:
                    kept = pickle.load(stream)
            except Exception:  # missing, truncated or foreign: charts are drawn again
                kept = None
            if isinstance(kept, dict) and kept.get("code") == _code():
                self.kept = kept["charts"]

    @classmethod
    def of_claims_file(cls, path: str) -> SvgCache:
        """The charts kept for the claims file at ``path`` (none for standard input), in the
        cache folder beside what is kept of the file itself."""
        from figcheck.claimsfile.cache import cache_folder
        from figcheck.claimsfile.locate import STDIN

        folder = cache_folder()
        if path == STDIN or folder is None:
            return cls(None)
        name = hashlib.blake2b(os.path.realpath(path).encode(), digest_size=12).hexdigest()
        return cls(folder / f"{name}.charts.pickle")

    def key(self, chart: InlineChart) -> str:
        rows = tuple(tuple(row[name] for name in _CHART_FIELDS) for row in chart.rows)
        verdict = tuple(_plain(chart.verdict[name]) for name in _VERDICT_FIELDS)
        inputs = repr((chart.kind, chart.metric, chart.unit, rows, verdict))
        return hashlib.blake2b(inputs.encode(), digest_size=16).hexdigest()

    def get(self, key: str) -> str | None:
        return self.kept.get(key)

    def put(self, key: str, svg: str) -> None:
        self.used[key] = svg

    def save(self) -> None:
        """Keep the charts used since this cache was read, when they differ from those kept."""
        if self.path is None or self.used == self.kept:
            return
        from figcheck.claimsfile.replace import replace_atomically

        data = pickle.dumps({"code": _code(), "charts": self.used}, pickle.HIGHEST_PROTOCOL)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            replace_atomically(self.path, data, mode=0o600)
        except OSError:  # a cache that cannot be written is simply not kept
            pass


def _plain(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@functools.cache
def _code() -> tuple[str, ...]:
    """What every chart depends on besides its inputs: this code, its words, matplotlib."""
    from importlib.metadata import version

    from figcheck import __version__

    code = hashlib.blake2b(digest_size=16)
    for module in (__file__, wording.__file__):
        code.update(Path(module).read_bytes())
    return (__version__, code.hexdigest(), version("matplotlib"))


def image(
    metric: str,
    claims: pd.DataFrame,
    verdict: dict[str, Any],
    suffix: str,
    *,
    chart: Chart = "auto",
    unit: str | None = None,
) -> bytes:
    """A metric's chart as the bytes of a PNG or SVG file (by ``suffix``, ``.png`` or ``.svg``).

    ``auto`` draws the forest plot, with the timeline below it when :func:`has_timeline`.
    """
    kind = _SUFFIXES.get(suffix.lower())
    if kind is None:
        raise UsageError(f"a chart is written as .png or .svg, not '{suffix}'")
    rows = _rows(claims)
    forest = chart in ("auto", "forest")
    timeline = chart == "timeline" or (chart == "auto" and has_timeline(claims, verdict))
    heights = ([_forest_height(rows)] if forest else []) + ([_TIMELINE_HEIGHT] if timeline else [])

    def draw(fig: Figure) -> None:
        axes = fig.subplots(len(heights), 1, squeeze=False, height_ratios=heights)[:, 0]
        if forest:
            _draw_forest(axes[0], rows, verdict, unit)
        if timeline:
            _draw_timeline(axes[-1], rows, verdict, unit)
        fig.suptitle(
            wording.chart_title(metric, verdict["status"]),
            x=0.02,
            ha="left",
            fontweight="bold",
        )

    drawn = _figure(draw, sum(heights) + 0.4)
    buffer = io.BytesIO()
    with _style():
        drawn.savefig(buffer, format=kind, dpi=150, metadata=_metadata(kind))
    return buffer.getvalue()


# --- drawing -----------------------------------------------------------------------------------


def _rows(claims: pd.DataFrame) -> list[dict[str, Any]]:
    return claims.to_dict("records")  # type: ignore[return-value]


def _conflict(verdict: dict[str, Any]) -> set[str]:
    return set(verdict.get("conflict", ()))


def _forest_height(rows: list[dict[str, Any]]) -> float:
    return 1.3 + 0.5 * len(rows)


def _label(text: Any, width: int = _LABEL_WIDTH) -> str:
    """A name shortened to two lines for an axis label (the full text is in the table)."""
    lines = textwrap.wrap(visible(str(text)), width) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder="…")]
    return "\n".join(lines)


def _finite(values: list[float]) -> list[float]:
    return [value for value in values if math.isfinite(value)]


def value_axis(rows: Sequence[dict[str, Any]]) -> tuple[float, float]:
    """A forest plot's value axis, its first and last value (a page's narrow bars use the same):
    from zero (or just below the smallest figure, when zero would crush the bars) to past the
    largest finite figure, with room for arrows when a bound is open."""
    los = [float(row["lo"]) for row in rows]
    finite = _finite(
        los + [float(row["hi"]) for row in rows] + [float(row["point"]) for row in rows]
    )
    smallest, largest = min(los), max(finite)
    span = largest - smallest or max(abs(largest), 1.0)
    start = 0.0 if smallest <= 0.4 * largest else smallest - 0.1 * span
    open_bound = any(math.isinf(row["hi"]) for row in rows)
    end = largest + span * (0.25 if open_bound else 0.08)
    return start - 0.03 * (end - start), end


def agreed(verdict: dict[str, Any]) -> tuple[float, float]:
    """The values every claim of a consistent verdict allows (an open upper bound infinite)."""
    low = float(verdict["range_low"])
    return low, math.inf if verdict["range_high"] is None else float(verdict["range_high"])


def gap(rows: Sequence[dict[str, Any]], verdict: dict[str, Any]) -> tuple[float, float] | None:
    """The values between a divergent verdict's two conflicting claims, which fit neither: from
    the second's upper bound to the first's lower bound (None when either claim is not among
    ``rows`` or the second has no upper bound)."""
    by_id = {row["id"]: row for row in rows}
    ids = [*verdict["conflict"], None, None]
    first, second = by_id.get(ids[0]), by_id.get(ids[1])
    if first is None or second is None:
        return None
    low, high = float(second["hi"]), float(first["lo"])
    if not (math.isfinite(low) and high > low):
        return None
    return low, high


def _number_axis(axis: Any) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=6, min_n_ticks=3))
    axis.set_major_formatter(FuncFormatter(lambda value, _: number(value)))


def _draw_forest(
    ax: Axes, rows: list[dict[str, Any]], verdict: dict[str, Any], unit: str | None
) -> None:
    start, end = value_axis(rows)
    conflict = _conflict(verdict)
    count = len(rows)
    ax.set_xlim(start, end)
    ax.set_ylim(count - 0.5, -0.9)  # the first claim at the top, room above it for a band label
    for y, row in enumerate(rows):
        clash = row["id"] in conflict
        colour = VERMILLION if clash else BLUE
        lo, hi, point = float(row["lo"]), float(row["hi"]), float(row["point"])
        right = end if math.isinf(hi) else hi
        if lo == hi:
            ax.plot([lo], [y], marker="D" if clash else "o", markersize=8, color=colour, zorder=3)
            continue
        ax.plot(
            [lo, right],
            [y, y],
            color=colour,
            linewidth=4 if clash else 3,
            solid_capstyle="butt",
            zorder=3,
        )
        ax.plot([lo], [y], marker="|", markersize=14, markeredgewidth=2, color=colour, zorder=3)
        if math.isinf(hi):
            ax.plot([end], [y], marker=">", markersize=10, color=colour, zorder=3, clip_on=False)
        else:
            ax.plot([hi], [y], marker="|", markersize=14, markeredgewidth=2, color=colour, zorder=3)
        if row["qualifier"] != "range":
            ax.plot(
                [point],
                [y],
                marker="D" if clash else "o",
                markersize=7,
                markerfacecolor="white",
                markeredgewidth=2,
                color=colour,
                zorder=4,
            )
    status = verdict["status"]
    if status == "consistent":
        low, high = agreed(verdict)
        right = min(high, end)
        if right > low:
            ax.axvspan(low, right, color=GREEN, alpha=0.15, linewidth=0, zorder=1)
        else:
            ax.axvline(low, color=GREEN, alpha=0.5, linewidth=4, zorder=1)
        right_half = (low + right) / 2 > (start + end) / 2
        ax.text(
            right if right_half else low,
            -0.72,
            f" {wording.band(low, high)} ",
            color="#00704f",
            fontsize=9,
            fontweight="bold",
            va="center",
            ha="right" if right_half else "left",
            zorder=5,
        )
    elif status == "divergent":
        _mark_gap(ax, rows, verdict, end)
    ax.set_yticks(range(count), [f"{_label(row['source'])}\n{row['date']}" for row in rows])
    ax.tick_params(axis="y", length=0, labelsize=9)
    for y, row in enumerate(rows):  # each claim's figure right of the axes, level with its bar
        clash = row["id"] in conflict
        ax.annotate(
            figure(row) + (f"\n{CONFLICT_MARK}" if clash else ""),
            (1, y),
            xycoords=("axes fraction", "data"),
            xytext=(10, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            fontsize=9,
            color=VERMILLION if clash else "#333333",
            fontweight="bold" if clash else "normal",
            annotation_clip=False,
        )
    for name in ("top", "right", "left"):
        ax.spines[name].set_visible(False)
    _number_axis(ax.xaxis)
    ax.grid(axis="x", color="#dddddd", linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    if unit:
        ax.set_xlabel(visible(unit))


def _mark_gap(ax: Axes, rows: list[dict[str, Any]], verdict: dict[str, Any], end: float) -> None:
    """Hatch the values between the two conflicting claims: no value there fits both."""
    found = gap(rows, verdict)
    if found is None:
        return
    low, high = found
    # the tint and the hatching are two patches: an SVG pattern takes its fill's opacity
    ax.axvspan(low, min(high, end), color=VERMILLION, alpha=0.06, linewidth=0, zorder=1)
    ax.axvspan(
        low,
        min(high, end),
        facecolor="none",
        edgecolor=VERMILLION,
        alpha=0.5,
        hatch="///",
        linewidth=0,
        zorder=1,
    )
    words = wording.gap(verdict["kind"])
    middle = (low + min(high, end)) / 2
    ax.text(
        middle,
        -0.72,
        words,
        color=VERMILLION,
        fontsize=9,
        fontweight="bold",
        va="center",
        ha="center",
        zorder=5,
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
    )


def _draw_timeline(
    ax: Axes, rows: list[dict[str, Any]], verdict: dict[str, Any], unit: str | None
) -> None:
    import matplotlib.dates

    mdates: Any = matplotlib.dates  # date2num and the date locators are untyped in its stubs
    conflict = _conflict(verdict)
    start, end = value_axis(rows)
    ax.set_ylim(start, end + 0.08 * (end - start))  # headroom for a conflict's label
    sources = list(dict.fromkeys(str(row["source"]) for row in rows))
    labels = [_legend_label(source) for source in sources]
    for number_, source in enumerate(sources):
        colour = _SOURCE_COLOURS[number_ % len(_SOURCE_COLOURS)]
        marker = _SOURCE_MARKERS[number_ % len(_SOURCE_MARKERS)]
        said = sorted((row for row in rows if row["source"] == source), key=lambda r: r["moment"])
        dates = [float(mdates.date2num(dt.date.fromisoformat(r["moment"][:10]))) for r in said]
        points = [float(row["point"]) for row in said]
        ax.plot(
            dates,
            points,
            marker=marker,
            markersize=7,
            color=colour,
            linewidth=1.5,
            label=labels[number_],
            zorder=3,
        )
        for day, row in zip(dates, said, strict=True):
            lo, hi = float(row["lo"]), float(row["hi"])
            ax.plot(
                [day, day],
                [lo, min(hi, end)],
                color=colour,
                linewidth=2,
                alpha=0.6,
                solid_capstyle="butt",
                zorder=2,
            )
            if math.isinf(hi):
                ax.plot([day], [end], marker="^", markersize=8, color=colour, clip_on=False)
            if row["id"] in conflict:
                ax.plot(
                    [day],
                    [float(row["point"])],
                    marker="o",
                    markersize=16,
                    markerfacecolor="none",
                    markeredgecolor=VERMILLION,
                    markeredgewidth=2,
                    zorder=4,
                )
                ax.annotate(
                    CONFLICT_MARK,
                    (day, float(row["point"])),
                    xytext=(10, 8),
                    textcoords="offset points",
                    color=VERMILLION,
                    fontsize=9,
                    fontweight="bold",
                    zorder=5,
                )
    days = [float(mdates.date2num(dt.date.fromisoformat(row["moment"][:10]))) for row in rows]
    first, last = min(days), max(days)
    margin = max((last - first) * 0.06, 1.0)
    ax.set_xlim(first - margin, last + margin)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    _number_axis(ax.yaxis)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)
    for name in ("top", "right"):
        ax.spines[name].set_visible(False)
    if unit:
        ax.set_ylabel(_label(unit, _UNIT_WIDTH))
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(0, -0.14),
        ncols=_legend_columns(labels),
        frameon=False,
        fontsize=9,
    )


# --- output ------------------------------------------------------------------------------------


_MISSING_GLYPH = "Glyph .* missing from font"


@contextlib.contextmanager
def _style() -> Iterator[None]:
    """figcheck's look, and quiet about glyphs the font lacks (a control picture such as ␛ for
    a stray escape character): the SVG keeps the text, and a browser finds a font that has it."""
    from matplotlib import rc_context

    with rc_context(_STYLE), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_MISSING_GLYPH)
        yield


@dataclass(frozen=True, slots=True)
class Margins:
    """Room around the axes, in inches, for what is drawn outside them (labels, legend)."""

    left: float
    right: float
    top: float
    bottom: float


def _figure(draw: Any, height: float, margins: Margins | None = None) -> Figure:
    """A figure ``height`` inches tall, drawn by ``draw``: with ``margins`` fixed (what a page's
    charts use), else laid out by matplotlib's constrained layout, which draws the figure twice
    to measure it — a third of a report's time when every chart was laid out that way."""
    from matplotlib.figure import Figure

    with _style():
        if margins is None:
            figure = Figure(figsize=(_WIDTH, height), layout="constrained")
        else:
            figure = Figure(figsize=(_WIDTH, height))
            figure.subplots_adjust(
                left=margins.left / _WIDTH,
                right=1 - margins.right / _WIDTH,
                top=1 - margins.top / height,
                bottom=margins.bottom / height,
            )
        draw(figure)
    return figure


_POINT = 1 / 72  # inches
_DPI = 100  # a figure's dots per inch (the width of text is measured at the same)
_EDGE = 0.1  # inches of white between the outermost text and the figure's edge
_TICK_TEXT = 10 * 1.25 * _POINT + 7 * _POINT  # a tick label's line, its tick and its pad
_AXIS_LABEL = 10 * 1.25 * _POINT + 4 * _POINT  # a unit under or beside the axis


def _forest_margins(
    rows: list[dict[str, Any]], verdict: dict[str, Any], unit: str | None
) -> Margins:
    """The forest plot's margins: the sources and dates on the left, the figures on the right,
    the value axis below."""
    conflict = _conflict(verdict)
    left = [f"{_label(row['source'])}\n{row['date']}" for row in rows]
    plain = [figure(row) for row in rows if row["id"] not in conflict]
    marked = [f"{figure(row)}\n{CONFLICT_MARK}" for row in rows if row["id"] in conflict]
    right = max(_text_width(plain, 9), _text_width(marked, 9, bold=True))
    return Margins(
        left=_text_width(left, 9) + 4 * _POINT + _EDGE,
        right=max(right + 10 * _POINT + _EDGE, 0.45),  # room too for the last value's tick label
        top=_EDGE,
        bottom=_TICK_TEXT + (_AXIS_LABEL if unit else 0.0) + _EDGE,
    )


def _timeline_margins(rows: list[dict[str, Any]], unit: str | None) -> Margins:
    """The timeline's margins: the values' tick labels on the left, the dates and the legend of
    sources below (the legend hangs 14 % of the axes' height under them, as drawn)."""
    from matplotlib.ticker import MaxNLocator

    start, end = value_axis(rows)
    ticks = MaxNLocator(nbins=6, min_n_ticks=3).tick_values(start, end + 0.08 * (end - start))
    labels = [_legend_label(source) for source in dict.fromkeys(str(row["source"]) for row in rows)]
    legend = (math.ceil(len(labels) / _legend_columns(labels)) * 9 * 1.5 + 9) * _POINT
    top = 0.15
    # the legend's top is 0.14 of the axes' height below them: solve for the bottom margin
    bottom = (0.14 * (_TIMELINE_HEIGHT - top) + legend + _EDGE) / 1.14
    return Margins(
        left=_text_width([number(tick) for tick in ticks], 10)
        + 7 * _POINT
        + (_AXIS_LABEL * (1 + _label(unit, _UNIT_WIDTH).count("\n")) if unit else 0.0)
        + _EDGE,
        # the last date's label, and a conflict's mark written beside a point at the last date
        right=max(0.4, _text_width([CONFLICT_MARK], 9, bold=True) + 10 * _POINT + _EDGE),
        top=top,
        bottom=bottom,
    )


def _legend_label(source: str) -> str:
    return _label(source, 40).replace("\n", " ")


def _legend_columns(labels: Sequence[str]) -> int:
    """Three columns of sources under a timeline, or fewer when long names would not fit."""
    widest = _text_width(labels, 9) + (2 + 0.8 + 2) * 9 * _POINT  # handle, its pad, spacing
    room = _WIDTH - 1.2  # the figure less the value labels beside the axes
    return max(1, min(len(labels), 3, int(room // widest)))


def _text_width(lines: Sequence[str], size: float, *, bold: bool = False) -> float:
    """Inches the widest line of ``lines`` takes at ``size`` points in the charts' font."""
    return max(
        (_line_width(line, size, bold) for text in lines for line in text.split("\n")),
        default=0.0,
    )


@functools.lru_cache(maxsize=4096)
def _line_width(line: str, size: float, bold: bool) -> float:
    from matplotlib.font_manager import FontProperties

    font = FontProperties(fname=_font_file(bold), size=size)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_MISSING_GLYPH)
        width = _measuring_renderer().get_text_width_height_descent(line, font, False)[0]
    return float(width) / _DPI


@functools.cache
def _font_file(bold: bool) -> str:
    """The file of the charts' font (regular or bold) on this machine."""
    from matplotlib.font_manager import FontProperties, findfont

    with _style():
        return str(findfont(FontProperties(weight="bold" if bold else "normal")))


@functools.cache
def _measuring_renderer() -> Any:
    from matplotlib.backends import backend_agg

    renderer: Any = backend_agg.RendererAgg  # untyped in matplotlib's stubs
    return renderer(1, 1, _DPI)


def _metadata(kind: str) -> dict[str, Any]:
    return {"Date": None} if kind == "svg" else {"Software": None}


_TAG = re.compile(r"<[^>]*>")
_ID = re.compile(r'\bid="([^"]*)"')
_REFERENCE = re.compile(r'(url\(#|href="#)([^)"]*)')
# The metadata (a link to matplotlib.org) and the ``*{...}`` style rule, which inside an HTML page
# would apply to the whole page; the report's stylesheet carries the rule, scoped to its charts.
_INLINE_DROPS = re.compile(r"<metadata>.*?</metadata>\s*|<defs>\s*<style.*?</defs>\s*", re.DOTALL)


def _ids(metric: str, chart: str = "forest") -> str:
    return f"fc-{re.sub(r'[^0-9A-Za-z_-]+', '-', metric)}-{chart}-"


def _svg(figure: Figure, title: str, description: str, prefix: str) -> str:
    """The figure as an ``<svg>`` element for inlining: no prolog, metadata removed, ids prefixed,
    and a ``<title>``/``<desc>`` pair that assistive technology reads out."""
    buffer = io.StringIO()
    with _style():
        figure.savefig(buffer, format="svg", metadata=_metadata("svg"))
    text = _INLINE_DROPS.sub("", buffer.getvalue())
    text = text[text.index("<svg") :]

    def prefixed(tag: re.Match[str]) -> str:
        inside = _ID.sub(lambda m: f'id="{prefix}{m[1]}"', tag[0])
        return _REFERENCE.sub(lambda m: f"{m[1]}{prefix}{m[2]}", inside)

    text = _TAG.sub(prefixed, text)
    opening = text.index(">") + 1
    labelled = f' role="img" aria-labelledby="{prefix}title {prefix}desc" class="chart-svg"'
    accessible = (
        f'<title id="{prefix}title">{escape(title, quote=False)}</title>'
        f'<desc id="{prefix}desc">{escape(description, quote=False)}</desc>'
    )
    return text[: opening - 1] + labelled + ">" + accessible + text[opening:].rstrip() + "\n"
