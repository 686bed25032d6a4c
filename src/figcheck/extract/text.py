"""The text stage of :mod:`figcheck.extract`: Markdown or simple HTML stripped to plain text,
a table's rows written as sentences."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser


def word_set(words: str) -> frozenset[str]:
    """A word list written as one string, as a set."""
    return frozenset(words.split())


WEB_ADDRESS = (
    r"[A-Za-z][\w-]*\.(?:(?:co|com|org|gov|ac|net|nic)\.)?(?:com|org|net|info|int|gov|edu|io|"
    r"news|in|uk|us|ca|au|nz|ie|za|ng|ke|pk|bd|lk|np|ph|sg|my|fr|de|es|it|ch|ru|cn|jp|br|mx|ar)\b"
)
"""A web address, one word whatever its digits: "bdnews24.com", "scroll.in", "bbc.co.uk",
"worldometers.info"; its domain in lower case, so a full stop before a capital never makes one."""


_BLOCKS = word_set(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote section article header footer "
    "title pre figcaption dd dt"
)


class _TextParser(HTMLParser):
    def __init__(self, found: list[RowSentence]) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.tables: list[list[list[list[str]]]] = []  # open tables' rows of cells' texts
        self.headed: list[bool] = []  # whether each open table's first row has a <th>
        self.found = found  # the rows read as sentences
        self.budget = TABLE_ROWS  # rows left to read as sentences
        self.left = 0  # rows beyond it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "noscript"):
            self.skipping += 1
        elif tag == "table":
            self.tables.append([])
            self.headed.append(False)
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            if not self.tables[-1]:
                self.tables[-1].append([])
            self.tables[-1][-1].append([])
            if tag == "th" and len(self.tables[-1]) == 1:
                self.headed[-1] = True
        elif tag in _BLOCKS:
            self._add("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript"):
            self.skipping = max(0, self.skipping - 1)
        elif tag == "table" and self.tables:
            self._table(self.tables.pop(), self.headed.pop())
        elif tag in _BLOCKS:
            self._add("\n\n")

    def _table(self, table: list[list[list[str]]], headed: bool) -> None:
        """A closed table: its rows as sentences (up to the budget), the rest as their cells'
        text. The first row is the header when it has a ``<th>`` or no figure."""
        rows = [[" ".join("".join(cell).split()) for cell in row] for row in table if row]
        if not rows:
            return
        if headed or not any(_FIGURE_CELL.match(cell) for cell in rows[0]):
            header, rows = rows[0], rows[1:]
        else:
            header = [""] * max(len(row) for row in rows)
        take, rest = rows[: self.budget], rows[self.budget :]
        sentences = table_sentences(header, take) if take else []
        self.found.extend(sentences)
        self.budget -= len(take)
        self.left += len(rest)
        lines = [row.sentence for row in sentences]
        if rest:  # beyond the budget: the cells' text, one line a row
            lines.append("\n".join(" ".join(row) for row in rest))
        self._add("\n\n" + "\n\n".join(lines) + "\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._add(data)

    def _add(self, text: str) -> None:
        """Text goes to the open table's current cell, else to the document."""
        if self.tables and self.tables[-1] and self.tables[-1][-1]:
            self.tables[-1][-1][-1].append(text)
        elif not self.tables:
            self.parts.append(text)


# --- tables: one sentence a row ------------------------------------------------------------------

_FIGURE_CELL = re.compile(
    r"[~≈<>≥≤+]?\s*(?:(?:about|around|some|nearly|almost|over|more\s+than|at\s+least|up\s+to"
    r"|at\s+most|fewer\s+than|less\s+than|between|roughly|approximately|an\s+estimated|est\.?)"
    r"\s+)?[$€£¥]?\s*\d",
    re.I,
)
_IGNORED_FIELDS = frozenset({"id", "url", "note"})
_HEADER_UNIT = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
_SCALES = {
    "thousand": "thousand",
    "thousands": "thousand",
    "k": "thousand",
    "000s": "thousand",
    "million": "million",
    "millions": "million",
    "m": "million",
    "mn": "million",
    "billion": "billion",
    "billions": "billion",
    "bn": "billion",
}


@dataclass(frozen=True, slots=True)
class RowSentence:
    """A table row written as a sentence, with the source its row names (the cell as written;
    None when the table has no source column) and where its figures start in the sentence."""

    sentence: str
    source: str | None
    figures_at: int


@dataclass(frozen=True, slots=True)
class TableRow:
    """Where a table row's sentence is in the text :func:`read_article` returns: extract gives
    every figure from ``figures_start`` to ``end`` the row's source, as written."""

    start: int
    figures_start: int
    end: int
    source: str | None


@dataclass(frozen=True, slots=True)
class Article:
    """A document as text to extract from: its tables' rows (the first :data:`TABLE_ROWS`) as
    sentences, where they are, and how many rows were left as their cells' text."""

    text: str
    rows: tuple[TableRow, ...] = ()
    rows_left: int = 0


def table_sentences(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[RowSentence]:
    """A table's rows as sentences a reporter could have written, so that each figure keeps its
    row's source, date and counted thing: under the columns *Source*, *Deaths*, *As of*, the row
    "UN | about 1,200 | 2026-01-10" reads "According to UN, about 1,200 deaths, as of 10 January
    2026." Columns are named as ``figcheck import`` names them (``column_field``); a column not
    named so holds figures when most of its cells start with one, else labels ("for Region
    Gaza"). A unit or scale in a header's parentheses ("Displaced (millions)", "Turnout (%)")
    goes with each figure. Rows with no figure give nothing."""
    from figcheck.extract.attribution import header_source
    from figcheck.importing import column_field

    roles = []
    for index, name in enumerate(header):
        field = column_field(name) if name.strip() else None
        cells = [row[index].strip() for row in rows if index < len(row) and row[index].strip()]
        figures = sum(1 for cell in cells if _FIGURE_CELL.match(cell))
        if field is None or field == "source" and cells and figures == len(cells):
            field = "figure" if cells and figures * 2 >= len(cells) else "label"  # "WHO": figures
        roles.append(field)
    # a name alone ("UN", "Police") is a column's source only when every figure column is one:
    # "Region | Government | UN" compares sources, "Camp | Residents | Police" counts people
    figure_columns = [index for index, role in enumerate(roles) if role == "figure"]
    bare = len(figure_columns) > 1 and all(header_source(header[i]) for i in figure_columns)
    columns = [
        header_source(name, bare=bare) if role == "figure" else None
        for name, role in zip(header, roles, strict=False)
    ]
    return [sentence for row in rows for sentence in _row_sentences(header, roles, columns, row)]


def _with_header_unit(value: str, name: str) -> tuple[str, str]:
    """A figure cell and its column's name, the unit in the name's parentheses moved to the
    figure: ("1.2", "Displaced (millions)") -> ("1.2 million", "displaced")."""
    found = _HEADER_UNIT.match(name)
    if found is None:
        return value, name
    name, unit = found.group(1), found.group(2).strip()
    code = re.match(r"(?:USD|EUR|GBP|INR)\b", unit)  # "Cost (USD)", "Cost (EUR m)"
    currency = code.group() + " " if code else unit[:1] if unit[:1] in "$€£¥₹" else ""
    scale = _SCALES.get(unit[len(currency) :].strip().casefold(), "")
    if unit in ("%", "percent", "per cent"):
        return f"{value}%", name
    if scale or currency:
        number = _FIGURE_CELL.match(value)
        at = number.end() - 1 if number else 0  # the first digit: "about 1.2" -> "about $1.2"
        value = f"{value[:at]}{currency}{value[at:]}"
        return (f"{value} {scale}" if scale else value), name
    return value, name  # "(people)", "(est.)": a note on the column, not a unit


def _row_sentences(
    header: Sequence[str],
    roles: Sequence[str],
    columns: Sequence[tuple[str, str] | None],
    row: Sequence[str],
) -> list[RowSentence]:
    """A row as one sentence, or as one a source when columns are named after who gives their
    figures ("Police estimate | Organisers' count"): "According to Police, 20,000 for Paris."."""
    given: dict[str, str] = {}
    figures: list[str] = []
    by_column: dict[str, list[str]] = {}  # a header's source: its figures in this row
    labels: list[str] = []
    for name, role, named, value in zip(header, roles, columns, row, strict=False):
        value = " ".join(value.split())
        name = " ".join(name.split())
        if not value or role in _IGNORED_FIELDS:
            continue
        if role == "figure":
            if _FIGURE_CELL.match(value):
                if named is not None:
                    name = named[1]
                value, name = _with_header_unit(value, name)
                counted = name.lower() if name.istitle() else name  # "Killed", not "UN"
                figure = f"{value} {counted}".strip()
                if named is None:
                    figures.append(figure)
                else:
                    by_column.setdefault(named[0], []).append(figure)
        elif role == "label":
            labels.append(f"{name} {value}".strip())
        else:
            given.setdefault(role, value)
    what = given.get("metric", "")
    hedge = given.get("qualifier", "").replace("_", " ")
    unit = given.get("unit", "")
    if "value" in given:
        figures.insert(0, " ".join(w for w in (hedge, given["value"], unit, what) if w))
    elif "low" in given and "high" in given:
        figures.insert(
            0, " ".join(f"between {given['low']} and {given['high']} {unit} {what}".split())
        )
    elif "text" in given and not figures and not by_column:
        figures.append(given["text"].rstrip("."))
    groups = [(given.get("source"), figures)] if figures else []
    groups += by_column.items()
    return [_sentence(source, found, labels, given) for source, found in groups]


def _sentence(
    source: str | None, figures: list[str], labels: list[str], given: dict[str, str]
) -> RowSentence:
    sentence = ", ".join(figures)
    if labels:
        sentence += " for " + ", ".join(labels)
    moment = given.get("as_of") or given.get("date")
    if moment:
        sentence += f", as of {_day_in_words(moment)}"
    opening = f"According to {source}, " if source else ""
    sentence = sentence[0].upper() + sentence[1:] if not opening else sentence
    return RowSentence(f"{opening}{sentence}.", source, len(opening))


def _day_in_words(written: str) -> str:
    """An ISO date as news writes it ("2026-01-10" -> "10 January 2026"), else as written."""
    try:
        day = dt.date.fromisoformat(written[:10])
    except ValueError:
        return written
    return f"{day.day} {day:%B} {day.year}"


TABLE_ROWS = 1000
"""Rows of tables read as sentences in one document; the rest stay as they are written. A
reporter's table has a few dozen rows; a longer one is data, for ``figcheck import``."""
_DELIMITER_ROW = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_CELL_BAR = re.compile(r"(?<!\\)\|")


def _markdown_tables(document: str, found: list[RowSentence]) -> tuple[str, int]:
    """Each Markdown table (a header row, a ``|---|---|`` row with as many cells, rows with bars)
    as its rows' sentences, each a paragraph, for the first :data:`TABLE_ROWS` rows of the
    document (added to ``found``); one pass over the lines. Returns the text and how many rows
    were left as written."""
    if "|" not in document or "-" not in document:
        return document, 0
    lines = document.split("\n")
    kept: list[str] = []
    index = 0
    budget = TABLE_ROWS
    left = 0
    while index < len(lines):
        line = lines[index]
        below = lines[index + 1] if index + 1 < len(lines) else ""
        if (
            "|" in line
            and "-" in below
            and _DELIMITER_ROW.fullmatch(below)
            and len(_cells(below)) == len(_cells(line))
        ):
            end = index + 2
            while end < len(lines) and "|" in lines[end]:
                end += 1
            take, rest = lines[index + 2 : end][:budget], lines[index + 2 : end][budget:]
            if take:
                rows = [_cells(_inline(row)) for row in take]
                sentences = table_sentences(_cells(_inline(line)), rows)
                found.extend(sentences)
                kept.extend(["", *"\n\n".join(r.sentence for r in sentences).split("\n"), ""])
                kept.extend(rest)
            else:
                kept.extend(lines[index:end])
            budget -= len(take)
            left += len(rest)
            index = end
        else:
            kept.append(line)
            index += 1
    return "\n".join(kept), left


def _inline(text: str) -> str:
    """Markdown's inline marks (links, emphasis, code) taken off, as :func:`read_article` does
    for the whole text, so that a row's sentence reads the same before and after."""
    for pattern, replacement in _MARKDOWN[1:3] + _MARKDOWN[6:10]:
        text = pattern.sub(replacement, text)
    return text


def _cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return [cell.strip().replace("\\|", "|") for cell in _CELL_BAR.split(line)]


def _locate(text: str, sentences: Sequence[RowSentence]) -> tuple[TableRow, ...]:
    """Where each row's sentence is in the final text, in order (one pass); a sentence the
    stripping changed is not found and its figures are attributed as any sentence's are."""
    rows = []
    position = 0
    for row in sentences:
        at = text.find(row.sentence, position)
        if at < 0:
            continue
        end = at + len(row.sentence)
        rows.append(TableRow(at, at + row.figures_at, end, row.source))
        position = end
    return tuple(rows)


_HTML = re.compile(r"<(?:p|div|br|span|a|h[1-6]|li|html|body|article|b|i|em|strong)\b[^>]*>", re.I)
_MARKDOWN = (
    (re.compile(r"^```.*?^```[ \t]*$", re.M | re.S), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.M), r"\1\n"),
    (re.compile(r"^[ \t]*>[ \t]?", re.M), ""),
    (re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", re.M), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.M), ""),
)


def to_text(document: str) -> str:
    """Markdown or simple HTML stripped to plain text; plain text comes back unchanged in
    substance. Extract from the returned text: candidates' offsets refer to it."""
    return read_article(document).text


# a terminal's escape sequences (colours, titles) and other control characters: never text, and
# "\x1b[31m200" must not give the figure "31m"
_CONTROLS = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])?"
    r"|[\x00-\x08\x0b\x0e-\x1f\x7f\x9b]"
)


def without_controls(text: str) -> str:
    """The text without a terminal's escape sequences and control characters (tabs and line
    breaks stay)."""
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def read_article(document: str) -> Article:
    """:func:`to_text`, with where each table row's sentence is and whom its row names; a
    terminal's escape sequences and control characters dropped."""
    document = without_controls(document)
    found: list[RowSentence] = []
    if _HTML.search(document):
        parser = _TextParser(found)
        parser.feed(document)
        parser.close()
        while parser.tables:  # a table the document never closes
            parser.handle_endtag("table")
        document = "".join(parser.parts)
        document = re.sub(r"[ \t\r\f\v]+", " ", document)
        document = re.sub(r" ?\n ?", "\n", document)
        text = re.sub(r"\n{3,}", "\n\n", document).strip()
        return Article(text, _locate(text, found), parser.left)
    fence, nothing = _MARKDOWN[0]
    document, left = _markdown_tables(fence.sub(nothing, document), found)
    for pattern, replacement in _MARKDOWN[1:]:
        document = pattern.sub(replacement, document)
    text = re.sub(r"\n{3,}", "\n\n", document).strip()
    return Article(text, _locate(text, found), left)
