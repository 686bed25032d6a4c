"""Finding candidate claims in running text (contract section 6): text -> :class:`Candidate` s.

:func:`extract` is pure. It splits the text into sentences, finds the figures in each (reusing the
shorthand's number, qualifier and vague-word reading), drops what is not a claim (years, dates,
times, ages, durations, ordinals, phone numbers, numbers inside names, and — unless asked —
percentages and money), reads what is counted, and attributes each figure to a source. Every
candidate names the rules that produced it, ``figure-rule+attrib:attribution-rule``:

figure rules
    ``number``, ``hedge:<qualifier>``, ``range``, ``range:between``, ``vague``, and for a change
    ``change:from`` / ``change:to``. "rose from 350 to 680" says a figure moved: it gives *two*
    candidates (the figure before and the figure after, each exact), never a range, because the two
    were true at different times and belong to different dates.
attribution rules
    ``parens`` ("50 released (UN)"), ``according_to``, ``by`` ("as confirmed by X"),
    ``said`` (X said/estimated/reported/confirmed/claimed/suggested/puts … before or after the
    figure, across clauses), ``previous_sentence`` ("It said …", "The agency also said …",
    "Another 20 …"), ``nearest_org`` (the closest named organisation earlier in the sentence),
    ``none``.

Sentences are split by a small regex that knows common abbreviations (``U.S.``, ``Mr.``, ``No.``):
libraries that do better (pysbd, syntok) cost more start-up than this module as a whole, and
punkt needs a model download.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from figcheck.model import Qualifier
from figcheck.reconcile.rules import interval
from figcheck.shorthand import Amount, Reading, qualifier_before, read_number, read_vague, render

__all__ = [
    "Candidate",
    "as_record",
    "as_shorthand",
    "extract",
    "find_date",
    "split_sentences",
    "to_text",
]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A figure found in a text, proposed as a claim.

    ``value`` is the figure (the low end for vague words, None for a numeric range, whose ends are
    ``low``/``high``); ``lo``/``hi`` its interval (contract section 2; ``hi`` None when open).
    ``start``/``end`` are offsets of the figure's words (qualifier included) in the text given to
    :func:`extract`, so ``text[start:end] == figure``.
    """

    value: float | None
    qualifier: Qualifier
    lo: float
    hi: float | None
    low: float | None
    high: float | None
    what: str | None
    source: str | None
    sentence: str
    sentence_start: int
    start: int
    end: int
    figure: str
    vague: str | None
    confidence: float
    rule: str
    as_of: str | None = None


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --- sentences --------------------------------------------------------------------------------

_ABBREVIATIONS = _set(
    """mr mrs ms dr prof st no nos gen col lt sgt capt cmdr gov sen rep rev jr sr inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec vs etc approx est fig dept univ
    e.g i.e u.s u.k u.n a.m p.m"""
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9#])|\n[ \t]*\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text``, surrounding space left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for found in _BOUNDARY.finditer(text):
        if found.group()[0] == ".":
            before = re.search(r"([\w.]+)$", text[start : found.start()])
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


# --- text from Markdown or HTML ---------------------------------------------------------------

_BLOCKS = _set(
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


# --- figures ----------------------------------------------------------------------------------

_NUMBER_WORDS = sorted(
    _set(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
        "eighty ninety"
    ),
    key=len,
    reverse=True,
)
_VAGUE_WORDS = (
    r"a\s+couple|a\s+few|several|dozens|scores|hundreds|thousands|tens\s+of\s+thousands|millions"
)
_START = re.compile(
    r"(?<![\d.,])\d|(?<![\w-])(?:"
    + "|".join(_NUMBER_WORDS)
    + r"|a\s+dozen|a\s+hundred|a\s+thousand|a\s+million|half\s+a\s+million|"
    + _VAGUE_WORDS
    + r")(?![\w])",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MASKS = (
    ("date", re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")),
    ("time", re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")),
    (
        "phone",
        re.compile(
            r"\+\d[\d ().-]{6,}\d|\(\d{2,4}\)\s*\d{3}[\s.-]\d{4}|\b\d{3}[.-]\d{3}[.-]\d{4}\b"
            r"|\b\d{3}-\d{4}\b"
        ),
    ),
)
_AFTER_RULES = (
    (
        "duration",
        re.compile(
            r"(?:\s+|\s*-\s*)(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?"
            r"|centur(?:y|ies)|nights?|hrs?|mins?|yrs?|weekends?)\b",
            re.I,
        ),
    ),
    ("percent", re.compile(r"\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b|pc\b)", re.I)),
    (
        "money",
        re.compile(
            r"\s+(?:(?:US\s+|Canadian\s+|Australian\s+)?dollars?|euros?|pounds?(?!\s+of)"
            r"|bol[ií]vares|bolivars?|pesos?|yuan|yen|rupees?|roubles?|rubles?|USD|EUR|GBP)\b",
            re.I,
        ),
    ),
    (
        "time",
        re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b|o['’]clock\b|local\s+time)", re.I),
    ),
    ("date", re.compile(r"\s+(?:of\s+)?" + _MONTH + r"\b")),
    (
        "measure",
        re.compile(
            r"\s*(?:km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|degrees?|°|kg|mph|km/h)\b",
            re.I,
        ),
    ),
    ("multiple", re.compile(r"\s+(?:times|fold)\b|-fold\b", re.I)),
    (
        "measure",
        re.compile(
            r"\s*-?\s*magnitude\b|\s+on\s+the\s+Richter\b|\s+(?:nautical|square)\s"
            r"|\s*-?\s*(?:lanes?|storeys?|floors?|stories|acres?|hectares?|tonnes?|tons?|litres?"
            r"|liters?|gallons?|barrels?|sq)\b",
            re.I,
        ),
    ),
    (
        "ratio",  # "1 in 4", "one in every five", "3 out of 10"
        re.compile(
            r"\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d{1,3}(?![\d,.])|one|two|three|four|five"
            r"|six|seven|eight|nine|ten|a\s+hundred)\b",
            re.I,
        ),
    ),
)
_BEFORE_RULES = (
    ("money", re.compile(r"(?:[$€£¥]|\b(?:USD|EUR|GBP|Rs\.?)\s?)$")),
    ("date", re.compile(r"\b" + _MONTH + r"\.?\s+$")),
    ("age", re.compile(r"\b(?:aged|age(?:\s+of)?|ages)\s+$", re.I)),
    (
        "name",
        re.compile(
            r"\b(?:Resolution|Article|Section|Chapter|No\.?|Nos\.?|Number|Flight|Route|Highway|"
            r"Room|Gate|Terminal|Phase|Level|Category|Grade|Decree|Law|Act|Bill|Page|Paragraph|"
            r"Clause|Protocol|Platform|Unit|Ward|Block|Camp|District|Zone|Sector|Apollo|Boeing|"
            r"Model|Channel|Episode|Season|Volume|Vol\.|Windows|Version|Covid|COVID|Cop|COP|"
            r"Group\s+of|Top|Formula|Interstate|Brigade|Battalion|Division|Regiment|Lot|Box|"
            r"Ballot|Proposition|Prop\.|Measure|Amendment|Rule|Item|Table|Figure|Fig\.|Line)\s+$"
        ),
    ),
    ("measure", re.compile(r"\bmagnitude(?:\s+of)?\s*$", re.I)),
    ("source", re.compile(r"\baccording\s+to\s+$", re.I)),  # "according to two activists"
    (
        "method",  # "interviews with 30 former prisoners": how a report was made, not a count
        re.compile(
            r"\b(?:interviews?\s+with|interviewed|surveyed|polled|spoke\s+(?:to|with)"
            r"|talked\s+(?:to|with))\s+$",
            re.I,
        ),
    ),
    ("ratio", re.compile(r"\bfor\s+every\s+$", re.I)),
    ("year", re.compile(r"\b(?:in|since|by|until|till|of|from|during|year|early|late|mid-?)\s+$")),
)
_ANY_BEFORE = re.compile(
    "|".join(f"(?:{pattern.pattern})" for name, pattern in _BEFORE_RULES if name != "year"),
    re.I,
)
_DESCRIBING = re.compile(  # "the two largest unions", "in two incidents", "across 200 districts"
    r"\s+(?:(?:largest|biggest|main|major|leading|other|separate|rival|opposing)\b"
    r"|(?:incidents|occasions|sides|teams|rounds|districts|provinces|countries|regions|nations"
    r"|states)\b)",
    re.I,
)
_MORE_WORDS = re.compile(  # hedges the shorthand does not read: "exceeds 4,700"
    r"\b(?:exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|topp(?:ed|ing)|tops"
    r"|(?:(?:much|far|well)\s+)?(?:larger|higher|greater|bigger)\s+than)\s+(?:the\s+)?$",
    re.I,
)
_NOT_A_HEDGE = re.compile(  # "hand over 40 prisoners", "went up to 90": a verb, not a hedge
    r"\b(?:hand(?:s|ed|ing)?|turn(?:s|ed|ing)?|took|taken|tak(?:e|es|ing)|went|gone|go(?:es)?"
    r"|rose|risen|climbed|jumped|shot|moved|revised|raised|pushed|brought|was|were)\s+$",
    re.I,
)
_STRONG_HEDGES = frozenset(
    {
        Qualifier.AT_LEAST,
        Qualifier.UP_TO,
        Qualifier.NEARLY,
        Qualifier.MORE_THAN,
        Qualifier.FEWER_THAN,
        Qualifier.AT_MOST,
    }
)
_DETERMINERS = _set("the both these those their its his her our your my")
_CONNECTOR = re.compile(r"\s*[-–—]\s*(?=\S)|\s+to\s+", re.I)
_AND = re.compile(r"\s+and\s+", re.I)
_FROM = re.compile(r"\bfrom\s+$", re.I)
_OR = re.compile(r"\s+or\s+(?=\d)")
_RANGING = re.compile(r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|estimates?)\b[^,;]*$", re.I)
_CHANGE_VERB = (
    r"(?:rose|risen|rising|rises|increased|increasing|increases|climbed|climbing|climbs|jumped|"
    r"grew|grown|growing|fell|fallen|falling|falls|dropped|dropping|declined|declining|decreased|"
    r"reduced|doubled|tripled|soared|surged|swelled|shrank|up|down|revised|raised|lowered|"
    r"lifted|cut|upped)"
)
_CHANGE_TO = re.compile(r"\b" + _CHANGE_VERB + r"(?:\s+[\w'’]+){0,2}?\s+to\s+$", re.I)
_UP_FROM = re.compile(r"\b" + _CHANGE_VERB + r"(?:\s+[\w'’]+){0,2}?\s+from\s+$", re.I)
_TRAILING_HEDGES = (
    (re.compile(r"\s+or\s+more\b", re.I), Qualifier.AT_LEAST),
    (re.compile(r"\s+or\s+so\b|-odd\b", re.I), Qualifier.ABOUT),
    (re.compile(r"\s+or\s+fewer\b|\s+or\s+less\b", re.I), Qualifier.AT_MOST),
    (re.compile(r"\s+plus\b|\+", re.I), Qualifier.AT_LEAST),
)


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_SPACED_THOUSANDS = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]?\d)")
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?![\d,]|\.\d)")


def _read_number(text: str, start: int) -> Amount | None:
    """The number at ``start`` as :func:`read_number` reads it, and "40 000" (a space, a
    no-break space or a narrow no-break space between thousands, as French and Spanish outlets
    write) as one number, 40000."""
    spaced = _SPACED_THOUSANDS.match(text, start)
    if spaced and not re.match(
        r"\s+(?:dozen|hundred|thousand|million|billion)\b", text[spaced.end() :], re.I
    ):
        return Amount(float(re.sub(r"\D", "", spaced.group())), spaced.end(), None)
    return read_number(text, start)


def _dotted(text: str, start: int) -> bool:
    """ "1.200": a dot and exactly three digits reads 1.2 in English and 1200 where the dot
    separates thousands; which one the writer meant cannot be told from the number alone."""
    return _DOTTED_THOUSANDS.match(text, start) is not None


@dataclass(frozen=True, slots=True)
class _Figure:
    start: int  # the qualifier's start when there is one
    end: int
    number_start: int
    qualifier: Qualifier
    value: float | None
    low: float | None
    high: float | None
    vague: str | None
    rule: str
    dotted: bool = False  # "1.200", read as 1200: see :func:`_dotted`


def _masked(sentence_text: str, offset: int) -> list[tuple[int, int]]:
    return [
        (offset + found.start(), offset + found.end())
        for _, pattern in _MASKS
        for found in pattern.finditer(sentence_text)
    ]


def _not_a_claim(
    text: str,
    start: int,
    end: int,
    sentence_start: int,
    value: float,
    written: str,
    second: bool = False,
) -> str | None:
    """Why the number at ``start:end`` is not a claim ("year", "duration", ...), or None."""
    before = text[max(sentence_start, start - 30) : start]
    after = text[end : end + 40]
    previous = text[start - 1] if start > 0 else " "
    if written[0].isdigit() and not second:
        if previous.isalpha() or previous in "#@_":
            return "name"
        if previous in "-–/" and start >= 2 and text[start - 2].isalnum():
            return "name" if text[start - 2].isalpha() else "date"
        if previous == "+":
            return "phone"
    if after[:1].isalpha() or after[:1] == "_":
        return "ordinal"
    if re.match(r"(?:st|nd|rd|th)\b", after, re.I):
        return "ordinal"
    for name, pattern in _AFTER_RULES:
        if pattern.match(after):
            return name
    if re.match(r"\s*-?\s*years?[-\s]old\b", after, re.I):
        return "age"
    if _ANY_BEFORE.search(before):  # one scan; the rule that matched is named below
        for name, pattern in _BEFORE_RULES:
            if name != "year" and pattern.search(before):
                return name
    if re.search(r"\b[A-Z][\w'’-]+,\s*$", before) and re.match(r"\s*,", after) and value < 120:
        return "age"  # "Maria Lopez, 34, said"
    if value <= 40 and _DESCRIBING.match(after):
        return "describing"
    return None


def _is_year(text: str, start: int, written: str, value: float, hedged: bool) -> bool:
    if not re.fullmatch(r"\d{4}", written.strip()) or not 1800 <= value <= 2100:
        return False
    return not hedged


def _figures(
    text: str,
    sentence_start: int,
    sentence_end: int,
    percent: bool,
    money: bool,
    vague: tuple[tuple[str, float, float], ...],
) -> list[_Figure]:
    if re.search(r"\bfor\s+every\b", text[sentence_start:sentence_end], re.I):
        return []  # "for every one we reached, three we have not": a ratio, not counts
    numbers = len(_DIGITS.findall(text, sentence_start, sentence_end))
    if numbers > 20 and numbers > len(_LETTERS.findall(text, sentence_start, sentence_end)):
        return []  # a list or a table of numbers, not running text: no one is quoted in it
    masks = _masked(text[sentence_start:sentence_end], sentence_start)
    figures: list[_Figure] = []
    consumed = sentence_start
    for found in _START.finditer(text, sentence_start, sentence_end):
        start = found.start()
        if start < consumed or any(low <= start < high for low, high in masks):
            continue
        figure = _figure_at(text, start, sentence_start, sentence_end, percent, money, vague)
        if figure is None:
            continue
        if isinstance(figure, int):
            consumed = figure
            continue
        consumed = figure.end
        figures.extend(_split_change(text, figure, sentence_start))
    return _link_changes(text, figures, sentence_start)


def _figure_at(
    text: str,
    start: int,
    sentence_start: int,
    sentence_end: int,
    percent: bool,
    money: bool,
    vague: tuple[tuple[str, float, float], ...],
) -> _Figure | int | None:
    """The figure at ``start``; an int (where to resume) when words there are not a claim."""
    hedge = qualifier_before(text, start, sentence_start)
    if hedge and _NOT_A_HEDGE.search(text, max(sentence_start, hedge[1] - 20), hedge[1]):
        word = text[hedge[1] : hedge[1] + 5].casefold()
        if word.startswith(("over", "up to")):
            hedge = None
    if hedge is None:
        more = _MORE_WORDS.search(text, max(sentence_start, start - 40), start)
        if more:
            hedge = (Qualifier.MORE_THAN, more.start())
    qualifier, figure_start = hedge if hedge else (Qualifier.EXACT, start)
    if qualifier is Qualifier.AT_LEAST and text[figure_start] in "<>~≥≤":
        pass
    fuzzy = read_vague(text, start, vague)
    if fuzzy is not None and fuzzy[3] <= sentence_end:
        words, low, high, end = fuzzy
        if re.match(r"\s+of\s+(?:the|them|those|these|whom|us)\b", text[end:sentence_end], re.I):
            return end  # "several of the survivors said": who spoke, not a figure
        why = _not_a_claim(text, start, end, sentence_start, low, words)
        after_of = re.match(r"\s+of\b", text[end:sentence_end], re.I)
        if why is None and after_of:
            why = _not_a_claim(text, start, end + after_of.end(), sentence_start, low, words)
        if why is not None and not (why == "percent" and percent or why == "money" and money):
            return end
        return _Figure(start, end, start, Qualifier.RANGE, low, low, high, words, "vague")
    number = _read_number(text, start)
    if number is None or number.end > sentence_end:
        return None
    written = text[start : number.end]
    if written.casefold() == "one" and hedge is None:
        return number.end
    if not written[0].isdigit() and number.value <= 2 and hedge is None:
        previous = re.search(r"([\w'’]+)\s+$", text[max(sentence_start, start - 40) : start])
        if previous and previous.group(1).casefold() in _DETERMINERS:
            return number.end
    why = _not_a_claim(text, start, number.end, sentence_start, number.value, written)
    if why is None and _is_year(text, start, written, number.value, qualifier in _STRONG_HEDGES):
        why = "year"
    if why is not None:
        if why == "percent" and percent or why == "money" and money:
            pass
        elif why == "ratio":
            other = re.match(
                r"\s+(?:in|out\s+of)\s+(?:every\s+)?\S+", text[number.end : sentence_end]
            )
            return number.end + (other.end() if other else 0)
        else:
            return _skip_range(text, number.end, sentence_end)
    end = number.end
    either = _OR.match(text, end, sentence_end)
    if either and qualifier is Qualifier.EXACT:
        second = _read_number(text, either.end())
        if second is not None and number.value < second.value <= number.value * 1.25 + 2:
            # "16 or 17 people", "648 or 650": one uncertain figure, not two
            return _Figure(
                start,
                second.end,
                start,
                Qualifier.RANGE,
                None,
                number.value,
                second.value,
                None,
                "range:or",
            )
    connector = (_AND if qualifier is Qualifier.RANGE else _CONNECTOR).match(text, end)
    if connector and connector.end() <= sentence_end:
        second = _read_number(text, connector.end())
        if second is not None and second.end <= sentence_end:
            low_value = number.value
            scale = second.multiplier
            if number.multiplier is None and scale and low_value * scale <= second.value:
                low_value *= scale  # "2-3 million"
            second_written = text[connector.end() : second.end]
            second_why = _not_a_claim(
                text,
                connector.end(),
                second.end,
                sentence_start,
                second.value,
                second_written,
                second=True,
            )
            is_from = _FROM.search(text[max(sentence_start, figure_start - 10) : figure_start])
            if is_from and _RANGING.search(
                text, max(sentence_start, figure_start - 40), figure_start
            ):
                is_from = None  # "estimates have ranged from 4 to 35": a range, not a change
            if second_why is not None and not (
                second_why == "percent" and percent or second_why == "money" and money
            ):
                return second.end
            if is_from:
                return _Figure(
                    figure_start,
                    second.end,
                    start,
                    qualifier,
                    low_value,
                    None,
                    second.value,
                    None,
                    "change",
                )
            if low_value > second.value:
                if connector.group().strip() in "-–—":
                    return second.end  # a score, "3-1"
            else:
                rule = "range:between" if qualifier is Qualifier.RANGE else "range"
                return _Figure(
                    figure_start,
                    second.end,
                    start,
                    Qualifier.RANGE,
                    None,
                    low_value,
                    second.value,
                    None,
                    rule,
                )
    if qualifier is Qualifier.RANGE:  # "between" without a second figure
        qualifier, figure_start = Qualifier.EXACT, start
    if qualifier is Qualifier.EXACT:
        for pattern, trailing in _TRAILING_HEDGES:
            after = pattern.match(text, end)
            if after and after.end() <= sentence_end:
                qualifier, end = trailing, after.end()
                break
    rule = "number" if qualifier is Qualifier.EXACT else f"hedge:{qualifier.value}"
    value, dotted = number.value, False
    if number.multiplier is None and _dotted(text, start):
        value, dotted = float(re.sub(r"\D", "", text[start:end])), True
    return _Figure(figure_start, end, start, qualifier, value, None, None, None, rule, dotted)


def _skip_range(text: str, end: int, sentence_end: int) -> int:
    """Past a range's second figure ("2020-2024"), so its top end is not read on its own."""
    connector = _CONNECTOR.match(text, end)
    if connector and connector.end() <= sentence_end:
        second = _read_number(text, connector.end())
        if second is not None and second.end <= sentence_end:
            return second.end
    return end


def _split_change(text: str, figure: _Figure, sentence_start: int) -> list[_Figure]:
    """ "from 350 to 680": the figure before and the figure after, never a range."""
    if figure.rule != "change":
        return [figure]
    assert figure.value is not None and figure.high is not None
    connector = _CONNECTOR.match(text, _number_end(text, figure.number_start))
    assert connector is not None
    second_start = connector.end()
    hedge = qualifier_before(text, second_start, sentence_start)
    second_qualifier = hedge[0] if hedge and hedge[1] >= figure.number_start else Qualifier.EXACT
    return [
        _Figure(
            figure.start,
            _number_end(text, figure.number_start),
            figure.number_start,
            figure.qualifier,
            figure.value,
            None,
            None,
            None,
            "change:from",
        ),
        _Figure(
            hedge[1] if hedge and hedge[1] >= figure.number_start else second_start,
            figure.end,
            second_start,
            second_qualifier,
            figure.high,
            None,
            None,
            None,
            "change:to",
        ),
    ]


def _number_end(text: str, start: int) -> int:
    number = _read_number(text, start)
    assert number is not None
    return number.end


def _link_changes(text: str, figures: list[_Figure], sentence_start: int) -> list[_Figure]:
    """Mark "rose to 680" as ``change:to`` and "up from 350" as ``change:from``."""
    linked = []
    for figure in figures:
        before = text[max(sentence_start, figure.start - 50) : figure.start]
        if figure.rule in ("number",) or figure.rule.startswith("hedge:"):
            if _CHANGE_TO.search(before):
                figure = _replace_rule(figure, "change:to")
            elif _UP_FROM.search(before):
                figure = _replace_rule(figure, "change:from")
        linked.append(figure)
    return linked


def _replace_rule(figure: _Figure, rule: str) -> _Figure:
    return dataclasses.replace(figure, rule=rule)


# --- what is counted --------------------------------------------------------------------------

_WORD = re.compile(r"[ \t]*([^\W\d_][\w'’]*(?:-[\w'’]+)*)")
_STOP = _set(
    """a an the this that these those which who whom whose what where when while and or but nor
    as at by for from in into of on onto over since than through to under until with within
    without during after before across against among amid around about between including despite
    is are was were be been being has have had do does did will would could should may might must
    can shall remain remains remained remaining said says say told according reported reports
    estimated estimates confirmed claimed also still already now last this next each per not no
    so because if although though whereas yet such more most he she it they we you
    i his her its their our them him us me"""
)
_SKIP_FIRST = _set("more other additional further new")
_PARTICIPLES = _set(
    """killed dead injured wounded hurt arrested detained displaced freed released missing
    executed held imprisoned jailed evacuated deported rescued abducted kidnapped disappeared
    sentenced charged tortured infected affected homeless stranded"""
)
_HARM = _set("killed dead injured wounded hurt missing")
_HEADS = ("toll", "tally", "number", "count", "total", "figure", "estimate")


def _what(text: str, figure: _Figure, sentence_start: int, sentence_end: int) -> tuple[str, int]:
    """What is counted (words after the figure, else a head noun before it), and where the
    words after the figure end (for a source in parentheses)."""
    position = figure.end
    words: list[str] = []
    if re.match(r"\s+of\s+(?:them|those|these|whom)\b", text[position:sentence_end], re.I):
        return "", position
    of = re.match(r"\s+of\s+(?:the\s+|those\s+|these\s+)?", text[position:sentence_end], re.I)
    if of:
        position += of.end()
    first = True
    while len(words) < 4:
        found = _WORD.match(text, position, sentence_end)
        if found is None:
            break
        word = found.group(1)
        folded = word.casefold()
        if first and folded in _SKIP_FIRST and not of:
            position = found.end()
            first = False
            continue
        first = False
        if folded in _STOP or (folded.endswith("ly") and len(folded) > 4):
            break
        if words and folded in _PARTICIPLES:
            break
        words.append(word)
        position = found.end()
    if words:
        tail = re.match(
            r"\s+(of|among|from)\s+(?:the\s+)?([^\W\d_][\w'’-]*)(?:\s+([^\W\d_][\w'’-]*))?",
            text[position:sentence_end],
        )
        if tail and tail.group(2).casefold() not in _STOP:
            extra = [tail.group(1), tail.group(2)]
            end = position + tail.end(2)
            if tail.group(3) and tail.group(3).casefold() not in _STOP and tail.group(1) != "from":
                extra.append(tail.group(3))
                end = position + tail.end(3)
            if tail.group(1) != "from" or tail.group(2)[0].isupper():
                words.extend(extra)
                position = end
    participle = re.match(
        r"\s+(?:(?:were|was|have\s+been|had\s+been|has\s+been|are)\s+)?([a-z]+)",
        text[position:sentence_end],
    )
    linked = participle is not None and participle.group(0).split()[0] != participle.group(1)
    if (
        participle
        and participle.group(1) in _PARTICIPLES
        and not (linked and words and participle.group(1) not in _HARM)
    ):
        words.append(participle.group(1))
        if not participle.group(0).strip().startswith(("were", "was", "ha", "are")):
            position += participle.end()
    if words:
        return " ".join(words), position
    return _what_before(text, figure, sentence_start), position


def _what_before(text: str, figure: _Figure, sentence_start: int) -> str:
    before = text[max(sentence_start, figure.start - 80) : figure.start]
    words: list[str] = re.findall(r"[^\W\d_][\w'’-]*|[,;:]", before)
    for index in range(len(words) - 1, max(-1, len(words) - 10), -1):
        word = words[index].casefold()
        if word in (",", ";", ":"):
            break
        if word in _HEADS or word.rstrip("s") in _HEADS:
            if word.startswith("number") and index + 2 < len(words) and words[index + 1] == "of":
                counted = []
                for after in words[index + 2 :]:
                    if after.casefold() in _STOP or re.fullmatch(_CHANGE_VERB, after, re.I):
                        break
                    counted.append(after)
                if counted:
                    return " ".join(counted)
            modifier = words[index - 1] if index > 0 else ""
            if modifier and modifier.casefold() not in _STOP and modifier[0].islower():
                return f"{modifier} {words[index]}"
            return words[index]
    if figure.rule.startswith("change"):
        subject = re.search(
            r"([^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,2})\s+(?:has\s+|have\s+|had\s+)?"
            + _CHANGE_VERB,
            before,
            re.I,
        )
        if subject:
            kept = [w for w in subject.group(1).split() if w.casefold() not in _STOP]
            if kept:
                return " ".join(kept)
    return ""


# --- who said it ------------------------------------------------------------------------------

_SPEECH = re.compile(
    r"\b(said|says|say|estimated|estimates|estimate|reported|reports|report|confirmed|confirms|"
    r"confirm|claimed|claims|claim|stated|states|announced|announces|suggested|suggests|suggest|"
    r"counted|counts|recorded|records|documented|documents|tallied|tallies|puts|put|putting|"
    r"places|placed|told|tells|added|adds|noted|notes|believes|believe|indicated|indicates|"
    r"indicate|showed|shows|show|found|finds|verified|verifies|wrote|writes|"
    r"saying|estimating|reporting|confirming|claiming|counting|recording|documenting|warned|"
    r"warns|insisted|insists|acknowledged|acknowledges|admitted|admits|alleged|alleges|"
    r"gave|gives|give|giving|spoke|speaks|maintained|maintains|maintain|declared|declares|"
    r"cited|cites|citing|announcing|quoted|concluded|concludes|calculated|calculates|"
    r"(?:raised|revised|updated|lowered|raising|revising)(?=\s+(?:its|their|his|her|the)\s+"
    r"(?:\w+\s+)?(?:count|toll|tally|estimate|figure|total|number)\b))\b"
)
_AMBIGUOUS = _set(  # a verb after a name ("UNHCR estimates"), a noun after an adjective
    """reports report estimates estimate claims claim counts records documents notes states
    shows show finds tallies figures"""
)
_NOT_A_SUBJECT = _set(  # before a speech word, these make it a noun or a passive
    """the a an its their his her our this that these those of with in on by for from new
    latest earlier initial credible unconfirmed media press early first final previous
    provisional conflicting several many some such no been was were is are be being than
    other leaked independent"""
)
_SPEAKERS = _set(
    """police officials official authorities authority government ministry army military agency
    agencies group groups monitors monitor activists activist survivors survivor witnesses
    witness experts expert unions union prefecture council spokesman spokeswoman spokesperson
    spokespeople doctors medics rescuers investigators researchers journalists reporters media
    coastguard navy organisers organizers organiser organizer organisation organization office
    service services department committee commission observers residents campaigners lawyers
    sources source officers commander commanders minister ministers mayor governor president
    premier leader leaders chief director head staff workers volunteers team network charity
    ngo ngos watchdog observatory hospital hospitals clinic morgue coroner junta regime rebels
    insurgents militants fighters forces troops analysts diplomats diplomat embassy court
    prosecutors prosecutor judge tribunal parliament lawmakers families relatives convenor
    secretary official officials operator company firm broadcaster newspaper paper television
    radio station agency bureau board institute foundation fund bank association federation
    party coalition alliance secretariat assembly senate congress command university tally
    survey study report statement marcher marchers protesters demonstrators students teachers
    farmers miners residents villagers elders elder guard guards staffers staffer crews crew
    engineers engineer nurses nurse physicians physician scientists scientist statisticians
    authors author counters parents mothers fathers principal headmaster"""
)
_PASSIVE_BY = re.compile(
    r"\b(?:as\s+)?(?:was\s+|were\s+|been\s+|is\s+|are\s+)?(?:confirmed|reported|estimated|"
    r"stated|announced|documented|counted|recorded|tallied|verified|cited|put\s+forward|claimed|"
    r"(?<=figures\s)(?:released|published|compiled|provided|issued|given))\s+by\s+"
)
_BY_COUNT = re.compile(  # "by the Associated Press's count", "by its own tally"
    r"\bby\s+(?:the\s+|an?\s+)?([^,.;:]{1,60}?)(?:['’]s?)?\s+(?:own\s+|latest\s+|new\s+)?"
    r"(?:count|tally|estimate|reckoning|figures|calculations?)\b",
    re.I,
)
_OWNED = (
    re.compile(  # "the organisers' estimate of", "the police estimate, ..., was", "Mu's figure of"
        r"(?:['’]s?\s+|\s+)(?:(?:own|latest|new|official|initial|provisional|revised|updated|"
        r"earlier|first|final|lower|higher|crowd|death)\s+)*(?:estimate|figure|tally|count|toll|"
        r"total)(?:\s*,[^,]{1,80},)?\s*(?:of|at|was|is|stands\s+at|stood\s+at|:)?\s*"
        r"(?:(?:a|an|the|just|only|more|modest|far|some)\s+)*$"
    )
)
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.I)
_AUX = _set(
    """has have had was is are were also has have had previously earlier later recently now then
    had already just once again separately initially meanwhile further can could will would may
    might must should shall did does do even still however since"""
)
_VERBISH = _set(  # words that end a subject read backwards from its verb
    """has have had was is are were be been being can could will would may might must should
    shall did does do told says said say"""
)
_SUBJECT_STOP = _set(
    """that which who whom while although though but because since if when where whereas as
    after before with in on at for from to by than and or said says so while despite amid among
    about over under into"""
)
_PRONOUNS = _set("it they he she we the agency")
_CONTINUING = _set(
    """agency organisation organization group monitor body watchdog charity ngo observatory
    network report statement"""
)
_GENERIC = _set(
    """reports report sources source observers estimates figures data analysts experts
    witnesses residents people some many others critics it one"""
)
_NO_ONE = _set("reports report estimates estimate figures data numbers accounts tally count toll")
_REJECT = _set(
    """those this these there here which what whom that i you we one both all each some any
    none nobody anyone someone everyone many few"""
)
_REPORT_NOUNS = (
    r"(?:report|reports|figures|figure|data|estimate|estimates|tally|count|statement|"
    r"numbers|records|toll|count|survey|analysis|study|census|latest\s+\w+)"
)
_ORG_WORDS = _set(
    """ministry department agency organisation organization office commission committee council
    watch international institute foundation bank fund observatory network group union nations
    cross crescent police army forces court government authority authorities service services
    centre center programme program association federation party news times post reuters press
    penal amnesty unicef ngo coalition alliance monitor secretariat parliament assembly senate
    congress tribunal bureau board command military hospital hospitals university
    doctors"""
)
_NOT_ORG_ACRONYMS = _set("US USA UK AM PM GMT UTC TV OK I A AN BIG WAY COVID ID AD BC VIP CEO DNA")


@dataclass(frozen=True, slots=True)
class _Attribution:
    start: int
    end: int
    source: str
    rule: str
    direction: str  # "lead" (covers what follows), "trail" (what precedes), "both"
    pronoun: bool = False
    generic: bool = False


@functools.lru_cache(maxsize=4096)
def _clean_source(raw: str) -> str | None:
    source = " ".join(raw.replace("\n", " ").split()).strip(" ,;:.\"'“”‘’")
    source = re.sub(r"[\"“”]", "", source)
    acronym = re.search(r"\(([A-Z][A-Za-z&.-]{1,11})\)\s*$", source)
    if acronym:
        return acronym.group(1)
    source = re.sub(r"\s*\([^)]*\)", "", source)
    source = re.sub(
        r"^(?:" + _REPORT_NOUNS + r"|(?:the\s+)?latest|new|official)\s+(?:from|by|of)\s+",
        "",
        source,
        flags=re.I,
    )
    lead_in = re.match(  # "a report released on Wednesday by X", "figures compiled by X"
        r"(?:(?:a|an|the)\s+)?(?:\w+\s+)?" + _REPORT_NOUNS + r"\b[^A-Z]*?\b(?:by|from)\s+",
        source,
        re.I,
    )
    if lead_in and re.match(r"(?:the\s+)?[A-Z]", source[lead_in.end() :]):
        source = source[lead_in.end() :]
    source = re.sub(
        r"^.*\b(?!(?:of|for|and|on|in|de)\b)[a-z][\w-]*\s+(?:the|a|an)\s+(?=[A-Z])", "", source
    )
    source = re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", source, flags=re.I)
    source = re.sub(
        r"['’]s\s+(?:(?:own|latest|new|official|initial|provisional|revised|updated|earlier|"
        r"first|final|annual|weekly|daily)\s+)*(?:" + _REPORT_NOUNS + r"|estimate|figure)\b.*$"
        r"|['’]s$",
        "",
        source,
    )
    spokesman = re.match(
        r"(?:\w+\s+)?spokes(?:man|woman|person)\s+(?:for|of)\s+(?:the\s+)?", source
    )
    if spokesman and re.match(r"[A-Z]", source[spokesman.end() :]):
        source = source[spokesman.end() :]  # "a spokesman for the Front": the Front
    source = _head_of(source)
    named = re.match(  # "Interior minister Aftab Sherpao", "news agency APS": the name
        r"(?:.*\s)?(?:[a-z][\w-]*)\s+((?:[A-Z][\w.&'’-]*)(?:\s+(?:[A-Z][\w.&'’-]*|of|for|"
        r"and|de|al|bin|van|von|der|la|le|du|da|y))*)$",
        source,
    )
    if named and source[: named.start(1)].split()[-1] not in _STOP | {"de", "to", "off", "near"}:
        source = named.group(1)
    possessive = re.match(
        r"([a-z][\w-]*(?:\s+[a-z][\w-]*)?)['’]s\s+(?:press\s+)?(?:office|spokes\w+)$", source
    )
    if possessive:
        source = possessive.group(1)  # "the prosecutor's office": the prosecutor
    source = _head_of(source)
    source = re.sub(r"(?<=s)['’]\s+(?:latest|new|own|" + _REPORT_NOUNS + r")\b.*$", "", source)
    source = re.sub(
        r"^(?:[\w-]+-based|[\w-]+-led|latest|recent|new|official)\s+", "", source, flags=re.I
    )
    bare = re.sub(r"(?:\s+" + _REPORT_NOUNS + r")+$", "", source, flags=re.I)  # "Red Cross figures"
    if bare.strip(" ,;:.-") and _names_someone(bare.strip(" ,;:.-")):
        source = bare
    source = re.sub(r"^(?:the|a|an)\s+", "", source, flags=re.I)
    source = source.strip(" ,;:.-")
    if not source or len(source.split()) > 9 or not any(c.isalpha() for c in source):
        return None
    if re.match(r"(?:one|two|some|many|most|several|all|each|none|both)\s+of\b", source, re.I):
        return None  # "One of the organisers"
    if (
        source.casefold() in _REJECT
        or source == "who"
        or re.search(r"\d(?!\d*(?:st|nd|rd|th)\b)", source)
    ):
        return None
    if not _names_someone(source):
        return None
    return source


_SPEAKER_STEMS = frozenset(word.rstrip("s") for word in _SPEAKERS)


def _head_of(source: str) -> str:
    """ "Organizers of today's march", "Survivors of a shipwreck off Libya": the speakers, not
    what they belong to (a tail in capitals stays: "Ministry of the Interior")."""
    part_of = re.match(
        r"((?:[A-Z]\w*\s+)?[A-Za-z][\w-]*)\s+(?:of|off|on|\w+ing)\s+(?:(?:the|an?)\s+)?", source
    )
    if (
        part_of
        and source[part_of.end() :][:1].islower()
        and part_of.group(1).split()[-1].casefold().rstrip("s") in _SPEAKER_STEMS
    ):
        return part_of.group(1)
    return source


_COUNT_HEADS = _set(
    """number numbers toll total figure figures count size strength tally rate share majority
    half rest bulk scale extent level estimate estimates turnout death deaths"""
)


def _names_someone(source: str) -> bool:
    """Whether ``source`` can name who made a claim: a proper name (a capitalised word past the
    first, an acronym) or words ending in a speaker noun ("regional fire service", "Survivors");
    never a fragment ("The", "number of", "credible")."""
    words = source.replace("’", "'").split()
    if re.fullmatch(r"[A-Z][A-Z&]+s?", words[-1]):
        return True  # an acronym: "WHO", "UNHCR"
    head = words[-1].casefold().removesuffix("'s").rstrip("'")
    if head in _SPEAKERS or head in _ORG_WORDS or head.rstrip("s") in _SPEAKERS:
        return True
    if head in _STOP or head in _NOT_A_SUBJECT or head in _VERBISH:
        return False
    if words[0].casefold() in _COUNT_HEADS:
        return False  # "number of arrests", "strength of the quake"
    # never "credible", "updated", "provisional"
    return not (
        words[-1][:1].islower() and re.search(r"(?:ed|ing|ly|ble|al|ous|ive|ful|ic)$", head)
    )


_TOKEN = re.compile(r"\([A-Z][A-Za-z&.-]{1,11}\)|[\w'’-]+|[^\w\s]")


_REACH = 200
"""How far back a subject is looked for: a subject is a few words, and reading a whole long
sentence again for every verb would make time grow with the square of its length."""


def _tokens_before(text: str, sentence_start: int, position: int) -> list[re.Match[str]]:
    """The words and marks of ``text`` up to ``position``, from the last run of non-space
    characters before ``sentence_start`` on: those the whole text's tokens would give there (a
    token never holds whitespace), without reading the text from its beginning each time."""
    back = sentence_start
    while back > 0 and text[back - 1].isspace():
        back -= 1
    while back > 0 and not text[back - 1].isspace():
        back -= 1
    return list(_TOKEN.finditer(text, back, position))


def _subject_before(text: str, position: int, sentence_start: int) -> tuple[str, int] | None:
    """The subject of a verb at ``position``: the noun phrase before it, read backwards to a verb
    or a clause boundary; across an aside ("X, who heads Y, said"; "the agency, UNHCR, said");
    the clause's subject for a second verb ("did not say when, but said").
    """
    tokens = _tokens_before(text, max(sentence_start, position - _REACH), position)
    index = len(tokens) - 1
    while index >= 0 and tokens[index].start() >= sentence_start:
        word = tokens[index].group().casefold()
        if word in _AUX or (word.endswith("ly") and len(word) > 4 and word not in _NOT_ADVERBS):
            index -= 1
            continue
        if word in _TIME_WORDS and index > 0:  # "the government on Sunday put"
            index -= 1
            if tokens[index].group().casefold() in ("on", "last", "this", "early", "late", "by"):
                index -= 1
            continue
        break
    if index < 0 or tokens[index].start() < sentence_start:
        return None
    last = tokens[index].group()
    if last in ("who", "which") and index > 0:  # "Bana Lawan, who said 4 ..."
        index -= 2 if tokens[index - 1].group() == "," else 1
        if index < 0:
            return None
        last = tokens[index].group()
    if last.casefold() in ("it", "they", "he", "she", "we"):
        return last, tokens[index].start()
    if last in (",", "—", "–"):
        return _before_aside(text, tokens, index, sentence_start)
    if last.casefold() in ("and", "but"):
        return _clause_subject(text, sentence_start, tokens[index].start())
    return _phrase(text, tokens, index, sentence_start)


def _phrase(
    text: str, tokens: list[re.Match[str]], index: int, sentence_start: int
) -> tuple[str, int] | None:
    """The noun phrase ending at ``tokens[index]``, read backwards."""
    kept: list[re.Match[str]] = []
    while index >= 0 and tokens[index].start() >= sentence_start and len(kept) < 9:
        token = tokens[index]
        word = token.group()
        folded = word.casefold()
        if word.startswith("(") and len(word) > 2:
            kept.append(token)
            index -= 1
            continue
        if word in '"“”':
            index -= 1
            continue
        if not (word[0].isalnum() or word[0] in "'’"):
            break
        if (
            folded in ("and", "of", "for", "to", "the", "on", "in")
            and kept[-1:]
            and kept[-1].group()[0].isupper()
        ):
            previous = tokens[index - 1].group() if index > 0 else ""
            if previous[:1].isupper():
                kept.append(token)
                index -= 1
                continue
        if folded in _SUBJECT_STOP and not (word.isupper() and len(word) > 1):  # "the WHO"
            head = tokens[index - 1].group().casefold() if index > 0 else ""
            if (
                folded in ("in", "at", "from", "near")
                and head.rstrip("s") in _SPEAKER_STEMS
                and kept
            ):
                kept.append(token)  # "authorities in Tehran", "sources in the military"
                index -= 1
                continue
            break
        if folded in _VERBISH or (_SPEECH.fullmatch(word) and kept) or folded in _TIME_WORDS:
            break
        if kept and word[:1].islower() and "-" not in word and re.fullmatch(r"\w+ed", word):
            before = tokens[index - 1].group().casefold() if index > 0 else ""
            if before not in _DETERMINERS | {"a", "an", "of", "some"}:
                break  # "police released a lower estimate": a verb ends the subject
        kept.append(token)
        index -= 1
    if not kept:
        return None
    start = kept[-1].start()
    return text[start : kept[0].end()].strip(), start


def _before_aside(
    text: str, tokens: list[re.Match[str]], index: int, sentence_start: int
) -> tuple[str, int] | None:
    """ "Dick Burch, a Red Cross worker, said": the name before the aside; "the UN refugee
    agency, UNHCR, said": the name the aside gives."""
    mark = tokens[index].group()
    other = index - 1
    while other >= 0 and tokens[other].start() >= sentence_start and index - other < 25:
        if tokens[other].group() == mark or tokens[other].group() in ",—–":
            break
        other -= 1
    else:
        return None
    if other < 0 or tokens[other].start() < sentence_start or other == index - 1:
        return None
    aside = [token.group() for token in tokens[other + 1 : index]]
    first = aside[0]
    named = all(w[:1].isupper() or w.casefold() in ("of", "for", "and", "the", "de") for w in aside)
    if named and (
        len(aside) <= 6 and aside[-1][:1].isupper() and not first.isupper() or len(aside) == 1
    ):
        start = tokens[other + 1].start()
        return text[start : tokens[index - 1].end()], start
    if first.casefold() in ("who", "which", "whose", "a", "an", "the", "one") or not (
        first[:1].isupper()
    ):
        return _phrase(text, tokens, other - 1, sentence_start)
    return None


_BE = _set("been was were is are be being")
_PREPOSITIONS = _set("a an of with in on by for from some no")
_NOT_ADVERBS = _set("tally family assembly rally ally italy supply daily weekly monthly")
_TIME_WORDS = _set(
    """monday tuesday wednesday thursday friday saturday sunday yesterday today tonight
    january february march april may june july august september october november december
    morning evening night afternoon week month year weekend"""
)
_OPENERS = _set(
    """in on at by after before since during meanwhile however earlier later also but and yet
    still despite as with according"""
)


def _clause_subject(text: str, sentence_start: int, limit: int) -> tuple[str, int] | None:
    """The subject at the start of the sentence, past an opening phrase ("In May 2007, ...")."""
    tokens = list(_TOKEN.finditer(text, sentence_start, min(limit, sentence_start + 400)))
    index = 0
    if tokens and tokens[0].group().casefold() in _OPENERS:
        commas = [i for i, token in enumerate(tokens[:10]) if token.group() == ","]
        if not commas:
            return None
        index = commas[0] + 1
    kept: list[re.Match[str]] = []
    for token in tokens[index:]:
        word = token.group()
        folded = word.casefold()
        ends = folded in _VERBISH or folded in _AUX or _SPEECH.fullmatch(word)
        if (ends or folded in _SUBJECT_STOP) and (folded not in ("of", "for", "and") or not kept):
            break
        if not (word[0].isalnum() or word[0] in "'’("):
            break
        if kept and word[:1].islower() and "-" not in word and re.fullmatch(r"\w+(?:ed|ing)", word):
            break
        kept.append(token)
        if len(kept) > 8:
            return None
    if not kept:
        return None
    aside = re.match(r",\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}),", text[kept[-1].end() : limit])
    if aside:  # "A tribal elder, Hameedullah Khan, had a different account, saying"
        start = kept[-1].end() + aside.start(1)
        return aside.group(1), start
    return text[kept[0].start() : kept[-1].end()], kept[0].start()


def _attributions(
    text: str, sentence_start: int, sentence_end: int, figures: list[_Figure]
) -> list[_Attribution]:
    found: list[_Attribution] = []
    figure_starts = [figure.start for figure in figures]
    for according in _ACCORDING.finditer(text, sentence_start, sentence_end):
        name = re.match(r"[^,.;:]+", text[according.end() : sentence_end])
        if not name:
            continue
        words = re.split(r"\s+(?:which|who|that|and\s+\d)\b", name.group())[0]
        source = _clean_source(words)
        if source is None:
            continue
        end = according.end() + len(words)
        opening = text[sentence_start : according.start()].rstrip()
        leading = (not opening or opening[-1] in ",;:" or opening.endswith(("But", "but"))) and (
            text[end : end + 1] == ","
        )
        rest = text[end:sentence_end]
        appositive = re.fullmatch(
            r",\s*([A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})[\s.!?\"'”’)]*", rest
        )
        if appositive:  # "according to the agency's office, ONEMI." ends the sentence
            leading = False
            if not appositive.group(1).isupper():
                source = appositive.group(1)  # "..., Gérald Darmanin."
            end = sentence_end
        if leading and not (figure_starts and figure_starts[-1] >= end):
            leading = False  # "..., according to the AAPP, a Myanmar-based group."
        if any(end <= start <= end + 3 for start in figure_starts):
            leading = True
        found.append(
            _Attribution(
                according.start(), end, source, "according_to", "lead" if leading else "trail"
            )
        )
    for passive in _PASSIVE_BY.finditer(text, sentence_start, sentence_end):
        name = re.match(
            r"(?:(?!\s(?:because|after|before|when|while|as|since|on|in|at|during|with|who|which|"
            r"that|amid|following)\b)[^,.;:])+",
            text[passive.end() : sentence_end],
        )
        if not name:
            continue
        source = _clean_source(name.group())
        if source is not None:
            end = passive.end() + len(name.group())
            found.append(_Attribution(passive.start(), end, source, "by", "trail"))
    for count in _BY_COUNT.finditer(text, sentence_start, sentence_end):
        source = _clean_source(count.group(1))
        if source is not None:
            found.append(_Attribution(count.start(), count.end(), source, "by", "both"))
    for verb in _SPEECH.finditer(text, sentence_start, sentence_end):
        attribution = _speech(text, verb, sentence_start, sentence_end, figures)
        if attribution is not None:
            found.append(attribution)
    return found


def _speech(
    text: str,
    verb: re.Match[str],
    sentence_start: int,
    sentence_end: int,
    figures: list[_Figure],
) -> _Attribution | None:
    after_end = re.search(r"[,.;:]|$", text[verb.end() : sentence_end])
    assert after_end is not None
    clause_end = verb.end() + after_end.start()
    if re.match(r"\s+by\b", text[verb.end() : sentence_end]):
        return None
    starts = [figure.start for figure in figures]
    inside = bisect.bisect_right(starts, verb.start()) - 1
    if inside >= 0 and verb.start() < figures[inside].end:
        return None
    if _SPEECH.match(text, verb.end() + 1) and text[verb.end() : verb.end() + 1] == " ":
        return None  # "reports indicate": the first is a noun
    before = _tokens_before(text, max(sentence_start, verb.start() - 40), verb.start())
    previous = before[-1].group() if before and before[-1].start() >= sentence_start else ""
    folded = previous.casefold()
    word = verb.group()
    if word in ("quoted", "cited") and folded in ("was", "were", "is", "are", "been"):
        # "senior officials were quoted as saying": the officials
        be = before[-1].start()
        subject = _subject_before(text, be, sentence_start)
        made = _make_attribution(subject[0], subject[1], verb.end(), "trail") if subject else None
        return made
    if folded in _BE or folded in _DETERMINERS | _PREPOSITIONS:
        return None  # "had been found", "the confirmed deaths", "an estimated 1,300"
    if word in _AMBIGUOUS and folded in _NOT_A_SUBJECT:
        return None  # "the estimate", "credible reports": nouns
    speaker = folded != "official" and (folded in _SPEAKERS or folded.rstrip("s") in _SPEAKERS)
    if word in _AMBIGUOUS and previous[:1].islower() and not speaker:
        return None  # "leaked documents": a noun
    covers_after = bool(
        re.search(r"\bthat\b", text[verb.end() : clause_end])
        or bisect.bisect_left(starts, clause_end) > bisect.bisect_left(starts, verb.end())
        or re.match(r"\s*[:,]", text[verb.end() : sentence_end])
        and verb.group() in ("said", "says", "saying")
        and text[clause_end : clause_end + 1] == ":"
    )
    if word.endswith("ing") and text[sentence_start : verb.start()][-3:].rstrip().endswith(","):
        # "Police released a lower estimate, saying 128,000 were there": the clause's subject
        subject = _clause_subject(text, sentence_start, verb.start())
    else:
        subject = _subject_before(text, verb.start(), sentence_start)
    if subject is not None:
        raw, start = subject
        inside = bisect.bisect_left(starts, verb.start()) > bisect.bisect_left(starts, start)
        direction = "lead" if covers_after else "trail"
        made = None if inside else _make_attribution(raw, start, verb.end(), direction)
        if made is not None:
            return made
    if verb.group() in ("said", "says", "told", "added", "wrote", "noted", "estimated"):
        inverted = re.match(
            r"\s+([^,.;:]+)(?:,\s+([A-Z][^,.;:]{1,40}))?", text[verb.end() : sentence_end]
        )
        if inverted and (inverted.group(1)[:1].isupper() or inverted.group(1).startswith("the ")):
            end = verb.end() + inverted.end()
            named = inverted.group(2)
            if named and all(w[:1].isupper() for w in named.split()):
                return _make_attribution(named, verb.start(), end, "trail")
            return _make_attribution(inverted.group(1), verb.start(), end, "trail")
    return None


def _make_attribution(raw: str, start: int, end: int, direction: str) -> _Attribution | None:
    words = raw.split()
    folded = [word.casefold().strip(",") for word in words]
    if folded and (folded[0] in _PRONOUNS and len(folded) == 1):
        return _Attribution(start, end, raw, "said", direction, pronoun=True)
    core = [word for word in folded if word not in ("the", "also", "a", "an")]
    if len(core) == 1 and core[0] in _CONTINUING and folded[0] == "the":
        return _Attribution(start, end, raw, "said", direction, pronoun=True)
    source = _clean_source(raw)
    if source is None:
        return None
    generic = source.casefold().split()[-1] in _GENERIC and not source[0].isupper()
    if source[0].isupper() and source.split()[-1].casefold() in _GENERIC:
        generic = True  # "Recent reports"
    if len(source.split()) <= 2 and source.split()[-1].casefold() in _NO_ONE:
        return None  # "Previous reports put the number at 912": no one is named
    return _Attribution(start, end, source, "said", direction, generic=generic)


_CONTRAST = re.compile(
    r";|(?:,\s*|\s)(?:although|though|whereas|but(?!\s+(?:also|not|only|still|then)\b))\b", re.I
)


def _owner(text: str, figure: _Figure, sentence_start: int) -> str | None:
    """Whose figure it is when the text says so before it: "the organisers' estimate of
    500,000", "Yuan Mu's figure of 300", "the police estimate, always lower, was 338,000",
    "its official toll of 769" (its: the sentence's subject)."""
    window_start = max(sentence_start, figure.start - 160)
    window = text[window_start : figure.start]
    if not any(
        noun in window for noun in ("estimate", "figure", "tally", "count", "toll", "total")
    ):
        return None
    owned = _OWNED.search(text, window_start, figure.start)
    if owned is None or owned.end() != figure.start:
        return None
    tokens = _tokens_before(text, max(sentence_start, owned.start() - _REACH), owned.start())
    if not tokens or tokens[-1].start() < sentence_start:
        return None
    if tokens[-1].group().casefold() in ("its", "their", "his", "her"):
        subject = _clause_subject(text, sentence_start, tokens[-1].start())
        return _clean_source(subject[0]) if subject else None
    phrase = _phrase(text, tokens, len(tokens) - 1, sentence_start)
    return _clean_source(phrase[0]) if phrase else None


_CLAUSE = re.compile(
    r";|,\s*(?:while|whereas|but|although|though|and|even\s+as)\b|\s(?:while|whereas)\s", re.I
)


def _parens_source(text: str, position: int, limit: int) -> str | None:
    """A source in parentheses after the figure, in its clause: "50 released on Monday (UN)"."""
    clause = re.match(r"[^,;:.!?]*(?:\.\w[^,;:.!?]*)*", text[position:limit])
    assert clause is not None
    for found in re.finditer(r"\(([^()]{1,60})\)", clause.group()):
        inside = found.group(1).strip()
        if inside[:1].isupper() and not re.search(r"\d", inside) and len(inside.split()) <= 6:
            return _clean_source(inside)
    return None


def _organisations(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Named organisations in ``text[start:end]``: acronyms and capitalised names with an
    organisation word, with where each ends."""
    found: list[tuple[int, str]] = []
    for name in re.finditer(
        r"(?<![\w-])(?:[A-Z][\w'’&.-]*(?:\s+(?:of|for|and|on|the)\s+|\s+))*[A-Z][\w&'’.-]*"
        r"(?:\s*\([A-Z][A-Za-z&.-]{1,11}\))?",
        text[start:end],
    ):
        words = name.group().split()
        acronyms = [w for w in words if re.fullmatch(r"[A-Z][A-Z&]{1,}s?", w.strip("().,"))]
        has_org = any(w.casefold().strip("().,’'s") in _ORG_WORDS for w in words)
        named = [word.strip("().,") for word in acronyms]
        named = [word for word in named if word not in _NOT_ORG_ACRONYMS]
        shouting = len(acronyms) >= 2 and not has_org  # "in a BIG WAY"
        if has_org:
            source = _clean_source(name.group())
        elif named and not shouting:
            source = named[-1]
        else:
            continue
        if source and source not in _NOT_ORG_ACRONYMS:
            found.append((start + name.end(), source))
    for institution in re.finditer(
        r"\b[Tt]he\s+(government|army|police|military|authorities|ministry|junta|regime)\b",
        text[start:end],
    ):
        found.append((start + institution.end(), institution.group(1)))
    return sorted(found)


def _attribute(
    text: str,
    figure: _Figure,
    attributions: list[_Attribution],
    sentence_start: int,
    previous: str | None,
    next_start: int,
    sentence_organisations: Callable[[], list[tuple[int, str]]],
) -> tuple[str | None, str]:
    parens = _parens_source(text, figure.end, next_start)
    if parens:
        return parens, "parens"
    owner = _owner(text, figure, sentence_start)
    if owner:
        return owner, "owner"
    options: list[tuple[int, int, int, int, _Attribution]] = []
    ends = [attribution.end for attribution in attributions]
    at = bisect.bisect_right(ends, figure.start)
    for attribution in attributions[max(0, at - 3) : at + 3]:
        if attribution.direction in ("lead", "both") and attribution.end <= figure.start:
            gap = text[attribution.end : figure.start]
            if _CONTRAST.search(gap):
                continue  # "the military said it would free 2,342, although only 370 ..."
            lead = 0
        elif attribution.direction in ("trail", "both") and attribution.start >= figure.end:
            gap = text[figure.end : attribution.start]
            if attribution.rule == "said" and not re.search(r"[,;:(—–\"”]", gap):
                continue  # "5,000 victims housed at the shelter reported ...": its subject
            lead = 1
        else:
            continue
        clauses = len(_CLAUSE.findall(gap))
        if attribution.rule == "by" and lead and len(gap) < 40 and not re.search(r"[,;:(]", gap):
            clauses = -1  # "the 280,000 put forward by the CGT": bound to the figure
        options.append((clauses, int(attribution.generic), lead, len(gap), attribution))
    if options:
        chosen = min(options, key=lambda option: option[:4])[4]
        if chosen.pronoun:
            named = [
                a for a in attributions if not a.pronoun and not a.generic and a.end <= chosen.start
            ]
            if named and chosen.source.casefold() in ("it", "they", "he", "she", "we"):
                return named[-1].source, named[-1].rule  # "The CGT said it had counted 3.5 million"
            later = [
                a for a in attributions if not a.pronoun and not a.generic and a.start >= chosen.end
            ]
            if later and chosen.source.casefold() in ("we", "i"):
                return later[0].source, later[0].rule  # "'We counted 439,' the director said"
            if previous:
                return previous, "previous_sentence"
            return _clean_source(chosen.source), chosen.rule
        return chosen.source, chosen.rule
    earlier = [
        a
        for a in attributions
        if a.end <= figure.start
        and not a.generic
        and not _CONTRAST.search(text[a.end : figure.start])
    ]
    if earlier:  # "50 were seized, the navy said, and up to 400 were questioned"
        chosen = max(earlier, key=lambda attribution: attribution.end)
        if not chosen.pronoun:
            return chosen.source, chosen.rule
    opening = text[sentence_start : sentence_start + 40].casefold()
    if previous and re.match(
        r"(?:another|it|they|also|of\s+(?:them|those|these|whom)|among\s+them|in\s+addition|"
        r"a\s+further|the\s+(?:agency|group|organi[sz]ation|ministry|monitor|office))\b",
        opening,
    ):
        return previous, "previous_sentence"
    if attributions:
        return None, "none"  # with a speaker in the sentence, never a bystander
    organisations = [org for org in sentence_organisations() if org[0] <= figure.start]
    if organisations:  # with a speaker in the sentence, never a bystander
        return organisations[-1][1], "nearest_org"
    return None, "none"


# --- putting it together ----------------------------------------------------------------------

_CONFIDENCE = {
    "parens": 0.0,
    "owner": 0.0,
    "according_to": 0.0,
    "by": 0.0,
    "said": 0.0,
    "previous_sentence": 0.1,
    "next_sentence": 0.15,
    "nearest_org": 0.2,
    "none": 0.1,
}


def _interval(
    qualifier: Qualifier, value: float | None, low: float | None, high: float | None, about: float
) -> tuple[float, float | None]:
    """A candidate's interval by the claims' rule (no upper bound: None, as JSON writes it)."""
    lo, hi = interval(qualifier, value, low, high, about)
    return lo, (None if hi == float("inf") else hi)


def extract(
    text: str,
    *,
    percent: bool = False,
    money: bool = False,
    about: float = 0.10,
    vague: tuple[tuple[str, float, float], ...] = (),
    date: dt.date | None = None,
) -> list[Candidate]:
    """The candidate claims in ``text``, in reading order.

    ``percent``/``money`` keep percentages and monetary amounts (left out by default); ``about``
    is the half-width of "about" intervals and ``vague`` extra vague words (as in the claims
    file's settings); ``date`` is the article's date, against which "on Sunday", "yesterday"
    are read for a candidate's ``as_of``.
    """
    sentences = []
    for sentence_start, sentence_end in split_sentences(text):
        figures = _figures(text, sentence_start, sentence_end, percent, money, vague)
        attributions = _attributions(text, sentence_start, sentence_end, figures)
        sentences.append((sentence_start, sentence_end, figures, attributions))
    candidates: list[Candidate] = []
    previous: str | None = None
    for number, (sentence_start, sentence_end, figures, attributions) in enumerate(sentences):
        sentence = text[sentence_start:sentence_end]
        organisations = functools.cache(
            functools.partial(_organisations, text, sentence_start, sentence_end)
        )
        datings = _datings(text, sentence_start, sentence_end, date) if figures else _NO_DATES
        sources: list[str] = []
        last_what = ""
        last_rule = ""
        last_source: str | None = None
        for position, figure in enumerate(figures):
            what, _ = _what(text, figure, sentence_start, sentence_end)
            if not what and last_what:
                what = last_what  # "17 of them", "up from 60"
            last_what = what
            following = [other.start for other in figures[position + 1 : position + 2]]
            source, attribution_rule = _attribute(
                text,
                figure,
                attributions,
                sentence_start,
                previous,
                following[0] if following else sentence_end,
                organisations,
            )
            if source is None and last_rule == "owner":
                source, attribution_rule = (
                    last_source,
                    "owner",
                )  # "the X figure is 241 dead and 7,000 wounded"
            if source is None and number + 1 < len(sentences):
                source = _next_sentence_source(text, sentences[number + 1])
                attribution_rule = "next_sentence" if source else attribution_rule
            last_rule, last_source = attribution_rule, source
            if source:
                sources.append(source)
            lo, hi = _interval(figure.qualifier, figure.value, figure.low, figure.high, about)
            lo, hi = round(lo, 9), (None if hi is None else round(hi, 9))
            confidence = 0.95 - _CONFIDENCE[attribution_rule]
            if figure.vague:
                confidence -= 0.15
            if not what:
                confidence -= 0.2
            if figure.rule == "change:from":
                confidence -= 0.1
            notes = ""
            if figure.dotted:
                notes += "+dot_thousands"
                confidence = min(confidence, 0.6)
            as_of, dating = _as_of(figure, datings)
            if dating:
                notes += f"+date:{dating}"
                if dating != "day":
                    confidence = min(confidence, 0.7)
            candidates.append(
                Candidate(
                    value=figure.value,
                    qualifier=figure.qualifier,
                    lo=lo,
                    hi=hi,
                    low=figure.low,
                    high=figure.high,
                    what=what or None,
                    source=source,
                    sentence=sentence,
                    sentence_start=sentence_start,
                    start=figure.start,
                    end=figure.end,
                    figure=text[figure.start : figure.end],
                    vague=figure.vague,
                    confidence=round(max(0.05, min(1.0, confidence)), 2),
                    rule=f"{figure.rule}{notes}+attrib:{attribution_rule}",
                    as_of=as_of,
                )
            )
        named = [a.source for a in attributions if not a.pronoun and not a.generic]
        if sources:
            previous = sources[-1]
        elif named:
            previous = named[-1]
        elif organisations():
            previous = organisations()[-1][1]
        else:
            previous = None
    return _first_mentions(candidates)


def _next_sentence_source(
    text: str, sentence: tuple[int, int, list[_Figure], list[_Attribution]]
) -> str | None:
    """ "... rose to at least 1,470. The updated estimate, by the AP's count, is ...": a figure
    the next sentence names as "the estimate" takes the source given there."""
    start, end, _, attributions = sentence
    if not re.match(
        r"(?:The|This|That|Its|Their)\s+(?:[\w-]+\s+){0,2}?(?:estimate|figure|tally|count|toll)\b",
        text[start:end],
    ):
        return None
    named = [a for a in attributions if not a.pronoun and not a.generic and a.start < start + 80]
    return named[0].source if named else None


def _first_mentions(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate for a figure the text gives again ("... 1.7 million ... 'the 1.7 million
    who marched'"): the first mention that names a source, else the first."""
    dropped: set[int] = set()
    seen: dict[tuple[object, ...], list[int]] = {}
    for index, candidate in enumerate(candidates):
        if max(candidate.value or 0, candidate.high or 0) < 20:
            continue  # "three in North Carolina", "three teams": small numbers recur
        key = (candidate.value, candidate.low, candidate.high) + (
            () if (candidate.value or 0) >= 1000 else (candidate.qualifier,)
        )
        earlier = seen.setdefault(key, [])
        same = next((i for i in earlier[-8:] if _restated(candidates[i], candidate)), None)
        if same is None:
            earlier.append(index)
        elif candidates[same].source is None and candidate.source is not None:
            dropped.add(same)
            earlier[earlier.index(same)] = index
        else:
            dropped.add(index)
    return [candidate for index, candidate in enumerate(candidates) if index not in dropped]


def _restated(first: Candidate, later: Candidate) -> bool:
    if first.value is not None and first.value >= 1000 and first.qualifier is not Qualifier.RANGE:
        return True  # a figure this precise given twice is the same figure
    if (first.value, first.low, first.high, first.qualifier) != (
        later.value,
        later.low,
        later.high,
        later.qualifier,
    ):
        return False
    if first.source and later.source and first.source.casefold() != later.source.casefold():
        return False
    words_first = {w.casefold().rstrip("s") for w in (first.what or "").split()}
    words_later = {w.casefold().rstrip("s") for w in (later.what or "").split()}
    return not words_first or not words_later or bool(words_first & words_later)


# --- when: the date a figure describes --------------------------------------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MONTH + r")\.?(?:,?\s+(\d{4}))?\b")
_MONTH_DAY = re.compile(
    r"\b(" + _MONTH + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?(?!\s*[-–]?\s*\d)"
)
_RELATIVE = re.compile(
    r"\b(?:(?:on|last|late|early|by\s+late)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday)\b|\b(yesterday|today|tonight|overnight|this\s+morning)\b",
    re.I,
)
_VAGUE_WHEN = re.compile(
    r"\b(?:in|during|by|last|this|early|late|mid-?|end\s+of|between)\s+(?:(?:the\s+)?(?:end|start"
    r"|beginning|middle)\s+of\s+)?(?:"
    + _MONTH
    + r"\b|\d{4}\b|week\b|month\b|year\b)|\bmid-\d{4}\b",
    re.I,
)
_STATED = re.compile(  # "said on Thursday", "confirmed Thursday": when it was said, not counted
    r"\b(?:said|says|announced|confirmed|reported|told\s+\w+|stated|added|wrote|estimated"
    r"|claimed|declared|tweeted)\s+(?:\w+\s+)?(?:on\s+)?$",
    re.I,
)
_WHEN_CLAUSE = re.compile(
    r";|,\s*(?:and|but|while|whereas|although|though|up\s+from|down\s+from|compared\s+with)\b"
    r"|\s(?:while|whereas)\s",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Datings:
    """A sentence's clause marks and the dates written in it, found once per sentence."""

    marks: list[tuple[int, int]]
    positions: list[int]
    dates: list[tuple[int, str | None, str]]


def _datings(text: str, sentence_start: int, sentence_end: int, date: dt.date | None) -> _Datings:
    """The dates a sentence writes, each as (where, ISO day or None, ``day`` or ``vague``):
    "on 16 June", "on Sunday" and "yesterday" are read against the article's ``date``; a month,
    a year or "last week" is ``vague``. "since 2015" dates the start of a period and "said on
    Thursday" when it was said: neither dates a figure, and both are left out."""
    marks = [
        (m.start(), m.end()) for m in _WHEN_CLAUSE.finditer(text, sentence_start, sentence_end)
    ]
    found: list[tuple[int, str | None, str]] = []
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for match in pattern.finditer(text, sentence_start, sentence_end):
            if pattern is _DAY_MONTH:
                day, month, year = match.group(1), match.group(2), match.group(3)
            else:
                month, day, year = match.group(1), match.group(2), match.group(3)
            when = _day(int(day), _MONTHS.get(month.casefold().rstrip(".")), year, date)
            found.append((match.start(), when, "day" if when else "vague"))
    for match in _RELATIVE.finditer(text, sentence_start, sentence_end):
        weekday, relative = match.group(1), match.group(2)
        if date is None:
            found.append((match.start(), None, "vague"))
        elif weekday:
            back = (date.weekday() - _WEEKDAYS.index(weekday.casefold())) % 7
            found.append((match.start(), (date - dt.timedelta(days=back)).isoformat(), "day"))
        else:
            back = 1 if relative.casefold() == "yesterday" else 0
            found.append((match.start(), (date - dt.timedelta(days=back)).isoformat(), "day"))
    for match in _VAGUE_WHEN.finditer(text, sentence_start, sentence_end):
        found.append((match.start(), None, "vague"))
    dates = sorted(
        item
        for item in found
        if not _STATED.search(text, max(sentence_start, item[0] - 30), item[0])
        and not _SINCE.search(text, max(sentence_start, item[0] - 20), item[0])
    )
    return _Datings(marks, [item[0] for item in dates], dates)


_SINCE = re.compile(r"\bsince\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
_NO_DATES = _Datings([], [], [])


def _as_of(figure: _Figure, datings: _Datings) -> tuple[str | None, str]:
    """The day the figure's clause dates it to, as ISO text, and how it was read (``day``,
    ``vague``, or "" when the clause gives no date)."""
    clause_start, clause_end = -1, 1 << 62
    at = bisect.bisect_left(datings.marks, (figure.start, 0))
    if at > 0:
        clause_start = datings.marks[at - 1][0]
    after = bisect.bisect_left(datings.marks, (figure.end, 0))
    if after < len(datings.marks):
        clause_end = datings.marks[after][0]
    near = bisect.bisect_left(datings.positions, figure.start)
    found = [
        item
        for item in datings.dates[max(0, near - 2) : near + 3]
        if clause_start <= item[0] < clause_end and not figure.start <= item[0] < figure.end
    ]
    if not found:
        return None, ""
    _, when, how = min(found, key=lambda item: abs(item[0] - figure.start))
    return when, how


def _day(day: int, month: int | None, year: str | None, date: dt.date | None) -> str | None:
    if month is None or (year is None and date is None):
        return None
    try:
        when = dt.date(int(year) if year else date.year, month, day)  # type: ignore[union-attr]
    except ValueError:
        return None
    if year is None and date is not None and when > date:
        when = when.replace(year=date.year - 1)  # "on 20 December" in a January article
    return when.isoformat()


# --- for the command: records, shorthand, and the article's date -----------------------------

RECORD_FIELDS = (
    "value",
    "qualifier",
    "low",
    "high",
    "lo",
    "hi",
    "what",
    "source",
    "as_of",
    "figure",
    "sentence",
    "start",
    "end",
    "confidence",
    "rule",
)


def as_record(candidate: Candidate) -> dict[str, object]:
    """A candidate as plain data (contract section 6): numbers, text, ``hi`` None when open."""
    record = {name: getattr(candidate, name) for name in RECORD_FIELDS}
    record["qualifier"] = candidate.qualifier.value
    return record


def as_shorthand(candidate: Candidate) -> str:
    """The candidate as claim shorthand (``at least 1,850 demonstrators killed (HRANA)``)."""
    reading = Reading(
        qualifier=candidate.qualifier,
        value=candidate.value,
        low=candidate.low,
        high=candidate.high,
        what=candidate.what,
        source=candidate.source,
        vague=candidate.vague,
    )
    return render(reading)


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_FIRST = re.compile(r"\b([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})\b")
_DAY_FIRST = re.compile(r"\b(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})\b")


def find_date(text: str, *, lines: int = 5) -> dt.date | None:
    """A date written in the text's first lines (a dateline), or None."""
    head = "\n".join(text.strip().splitlines()[:lines])
    found: list[tuple[int, dt.date]] = []
    for match in _ISO_DATE.finditer(head):
        found += _date_at(match.start(), match.group(1), match.group(2), match.group(3))
    for match in _MONTH_FIRST.finditer(head):
        month = _MONTHS.get(match.group(1).casefold())
        if month:
            found += _date_at(match.start(), match.group(3), str(month), match.group(2))
    for match in _DAY_FIRST.finditer(head):
        month = _MONTHS.get(match.group(2).casefold())
        if month:
            found += _date_at(match.start(), match.group(3), str(month), match.group(1))
    return min(found)[1] if found else None


def _date_at(position: int, year: str, month: str, day: str) -> list[tuple[int, dt.date]]:
    try:
        return [(position, dt.date(int(year), int(month), int(day)))]
    except ValueError:
        return []
