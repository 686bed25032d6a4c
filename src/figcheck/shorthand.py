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

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from figcheck.errors import FigcheckError
from figcheck.metrics import lookup
from figcheck.model import Qualifier, slugify
from figcheck.safety import visible

__all__ = [
    "Amount",
    "ChangeNotRange",
    "DEFAULT_VAGUE",
    "Reading",
    "ShorthandError",
    "format_error",
    "parse",
    "qualifier_before",
    "read_number",
    "read_qualifier",
    "read_vague",
    "render",
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
    ``suggestion`` is a close registry name or alias (a slug) when there is one. ``vague`` holds the
    vague words (``several``, ``a few thousand``) that gave a range, normalised.
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
    text: str = field(default="", compare=False)


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
_MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9}
_SUFFIXES = {"k": 10**3, "m": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9}

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+(?:,\d+)*(?:\.\d+)?")
_SUFFIX = re.compile(r"(bn|mn|[kmb])(?![^\W\d_])", re.IGNORECASE)
_MULTIPLIER = re.compile(r"\s+(dozen|hundred|thousand|million|billion)(?![^\W\d_])", re.IGNORECASE)
_CONNECTOR = re.compile(r"\s*[-–—]\s*|\s+to(?![^\W\d_])\s*", re.IGNORECASE)
_AND = re.compile(r"\s+and(?![^\W\d_])\s*|\s*[-–—]\s*|\s+to(?![^\W\d_])\s*", re.IGNORECASE)
_OF = re.compile(r"\s+of(?![^\W\d_])", re.IGNORECASE)
_WORD_GAP = re.compile(r"\s+|-(?=[^\W\d_])")
_ARTICLE = re.compile(
    r"(?:(half)\s+)?an?\s+(?=(?:dozen|hundred|thousand|million|billion)(?![^\W\d_]))", re.I
)
_FROM = re.compile(r"(?<![^\W\d_])from\s+", re.IGNORECASE)
_EXAMPLE = "a figure such as '~50 released (UN)'"


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One regex matching any of the phrases, longest first, whole words only, any spacing."""
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        part = r"\s+".join(re.escape(word) for word in phrase.split())
        if phrase[-1].isalpha():
            part += r"(?![^\W\d_])"
        parts.append(part)
    return re.compile("|".join(parts), re.IGNORECASE)


_QUALIFIER = _phrase_pattern(list(_QUALIFIERS))


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


@dataclass(frozen=True, slots=True)
class _Number:
    value: Decimal
    end: int
    bare: bool  # no multiplier word or suffix: "2" in "2-3 million" takes the million
    multiplier: int | None  # the multiplier it ends with ("million" in "3 million")


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


def _digits(text: str, start: int) -> _Number | None:
    match = _DIGITS.match(text, start)
    if match is None:
        return None
    written = match.group()
    whole = written.split(".")[0]
    if "," in whole:
        groups = whole.split(",")
        offset = start + len(groups[0])
        if len(groups[0]) > 3:
            raise _error(text, start, f"misplaced thousands separator in '{written}'")
        for group in groups[1:]:
            if len(group) != 3:
                raise _error(text, offset, f"misplaced thousands separator in '{written}'")
            offset += 1 + len(group)
    value = Decimal(written.replace(",", ""))
    end = match.end()
    suffix = _SUFFIX.match(text, end)
    if suffix:
        scale = _SUFFIXES[suffix.group().casefold()]
        return _Number(value * scale, suffix.end(), bare=False, multiplier=scale)
    multiplier: int | None = None
    while scale_word := _MULTIPLIER.match(text, end):
        scale = _MULTIPLIERS[scale_word.group(1).casefold()]
        if multiplier is not None and scale <= multiplier:
            raise _error(
                text,
                scale_word.start(1),
                f"'{scale_word.group(1)}' cannot follow the multiplier before it",
            )
        value *= scale
        multiplier = scale
        end = scale_word.end()
    return _Number(value, end, bare=multiplier is None, multiplier=multiplier)


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
    top_scale = 10**12
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
    return _Number(total + current, end, bare=not multiplied, multiplier=multiplier)


def _number(text: str, start: int, allow_and: bool = True) -> _Number | None:
    return _digits(text, start) or _words(text, start, allow_and)


def _source(text: str) -> tuple[int, str | None]:
    """Where the body ends, and the source in the final parentheses (nested ones allowed)."""
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
                source = text[index + 1 : end - 1].strip()
                if not source:
                    raise _error(text, index + 1, "the parentheses hold no source")
                return index, source
    raise _error(text, end - 1, "')' has no matching '('")


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

    ``metrics`` maps every slug that names a metric (name or alias) to the metric, as
    :meth:`ClaimsFile.metric_names` gives it; ``vague`` is ``settings.vague`` (word, low, high).
    """
    metrics = metrics or {}
    if not text.strip():
        raise _error(text, 0, f"nothing to read: write {_EXAMPLE}")
    body_end, source = _source(text)
    _check_parentheses(text, body_end)
    position = _skip_space(text, 0)
    if position >= body_end:
        raise _error(text, position, "expected a number before the source")
    _refuse_change(text, body_end)

    qualifier: Qualifier = Qualifier.EXACT
    qualifier_words: str | None = None
    qualifier_start = position
    found = _QUALIFIER.match(text, position)
    if found:
        qualifier_words = _normal(found.group())
        qualifier = _QUALIFIERS[qualifier_words]
        position = _skip_space(text, found.end())

    value: float | None
    low: float | None = None
    high: float | None = None
    vague_words: str | None = None
    vague_read = read_vague(text, position, vague)
    if vague_read:
        vague_words, low, high, end = vague_read
        if qualifier_words is not None:
            said = _vague_table(vague)[1].match(text, position)
            assert said is not None
            raise _error(
                text,
                qualifier_start,
                f"'{said.group()}' is already a range; drop '{qualifier_words}'",
            )
        if of := _OF.match(text, end):
            end = of.end()
        qualifier, value = Qualifier.RANGE, low
    else:
        first, connector = _first_number(text, position, qualifier, qualifier_words, body_end)
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
        source=source,
        vague=vague_words,
        text=text,
    )


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
    if not slugify(what):
        raise _error(text, start, f"cannot read '{what}' as what is counted")
    return what


def _figure(number: float) -> str:
    """A number as digits with thousands separators: 1850.0 -> ``1,850``, 2.5 -> ``2.5``."""
    exact = Decimal(repr(number))
    if exact == exact.to_integral_value():
        return f"{int(exact):,}"
    return f"{exact:,f}"


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
    or suffix it ends with (``million`` in ``2.4 million``), None when bare."""

    value: float
    end: int
    multiplier: int | None


def read_number(text: str, position: int, *, allow_and: bool = True) -> Amount | None:
    """The number written at ``position`` (``1,850``, ``2.4 million``, ``twenty-one``,
    ``a dozen``), or None when there is none or it is malformed. Never raises."""
    try:
        number = _number(text, position, allow_and)
    except ShorthandError:
        return None
    if number is None:
        return None
    return Amount(float(number.value), number.end, number.multiplier)


def read_qualifier(text: str, position: int) -> tuple[Qualifier, int] | None:
    """The qualifier phrase starting at ``position`` (``at least``, ``~``) and where it ends."""
    found = _QUALIFIER.match(text, position)
    if found is None:
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
    low, high = table[word]
    end = found.end()
    words = [word]
    while scale_word := _MULTIPLIER.match(text, end):
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
