"""The date stage of :mod:`figcheck.extract`: the day a sentence dates a figure to, and the
article's own date from its first lines."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from figcheck.shorthand import MONTHS as _MONTHS

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_STEMS_FOLDED = tuple(stem.casefold() for stem in _MONTH_STEMS)
_YEAR_LIKE = re.compile(r"\d{4}")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + MONTH + r")\.?(?:,?\s+(\d{4}))?\b")
_MONTH_DAY = re.compile(
    r"\b(" + MONTH + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?(?!\s*[-–]?\s*\d)"
)
_RELATIVE = re.compile(
    r"\b(?:(?:on|last|late|early|by\s+late)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday)\b|\b(yesterday|today|tonight|overnight|this\s+morning)\b",
    re.I,
)
_VAGUE_WHEN = re.compile(
    r"\b(?:in|during|by|last|this|early|late|mid-?|end\s+of|between)\s+(?:(?:the\s+)?(?:end|start"
    r"|beginning|middle)\s+of\s+)?(?:" + MONTH + r"\b|\d{4}\b|week\b|month\b|year\b)|\bmid-\d{4}\b",
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
class Datings:
    """A sentence's clause marks and the dates written in it, found once per sentence."""

    marks: list[tuple[int, int]]
    positions: list[int]
    dates: list[tuple[int, str | None, str]]


def sentence_datings(
    text: str, sentence_start: int, sentence_end: int, date: dt.date | None
) -> Datings:
    """The dates a sentence writes, each as (where, ISO day or None, ``day`` or ``vague``):
    "on 16 June", "on Sunday" and "yesterday" are read against the article's ``date``; a month,
    a year or "last week" is ``vague``. "since 2015" dates the start of a period and "said on
    Thursday" when it was said: neither dates a figure, and both are left out."""
    sentence = text[sentence_start:sentence_end]
    folded = sentence.casefold() if sentence.isascii() else ""

    def may_hold(*words: str) -> bool:  # a pattern is run only where its words are
        return not folded or any(word in folded for word in words)

    marks = (
        [(m.start(), m.end()) for m in _WHEN_CLAUSE.finditer(text, sentence_start, sentence_end)]
        if ";" in sentence or "," in sentence or may_hold("while", "whereas")
        else []
    )
    found: list[tuple[int, str | None, str]] = []
    named_month = any(month in sentence for month in _MONTH_STEMS)
    for pattern in (_DAY_MONTH, _MONTH_DAY) if named_month else ():
        for match in pattern.finditer(text, sentence_start, sentence_end):
            if pattern is _DAY_MONTH:
                day, month, year = match.group(1), match.group(2), match.group(3)
            else:
                month, day, year = match.group(1), match.group(2), match.group(3)
            when = _day(int(day), _MONTHS.get(month.casefold().rstrip(".")), year, date)
            found.append((match.start(), when, "day" if when else "vague"))
    relative_words = may_hold("day", "night", "morning")
    for match in _RELATIVE.finditer(text, sentence_start, sentence_end) if relative_words else ():
        weekday, relative = match.group(1), match.group(2)
        if date is None:
            found.append((match.start(), None, "vague"))
        elif weekday:
            back = (date.weekday() - _WEEKDAYS.index(weekday.casefold())) % 7
            found.append((match.start(), (date - dt.timedelta(days=back)).isoformat(), "day"))
        else:
            back = 1 if relative.casefold() == "yesterday" else 0
            found.append((match.start(), (date - dt.timedelta(days=back)).isoformat(), "day"))
    vague_words = may_hold("week", "month", "year", *_MONTH_STEMS_FOLDED) or _YEAR_LIKE.search(
        sentence
    )
    for match in _VAGUE_WHEN.finditer(text, sentence_start, sentence_end) if vague_words else ():
        found.append((match.start(), None, "vague"))
    dates = sorted(
        item
        for item in found
        if not _STATED.search(text, max(sentence_start, item[0] - 30), item[0])
        and not _SINCE.search(text, max(sentence_start, item[0] - 20), item[0])
    )
    return Datings(marks, [item[0] for item in dates], dates)


_SINCE = re.compile(r"\bsince\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
NO_DATES = Datings([], [], [])


def figure_date(start: int, end: int, datings: Datings) -> tuple[str | None, str]:
    """The day the clause of the figure at ``start:end`` dates it to, as ISO text, and how it was
    read (``day``, ``vague``, or "" when the clause gives no date)."""
    clause_start, clause_end = -1, 1 << 62
    at = bisect.bisect_left(datings.marks, (start, 0))
    if at > 0:
        clause_start = datings.marks[at - 1][0]
    after = bisect.bisect_left(datings.marks, (end, 0))
    if after < len(datings.marks):
        clause_end = datings.marks[after][0]
    near = bisect.bisect_left(datings.positions, start)
    found = [
        item
        for item in datings.dates[max(0, near - 2) : near + 3]
        if clause_start <= item[0] < clause_end and not start <= item[0] < end
    ]
    if not found:
        return None, ""
    _, when, how = min(found, key=lambda item: abs(item[0] - start))
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
