"""Human output: Rich tables and the text forest plot. Functions return renderables.

Every string from the claims file goes through :func:`cell`, which makes it a ``Text`` (never parsed
as markup, so ``[sic]`` stays ``[sic]``) with control characters and bidi overrides made visible.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from figcheck.safety import visible

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
_STATUS_STYLE = {"divergent": "bold red", "consistent": "green", "single": "dim"}


def cell(value: Any, style: str = "") -> Text:
    """A value from the file as plain text: no markup, no control sequences."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Text("")
    return Text(visible(str(value)), style=style)


def number(value: float | None) -> str:
    """A figure as people write it: ``1,850``, ``2.4``, ``∞`` for an open bound."""
    if value is None or math.isnan(value):
        return ""
    if math.isinf(value):
        return "∞"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1 else f"{value:.3g}"


def figure(claim: Any) -> str:
    """What a claim says, in words: ``about 800``, ``at least 1,850``, ``40–60``."""
    if claim["qualifier"] == "range":
        return f"{number(claim['low'])}–{number(claim['high'])}"
    return _QUALIFIER_WORDS[claim["qualifier"]] + number(claim["point"])


def interval(lo: float, hi: float) -> str:
    """An interval as text: ``[45, 55]``, ``[2,400, ∞)``, or a single figure."""
    if lo == hi:
        return number(lo)
    return f"[{number(lo)}, {number(hi)}{')' if math.isinf(hi) else ']'}"


def _says(claims: pd.DataFrame, claim_id: str) -> Text:
    claim = claims.loc[claim_id].to_dict()
    return cell(claim["source"]) + Text(f" {figure(claim)}")


def compare_table(verdicts: pd.DataFrame, frame: pd.DataFrame) -> RenderableType:
    """One row per metric, divergent first in red with who disagrees, then a one-line summary."""
    claims = frame.set_index("id")
    table = Table(show_edge=False, header_style="bold")
    for name in ("metric", "verdict", "claims", "sources", "figures", "ratio"):
        numeric = name in {"claims", "sources", "ratio"}
        table.add_column(name, justify="right" if numeric else "left", no_wrap=name != "figures")
    for row in verdicts.to_dict("records"):
        status = row["status"]
        style = _STATUS_STYLE[status]
        if status == "divergent":
            figures = (
                _says(claims, row["conflict_a"]) + Text(" vs ") + _says(claims, row["conflict_b"])
            )
        else:
            figures = Text(interval(row["range_low"], row["range_high"]))
        ratio = row["ratio"]
        table.add_row(
            cell(row["metric"], style),
            Text(status, style=style),
            str(row["claims"]),
            str(row["sources"]),
            figures,
            _ratio_text(ratio, status),
            style="dim" if status == "single" else None,
        )
    return Group(table, Text(summary(verdicts)))


def _ratio_text(ratio: float | None, status: str) -> str:
    if ratio is not None and not math.isnan(ratio):
        return f"{ratio:.2f}"
    return "∞" if status == "divergent" else ""


def summary(verdicts: pd.DataFrame) -> str:
    counts = verdicts["status"].value_counts()
    total = len(verdicts)
    parts = [f"{total} metric{'s' if total != 1 else ''}"]
    parts += [
        f"{counts.get(status, 0)} {status}" for status in ("divergent", "consistent", "single")
    ]
    return ", ".join(parts)


def claims_table(frame: pd.DataFrame, *, with_metric: bool = True) -> Table:
    """The claims, one row each, with the interval each one allows."""
    table = Table(show_edge=False, header_style="bold")
    names = ("id", "metric", "figure", "interval", "source", "date", "text")
    for name in names if with_metric else [n for n in names if n != "metric"]:
        table.add_column(name, no_wrap=name in {"id", "date", "interval"})
    for claim in frame.to_dict("records"):
        row = [
            Text(claim["id"]),
            cell(claim["metric"]),
            Text(figure(claim)),
            Text(interval(claim["lo"], claim["hi"])),
            cell(claim["source"]),
            Text(claim["date"]),
            cell(claim["text"], "italic"),
        ]
        table.add_row(*(row if with_metric else row[:1] + row[2:]))
    return table


# --- the forest plot --------------------------------------------------------------------------

_WIDTH = 32


def _axis(frame: pd.DataFrame, verdict: dict[str, Any]) -> tuple[float, float]:
    """The common axis: from the smallest lower bound to past the largest finite figure."""
    finite = pd.concat([frame["lo"], frame["hi"], frame["point"]])
    finite = finite[finite.map(math.isfinite)]
    start = float(frame["lo"].min())
    end = float(finite.max())
    if (frame["hi"] == math.inf).any() or end == start:
        end = end + max(end - start, abs(end), 1.0) * 0.25
    return start, end


def _column(value: float, start: float, end: float) -> int:
    if math.isinf(value):
        return _WIDTH - 1
    return round((value - start) / (end - start) * (_WIDTH - 1))


def _bar(lo: float, hi: float, start: float, end: float, style: str) -> Text:
    left, right = _column(lo, start, end), _column(hi, start, end)
    line = [" "] * _WIDTH
    if left == right:
        line[left] = "●"
    else:
        for position in range(left, right + 1):
            line[position] = "─"
        line[left] = "├"
        line[right] = "→" if math.isinf(hi) else "┤"
    return Text("".join(line), style=style)


def forest(frame: pd.DataFrame, verdict: dict[str, Any]) -> RenderableType:
    """Each claim's interval on one axis, the reconciled range or the conflict marked."""
    start, end = _axis(frame, verdict)
    conflict = {verdict["conflict_a"], verdict["conflict_b"]} - {None}
    table = Table(show_edge=False, show_header=True, header_style="bold", box=None)
    table.add_column("source", max_width=28)
    table.add_column("date", no_wrap=True)
    table.add_column(f"{number(start)} … {number(end)}", no_wrap=True)
    table.add_column("figure")
    for claim in frame.to_dict("records"):
        clash = claim["id"] in conflict
        style = "bold red" if clash else "cyan"
        mark = Text(" ✗ conflict", style="bold red") if clash else Text("")
        table.add_row(
            cell(claim["source"]),
            Text(claim["date"]),
            _bar(claim["lo"], claim["hi"], start, end, style),
            Text(figure(claim)) + mark,
        )
    if verdict["status"] == "consistent":
        low, high = verdict["range_low"], verdict["range_high"]
        band = _bar(low, high, start, end, "bold green")
        table.add_row(Text("reconciled", style="bold green"), "", band, interval(low, high))
    return table


def verdict_sentence(verdict: dict[str, Any], frame: pd.DataFrame) -> Text:
    """The verdict in one sentence, with who disagrees."""
    status = verdict["status"]
    if status == "divergent":
        claims = frame.set_index("id")
        ratio = verdict["ratio"]
        times = "" if ratio is None or math.isnan(ratio) else f" (ratio {ratio:.2f})"
        return (
            Text("Sources disagree: ", style="bold red")
            + _says(claims, verdict["conflict_a"])
            + Text(", ")
            + _says(claims, verdict["conflict_b"])
            + Text(times)
        )
    span = interval(verdict["range_low"], verdict["range_high"])
    if status == "single":
        return Text(f"One claim: {span}", style="dim")
    return Text(f"Consistent: every claim fits {span}", style="green")


def show(metric: str, frame: pd.DataFrame, verdict: dict[str, Any]) -> RenderableType:
    heading = Text(visible(metric), style="bold") + Text(f"  ({verdict['kind']})", style="dim")
    sentence = verdict_sentence(verdict, frame)
    return Group(heading, sentence, Text(""), forest(frame, verdict), Text(""))
