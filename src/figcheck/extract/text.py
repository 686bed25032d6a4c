"""The text stage of :mod:`figcheck.extract`: Markdown or simple HTML stripped to plain text."""

from __future__ import annotations

import re
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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "noscript"):
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript"):
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


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
        document = "".join(parser.parts)
        document = re.sub(r"[ \t\r\f\v]+", " ", document)
        document = re.sub(r" ?\n ?", "\n", document)
        return re.sub(r"\n{3,}", "\n\n", document).strip()
    for pattern, replacement in _MARKDOWN:
        document = pattern.sub(replacement, document)
    return re.sub(r"\n{3,}", "\n\n", document).strip()
