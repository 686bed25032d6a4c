"""Reading the claim shorthand ``[QUALIFIER] NUMBER [WHAT] [(SOURCE)]`` (contract section 5).

:func:`parse` is a pure function from the text a user typed to a :class:`Reading`, or a
:class:`ShorthandError` that knows where in the text reading stopped (:func:`format_error` draws a
caret under that place). :func:`render` writes a reading back as shorthand that parses to the same
reading.

Number words (``five``, ``twenty-one``, ``two hundred and fifty``, ``a dozen``, ``1.5 million``)
are read with a small word table rather than a library: text2num and number-parser both cost ~8 ms
to import, neither reads ``a dozen``, ``a hundred`` or ``1.5 million``, and neither says where a
number ends, which the caret needs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from figcheck.errors import FigcheckError
from figcheck.metrics import lookup
from figcheck.model import Qualifier, slugify, value_problem
from figcheck.safety import visible

__all__ = [
    "Amount",
    "ChangeNotRange",
    "DEFAULT_VAGUE",
    "Reading",
    "ShorthandError",
    "format_error",
    "parse",
    "moment_on",
    "qualifier_before",
    "read_amount",
    "read_number",
    "read_qualifier",
    "read_vague",
    "render",
    "two_readings",
    "typed_value",
]


class ShorthandError(FigcheckError):
    """The shorthand could not be read; ``position`` is where in ``text`` reading stopped."""

    def __init__(self, message: str, text: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.text = text
        self.position = position


class ChangeNotRange(ShorthandError):
    """The text says a figure moved ("rose from 350 to 680"): a change, not a range of estimates."""


@dataclass(frozen=True, slots=True)
class Reading:
    """What a shorthand text says. ``text`` (the words as typed) is left out of comparisons.

    ``metric`` is the registry metric that WHAT names, or None when it names none; then
    ``suggestion`` is a close registry name or alias (a slug) when there is one. ``vague`` holds
    the vague words (``several``, ``a few thousand``) that gave a range, normalised. ``as_of`` is
    the day the source's parentheses give (``(Foro Penal, 12 January)``): ``2026-01-12``, or
    ``--01-12`` when no year is written (:func:`moment_on` settles it against the claim's date);
    ``as_of_at`` is where those words start in ``text``.
    """

    qualifier: Qualifier
    value: float | None
    low: float | None = None
    high: float | None = None
    what: str | None = None
    metric: str | None = None
    suggestion: str | None = None
    source: str | None = None
    vague: str | None = None
    as_of: str | None = None
    text: str = field(default="", compare=False)
    as_of_at: int = field(default=-1, compare=False)


DEFAULT_VAGUE: tuple[tuple[str, float, float], ...] = (
    ("a couple", 2, 3),
    ("a few", 2, 5),
    ("several", 3, 9),
    ("dozens", 24, 99),
    ("scores", 40, 99),
    ("hundreds", 200, 999),
    ("thousands", 2000, 9999),
    ("tens of thousands", 20000, 99999),
    ("hundreds of thousands", 200000, 999999),
    ("millions", 2000000, 9999999),
)
"""Vague words and their intervals (contract section 5); ``settings.vague`` overrides, extends."""

_QUALIFIERS: dict[str, Qualifier] = {
    "~": Qualifier.ABOUT,
    "about": Qualifier.ABOUT,
    "around": Qualifier.ABOUT,
    "approximately": Qualifier.ABOUT,
    "roughly": Qualifier.ABOUT,
    "some": Qualifier.ABOUT,
    "an estimated": Qualifier.ABOUT,
    "at least": Qualifier.AT_LEAST,
    "≥": Qualifier.AT_LEAST,
    ">=": Qualifier.AT_LEAST,
    "no fewer than": Qualifier.AT_LEAST,
    "a minimum of": Qualifier.AT_LEAST,
    "more than": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    ">": Qualifier.MORE_THAN,
    "surpassing": Qualifier.MORE_THAN,
    "exceeding": Qualifier.MORE_THAN,
    "upwards of": Qualifier.MORE_THAN,
    "at most": Qualifier.AT_MOST,
    "≤": Qualifier.AT_MOST,
    "<=": Qualifier.AT_MOST,
    "no more than": Qualifier.AT_MOST,
    "up to": Qualifier.UP_TO,
    "as many as": Qualifier.UP_TO,
    "fewer than": Qualifier.FEWER_THAN,
    "less than": Qualifier.FEWER_THAN,
    "under": Qualifier.FEWER_THAN,
    "<": Qualifier.FEWER_THAN,
    "nearly": Qualifier.NEARLY,
    "almost": Qualifier.NEARLY,
    "close to": Qualifier.NEARLY,
    "between": Qualifier.RANGE,
}

_RENDERED: dict[Qualifier, str] = {
    Qualifier.EXACT: "",
    Qualifier.ABOUT: "~",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.MORE_THAN: "more than ",
    Qualifier.AT_MOST: "at most ",
    Qualifier.UP_TO: "up to ",
    Qualifier.FEWER_THAN: "fewer than ",
    Qualifier.NEARLY: "nearly ",
}

_UNITS = {
    word: value
    for value, word in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine"), start=1
    )
}
_TEENS = {
    word: value
    for value, word in enumerate(
        (
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ),
        start=10,
    )
}
_TENS = {
    word: 10 * value
    for value, word in enumerate(
        ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), start=2
    )
}
_WORD_VALUES = {**_UNITS, **_TEENS, **_TENS}
_MULTIPLIERS = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    # South Asian scales: "6 lakh" is 600,000, "15 crore" 150,000,000
    "lakh": 10**5,
    "lakhs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
}
_SUFFIXES = {"k": 10**3, "m": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9}

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+(?:,\d+)*(?:\.\d+)?")
# "1 200", "1\u00a0200": a space, a no-break space or a narrow no-break space between thousands
_SPACED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d|[.,]\d)")
# "1.200", "1.200.000", "1.200,5": dots between thousands (one dot alone is ambiguous)
_DOTTED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d|\.\d|,\d)")
_SUFFIX = re.compile(r"(bn|mn|[kmb])(?![^\W\d_])", re.IGNORECASE)
_SCALE_WORDS = r"dozen|hundred|thousand|million|billion|trillion|lakhs?|crores?"
_MULTIPLIER = re.compile(rf"\s+({_SCALE_WORDS})(?![^\W\d_])", re.IGNORECASE)
_CONNECTOR = re.compile(r"\s*[-–—]\s*|\s+to(?![^\W\d_])\s*", re.IGNORECASE)
_AND = re.compile(r"\s+and(?![^\W\d_])\s*|\s*[-–—]\s*|\s+to(?![^\W\d_])\s*", re.IGNORECASE)
_OF = re.compile(r"\s+of(?![^\W\d_])", re.IGNORECASE)
_WORD_GAP = re.compile(r"\s+|-(?=[^\W\d_])")
_ARTICLE = re.compile(
    rf"(?:(half)\s+)?an?\s+(?=(?:{_SCALE_WORDS})(?![^\W\d_]))",
    re.I,
)
_FROM = re.compile(r"(?<![^\W\d_])from\s+", re.IGNORECASE)
_EXAMPLE = "a figure such as '~50 released (UN)'"


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One regex matching any of the phrases, longest first, whole words only, any spacing.
    Ignoring case, Python also matches a few letters outside ASCII ("ı" for "i", "ſ" for "s"), so
    a match is looked up in its table before it is used: one that is not there is no phrase."""
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        part = r"\s+".join(re.escape(word) for word in phrase.split())
        if phrase[-1].isalpha():
            part += r"(?![^\W\d_])"
        parts.append(part)
    return re.compile("|".join(parts), re.IGNORECASE)


_QUALIFIER = _phrase_pattern(list(_QUALIFIERS))
# read before a figure in the shorthand only: in running text "estimated" is a verb ("police
# estimated 500"), which extract reads for itself
_TYPED_QUALIFIERS: dict[str, Qualifier] = {
    **_QUALIFIERS,
    "≈": Qualifier.ABOUT,
    "estimated": Qualifier.ABOUT,
}
_TYPED_QUALIFIER = _phrase_pattern(list(_TYPED_QUALIFIERS))


def _normal(words: str) -> str:
    return " ".join(words.casefold().split())


@lru_cache(maxsize=16)
def _vague_table(
    vague: tuple[tuple[str, float, float], ...],
) -> tuple[dict[str, tuple[float, float]], re.Pattern[str]]:
    table = {word: (float(low), float(high)) for word, low, high in DEFAULT_VAGUE}
    for word, low, high in vague:
        key = _normal(word).removesuffix("(of)").removesuffix(" of").strip()
        if key:
            table[key] = (float(low), float(high))
    return table, _phrase_pattern(list(table))


class _Number(NamedTuple):
    """A number as written: a named tuple, since one is made for every number read."""

    value: Decimal
    end: int
    bare: bool  # no multiplier word or suffix: "2" in "2-3 million" takes the million
    multiplier: int | None  # the multiplier it ends with ("million" in "3 million")
    start: int = 0
    # "1.200": the two values it can mean, (a dot between thousands, a decimal point), and how
    # each is written unambiguously; value is the decimal reading
    readings: tuple[Decimal, Decimal, str, str] | None = None


def _error(text: str, position: int, message: str) -> ShorthandError:
    return ShorthandError(message, text, position)


def _skip_space(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match else position


def _word_at(text: str, position: int) -> str:
    """The word (or the character) at a position, for messages."""
    match = _WORD.match(text, position)
    if match:
        return match.group()
    return text[position : position + 1]


def _digits(text: str, start: int, grouped: bool = True) -> _Number | None:
    """A number in digits at ``start``. ``grouped``: thousands may also be set apart by spaces
    (``1 200``) or by dots (``1.200.000``, ``1.200,5``), and a single dot followed by exactly
    three digits (``1.200``) gives both readings (it is 1.2 in English and 1200 where the dot
    separates thousands)."""
    readings: tuple[Decimal, Decimal, str, str] | None = None
    spaced = _SPACED.match(text, start) if grouped else None
    dotted = _DOTTED.match(text, start) if grouped and not spaced else None
    if spaced:
        written = spaced.group()
        value = Decimal(re.sub(r"\D", "", written))
        end = spaced.end()
    elif dotted and (dotted.group().count(".") > 1 or "," in dotted.group()):
        written = dotted.group()  # "1.200.000", "1.200,5": the dots can only part thousands
        value = Decimal(written.replace(".", "").replace(",", "."))
        end = dotted.end()
    else:
        match = _DIGITS.match(text, start)
        if match is None:
            return None
        written = match.group()
        _check_commas(text, start, written)
        value = Decimal(written.replace(",", ""))
        end = match.end()
        if dotted and dotted.end() == end and not written.startswith("0"):
            whole = written.replace(".", "")
            readings = (Decimal(whole), value, f"{int(whole):,}", _decimal_written(written))
    suffix = _SUFFIX.match(text, end)
    if suffix:
        scale = _SUFFIXES[suffix.group().casefold()]
        return _Number(
            value * scale,
            suffix.end(),
            bare=False,
            multiplier=scale,
            start=start,
            readings=_scaled(readings, scale, suffix.group()),
        )
    multiplier: int | None = None
    words: list[str] = []
    while scale_word := _MULTIPLIER.match(text, end):
        if scale_word.group(1).casefold() not in _MULTIPLIERS:
            break  # "mıllion": matched ignoring case only (see _phrase_pattern)
        scale = _MULTIPLIERS[scale_word.group(1).casefold()]
        if multiplier is not None and scale <= multiplier:
            raise _error(
                text,
                scale_word.start(1),
                f"'{scale_word.group(1)}' cannot follow the multiplier before it",
            )
        value *= scale
        multiplier = scale
        words.append(scale_word.group(1))
        end = scale_word.end()
    if words:
        readings = _scaled(readings, multiplier or 1, " " + " ".join(words))
    return _Number(
        value, end, bare=multiplier is None, multiplier=multiplier, start=start, readings=readings
    )


# "1,50,000", "12,34,567": thousands, then lakhs and crores set apart by commas, as South Asian
# outlets write them
_LAKH_GROUPED = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}")


def _check_commas(text: str, start: int, written: str) -> None:
    whole = written.split(".")[0]
    if "," in whole and not _LAKH_GROUPED.fullmatch(whole):
        groups = whole.split(",")
        offset = start + len(groups[0])
        if len(groups[0]) > 3:
            raise _error(text, start, f"misplaced thousands separator in '{written}'")
        for group in groups[1:]:
            if len(group) != 3:
                raise _error(text, offset, f"misplaced thousands separator in '{written}'")
            offset += 1 + len(group)


def _decimal_written(written: str) -> str:
    """ "1.200" as a decimal written so that it cannot be read as thousands: ``1.2``; "12.345"
    keeps its digits and gains a fourth decimal, ``12.3450``."""
    shorter = written.rstrip("0").rstrip(".")
    return shorter if len(shorter.partition(".")[2]) < 3 else written + "0"


def _scaled(
    readings: tuple[Decimal, Decimal, str, str] | None, scale: int, after: str
) -> tuple[Decimal, Decimal, str, str] | None:
    if readings is None:
        return None
    thousands, decimal, thousands_written, decimal_written = readings
    return (
        thousands * scale,
        decimal * scale,
        thousands_written + after,
        decimal_written + after,
    )


def _kind(word: str) -> str | None:
    if word in _UNITS:
        return "unit"
    if word in _TEENS:
        return "teen"
    if word in _TENS:
        return "tens"
    if word == "zero":
        return "zero"
    if word in _MULTIPLIERS:
        return "dozen" if word == "dozen" else ("hundred" if word == "hundred" else "scale")
    return None


_FOLLOWS: dict[str, tuple[str | None, ...]] = {
    "zero": (None,),
    "unit": (None, "tens", "hundred", "scale", "and"),
    "teen": (None, "hundred", "scale", "and"),
    "tens": (None, "hundred", "scale", "and"),
    "hundred": ("unit", "teen", "tens"),
    "scale": ("unit", "teen", "tens", "hundred", "dozen"),
    "dozen": ("unit",),
}


def _words(text: str, start: int, allow_and: bool) -> _Number | None:
    """A number in words at ``start`` (``twenty-one``, ``two hundred and fifty``, ``a dozen``)."""
    total = Decimal(0)
    current = Decimal(0)
    last: str | None = None
    last_word = ""
    top_scale = 10**15
    multiplier: int | None = None
    end = start
    position = start
    hyphen = False
    opening = _ARTICLE.match(text, start)
    multiplied = opening is not None
    if opening:
        current = Decimal("0.5") if opening.group(1) else Decimal(1)
        last = "unit"
        position = opening.end()
    while match := _WORD.match(text, position):
        word = match.group().casefold()
        if word == "and":
            after = _WORD.match(text, _skip_space(text, match.end()))
            if (
                allow_and
                and not hyphen
                and last in ("hundred", "scale")
                and after is not None
                and _kind(after.group().casefold()) in ("unit", "teen", "tens")
            ):
                last = "and"
                position = after.start()
                continue
            break
        kind = _kind(word)
        if kind is None:
            break
        if last not in _FOLLOWS[kind] or (kind == "hundred" and current >= 100):
            if last is None or last == "and":
                return None  # "thousand" alone is no number
            if hyphen:
                break  # "five-ten" is a range; the hyphen is read as one
            raise _error(text, match.start(), f"'{match.group()}' cannot follow '{last_word}'")
        if kind == "scale":
            scale = _MULTIPLIERS[word]
            if scale >= top_scale or current == 0:
                raise _error(text, match.start(), f"'{match.group()}' cannot follow '{last_word}'")
            total += current * scale
            current = Decimal(0)
            top_scale = scale
            multiplier = scale
            multiplied = True
        elif kind in ("hundred", "dozen"):
            current *= _MULTIPLIERS[word]
            multiplier = _MULTIPLIERS[word]
            multiplied = True
        else:
            current += _WORD_VALUES.get(word, 0)
            multiplier = None
        last = kind
        last_word = match.group()
        end = match.end()
        gap = _WORD_GAP.match(text, end)
        if gap is None:
            break
        hyphen = gap.group() == "-"
        position = gap.end()
    if last is None or last == "and" or end == start:
        return None
    return _Number(total + current, end, bare=not multiplied, multiplier=multiplier, start=start)


def _number(text: str, start: int, allow_and: bool = True, grouped: bool = True) -> _Number | None:
    return _digits(text, start, grouped) or _words(text, start, allow_and)


@dataclass(frozen=True, slots=True)
class _Said:
    """Who said it, as the text names them, and where: the source's words, the day its
    parentheses give (ISO, or ``--MM-DD`` without a year) and where that day is written."""

    source: str | None
    start: int  # where the words naming the source begin
    as_of: str | None = None
    as_of_at: int = -1


MONTHS = {  # a month's name or abbreviation -> its number (also extract's)
    name: number
    for number, names in enumerate(
        (
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
        ),
        start=1,
    )
    for name in names
}
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_DAY_FORMS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z"), (1, 2, 3)),  # year, month, day groups
    (re.compile(_ORDINAL + r"\s+([^\W\d_]+)\.?(?:,?\s+(\d{4}))?\Z"), (3, 2, 1)),
    (re.compile(r"([^\W\d_]+)\.?\s+" + _ORDINAL + r"(?:,?\s+(\d{4}))?\Z"), (3, 1, 2)),
)
_YEAR = re.compile(r"(?:1[89]|2[01])\d\d\Z")
_MONTH_ALONE = re.compile(r"([^\W\d_]+)\.?(?:,?\s+\d{4})?\Z")
_SOURCE_OPENING = re.compile(r"(?:per|according\s+to|source:)\s+", re.IGNORECASE)


def _day_written(words: str) -> str | None:
    """A day as the parentheses write it (``12 January``, ``January 12, 2026``, ``12 Jan
    2026``, ``2026-01-12``) as ISO text, ``--01-12`` when no year is given; None when the words
    are not a day."""
    for pattern, (year_at, month_at, day_at) in _DAY_FORMS:
        found = pattern.match(words)
        if found is None:
            continue
        month_words = found.group(month_at)
        month = int(month_words) if month_words.isdigit() else MONTHS.get(month_words.casefold())
        year = found.group(year_at)
        if month is None:
            return None
        try:
            day = dt.date(int(year) if year else 2000, month, int(found.group(day_at)))
        except ValueError:
            return None
        return day.isoformat() if year else f"--{day.month:02d}-{day.day:02d}"
    return None


def moment_on(as_of: str, date: dt.date) -> str:
    """A day the shorthand read, settled against the claim's ``date``: a day without a year
    (``--01-12``) is the latest such day on or before ``date``; a full date is kept."""
    if not as_of.startswith("--"):
        return as_of
    month, day = int(as_of[2:4]), int(as_of[5:7])
    year = date.year if (month, day) <= (date.month, date.day) else date.year - 1
    while True:
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:  # 29 February: the latest leap year
            year -= 1


def _source(text: str) -> tuple[int, _Said | None]:
    """Where the body ends, and what the final parentheses (nested ones allowed) say of the
    source: who (``per`` and ``according to`` left out) and, after a comma, the day."""
    end = len(text.rstrip())
    if text[end - 1] != ")":
        return end, None
    depth = 0
    for index in range(end - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                return index, _parenthesised(text, index + 1, end - 1)
    raise _error(text, end - 1, "')' has no matching '('")


def _parenthesised(text: str, start: int, end: int) -> _Said:
    inner = text[start:end]
    start += len(inner) - len(inner.lstrip())
    inner = inner.strip()
    if not inner:
        raise _error(text, start, "the parentheses hold no source")
    if opening := _SOURCE_OPENING.match(inner):
        start += opening.end()
        inner = inner[opening.end() :]
    parts = inner.split(",")
    for count in sorted({1, 2, len(parts)} & set(range(1, len(parts) + 1))):
        head = ",".join(parts[:-count])
        tail = ",".join(parts[-count:])
        day = _day_written(tail.strip())
        if day is not None:
            at = start + len(head) + (1 if head else 0) + len(tail) - len(tail.lstrip())
            if head and not head.strip():
                raise _error(text, start, "the parentheses hold no source before the day")
            return _Said(head.strip() or None, start, day, at)
    head, _, tail = inner.rpartition(",")
    words = tail.strip()
    at = start + len(inner) - len(tail.lstrip())
    if _YEAR.match(words):
        if head.strip():
            raise _error(
                text,
                at,
                f"'{words}' is a year, not a day: write the day "
                f"('({head.strip()}, 12 January {words})') or leave it out",
            )
        raise _error(
            text,
            at,
            f"'{words}' is a year, not a source: name who said it ('(UN)') and give the day "
            "the figure describes with --as-of",
        )
    month = _MONTH_ALONE.match(words)
    if head.strip() and month and month.group(1).istitle() and month.group(1).casefold() in MONTHS:
        raise _error(
            text,
            at,
            f"'{words}' is a month, not a day: write the day ('12 {month.group(1)}') or leave "
            "it out",
        )
    return _Said(inner, start)


_SAID = r"(?:said|says|say|reported|reports)"
_TRAILING_SOURCES = (
    re.compile(
        r"(?:\s*[,;]\s*|\s+)according\s+to\s+(?=[^\W\d_])", re.IGNORECASE
    ),  # ", according to X"
    re.compile(r"\s*[,;]\s*(?:per|" + _SAID + r")\s+(?=[^\W\d_])", re.IGNORECASE),
    re.compile(r"\s+[-–—]\s+(?=[^\W\d_])"),
)
_SAID_AFTER = re.compile(  # ", X said"
    r"\s*[,;]\s*(?=[^\W\d_])([^,;\d]+?)\s+" + _SAID + r"\.?\s*\Z", re.IGNORECASE
)
_SAID_LAST = re.compile(r"(?<=\s)" + _SAID + r"\.?\s*\Z", re.IGNORECASE)
_LEADING_SOURCES = (
    re.compile(r"(?:according\s+to|per)\s+([^\W\d_][^,\d]*?)\s*,\s*", re.IGNORECASE),
    re.compile(  # "Foro Penal said 800", "Foro Penal says that about 800"
        r"([^\W\d_][^,:;\d]*?)\s+" + _SAID + r"(?:\s+that)?\s*[,:]?\s+", re.IGNORECASE
    ),
    re.compile(r"([^\W\d_][^:;\d]*?)\s*:\s+"),  # "Foro Penal: about 800"
)


def _leading_source(text: str, position: int, end: int) -> tuple[_Said, int] | None:
    """ "According to X, …", "X said …", "X: …" before the figure: the source and where the
    figure starts."""
    for pattern in _LEADING_SOURCES:
        found = pattern.match(text, position, end)
        if found and not _TYPED_QUALIFIER.fullmatch(found.group(1).strip()):
            return _Said(found.group(1).strip(), found.start(1)), found.end()
    return None


def _trailing_source(text: str, start: int, end: int) -> tuple[_Said, int] | None:
    """ "…, according to X", "…, per X", "… - X", "…, X said" after the figure: the source and
    where the words before it end."""
    for pattern in _TRAILING_SOURCES:
        found = pattern.search(text, start, end)
        if found:
            source = text[found.end() : end].strip().rstrip(".").strip()
            if source:
                return _Said(source, found.end()), found.start()
    said = _SAID_AFTER.search(text, start, end)
    if said:
        return _Said(said.group(1).strip(), said.start(1)), said.start()
    last = _SAID_LAST.search(text, start, end)
    if last:
        raise _error(
            text,
            last.start(),
            f"who {last.group().strip().rstrip('.')} it? Write the source after a comma "
            f"(', Foro Penal {last.group().strip().rstrip('.')}') or in parentheses "
            "('(Foro Penal)')",
        )
    return None


def _one_source(text: str, first: _Said | None, second: _Said | None) -> _Said | None:
    if first is None or first.source is None:
        if first is not None and second is not None:
            return _Said(second.source, second.start, first.as_of, first.as_of_at)
        return second or first
    if second is not None:
        raise _error(
            text,
            min(first.start, second.start),
            f"two sources, '{first.source}' and '{second.source}': name one",
        )
    return first


def _check_parentheses(text: str, end: int) -> None:
    for index in range(end):
        if text[index] == ")":
            raise _error(text, index, "')' has no matching '('")
        if text[index] == "(":
            if ")" not in text[index:]:
                raise _error(text, index, "'(' is never closed")
            raise _error(
                text, index, "only the source goes in parentheses, at the end: '50 released (UN)'"
            )


def _refuse_change(text: str, end: int) -> None:
    """ "rose from 350 to 680" says a figure moved; refuse it rather than read a range."""
    for found in _FROM.finditer(text, 0, end):
        try:
            first = _number(text, found.end())
            if first is None:
                continue
            connector = _CONNECTOR.match(text, first.end)
            second = connector and _number(text, connector.end())
        except ShorthandError:
            continue
        if second:
            change = text[found.start() : second.end]
            written = f"{first.value:f}-{second.value:f}"
            raise ChangeNotRange(
                f"'{change}' describes a change, not a range: add each figure as its own claim "
                f"with the date it was true (a range is written '{written}')",
                text,
                found.start(),
            )


def _qualifier_error(text: str, position: int, qualifier: str | None, end: int) -> ShorthandError:
    word = _word_at(text, position)
    if qualifier is not None:
        return _error(text, position, f"expected a number after '{qualifier}', not '{word}'")
    if position >= end:
        return _error(text, position, f"expected a number: write {_EXAMPLE}")
    if any(character.isdigit() for character in text[position:end]):
        return _error(
            text,
            position,
            f"'{word}' is not a qualifier figcheck reads (such as 'about', 'at least', 'up to'); "
            f"write {_EXAMPLE}",
        )
    return _error(text, position, f"expected a number (50, 1,850, 2.4 million, five), not '{word}'")


def parse(
    text: str,
    metrics: dict[str, str] | None = None,
    vague: tuple[tuple[str, float, float], ...] = (),
) -> Reading:
    """Read ``[QUALIFIER] NUMBER [WHAT] [(SOURCE)]``; raise :class:`ShorthandError` if it can't.

    The source may also be written "according to X", "per X", "X said", "- X" after the figure,
    or "X: …", "X said …", "According to X, …" before it; the parentheses may give the day the
    figure describes after a comma ("(Foro Penal, 12 January)").

    ``metrics`` maps every slug that names a metric (name or alias) to the metric, as
    :meth:`ClaimsFile.metric_names` gives it; ``vague`` is ``settings.vague`` (word, low, high).
    """
    metrics = metrics or {}
    if not text.strip():
        raise _error(text, 0, f"nothing to read: write {_EXAMPLE}")
    body_end, said = _source(text)
    _check_parentheses(text, body_end)
    position = _skip_space(text, 0)
    if position >= body_end:
        raise _error(text, position, "expected a number before the source")
    _refuse_change(text, body_end)
    if leading := _leading_source(text, position, body_end):
        said = _one_source(text, leading[0], said)
        position = leading[1]

    qualifier: Qualifier = Qualifier.EXACT
    qualifier_words: str | None = None
    qualifier_start = position
    found = _TYPED_QUALIFIER.match(text, position)
    if found and _normal(found.group()) in _TYPED_QUALIFIERS:  # see _phrase_pattern
        qualifier_words = _normal(found.group())
        qualifier = _TYPED_QUALIFIERS[qualifier_words]
        position = _skip_space(text, found.end())

    value: float | None
    low: float | None = None
    high: float | None = None
    vague_words: str | None = None
    vague_read = read_vague(text, position, vague)
    none = _NONE.match(text, position) if qualifier_words is None else None
    if vague_read:
        vague_words, low, high, end = vague_read
        if qualifier_words is not None:
            words = _vague_table(vague)[1].match(text, position)
            assert words is not None
            raise _error(
                text,
                qualifier_start,
                f"'{words.group()}' is already a range; drop '{qualifier_words}'",
            )
        if of := _OF.match(text, end):
            end = of.end()
        qualifier, value = Qualifier.RANGE, low
    elif none:  # "no political prisoners": none at all
        value, end = 0.0, none.end()
    else:
        first, connector = _first_number(text, position, qualifier, qualifier_words, body_end)
        _check_figure(text, first)
        end = first.end
        value = float(first.value)
        if connector is not None:
            if qualifier not in (Qualifier.EXACT, Qualifier.RANGE):
                raise _error(
                    text, qualifier_start, f"a range takes no qualifier; drop '{qualifier_words}'"
                )
            second = _number(text, connector.end())
            if second is None:
                raise _error(
                    text,
                    connector.end(),
                    f"expected the top of the range after '{connector.group().strip()}'",
                )
            _check_figure(text, second)
            start_value = first.value
            if first.bare and second.multiplier and start_value * second.multiplier <= second.value:
                start_value *= second.multiplier  # "2-3 million"
            if start_value > second.value:
                raise _error(
                    text,
                    position,
                    f"the range's low end {start_value:,f} is above its high end {second.value:,f}",
                )
            qualifier, value = Qualifier.RANGE, None
            low, high = float(start_value), float(second.value)
            end = second.end
        elif qualifier is Qualifier.RANGE:
            raise _error(text, end, "'between' needs two figures: 'between 40 and 60'")
        elif plus := _PLUS.match(text, end):  # "300+", "300 or more"
            if qualifier_words is not None:
                raise _error(
                    text,
                    qualifier_start,
                    f"'{plus.group().strip()}' already says at least; drop '{qualifier_words}'",
                )
            qualifier, end = Qualifier.AT_LEAST, plus.end()

    if trailing := _trailing_source(text, end, body_end):
        said = _one_source(text, trailing[0], said)
        body_end = trailing[1]
    what = _what(text, end, body_end)
    metric, suggestion = lookup(what, metrics) if what else (None, None)
    return Reading(
        qualifier=qualifier,
        value=value,
        low=low,
        high=high,
        what=what,
        metric=metric,
        suggestion=suggestion,
        source=said.source if said else None,
        vague=vague_words,
        as_of=said.as_of if said else None,
        text=text,
        as_of_at=said.as_of_at if said else -1,
    )


_NONE = re.compile(r"(?:no|none)(?![^\W\d_])(?!\s+(?:more|fewer|less)(?![^\W\d_]))", re.I)
_PLUS = re.compile(r"\+|\s+or\s+more(?![^\W\d_])", re.IGNORECASE)


def _check_figure(text: str, number: _Number) -> None:
    """Refuse a figure that can be read two ways (``1.200``) or that no count can be."""
    written = text[number.start : number.end]
    if number.readings is not None:
        raise _error(text, number.start, _two_readings(written, number.readings))
    problem = value_problem(f"{number.value:f}")
    if problem is not None:
        raise _error(text, number.start, f"'{written}' {problem}")


def _two_readings(written: str, readings: tuple[Decimal, Decimal, str, str]) -> str:
    _, _, as_thousands, as_decimal = readings
    digits, space, rest = as_decimal.partition(" ")
    plain = digits.removesuffix("0") if len(digits.partition(".")[2]) > 3 else digits
    return (
        f"'{written}' can be read two ways: {as_thousands} (the dot separates thousands) "
        f"or {plain}{space}{rest} (a decimal point); write '{as_thousands}' or '{as_decimal}'"
    )


def typed_value(written: str, name: str = "value") -> float:
    """A figure typed on its own (an option, an answer to a prompt): a plain decimal number,
    ``1,850`` or ``1 850``, checked like the shorthand's (``1.200`` is ambiguous, nothing beyond
    10^15); :class:`ShorthandError` says what is wrong."""
    text = written.strip()
    try:
        number = _digits(text, 0)
    except ShorthandError as error:
        raise ShorthandError(f"{name}: {error.message}", text, error.position) from None
    if number is None or number.end != len(text) or number.multiplier is not None:
        try:
            value = float(text)  # "1e6", ".5": what scripts write
        except ValueError:
            raise ShorthandError(
                f"{name} must be a number such as 1850, 1,850 or 2.5, not {text!r}", text, 0
            ) from None
        number = _Number(Decimal(repr(value)), len(text), bare=True, multiplier=None)
    if number.readings is not None:
        raise ShorthandError(f"{name} {_two_readings(text, number.readings)}", text, 0)
    if not number.value.is_finite() or number.value < 0:
        raise ShorthandError(f"{name} must be a finite number, zero or more, not {text}", text, 0)
    problem = value_problem(f"{number.value:f}")
    if problem is not None:
        raise ShorthandError(f"{name} {text} {problem}", text, 0)
    return float(number.value)


def two_readings(written: str) -> str | None:
    """Why a number written alone (a spreadsheet cell, ``1.200``) cannot be read as one value,
    naming both readings; None when it is not ambiguous."""
    try:
        number = _digits(written, 0)
    except ShorthandError:
        return None
    if number is None or number.readings is None or number.end != len(written):
        return None
    return _two_readings(written, number.readings)


def _first_number(
    text: str, position: int, qualifier: Qualifier, qualifier_words: str | None, body_end: int
) -> tuple[_Number, re.Match[str] | None]:
    """The figure after the qualifier, and the range connector after it if there is one."""
    if qualifier is Qualifier.RANGE:
        # "between two hundred and fifty and three hundred", "between one hundred and two hundred"
        first: _Number | None = None
        for allow_and in (True, False):
            try:
                first = _number(text, position, allow_and)
            except ShorthandError:
                if allow_and:
                    continue
                raise
            if first is None:
                break
            connector = _AND.match(text, first.end)
            if connector:
                return first, connector
        if first is None:
            raise _qualifier_error(text, position, qualifier_words, body_end)
        raise _error(text, first.end, "'between' needs two figures: 'between 40 and 60'")
    first = _number(text, position)
    if first is None:
        raise _qualifier_error(text, position, qualifier_words, body_end)
    return first, _CONNECTOR.match(text, first.end)


def _what(text: str, end: int, body_end: int) -> str | None:
    if end < body_end and not text[end].isspace():
        raise _error(text, end, f"unexpected '{_word_at(text, end)}' right after the number")
    start = _skip_space(text, end)
    what = text[start:body_end].strip()
    if not what:
        return None
    if what[0].isdigit():
        raise _error(text, start, "a second figure: write a range as '40-60'")
    first_word = _word_at(text, start).casefold()
    if first_word.removesuffix("s") in _MULTIPLIERS:
        raise _error(text, start, f"'{_word_at(text, start)}' cannot follow the figure here")
    if scale := _near_scale(first_word):
        raise _error(
            text,
            start,
            f"'{_word_at(text, start)}' right after the figure: did you mean '{scale}'?",
        )
    if not slugify(what):
        raise _error(text, start, f"cannot read '{what}' as what is counted")
    return what


def _near_scale(word: str) -> str | None:
    """The multiplier word a word after a figure is probably a typo of (``millon``)."""
    if len(word) < 5:
        return None
    import difflib  # only for a word that may be a typo

    close = difflib.get_close_matches(word.removesuffix("s"), list(_MULTIPLIERS), n=1, cutoff=0.8)
    return close[0] if close else None


def _figure(number: float) -> str:
    """A number as digits with thousands separators: 1850.0 -> ``1,850``, 2.5 -> ``2.5``;
    2.125 -> ``2.1250`` (``2.125`` could be 2125)."""
    exact = Decimal(repr(number))
    if exact == exact.to_integral_value():
        return f"{int(exact):,}"
    written = f"{exact:,f}"
    return written + "0" if len(written.partition(".")[2]) == 3 else written


def render(reading: Reading) -> str:
    """The reading as shorthand; :func:`parse` reads it back as the same reading."""
    if reading.vague is not None:
        figure = reading.vague
    elif reading.qualifier is Qualifier.RANGE:
        assert reading.low is not None and reading.high is not None
        figure = f"{_figure(reading.low)}-{_figure(reading.high)}"
    else:
        assert reading.value is not None
        figure = _RENDERED[reading.qualifier] + _figure(reading.value)
    parts = [figure]
    if reading.what:
        parts.append(reading.what)
    if reading.source:
        parts.append(f"({reading.source})")
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Amount:
    """A number read from running text: its value, where its words end, and the multiplier word
    or suffix it ends with (``million`` in ``2.4 million``), None when bare.

    From :func:`read_amount`, ``ambiguous`` holds the two values of a number such as ``1.200``
    (the dot between thousands, then the dot as a decimal point: ``(1200.0, 1.2)``); ``value`` is
    then the decimal reading, and nothing written says which one is meant.
    """

    value: float
    end: int
    multiplier: int | None
    ambiguous: tuple[float, float] | None = None


def read_number(text: str, position: int, *, allow_and: bool = True) -> Amount | None:
    """The number written at ``position`` (``1,850``, ``2.4 million``, ``twenty-one``,
    ``a dozen``), or None when there is none or it is malformed. Never raises. Thousands set
    apart by spaces or dots are not read (``1.200`` is 1.2): :func:`read_amount` reads them."""
    try:
        number = _number(text, position, allow_and, grouped=False)
    except ShorthandError:
        return None
    if number is None:
        return None
    return Amount(float(number.value), number.end, number.multiplier)


def read_amount(text: str, position: int, *, allow_and: bool = True) -> Amount | None:
    """The number written at ``position`` as the shorthand reads it: what :func:`read_number`
    reads, and thousands set apart by spaces (``1 200``, with a no-break or narrow no-break space
    too) or by several dots (``1.200.000``, ``1.200,5``). A number one dot can make 1.2 or 1200
    (``1.200``, ``12.345 million``) comes with both values in ``ambiguous``. None when there is
    no number or it is malformed; never raises."""
    try:
        number = _number(text, position, allow_and)
    except ShorthandError:
        return None
    if number is None:
        return None
    both = None
    if number.readings is not None:
        both = (float(number.readings[0]), float(number.readings[1]))
    return Amount(float(number.value), number.end, number.multiplier, both)


def read_qualifier(text: str, position: int) -> tuple[Qualifier, int] | None:
    """The qualifier phrase starting at ``position`` (``at least``, ``~``) and where it ends."""
    found = _QUALIFIER.match(text, position)
    if found is None or _normal(found.group()) not in _QUALIFIERS:  # see _phrase_pattern
        return None
    return _QUALIFIERS[_normal(found.group())], found.end()


def qualifier_before(text: str, position: int, start: int = 0) -> tuple[Qualifier, int] | None:
    """The qualifier phrase that ends just before ``position`` (spaces allowed between), read no
    earlier than ``start``, with where it starts; None when there is none."""
    window = max(start, position - 40)
    for found in _QUALIFIER.finditer(text, window, position):
        if text[found.end() : position].strip():
            continue
        if found.group()[0].isalpha() and found.start() > 0 and text[found.start() - 1].isalnum():
            continue
        if _normal(found.group()) not in _QUALIFIERS:  # see _phrase_pattern
            continue
        return _QUALIFIERS[_normal(found.group())], found.start()
    return None


def read_vague(
    text: str, position: int, vague: tuple[tuple[str, float, float], ...] = ()
) -> tuple[str, float, float, int] | None:
    """Vague words at ``position`` (``several``, ``a few thousand``): the words normalised, their
    interval (contract section 5, ``vague`` as in :func:`parse`) and where they end (before any
    ``of``); None when there are none."""
    table, vague_pattern = _vague_table(vague)
    found = vague_pattern.match(text, position)
    if found is None:
        return None
    word = _normal(found.group())
    if word not in table:  # see _phrase_pattern
        return None
    low, high = table[word]
    end = found.end()
    words = [word]
    while scale_word := _MULTIPLIER.match(text, end):
        if scale_word.group(1).casefold() not in _MULTIPLIERS:
            break  # "mıllion": matched ignoring case only (see _phrase_pattern)
        scale = _MULTIPLIERS[scale_word.group(1).casefold()]
        low, high = low * scale, high * scale
        words.append(scale_word.group(1).casefold())
        end = scale_word.end()
    return " ".join(words), low, high, end


def format_error(error: ShorthandError) -> str:
    """The message, the text, and a caret under where reading stopped::

    expected a number after 'about', not 'released'
      about released (UN)
            ^
    """
    import unicodedata  # only when there is an error to show

    shown = visible(error.text)
    pad = "".join(
        "  " if unicodedata.east_asian_width(character) in "WF" else " "
        for character in shown[: error.position]
    )
    return f"{error.message}\n  {shown}\n  {pad}^"
