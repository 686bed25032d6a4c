"""Human output: Rich tables and the text forest plot. Functions return renderables.

Every string from the claims file goes through :func:`cell`, which makes it a ``Text`` (never parsed
as markup, so ``[sic]`` stays ``[sic]``) with control characters and bidi overrides made visible.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from figcheck import wording
from figcheck.safety import visible
from figcheck.wording import bound, figure, interval

if TYPE_CHECKING:
    from typing import TypeAlias

    import pandas as pd

    Claims: TypeAlias = pd.DataFrame | list[dict[str, Any]]  # a claims frame, or its rows

NO_CLAIMS = "No claims yet: record one with figcheck add."
_STATUS_STYLE = {"divergent": "bold red", "consistent": "green", "single": "dim"}


def cell(value: Any, style: str = "") -> Text:
    """A value from the file as plain text: no markup, no control sequences."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Text("")
    return Text(visible(str(value)), style=style)


def _shown(value: Any) -> str:
    """A value from the file as visible text for a grid cell ("" when missing)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return visible(str(value))


Cell = tuple[str, str]  # text already made visible, and its style


class Grid:
    """Rows of cells aligned in columns, one line of text per row: fast for thousands of rows.

    A Rich ``Table`` measures and wraps every cell, which takes seconds for a large file; a grid
    measures each column once, wraps only the one column allowed to wrap (``wrap``; with None,
    none: a terminal then cuts each line at its edge), and makes one ``Text`` per line.
    """

    def __init__(
        self,
        headers: list[str],
        rows: list[list[Cell]],
        *,
        right: set[int],
        wrap: int | None,
        give_way: int = 0,
        narrow: Blocks | None = None,
        bend: tuple[int, int] | None = None,
    ):
        self.headers = headers
        self.rows = rows
        self.right = right
        self.wrap = wrap
        self.give_way = give_way  # the column cut with "…" when a terminal is too narrow
        self.narrow = narrow  # instead, one record per block when a column would be cut
        self.bend = bend  # (a column, its least width): it wraps too, before blocks are drawn

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lengths = [[_cell_width(text) for text, _ in row] for row in self.rows]
        widths = [cell_len(header) for header in self.headers]
        for index, column in enumerate(zip(*lengths, strict=True)):
            widths[index] = max(widths[index], *column)
        # a terminal's width is a limit; a pipe or a file gets every cell whole (print uncropped)
        room = options.max_width if console.is_terminal else 1_000_000
        if self.wrap is not None:
            wrap = self.wrap
            natural = widths[self.bend[0]] if self.bend is not None else 0
            if self.bend is not None:  # the second column at its least, until there is room
                bent, least = self.bend
                widths[bent] = min(natural, max(least, cell_len(self.headers[bent])))
            others = sum(w for i, w in enumerate(widths) if i != wrap) + 3 * (len(widths) - 1)
            widths[wrap] = max(20, min(widths[wrap], room - others))
            excess = others + widths[wrap] - room
            if self.bend is not None and excess < 0:  # room to spare: the second column wider
                wider = min(natural, widths[bent] - excess)
                excess += wider - widths[bent]
                widths[bent] = wider
            if excess > 0 and self.narrow is not None:  # too narrow for a table: blocks
                yield self.narrow
                return
            if excess > 0:  # a narrow terminal: one column gives way, its cells cut with "…"
                narrow = self.give_way
                widths[narrow] = max(cell_len(self.headers[narrow]), widths[narrow] - excess)
        styles: dict[str, Style] | None = (
            None if console.no_color or not console.color_system else {}
        )
        segments = self._segments(lengths, widths, styles, room)
        if styles is None:  # plain text: lines joined in chunks, for Rich to write at once
            chunk: list[str] = []  # (a chunk is split into lines again when Rich crops)
            for segment in segments:
                chunk.append(segment.text)
                if len(chunk) == 256:
                    yield Segment("".join(chunk))
                    chunk = []
            yield Segment("".join(chunk))
        else:
            yield from segments

    def _segments(
        self,
        lengths: list[list[int]],
        widths: list[int],
        styles: dict[str, Style] | None,
        room: int,
    ) -> Iterator[Segment]:
        headers = [(header, "bold") for header in self.headers]
        yield from self._line(headers, [cell_len(h) for h in self.headers], widths, styles)
        yield Segment("─┼─".join("─" * width for width in widths)[:room])
        yield Segment.line()
        wrapping = [] if self.wrap is None else [self.wrap]
        if self.bend is not None and self.wrap is not None:
            wrapping.append(self.bend[0])
        for row, row_lengths in zip(self.rows, lengths, strict=True):
            if all(row_lengths[column] <= widths[column] for column in wrapping):
                yield from self._line(row, row_lengths, widths, styles)
                continue
            pieces = {
                column: textwrap.wrap(row[column][0], widths[column], break_on_hyphens=False)
                or [""]
                for column in wrapping
            }
            for number in range(max(map(len, pieces.values()))):
                wrapped = [
                    (
                        (pieces[index][number] if number < len(pieces[index]) else "", style)
                        if index in pieces
                        else (text, style)
                        if number == 0
                        else ("", "")
                    )
                    for index, (text, style) in enumerate(row)
                ]
                yield from self._line(wrapped, [_cell_width(t) for t, _ in wrapped], widths, styles)

    def _line(
        self,
        cells: list[Cell],
        lengths: list[int],
        widths: list[int],
        styles: dict[str, Style] | None,
    ) -> Iterator[Segment]:
        """One line as few segments as its styles allow (one, without colour): Rich writes them
        as they are, with no measuring or wrapping. ``lengths`` are the cells' widths."""
        last = len(cells) - 1
        if styles is None and all(map(int.__le__, lengths, widths)):  # plain, nothing to cut
            parts = []
            for index, ((text, _), length, width) in enumerate(
                zip(cells, lengths, widths, strict=True)
            ):
                padding = " " * (width - length)
                if index in self.right:
                    parts.append(padding + text if text or index != last else text)
                else:
                    parts.append(text + padding if index != last else text)
            yield Segment(" │ ".join(parts) + "\n")
            return
        pending: list[str] = []
        for index, ((text, style), length, width) in enumerate(
            zip(cells, lengths, widths, strict=True)
        ):
            if index:
                pending.append(" │ ")
            if length > width:
                text = set_cell_size(text, width - 1) + "…"
                length = width
            padding = " " * (width - length)
            if index in self.right and padding and (text or index != last):
                pending.append(padding)
            if text and style and styles is not None:
                if pending:
                    yield Segment("".join(pending))
                    pending = []
                if style not in styles:
                    styles[style] = Style.parse(style)
                yield Segment(text, styles[style])
            elif text:
                pending.append(text)
            if index not in self.right and padding and index != last:
                pending.append(padding)
        pending.append("\n")
        yield Segment("".join(pending))


def _cell_width(text: str) -> int:
    """Columns a cell takes: its length when it is ASCII. Grid cells must have been through
    :func:`visible` (no control characters, which would take no column)."""
    return len(text) if text.isascii() else cell_len(text)


Field = tuple[str, str, str]  # a label, its text (already made visible) and the text's style


class Blocks:
    """One record per block, as ``git log`` prints commits: a heading line, then each field on a
    line of its own, labelled and indented, its text wrapped to the width. For a terminal too
    narrow for a table: nothing is cut, a long name or figure only takes more lines."""

    def __init__(self, records: list[tuple[list[Cell], list[Field]]]) -> None:
        self.records = records

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        labels = [label for _, fields in self.records for label, _, _ in fields]
        label_width = max(map(cell_len, labels), default=0)
        for number, (heading, fields) in enumerate(self.records):
            if number:
                yield Text("")
            line = Text()
            for index, (text, style) in enumerate(heading):
                line.append(("  " if index else "") + text, style)
            yield line
            for label, text, style in fields:
                if not text:
                    continue
                indent = f"  {label}{' ' * (label_width - cell_len(label))}  "
                room = max(8, width - len(indent))
                pieces = textwrap.wrap(text, room, break_on_hyphens=False) or [""]
                for index, piece in enumerate(pieces):
                    yield Text(indent if index == 0 else " " * len(indent)) + Text(piece, style)


def _speakers(claims: Claims, ids: set[str]) -> dict[str, str]:
    """For each of these claim ids: who said what (``human rights groups about 800``)."""
    rows: list[dict[Any, Any]]
    if isinstance(claims, list):
        rows = [row for row in claims if row["id"] in ids]
    else:
        needed = ["id", "source", "qualifier", "low", "high", "point"]  # what figure() reads
        rows = claims.loc[claims["id"].isin(ids), needed].to_dict("records")
    return wording.speakers(rows)


def speakers(frame: Claims, verdicts: list[dict[str, Any]]) -> dict[str, str]:
    """Who said what, for every claim in a conflict: what the compare table names."""
    return _speakers(frame, {claim for row in verdicts for claim in row["conflict"]})


def compare_table(
    verdicts: list[dict[str, Any]],
    says: dict[str, str],
    empty: str = "",
) -> RenderableType:
    """One row per metric, divergent first in red with who disagrees, then a one-line summary.

    ``verdicts`` are the compare report's records; ``says`` is :func:`speakers`.
    """
    rows: list[list[Cell]] = []
    for row in verdicts:
        status = row["status"]
        style = _STATUS_STYLE[status]
        dim = "dim" if status == "single" else ""
        figures = wording.figures(row, says)
        rows.append(
            [
                (visible(row["metric"]), style),
                (status, style),
                (row["as_of"] or "", dim),
                (str(row["claims"]), dim),
                (str(row["sources"]), dim),
                (figures, dim),
                (wording.ratio(row["ratio"], status), dim),
            ]
        )
    if not rows:
        return Text(empty or NO_CLAIMS)
    headers = ["metric", "verdict", "as of", "claims", "sources", "figures", "ratio"]
    narrow = Blocks([_verdict_block(row) for row in rows])
    # a metric's name is never cut: a relation's words may wrap down to the longest metric's
    names = [_cell_width(row[0][0]) for row, v in zip(rows, verdicts, strict=True)
             if v["kind"] not in wording.RELATIONS]  # fmt: skip
    bend = (0, max(names, default=len("metric")))
    grid = Grid(headers, rows, right={3, 4, 6}, wrap=5, narrow=narrow, bend=bend)
    return Group(grid, Text(wording.summary(verdicts)))


def _verdict_block(row: list[Cell]) -> tuple[list[Cell], list[Field]]:
    """A compare row as a block: the metric whole, then its verdict, claims and figures."""
    metric, (status, style), (as_of, _), (claims, dim), (sources, _), (figures, _), ratio = row
    verdict = f"{status}, as of {as_of}" if as_of else status
    if ratio[0]:
        verdict += f", ratio {ratio[0]}"
    counts = f"{claims} from {wording.counted(int(sources), 'source')}"
    return [metric], [
        ("verdict", verdict, style),
        ("claims", counts, dim),
        ("figures", figures, dim),
    ]


def claims_table(frame: pd.DataFrame, *, with_metric: bool = True) -> RenderableType:
    """The claims, one row each, with the interval each one allows."""
    names = ["id", "metric", "figure", "interval", "source", "date", "text"]
    if not with_metric:
        names.remove("metric")
    rows: list[list[Cell]] = []
    for claim in frame.to_dict("records"):
        cells = {
            "id": (_shown(claim["id"]), ""),
            "metric": (_shown(claim["metric"]), ""),
            "figure": (figure(claim), ""),
            "interval": (interval(claim["lo"], claim["hi"]), ""),
            "source": (_shown(claim["source"]), ""),
            "date": (_shown(claim["date"]), ""),
            "text": (_shown(claim["text"]), "italic"),
        }
        rows.append([cells[name] for name in names])
    return _ClaimsTable(names, rows)


class _ClaimsTable:
    """In a terminal, a few claims as a Rich table (every column wraps to fit); many claims, or
    output to a pipe or a file, as a grid (drawn in a fraction of the time): in a terminal with
    the text wrapped, else one whole line per claim."""

    TABLE_ROWS = 2000  # a Rich table measures every cell: about a second for this many

    def __init__(self, names: list[str], rows: list[list[Cell]]) -> None:
        self.names = names
        self.rows = rows

    # what a table needs to be read: these whole, the others at least this wide
    WHOLE = frozenset({"id", "metric", "interval", "date"})
    LEAST = 12

    def readable(self, width: int) -> bool:
        """Whether a table of these claims can be read at this width, every id, metric, interval
        and date whole and the other columns at least a word wide."""
        needed = 3 * (len(self.names) - 1) + 2
        for index, name in enumerate(self.names):
            longest = max((_cell_width(row[index][0]) for row in self.rows), default=0)
            longest = max(longest, cell_len(name))
            needed += longest if name in self.WHOLE else min(longest, self.LEAST)
        return needed <= width

    def blocks(self) -> Blocks:
        """The claims one per block: id, metric and date, then figure, source and text."""
        where = {name: index for index, name in enumerate(self.names)}
        records: list[tuple[list[Cell], list[Field]]] = []
        for row in self.rows:
            heading = [("id", "bold"), ("metric", "bold"), ("date", "dim")]
            figure = f"{row[where['figure']][0]}  {row[where['interval']][0]}"
            records.append(
                (
                    [(row[where[name]][0], style) for name, style in heading if name in where],
                    [
                        ("figure", figure, ""),
                        ("source", row[where["source"]][0], ""),
                        ("text", *row[where["text"]]),
                    ],
                )
            )
        return Blocks(records)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if console.is_terminal and not self.readable(options.max_width):
            yield self.blocks()  # a narrow terminal: one claim per block, nothing cut
            return
        if console.is_terminal and len(self.rows) <= self.TABLE_ROWS:
            table = Table(show_edge=False, header_style="bold")
            for name in self.names:
                table.add_column(name, no_wrap=name in {"id", "date", "interval"})
            for row in self.rows:
                table.add_row(*(Text(text, style=style) for text, style in row))
            yield table
        else:
            # in a terminal, the text wraps and the metric (else the source) gives way; into a
            # pipe or a file, one whole line per claim
            wrap = len(self.names) - 1 if console.is_terminal else None
            give_way = self.names.index("metric" if "metric" in self.names else "source")
            yield Grid(self.names, self.rows, right=set(), wrap=wrap, give_way=give_way)


# --- the forest plot --------------------------------------------------------------------------

_WIDTH = 32


def _axis(frame: pd.DataFrame, verdict: dict[str, Any]) -> tuple[float, float]:
    """The common axis: from the smallest lower bound to past the largest finite figure."""
    import pandas as pd

    finite = pd.concat([frame["lo"], frame["hi"], frame["point"]])
    finite = finite[finite.map(math.isfinite)]
    start = float(frame["lo"].min())
    end = float(finite.max())
    if (frame["hi"] == math.inf).any() or end == start:
        end = end + max(end - start, abs(end), 1.0) * 0.25
    return start, end


def _column(value: float, start: float, end: float, width: int = _WIDTH) -> int:
    if math.isinf(value):
        return width - 1
    return round((value - start) / (end - start) * (width - 1))


def _bar(lo: float, hi: float, start: float, end: float, style: str, width: int = _WIDTH) -> Text:
    left, right = _column(lo, start, end, width), _column(hi, start, end, width)
    line = [" "] * width
    if left == right:
        line[left] = "●"
    else:
        for position in range(left, right + 1):
            line[position] = "─"
        line[left] = "├"
        line[right] = "→" if math.isinf(hi) else "┤"
    return Text("".join(line), style=style)


def forest(frame: pd.DataFrame, verdict: dict[str, Any], *, whole: bool = False) -> RenderableType:
    """Each claim's interval on one axis, the reconciled range or the conflict marked; ``whole``:
    each claim on one line, its source never wrapped (into a pipe or a file). In a terminal too
    narrow for its columns, each claim takes two lines (:class:`_NarrowForest`)."""
    table = _forest_table(frame, verdict, whole=whole)
    return table if whole else _NarrowForest(frame, verdict, table)


class _NarrowForest:
    """The forest plot as a table where it fits; in a narrower terminal each claim as a block:
    its source and moment, then its bar (as wide as there is room for) with the figure and the
    conflict mark whole."""

    SOURCE = 12  # the least width of the source column for the table to be read
    LEAST_BAR = 8

    def __init__(self, frame: pd.DataFrame, verdict: dict[str, Any], table: Table) -> None:
        self.frame, self.verdict, self.table = frame, verdict, table

    def _figures(self) -> list[Text]:
        conflict = set(self.verdict["conflict"])
        return [
            Text(figure(claim))
            + (
                Text(f" {wording.CONFLICT_MARK}", style="bold red")
                if claim["id"] in conflict
                else ""
            )
            for claim in self.frame.to_dict("records")
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        figures = self._figures()
        reconciled = None
        if self.verdict["status"] == "consistent":
            low, high = self.verdict["range_low"], bound(self.verdict["range_high"], math.inf)
            reconciled = (low, high, interval(low, high))
        shown = [text.cell_len for text in figures] + ([len(reconciled[2])] if reconciled else [])
        longest = max(shown, default=0)
        sources = max((cell_len(visible(str(s))) for s in self.frame["source"]), default=0)
        needed = min(sources, self.SOURCE) + 10 + _WIDTH + max(longest, 6) + 4 * 2
        if width >= needed:
            yield self.table
            return
        start, end = _axis(self.frame, self.verdict)
        bar_width = max(self.LEAST_BAR, min(_WIDTH, width - 4 - longest))
        conflict = set(self.verdict["conflict"])
        yield Text(f"axis  {wording.number(start)} … {wording.number(end)}", style="bold")
        for claim, said in zip(self.frame.to_dict("records"), figures, strict=True):
            style = "bold red" if claim["id"] in conflict else "cyan"
            yield cell(claim["source"]) + Text(f"  {claim['moment']}", style="dim")
            bar = _bar(claim["lo"], claim["hi"], start, end, style, bar_width)
            yield Text("  ") + bar + Text("  ") + said
        if reconciled is not None:
            low, high, words = reconciled
            band = _bar(low, high, start, end, "bold green", bar_width)
            yield Text("reconciled", style="bold green")
            yield Text("  ") + band + Text(f"  {words}")


def _forest_table(frame: pd.DataFrame, verdict: dict[str, Any], *, whole: bool) -> Table:
    """The forest plot as a table: source, moment, bar, figure."""
    start, end = _axis(frame, verdict)
    conflict = set(verdict["conflict"])
    table = Table(show_edge=False, show_header=True, header_style="bold", box=None)
    table.add_column("source", max_width=None if whole else 28, no_wrap=whole)
    table.add_column("as of", no_wrap=True)
    table.add_column(f"{wording.number(start)} … {wording.number(end)}", no_wrap=True)
    table.add_column("figure")
    for claim in frame.to_dict("records"):
        clash = claim["id"] in conflict
        style = "bold red" if clash else "cyan"
        mark = Text(f" {wording.CONFLICT_MARK}", style="bold red") if clash else Text("")
        table.add_row(
            cell(claim["source"]),
            Text(claim["moment"]),
            _bar(claim["lo"], claim["hi"], start, end, style),
            Text(figure(claim)) + mark,
        )
    if verdict["status"] == "consistent":
        low, high = verdict["range_low"], bound(verdict["range_high"], math.inf)
        band = _bar(low, high, start, end, "bold green")
        table.add_row(Text("reconciled", style="bold green"), "", band, interval(low, high))
    return table


def verdict_sentence(verdict: dict[str, Any], frame: Claims) -> Text:
    """The verdict in one line, with who disagrees."""
    status = verdict["status"]
    said = _speakers(frame, set(verdict["conflict"])) if status == "divergent" else {}
    lead, rest = wording.verdict_line(verdict, said)
    return Text(lead, style=_STATUS_STYLE[status]) + Text(rest)


def show(
    metric: str,
    frame: pd.DataFrame,
    verdict: dict[str, Any],
    relations: list[dict[str, Any]] = (),  # type: ignore[assignment]
    alone: list[str] = (),  # type: ignore[assignment]
    *,
    whole: bool = False,
) -> RenderableType:
    """One metric: its kind and moment, the verdict, the forest plot, a timeline when its claims
    speak of several days, the claims never held against another (``alone``) and its relations.
    ``whole``: one line per claim, whatever the width (print it with ``soft_wrap``)."""
    heading = Text(visible(metric), style="bold") + Text(
        f"  ({wording.setting(verdict)})", style="dim"
    )
    parts: list[RenderableType] = [heading, verdict_sentence(verdict, frame), Text("")]
    parts += [forest(frame, verdict, whole=whole), Text("")]
    days = frame["moment"].str[:10]
    if (days != days.iloc[0]).any():
        parts += [timeline(frame, verdict), Text("")]
    if alone:
        parts.append(Text(wording.uncompared(alone, verdict["window"]), style="dim"))
    for relation in relations:
        style = _STATUS_STYLE[relation["status"]]
        parts.append(
            Text("Relation: ")
            + Text(visible(relation["metric"]))
            + Text(" — ")
            + Text(relation["status"], style=style)
            + Text(f" (as of {relation['as_of']})", style="dim")
        )
    return Group(*parts)


def timeline(frame: pd.DataFrame, verdict: dict[str, Any]) -> RenderableType:
    """Each source's figures in the order of their moments, the conflicting ones marked."""
    conflict = set(verdict["conflict"])
    lines = [Text("over time", style="bold")]
    for source, rows in frame.sort_values(["moment", "order"]).groupby("source", sort=False):
        line = Text("  ") + cell(str(source)) + Text(": ")
        for number, claim in enumerate(rows.to_dict("records")):
            if number:
                line += Text(" → ")
            clash = claim["id"] in conflict
            line += Text(figure(claim), style="bold red" if clash else "")
            line += Text(f" ({claim['moment']})" + (" ✗" if clash else ""), style="dim")
        lines.append(line)
    return Group(*lines)


def _around(sentence: str, start: int, length: int, context: int = 60) -> Text:
    """The sentence cut to some words either side of the figure, the figure highlighted."""
    left = max(0, start - context)
    right = min(len(sentence), start + length + context)
    if left:
        left = sentence.find(" ", left, start) + 1 or left
    if right < len(sentence):
        right = (
            sentence.rfind(" ", start + length, right)
            if " " in sentence[start + length : right]
            else right
        )
    shown = Text(
        ("…" if left else "")
        + visible(sentence[left:right])
        + ("…" if right < len(sentence) else "")
    )
    offset = start - left + (1 if left else 0)
    shown.stylize("bold yellow", offset, offset + length)
    return shown


def candidates_table(candidates: list[Any], date: dt.date) -> RenderableType:
    """Figures found in an article: the figure highlighted in its sentence, who said it, why,
    and under the figure the date a recorded claim gets (its moment, "as of", when the sentence
    gives one)."""
    from figcheck.extract.candidates import stored_as_of

    table = Table(show_edge=False, header_style="bold", show_lines=True)
    for name in ("#", "figure, date", "what", "source", "sentence", "conf."):
        table.add_column(
            name,
            no_wrap=name in {"#", "conf."},
            min_width=36 if name == "sentence" else None,
            max_width=None if name == "sentence" else 20,
        )
    for number, candidate in enumerate(candidates, start=1):
        moment = stored_as_of(candidate, date)
        dated = f"\nas of {moment}" if moment else f"\n{date.isoformat()}"
        sentence = _around(
            candidate.sentence, candidate.start - candidate.sentence_start, len(candidate.figure)
        )
        source = cell(candidate.source) if candidate.source else Text("unattributed", "dim")
        figure = cell(candidate.figure) + (
            cell(f" [{candidate.unit}]", "dim") if candidate.unit else ""
        )
        figure += Text(dated, "dim")
        table.add_row(
            str(number),
            figure,
            cell(candidate.what),
            source + Text(f"\n{candidate.rule}", style="dim"),
            sentence,
            f"{candidate.confidence:.2f}",
        )
    found = len(candidates)
    return Group(table, Text(f"{found} candidate{'s' if found != 1 else ''}"))
