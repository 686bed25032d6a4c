"""The text stage of :mod:`figcheck.extract`: Markdown or simple HTML stripped to plain text,
a table's rows written as sentences."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from html.parser import HTMLParser


def word_set(words: str) -> frozenset[str]:
    """A word list written as one string, as a set."""
    return frozenset(words.split())


_BLOCKS = word_set(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote section article header footer "
    "title pre figcaption dd dt"
)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.tables: list[list[list[list[str]]]] = []  # open tables' rows of cells' texts
        self.budget = TABLE_ROWS  # rows left to read as sentences

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "noscript"):
            self.skipping += 1
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            if not self.tables[-1]:
                self.tables[-1].append([])
            self.tables[-1][-1].append([])
        elif tag in _BLOCKS:
            self._add("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript"):
            self.skipping = max(0, self.skipping - 1)
        elif tag == "table" and self.tables:
            table = self.tables.pop()
            rows = [[" ".join("".join(cell).split()) for cell in row] for row in table if row]
            read, rest = rows[: self.budget + 1], rows[self.budget + 1 :]
            self.budget -= max(0, len(read) - 1)
            lines = table_sentences(read[0], read[1:]) if read else []
            if rest:  # beyond the budget: the cells' text, one line a row
                lines.append("\n".join(" ".join(row) for row in rest))
            self._add("\n\n" + "\n\n".join(lines) + "\n\n")
        elif tag in _BLOCKS:
            self._add("\n\n")

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


def table_sentences(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A table's rows as sentences a reporter could have written, so that each figure keeps its
    row's source, date and counted thing: under the columns *Source*, *Deaths*, *As of*, the row
    "UN | about 1,200 | 2026-01-10" reads "According to UN, about 1,200 Deaths, as of 10 January
    2026." Columns are named as ``figcheck import`` names them (``column_field``); a column not
    named so holds figures when most of its cells start with one, else labels ("for Region
    Gaza"). Rows with no figure give nothing."""
    from figcheck.importing import column_field

    roles = []
    for index, name in enumerate(header):
        field = column_field(name) if name.strip() else None
        if field is None:
            cells = [row[index].strip() for row in rows if index < len(row) and row[index].strip()]
            figures = sum(1 for cell in cells if _FIGURE_CELL.match(cell))
            field = "figure" if cells and figures * 2 >= len(cells) else "label"
        roles.append(field)
    sentences = []
    for row in rows:
        sentence = _row_sentence(header, roles, row)
        if sentence:
            sentences.append(sentence)
    return sentences


def _row_sentence(header: Sequence[str], roles: Sequence[str], row: Sequence[str]) -> str | None:
    given: dict[str, str] = {}
    figures: list[str] = []
    labels: list[str] = []
    for name, role, value in zip(header, roles, row, strict=False):
        value = " ".join(value.split())
        name = " ".join(name.split())
        if not value or role in _IGNORED_FIELDS:
            continue
        if role == "figure":
            if _FIGURE_CELL.match(value):
                counted = name.lower() if name.istitle() else name  # "Killed", not "UN"
                figures.append(f"{value} {counted}".strip())
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
    elif "text" in given and not figures:
        figures.append(given["text"].rstrip("."))
    if not figures:
        return None
    sentence = ", ".join(figures)
    if labels:
        sentence += " for " + ", ".join(labels)
    moment = given.get("as_of") or given.get("date")
    if moment:
        sentence += f", as of {_day_in_words(moment)}"
    if "source" in given:
        sentence = f"According to {given['source']}, {sentence}"
    return sentence[0].upper() + sentence[1:] + "."


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


def _markdown_tables(document: str) -> str:
    """Each Markdown table (a header row, a ``|---|---|`` row, rows with bars) as its rows'
    sentences, each a paragraph, for the first :data:`TABLE_ROWS` rows of the document; one pass
    over the lines."""
    if "|" not in document or "-" not in document:
        return document
    lines = document.split("\n")
    kept: list[str] = []
    index = 0
    budget = TABLE_ROWS
    while index < len(lines):
        line = lines[index]
        below = lines[index + 1] if index + 1 < len(lines) else ""
        if budget and "|" in line and "-" in below and _DELIMITER_ROW.fullmatch(below):
            end = index + 2
            while end < len(lines) and "|" in lines[end] and end - index - 2 < budget:
                end += 1
            rows = [_cells(row) for row in lines[index + 2 : end] if row.strip()]
            budget -= end - index - 2
            kept.extend(["", *"\n\n".join(table_sentences(_cells(line), rows)).split("\n"), ""])
            index = end
        else:
            kept.append(line)
            index += 1
    return "\n".join(kept)


def _cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return [cell.strip().replace("\\|", "|") for cell in _CELL_BAR.split(line)]


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
    if _HTML.search(document):
        parser = _TextParser()
        parser.feed(document)
        parser.close()
        while parser.tables:  # a table the document never closes
            parser.handle_endtag("table")
        document = "".join(parser.parts)
        document = re.sub(r"[ \t\r\f\v]+", " ", document)
        document = re.sub(r" ?\n ?", "\n", document)
        return re.sub(r"\n{3,}", "\n\n", document).strip()
    fence, nothing = _MARKDOWN[0]
    document = _markdown_tables(fence.sub(nothing, document))
    for pattern, replacement in _MARKDOWN[1:]:
        document = pattern.sub(replacement, document)
    return re.sub(r"\n{3,}", "\n\n", document).strip()
