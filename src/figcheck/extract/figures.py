"""The figure stage of :mod:`figcheck.extract`: the figures in a sentence (reusing the shorthand's
number, qualifier and vague-word reading), what is not a claim, and what each figure counts."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from figcheck.extract.dates import MONTH
from figcheck.extract.text import word_set
from figcheck.model import Qualifier
from figcheck.shorthand import (
    _QUALIFIERS,
    _SCALE_WORDS,
    qualifier_before,
    read_amount,
    read_vague,
)

# --- figures ----------------------------------------------------------------------------------

_NUMBER_WORDS = sorted(
    word_set(
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
_START_WORDS = (
    *_NUMBER_WORDS,
    r"a\s+dozen",
    r"a\s+hundred",
    r"a\s+thousand",
    r"a\s+million",
    r"half\s+a\s+million",
    *_VAGUE_WORDS.split("|"),
)
_START = re.compile(  # a word's first letter is looked at before the words are tried
    rf"(?<![\d.,])\d|(?<![\w-])(?=[{''.join(sorted({word[0] for word in _START_WORDS}))}])(?:"
    + "|".join(_START_WORDS)
    + r")(?![\w])",
    re.IGNORECASE,
)
_MASKS = (
    ("date", re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")),
    ("time", re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\b|(?=[ap]m\b))", re.I)),  # "5:45am"
    (
        "phone",
        re.compile(
            r"\+\d[\d ().-]{6,}\d|\(\d{2,4}\)\s*\d{3}[\s.-]\d{4}|\b\d{3}[.-]\d{3}[.-]\d{4}\b"
            r"|\b\d{3}-\d{4}\b"
        ),
    ),
)
_MASK_MARKS = ("-/.", ":", "+(-.")  # a mark each mask's pattern needs
_MAY_MASK = re.compile(r"\d[-/.:]\d|[+(]\d")  # what every mask's pattern holds
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
    ("date", re.compile(r"\s+(?:of\s+)?" + MONTH + r"\b")),
    (
        "measure",
        re.compile(
            r"(?:-\s+(?:to|or|and)\s+\d[\d,.]*)?"  # "a 20- to 30-metre boat"
            r"(?:\s*-?\s*(?:km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|degrees?|°|kg|mph"
            r"|km/h)\b|-foot\b)",
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
_AFTER_ANY = re.compile(
    "|".join(
        f"(?P<r{index}>(?{'i' if pattern.flags & re.I else ''}:{pattern.pattern}))"
        for index, (_, pattern) in enumerate(_AFTER_RULES)
    )
)
"""The rules above as one pattern: the name of the first that matches is that of the group
that matched, so a number is tried once, not once a rule."""
_REVISION = re.compile(r"(?<!\w)(?:UPDATE|REFILE|CORRECTED|WRAPUP|RPT)\s+$")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b", re.I)
_YEARS_OLD = re.compile(r"\s*-?\s*years?[-\s]old\b", re.I)
_FOUR_DIGITS = re.compile(r"\d{4}")
_BEFORE_RULES = (
    ("money", re.compile(r"(?:[$€£¥₹]|\b(?:USD|EUR|GBP|INR|Rs\.?))\s?$")),  # "₹ 2,000" too
    ("date", re.compile(r"\b" + MONTH + r"\.?\s+$")),
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
    (  # "one school in eight": the eight
        "ratio",
        re.compile(r"\b(?:one|1)\s+(?:[a-z]+\s+){1,2}in\s+(?:every\s+)?$", re.I),
    ),
    ("year", re.compile(r"\b(?:in|since|by|until|till|of|from|during|year|early|late|mid-?)\s+$")),
)


@functools.lru_cache(maxsize=64)  # the rules for one figure ask for the same words several times
def _last_word(before: str) -> str:
    """The last word of ``before`` (one full stop after it dropped), casefolded; ``*`` for a
    word not in ASCII, which may match a pattern ignoring case as another word: see
    :func:`_ends_in`."""
    stripped = before.rstrip()
    end = len(stripped) - (stripped[-1:] == ".")
    start = end
    while start > 0 and stripped[start - 1].isalpha():
        start -= 1
    word = stripped[start:end]
    return word.casefold() if word.isascii() else "*"


def _ends_in(before: str, words: frozenset[str]) -> bool:
    """Whether the last word of ``before`` (one full stop after it dropped) may be one of
    ``words``: each pattern anchored at the end of the words before a figure ends in one of a
    few words, and is run only when it can match (a regex anchored with ``$`` is tried at every
    position of its window). A word not in ASCII may match a pattern ignoring case, so it may be
    any word."""
    word = _last_word(before)
    return word == "*" or word in words


_MONTH_WORDS = word_set(
    """jan january feb february mar march apr april may jun june jul july aug august sep sept
    sepember september oct october nov november dec december"""
)
_BEFORE_WORDS = _MONTH_WORDS | word_set(  # the last words of the rules below, "year" aside
    """usd eur gbp inr rs aged age ages of resolution article section chapter no nos number flight
    route highway room gate terminal phase level category grade decree law act bill page
    paragraph clause protocol platform unit ward block camp district zone sector apollo boeing
    model channel episode season volume vol windows version covid cop group top formula
    interstate brigade battalion division regiment lot box ballot proposition prop measure
    amendment rule item table figure fig line magnitude to with interviewed surveyed polled
    every in"""
)
_AFTER_WORDS = _MONTH_WORDS | word_set(  # the first words of the rules after a number
    """year years month months week weeks day days hour hours minute minutes second seconds
    decade decades century centuries night nights hr hrs min mins yr yrs weekend weekends
    percent per percentage pc us canadian australian dollar dollars euro euros pound pounds
    bolivares bolivar bolivars peso pesos yuan yen rupee rupees rouble roubles ruble rubles usd
    eur gbp a p am pm gmt utc o local of km kilometre kilometres kilometer kilometers mile miles
    metre metres meter meters feet degree degrees kg mph foot times fold magnitude on nautical
    square lane lanes storey storeys floor floors stories acre acres hectare hectares tonne
    tonnes ton tons litre litres liter liters gallon gallons barrel barrels sq in out"""
)
_AFTER_HYPHEN_WORDS = word_set("to or and")  # "a 20- to 30-metre boat"
_FIRST_AFTER = re.compile(r"([\s-]*)([^\W\d_]*)")


def _may_follow(after: str) -> bool:
    """Whether one of the rules after a number (:data:`_AFTER_ANY`) may match ``after``: past
    spaces and hyphens, each starts with "%", "°" or one of :data:`_AFTER_WORDS` ("to", "or",
    "and" only past a hyphen), and is tried only where one is. A word outside ASCII may match
    another ignoring case, so it may be any word."""
    gap, word = _FIRST_AFTER.match(after).groups()  # type: ignore[union-attr]
    if not word:
        return after[len(gap) : len(gap) + 1] in ("%", "°")
    folded = word.casefold()
    return (
        not word.isascii()
        or folded in _AFTER_WORDS
        or ("-" in gap and folded in _AFTER_HYPHEN_WORDS)
    )


_MODIFIERS = (  # a word or two before the noun, none of them a verb or a preposition
    r"(?:(?!(?:in|of|at|on|from|across|and|or|to|by|for|with|were|was|are|is|had|have|has"
    r"|more|people|dead|killed|died|injured|wounded|hurt|missing|held)\b)[\w-]+\s+)"
)
_DESCRIBING = re.compile(  # "the two largest unions", "in two incidents", "across 200 districts"
    r"\s+(?:(?:largest|biggest|main|major|leading|other|separate|rival|opposing|key)\b"
    r"|(?:incidents|occasions|sides|teams|rounds|districts|provinces|countries|regions|nations"
    r"|states|locations|facts|things|takeaways|reasons|questions|lessons|shipwrecks)\b"
    r"|" + _MODIFIERS + r"{1,2}?(?:incidents|occasions|districts|provinces|countries|regions"
    r"|nations|states|locations|shipwrecks)\b)",  # "in 13 coastal districts"
    re.I,
)
_A_FEW_DESCRIBING = re.compile(
    r"\s+" + _MODIFIERS + r"{0,2}?(?:incidents|occasions|sides|countries|states|shipwrecks"
    r"|reports|estimates|sources|records|studies|surveys|websites)\b",
    re.I,
)
"""After "several", "a few", "a couple": places, occasions or documents, a word or two between,
describe the story or the text itself ("several sources had challenged", "several different
records", "in several deadly shipwrecks"); a number ("25 websites") may be a count."""
_THE_N_CLUB = re.compile(
    r"\s+(?:(?!(?:a|an|the|of|in|inside|outside|near|at|from|to|and|or)\b)[A-Za-z-]+\s+){0,2}"
    r"club\b(?!\s*-?\s*(?:members?|owners?|patrons?|goers?|staff|officials|players|fans"
    r"|supporters|employees|workers|managers|bouncers)\b)",
    re.I,
)
"""After "the N": a club named by its number ("the 100 crore club", "the 500 home run club"),
looked for only where "club" is."""
_THE_BEFORE = re.compile(r"\bthe\s+\S*$", re.I)
_DAY_SPAN = re.compile(
    r"\b" + MONTH + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?\s+(?:and|to|through|until)\s+$", re.I
)
_SPAN_ENDS = re.compile(
    r"\s*(?:[,.;:)]|$|\d{4}\b|(?:with|in|at|on|when|as|after|before|and|but|while|during|amid"
    r"|to|for|from|the)\b)",
    re.I,
)
""""between January 3 and 23,", "on January 23 and 25, with": the second day of a span, when
nothing counted follows it ("on June 4 and 30 others on June 5" counts 30)."""
_ONE_IN = re.compile(
    r"\s+(?:[a-z]+\s+){1,2}in\s+(?:every\s+)?(?:\d{1,3}(?![\d,.])|two|three|four|five|six|seven"
    r"|eight|nine|ten|a\s+hundred)\b",
    re.I,
)
_MORE_LAST = word_set(  # the words _MORE_WORDS ends in
    """than the exceed exceeds exceeded exceeding surpass surpasses surpassed surpassing topped
    topping tops passes passed passing"""
)
_MORE_WORDS = re.compile(  # hedges the shorthand does not read: "exceeds 4,700"
    r"\b(?:exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|topp(?:ed|ing)|tops|pass(?:es|ed|ing)"
    r"|(?:(?:much|far|well)\s+)?(?:larger|higher|greater|bigger)\s+than)\s+(?:the\s+)?$",
    re.I,
)
_TOLL_BEFORE = re.compile(
    r"\b(?:toll|tally|count|total|number|figure|deaths|dead)\b[^,;.]{0,70}$", re.I
)
""""The toll passed 600" is more than 600; "Congress passed 12 bills" is not."""
_AS_HIGH_AS = re.compile(r"\bas\s+(?:high|large|much)\s+as\s+$", re.I)
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
DETERMINERS = word_set("the both these those their its his her our your my")
_CONNECTOR = re.compile(r"\s*[-–—]\s*(?=\S)|\s+to\s+", re.I)
_AND = re.compile(r"\s+and\s+", re.I)
_FROM = re.compile(r"\bfrom\s+$", re.I)
_OR = re.compile(r"\s+or\s+(?=\d)")
_RANGING = re.compile(
    r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|estimates?|anywhere)\b[^,;]*$", re.I
)
_CHANGE_VERB = (
    r"(?:rose|risen|rising|rises|increased|increasing|increases|climbed|climbing|climbs|jumped|"
    r"grew|grown|growing|fell|fallen|falling|falls|dropped|dropping|declined|declining|decreased|"
    r"reduced|doubled|tripled|soared|surged|swelled|shrank|up|down|revised|raised|lowered|"
    r"lifted|cut|upped)"
)
_CHANGE_TO = re.compile(r"\b" + _CHANGE_VERB + r"(?:\s+[\w'’]+){0,2}?\s+to\s+$", re.I)
_TO, _FROM_WORD = word_set("to *"), word_set("from *")  # *: any word outside ASCII
_UP_FROM = re.compile(r"\b" + _CHANGE_VERB + r"(?:\s+[\w'’]+){0,2}?\s+from\s+$", re.I)
_UP_BY = re.compile(r"\b" + _CHANGE_VERB + r"(?:\s+[\w'’]+){0,2}?\s+by\s+$", re.I)
""""risen by 7,719 to 620,491": the rise and the new figure, not a range, when the second is
at least three times the first and no rate follows ("grew by 300 to 500 a week" is a range)."""
_RATE = re.compile(
    r"\s*(?:%|percent\b|per\s*cent\b|(?:a|an|per|each|every)\s+(?:day|week|month|year|hour)\b"
    r"|(?:people|cases|deaths)\s+(?:a|an|per|each|every)\b|(?:million|billion|thousand)\b)",
    re.I,
)
_TRAILING_HEDGES = (
    (re.compile(r"\s+or\s+more\b", re.I), Qualifier.AT_LEAST),
    (re.compile(r"\s+or\s+so\b|-odd\b", re.I), Qualifier.ABOUT),
    (re.compile(r"\s+or\s+fewer\b|\s+or\s+less\b", re.I), Qualifier.AT_MOST),
    (re.compile(r"\s+plus\b|\+", re.I), Qualifier.AT_LEAST),
)
_ANY_TRAILING_HEDGE = re.compile(r"\s+(?:or\s|plus\b)|-odd\b|\+", re.I)
"""What each of the trailing hedges starts with: they are tried only where one may be."""


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_LAKH_GROUPED = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}(?!\d)")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


_PLAIN_NUMBER = re.compile(
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{4,}|[0-9]{1,3}(?![ \u00a0\u202f]\d))"
    rf"(?!\d|[.,]\d|[^\W\d_]|\s+(?i:{_SCALE_WORDS})(?![^\W\d_]))"
)
"""A number no other spelling of :func:`read_amount` can extend: digits, thousands set apart by
commas, with no digit after it, no decimal mark before one, no letter (a suffix, "5k"), no scale
word ("3 million"), and after three digits or fewer, no space before a digit ("40 000"). One is
read for every number in the text."""


class _Number(NamedTuple):
    """A number read from the text (:func:`_read_number`): its value, where its words end, the
    multiplier word or suffix it ends with, and the two values of a number such as "1.200". A
    named tuple: one is made for every number in the text."""

    value: float
    end: int
    multiplier: int | None
    ambiguous: tuple[float, float] | None = None


def _read_number(text: str, start: int) -> _Number | None:
    """The number at ``start`` as the shorthand reads it (:func:`read_amount`: "40 000" with a
    space, a no-break or a narrow no-break space between thousands, "1.200.000"). Where one dot
    makes the number 1.2 or 1200 ("1.200"), running text is read the shorthand's other way: as
    1200, with ``ambiguous`` kept so that the candidate says so and stays below ``--yes`` (the
    shorthand refuses it instead, since there a person is typing and can be asked). With a scale
    word ("12.345 million") the dot is a decimal point, as English news writes it."""
    plain = _PLAIN_NUMBER.match(text, start)
    if plain is not None:  # the most frequent spelling: read_amount reads it as its digits
        return _Number(float(plain.group().replace(",", "")), plain.end(), None)
    number = read_amount(text, start)
    if number is None:
        return None
    if number.ambiguous is None or number.multiplier is not None:
        return _Number(number.value, number.end, number.multiplier)
    return _Number(number.ambiguous[0], number.end, None, number.ambiguous)


class Figure(NamedTuple):
    """A figure of a sentence: where its words are, its reading, and the rule that read it. A
    named tuple rather than a frozen dataclass: one is made for every number in the text, and a
    tuple is made several times faster."""

    start: int  # the qualifier's start when there is one
    end: int
    number_start: int
    qualifier: Qualifier
    value: float | None
    low: float | None
    high: float | None
    vague: str | None
    rule: str
    dotted: bool = False  # "1.200", read as 1200: see :func:`_read_number`
    lakh: bool = False  # "1,50,000": thousands then lakhs, as South Asian outlets group digits
    unit: str | None = None  # with --percent / --money: "%", "$", "euros" (:func:`_unit`)


def _masked(sentence_text: str, offset: int) -> list[tuple[int, int]]:
    if not _MAY_MASK.search(sentence_text):
        return []
    return [
        (offset + found.start(), offset + found.end())
        for (_, pattern), marks in zip(_MASKS, _MASK_MARKS, strict=True)
        if any(mark in sentence_text for mark in marks)  # none can match without one
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
    if after[:1] == "-" and _REVISION.search(before):
        return "name"  # "UPDATE 2-Floods kill 40": a wire story's revision, not a figure
    if after[:1].isalpha() or after[:1] == "_":
        return "ordinal"
    if _ORDINAL.match(after):
        return "ordinal"
    # a letter after the number is an ordinal (above): each rule below then starts with one of
    # these, and is tried only where one is
    if after[:1].isspace() or after[:1] in ("-", "%", "°"):
        rule = _AFTER_ANY.match(after) if _may_follow(after) else None
        if rule is not None:
            assert rule.lastgroup is not None
            return _AFTER_RULES[int(rule.lastgroup[1:])][0]
        if "year" in after.lower() and _YEARS_OLD.match(after):
            return "age"
    if before.rstrip()[-1:] in ("$", "€", "£", "¥", "₹") or _ends_in(before, _BEFORE_WORDS):
        # each pattern on its own: joined into one, ignoring case, they took several times
        # longer (a pattern anchored with $ is tried at every position of the window)
        for name, pattern in _BEFORE_RULES:
            if name != "year" and pattern.search(before):
                return name
    if (
        value < 120
        and before.rstrip().endswith(",")
        and re.match(r"\s*,", after)
        and re.search(r"\b[A-Z][\w'’-]+,\s*$", before)
    ):
        return "age"  # "Maria Lopez, 34, said"
    if value == 1 and _ONE_IN.match(after):
        return "ratio"  # "one school in eight"
    if "club" in after.lower() and _THE_N_CLUB.match(after) and _THE_BEFORE.search(before):
        return "name"
    if value <= 31 and _SPAN_ENDS.match(after) and _DAY_SPAN.search(before):
        return "date"
    if value <= 40 and _DESCRIBING.match(after):
        return "describing"
    return None


_QUALIFIER_PHRASES = tuple(phrase for phrase in _QUALIFIERS if phrase[-1].isalpha())
_QUALIFIER_SIGNS = "".join(phrase[-1] for phrase in _QUALIFIERS if not phrase[-1].isalpha())


def _last_words(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({phrase.split()[-1] for phrase in phrases}))


_QUALIFIER_LAST_WORDS = _last_words(_QUALIFIER_PHRASES)


def _may_end_in(before: str, phrases: tuple[str, ...], last_words: tuple[str, ...]) -> bool:
    """Whether ``before`` may end in one of ``phrases`` (lower case, a space between words),
    spaces aside: a pattern anchored at the end of the words before a figure is run only when it
    can match. Its last word is looked at first: it ends in one of ``last_words``, the phrases'
    last words. Outside ASCII a letter may match another ignoring case, so any phrase may end
    it."""
    if not before.isascii():
        return True
    words = before.rsplit(None, 1)
    return (
        bool(words)
        and words[-1].casefold().endswith(last_words)
        and " ".join(before.casefold().split()).endswith(phrases)
    )


def _qualifier_before(text: str, position: int, start: int) -> tuple[Qualifier, int] | None:
    """:func:`qualifier_before`, looked for only when the text before ``position`` ends in one of
    the shorthand's qualifiers."""
    window = text[max(start, position - 40) : position]
    last = window.rstrip()[-1:]
    if (
        last
        and last in _QUALIFIER_SIGNS
        or _may_end_in(window, _QUALIFIER_PHRASES, _QUALIFIER_LAST_WORDS)
    ):
        return qualifier_before(text, position, start)
    return None


def _is_year(text: str, start: int, written: str, value: float, hedged: bool) -> bool:
    if not 1800 <= value <= 2100 or not _FOUR_DIGITS.fullmatch(written.strip()):
        return False
    return not hedged


_FOR_EVERY = re.compile(r"\bfor\s+every\b", re.I)


def sentence_figures(
    text: str,
    sentence_start: int,
    sentence_end: int,
    percent: bool,
    money: bool,
    vague: tuple[tuple[str, float, float], ...],
) -> list[Figure]:
    if _FOR_EVERY.search(text[sentence_start:sentence_end]):
        return []  # "for every one we reached, three we have not": a ratio, not counts
    numbers = len(_DIGITS.findall(text, sentence_start, sentence_end))
    if numbers > 20 and numbers > len(_LETTERS.findall(text, sentence_start, sentence_end)):
        return []  # a list or a table of numbers, not running text: no one is quoted in it
    masks = _masked(text[sentence_start:sentence_end], sentence_start)
    figures: list[Figure] = []
    consumed = sentence_start
    for found in _START.finditer(text, sentence_start, sentence_end):
        start = found.start()
        if start < consumed or masks and any(low <= start < high for low, high in masks):
            continue
        figure = _figure_at(text, start, sentence_start, sentence_end, percent, money, vague)
        if figure is None:
            continue
        if isinstance(figure, int):
            consumed = figure
            continue
        consumed = figure.end
        if percent or money:
            figure = _with_unit(text, figure, percent, money)
        figures.extend(_split_change(text, figure, sentence_start))
    return _link_changes(text, figures, sentence_start)


_PERCENT = dict(_AFTER_RULES)["percent"]
_MONEY_AFTER = dict(_AFTER_RULES)["money"]
_MONEY_BEFORE = dict(_BEFORE_RULES)["money"]


def _with_unit(text: str, figure: Figure, percent: bool, money: bool) -> Figure:
    """The figure with the unit that made it a percentage or an amount of money, as the text
    writes it ("%", "percentage points", "$", "US dollars", "EUR"), so that a recorded claim
    keeps it; a figure with neither is returned as it is."""
    after = text[figure.end : figure.end + 40]
    unit = None
    if percent and (found := _PERCENT.match(after)):
        words = " ".join(found.group().split()).casefold()
        unit = "percentage points" if words.startswith("percentage") else "%"
    elif money and (found := _MONEY_AFTER.match(after)):
        unit = " ".join(found.group().split())
    elif money and (
        found := _MONEY_BEFORE.search(text, max(0, figure.number_start - 5), figure.number_start)
    ):
        unit = found.group().strip()
    return figure if unit is None else figure._replace(unit=unit)


def _figure_at(
    text: str,
    start: int,
    sentence_start: int,
    sentence_end: int,
    percent: bool,
    money: bool,
    vague: tuple[tuple[str, float, float], ...],
) -> Figure | int | None:
    """The figure at ``start``; an int (where to resume) when words there are not a claim."""
    hedge = _qualifier_before(text, start, sentence_start)
    if hedge and _NOT_A_HEDGE.search(text, max(sentence_start, hedge[1] - 20), hedge[1]):
        word = text[hedge[1] : hedge[1] + 5].casefold()
        if word.startswith(("over", "up to")):
            hedge = None
    if hedge is None:
        window = max(sentence_start, start - 40)
        more = (
            _MORE_WORDS.search(text, window, start)
            if _ends_in(text[window:start], _MORE_LAST)
            else None
        )
        as_high = (
            _AS_HIGH_AS.search(text, window, start) if text[window:start].endswith("as ") else None
        )
        if more and more.group()[:4].casefold() == "pass":
            toll = _TOLL_BEFORE.search(text, max(sentence_start, more.start() - 80), more.start())
            more = more if toll else None
        if as_high and not more:
            hedge = (Qualifier.UP_TO, as_high.start())  # "put the toll as high as 65"
        if more:
            never = re.search(r"\b(?:never|not|n't)\s+$", text[window : more.start()])
            hedge = (Qualifier.AT_MOST if never else Qualifier.MORE_THAN, more.start())
    qualifier, figure_start = hedge if hedge else (Qualifier.EXACT, start)
    if qualifier is Qualifier.AT_LEAST and text[figure_start] in "<>~≥≤":
        pass
    fuzzy = None if text[start].isdigit() and not vague else read_vague(text, start, vague)
    if fuzzy is not None and fuzzy[3] <= sentence_end:
        words, low, high, end = fuzzy
        if re.match(r"\s+of\s+(?:the|them|those|these|whom|us)\b", text[end:sentence_end], re.I):
            return end  # "several of the survivors said": who spoke, not a figure
        if _SPEAKERS_COUNTED.match(text, end, sentence_end):
            return end  # "several outlets including ABC said": who spoke, not a figure
        few = " ".join(words.casefold().split()) in ("several", "a few", "a couple")
        if few and _A_FEW_DESCRIBING.match(text, end, sentence_end):
            return end  # "several sources had challenged": the story's documents or places
        why = _not_a_claim(text, start, end, sentence_start, low, words)
        after_of = re.match(r"\s+of\b", text[end:sentence_end], re.I)
        if why is None and after_of:
            why = _not_a_claim(text, start, end + after_of.end(), sentence_start, low, words)
        if why is not None and not (why == "percent" and percent or why == "money" and money):
            return end
        return Figure(start, end, start, Qualifier.RANGE, low, low, high, words, "vague")
    number = _read_number(text, start)
    if number is None or number.end > sentence_end:
        return None
    lead = text[max(sentence_start, start - 30) : start]
    if _may_end_in(lead, _FRACTIONS, _FRACTIONS_LAST) and _FRACTION_OF.search(lead):
        return number.end  # "a quarter of a million": a fraction, not the number after it
    written = text[start : number.end]
    if written.casefold() == "one" and hedge is None:
        return number.end
    if (
        number.value < 20
        and hedge is None
        and _SPEAKERS_COUNTED.match(text, number.end, sentence_end)
    ):
        return number.end  # "two officials said": who spoke, not a figure
    if not written[0].isdigit() and number.value <= 2 and hedge is None:
        previous = re.search(r"([\w'’]+)\s+$", text[max(sentence_start, start - 40) : start])
        if previous and previous.group(1).casefold() in DETERMINERS:
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
            return Figure(
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
    if connector is None and qualifier is Qualifier.RANGE:
        connector = _CONNECTOR.match(text, end)  # "between 800 to 900"
    if connector and connector.end() <= sentence_end:
        second = _read_number(text, connector.end())
        if second is not None and second.end <= sentence_end:
            low_value = number.value
            scale = second.multiplier
            if number.multiplier is None and scale and low_value * scale <= second.value:
                low_value *= scale  # "2-3 million"
            elif (
                number.multiplier is None
                and re.fullmatch(r"\d{1,2}", text[start : number.end])
                and re.search(r"\d,000$", text[connector.end() : second.end])
                and second.value / 5 <= low_value * 1000 < second.value
                and not _FROM.search(text[max(sentence_start, figure_start - 10) : figure_start])
            ):
                low_value *= 1000  # "2 to 3,000": two to three thousand
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
            by = (
                second.value >= 3 * low_value
                and not _RATE.match(text, second.end)
                and _UP_BY.search(text, max(sentence_start, figure_start - 50), figure_start)
            )
            is_from = by or _FROM.search(
                text[max(sentence_start, figure_start - 10) : figure_start]
            )
            if qualifier is Qualifier.RANGE:
                is_from = None  # "rose from between 10 and 20": a range, whatever came before
            if is_from and _RANGING.search(
                text, max(sentence_start, figure_start - 40), figure_start
            ):
                is_from = None  # "estimates have ranged from 4 to 35": a range, not a change
            if second_why is not None and not (
                second_why == "percent" and percent or second_why == "money" and money
            ):
                return second.end
            if is_from:
                return Figure(
                    figure_start,
                    second.end,
                    start,
                    qualifier,
                    low_value,
                    None,
                    second.value,
                    None,
                    "change:by" if by else "change",
                )
            if low_value > second.value:
                if connector.group().strip() in "-–—":
                    return second.end  # a score, "3-1"
            else:
                rule = "range:between" if qualifier is Qualifier.RANGE else "range"
                return Figure(
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
    following = text[end : end + 1]
    if (
        qualifier is Qualifier.EXACT
        and following
        and (following.isspace() or following in "-+")
        and _ANY_TRAILING_HEDGE.match(text, end)
    ):
        for pattern, trailing in _TRAILING_HEDGES:
            after = pattern.match(text, end)
            if after and after.end() <= sentence_end:
                qualifier, end = trailing, after.end()
                break
    rule = "number" if qualifier is Qualifier.EXACT else f"hedge:{qualifier.value}"
    dotted = number.ambiguous is not None
    lakh = _LAKH_GROUPED.match(text, start) is not None
    return Figure(
        figure_start, end, start, qualifier, number.value, None, None, None, rule, dotted, lakh=lakh
    )


def _skip_range(text: str, end: int, sentence_end: int) -> int:
    """Past a range's second figure ("2020-2024"), so its top end is not read on its own."""
    connector = _CONNECTOR.match(text, end)
    if connector and connector.end() <= sentence_end:
        second = _read_number(text, connector.end())
        if second is not None and second.end <= sentence_end:
            return second.end
    return end


def _split_change(text: str, figure: Figure, sentence_start: int) -> list[Figure]:
    """ "from 350 to 680": the figure before and the figure after, never a range; "by 20 to
    450": the rise (``change:by``) and the figure after."""
    if figure.rule not in ("change", "change:by"):
        return [figure]
    assert figure.value is not None and figure.high is not None
    connector = _CONNECTOR.match(text, _number_end(text, figure.number_start))
    assert connector is not None
    second_start = connector.end()
    hedge = qualifier_before(text, second_start, sentence_start)
    second_qualifier = hedge[0] if hedge and hedge[1] >= figure.number_start else Qualifier.EXACT
    return [
        Figure(
            figure.start,
            _number_end(text, figure.number_start),
            figure.number_start,
            figure.qualifier,
            figure.value,
            None,
            None,
            None,
            "change:from" if figure.rule == "change" else "change:by",
            unit=figure.unit,
        ),
        Figure(
            hedge[1] if hedge and hedge[1] >= figure.number_start else second_start,
            figure.end,
            second_start,
            second_qualifier,
            figure.high,
            None,
            None,
            None,
            "change:to",
            unit=figure.unit,
        ),
    ]


def _number_end(text: str, start: int) -> int:
    number = _read_number(text, start)
    assert number is not None
    return number.end


def _link_changes(text: str, figures: list[Figure], sentence_start: int) -> list[Figure]:
    """Mark "rose to 680" as ``change:to`` and "up from 350" as ``change:from``."""
    linked = []
    for figure in figures:
        before = text[max(sentence_start, figure.start - 50) : figure.start]
        if figure.rule in ("number",) or figure.rule.startswith("hedge:"):
            last = _last_word(before)
            if last in _TO and _CHANGE_TO.search(before):
                figure = _replace_rule(figure, "change:to")
            elif last in _FROM_WORD and _UP_FROM.search(before):
                figure = _replace_rule(figure, "change:from")
        linked.append(figure)
    return linked


def _replace_rule(figure: Figure, rule: str) -> Figure:
    return figure._replace(rule=rule)


# --- what is counted --------------------------------------------------------------------------

_WORD = re.compile(r"[ \t]*([^\W\d_][\w'’]*(?:-[\w'’]+)*)")
STOP_WORDS = word_set(
    """a an the this that these those which who whom whose what where when while and or but nor
    as at by for from in into of on onto over since than through to under until with within
    without during after before across against among amid around about between including despite
    is are was were be been being has have had do does did will would could should may might must
    can shall remain remains remained remaining said says say told according reported reports
    estimated estimates confirmed claimed also still already now last this next each per not no
    so because if although though whereas yet such more most he she it they we you
    i his her its their our them him us me"""
)
_SKIP_FIRST = word_set("more other additional further new")
_PARTICIPLES = word_set(
    """killed dead injured wounded hurt arrested detained displaced freed released missing
    executed held imprisoned jailed evacuated deported rescued abducted kidnapped disappeared
    sentenced charged tortured infected affected homeless stranded"""
)
_HARM = word_set("killed dead injured wounded hurt missing")
_HEADS = ("toll", "tally", "number", "count", "total", "figure", "estimate")
_ANY_HEAD = re.compile("|".join(_HEADS))  # in any word, as ``head in words`` finds it


_SPEAKERS_COUNTED = re.compile(  # "several survivors told IOM", "two senior officials said"
    r"\s+(?:of\s+)?(?:(?:news|senior|local|other|western|foreign|independent)\s+)?(?:outlets"
    r"|sources|witnesses|eyewitnesses|newspapers|observers|analysts|experts|diplomats|officials"
    r"|survivors|residents|villagers|doctors|medics|activists|journalists|reporters|monitors"
    r"|spokesmen|spokespeople|lawmakers|agencies|rights\s+groups)\b[^,;.:]{0,60}?\b(?:said"
    r"|say|says|reported|report|told|tell|estimated|claimed|put)\b"
)
_FRACTION_OF = re.compile(
    r"\b(?:a|one|two|three)\s+(?:quarters?|thirds?|half|fifths?|tenths?)\s+of\s+$", re.I
)
_FRACTIONS = tuple(  # the words _FRACTION_OF ends in
    f"{part}{plural} of" for part in ("quarter", "third", "fifth", "tenth") for plural in ("", "s")
) + ("half of",)
_FRACTIONS_LAST = _last_words(_FRACTIONS)
_OF_THEM = re.compile(r"\s+of\s+(?:them|those|these|whom)\b", re.I)
_OF_THE = re.compile(r"\s+of\s+(?:the\s+|those\s+|these\s+)?", re.I)
_TAIL = re.compile(r"\s+(of|among|from)\s+(?:the\s+)?([^\W\d_][\w'’-]*)(?:\s+([^\W\d_][\w'’-]*))?")
_PARTICIPLE = re.compile(r"\s+(?:(?:were|was|have\s+been|had\s+been|has\s+been|are)\s+)?([a-z]+)")


def what_is_counted(
    text: str, figure: Figure, sentence_start: int, sentence_end: int
) -> tuple[str, int]:
    """What is counted (words after the figure, else a head noun before it), and where the
    words after the figure end (for a source in parentheses)."""
    position = figure.end
    if figure.unit is not None:  # "45 percent of voters", "2.5 million euros in damage"
        unit = _PERCENT.match(text, position) or _MONEY_AFTER.match(text, position)
        position = unit.end() if unit else position
    words: list[str] = []
    if _OF_THEM.match(text, position, sentence_end):
        return "", position
    of = _OF_THE.match(text, position, sentence_end)
    if of:
        position = of.end()
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
        acronym = (  # "50 US troops": not the pronoun "us"; a headline in capitals has none
            len(word) > 1 and word.isupper() and not text[position:sentence_end].isupper()
        )
        if (folded in STOP_WORDS and not acronym) or (folded.endswith("ly") and len(folded) > 4):
            break
        if words and folded in _PARTICIPLES:
            break
        words.append(word)
        position = found.end()
    if words:
        tail = _TAIL.match(text, position, sentence_end)
        if tail and tail.group(2).casefold() not in STOP_WORDS:
            extra = [tail.group(1), tail.group(2)]
            end = tail.end(2)
            if (
                tail.group(3)
                and tail.group(3).casefold() not in STOP_WORDS
                and tail.group(1) != "from"
            ):
                extra.append(tail.group(3))
                end = tail.end(3)
            if tail.group(1) != "from" or tail.group(2)[0].isupper():
                words.extend(extra)
                position = end
    participle = _PARTICIPLE.match(text, position, sentence_end)
    linked = participle is not None and participle.group(0).split()[0] != participle.group(1)
    if (
        participle
        and participle.group(1) in _PARTICIPLES
        and not (linked and words and participle.group(1) not in _HARM)
    ):
        words.append(participle.group(1))
        if not participle.group(0).strip().startswith(("were", "was", "ha", "are")):
            position = participle.end()
    if words:
        return " ".join(words), position
    return _what_before(text, figure, sentence_start), position


_WORDS_AND_MARKS = re.compile(r"[^\W\d_][\w'’-]*|[,;:]")


def _what_before(text: str, figure: Figure, sentence_start: int) -> str:
    before = text[max(sentence_start, figure.start - 80) : figure.start]
    folded = before.casefold()
    if not figure.rule.startswith("change") and not _ANY_HEAD.search(folded):
        return ""  # no head noun to read (the words are read only where one is)
    words: list[str] = _WORDS_AND_MARKS.findall(before)
    for index in range(len(words) - 1, max(-1, len(words) - 10), -1):
        word = words[index].casefold()
        if word in (",", ";", ":"):
            break
        if word in _HEADS or word.rstrip("s") in _HEADS:
            if word.startswith("number") and index + 2 < len(words) and words[index + 1] == "of":
                counted = []
                for after in words[index + 2 :]:
                    if after.casefold() in STOP_WORDS or re.fullmatch(_CHANGE_VERB, after, re.I):
                        break
                    counted.append(after)
                if counted:
                    return " ".join(counted)
            modifier = words[index - 1] if index > 0 else ""
            if modifier and modifier.casefold() not in STOP_WORDS and modifier[0].islower():
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
            kept = [w for w in subject.group(1).split() if w.casefold() not in STOP_WORDS]
            if kept:
                return " ".join(kept)
    return ""
