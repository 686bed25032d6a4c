"""The sentence stage of :mod:`figcheck.extract`: sentence spans, long sentences read in pieces.

Sentences are split by a small regex that knows common abbreviations (``U.S.``, ``Mr.``, ``No.``):
libraries that do better (pysbd, syntok) cost more start-up than the whole extraction, and punkt
needs a model download.
"""

from __future__ import annotations

import re

from figcheck.extract.text import WEB_ADDRESS, word_set

_ABBREVIATIONS = word_set(
    """mr mrs ms dr prof st no nos gen col lt sgt capt cmdr maj brig adm gov sen rep rev jr sr inc
    ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec vs etc approx est fig dept univ
    e.g i.e u.s u.k u.n a.m p.m"""
)
_WORD_END = re.compile(r"([\w.]+)$")
_BOUNDARY = re.compile(  # a sentence may open with a web address in lower case ("bdnews24.com")
    r"[.!?]+[\"'”’)\]]*(?=\s+(?:[\"'“‘(\[]?[A-Z0-9#]|(?=[a-z])" + WEB_ADDRESS + r"))"
    r"|\n[ \t]*\n"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text``, surrounding space left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for found in _BOUNDARY.finditer(text):
        if found.group()[0] == ".":
            # the word before the full stop, read in the few characters before it: a longer
            # word, cut, is no abbreviation either
            before = _WORD_END.search(text[max(start, found.start() - 40) : found.start()])
            word = before.group(1).casefold() if before else ""
            abbreviation = word in _ABBREVIATIONS or (
                bool(re.fullmatch(r"(?:\w\.)*\w", word)) and len(word) <= 3
            )
            if abbreviation and not word.isdigit():  # "the toll rose to 7." ends a sentence
                continue
        _add_span(text, start, found.end(), spans)
        start = found.end()
    _add_span(text, start, len(text), spans)
    return [piece for span in spans for piece in _bounded(text, *span)]


_LONGEST = 1000
"""A sentence longer than this (a list of numbers, a text with no full stops) is read in pieces
cut at a clause mark or a space, so the work per figure stays bounded and time grows linearly."""


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= _LONGEST:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    while end - start > _LONGEST:
        limit = start + _LONGEST
        cut = max(text.rfind(mark, start + _LONGEST // 2, limit) for mark in ("; ", ", ", "\n"))
        if cut < 0:
            cut = text.rfind(" ", start + _LONGEST // 2, limit)
        cut = limit if cut < 0 else cut + 1  # never inside "1,234": a mark here has a space
        _add_span(text, start, cut, pieces)
        start = cut
    _add_span(text, start, end, pieces)
    return pieces


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
