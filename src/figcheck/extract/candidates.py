"""Putting the stages of :mod:`figcheck.extract` together: text -> :class:`Candidate` s, and
candidates as records and as claim shorthand."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol, TypeVar

from figcheck.extract.attribution import (
    attribute,
    carried_speaker,
    named_organisations,
    next_sentence_source,
    offers_someone,
    quotation_speakers,
    resolved_speakers,
    same_name,
    sentence_attributions,
    source_key,
    spoken_to,
)
from figcheck.extract.dates import NO_DATES, Datings, figure_date, sentence_datings
from figcheck.extract.figures import Figure, sentence_figures, what_is_counted
from figcheck.extract.offers import offered_names
from figcheck.extract.sentences import split_sentences
from figcheck.extract.text import TableRow
from figcheck.model import Qualifier
from figcheck.reconcile.rules import interval
from figcheck.shorthand import Reading, render


@dataclass(frozen=True, slots=True)
class Candidate:
    """A figure found in a text, proposed as a claim.

    ``value`` is the figure (the low end for vague words, None for a numeric range, whose ends are
    ``low``/``high``); ``lo``/``hi`` its interval (contract section 2; ``hi`` None when open).
    ``start``/``end`` are offsets of the figure's words (qualifier included) in the text given to
    :func:`extract`, so ``text[start:end] == figure``. ``alternatives`` are the other sources the
    text offers the figure, nearest first (:data:`ALTERNATIVES` at most): the other speakers of
    its sentence, the speaker of the quotation it is in (or of one a sentence or two before it
    runs on from), the organisations the sentence names (never one spoken to or gone to: "told
    the BBC", "marched to the Ministry"), what news writing names besides (:mod:`.offers`: the
    author of a survey or an estimate, each source a speaker cites, a person's organisation, a
    reporting verb's subject the rules leave), the sources the sentence before named (never a
    headline's, nor another table row's) and the one the next sentence gives "the estimate";
    never a pronoun or a fragment that names no one, never ``source`` again in any spelling
    (shorter, longer, abbreviated), and never "no source", which is always a choice.
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
    unit: str | None = None
    alternatives: tuple[str, ...] = ()


# --- putting it together ----------------------------------------------------------------------

_CONFIDENCE = {
    "parens": 0.0,
    "owner": 0.0,
    "according_to": 0.0,
    "by": 0.0,
    "said": 0.0,
    "previous_sentence": 0.1,
    "next_sentence": 0.15,
    "quotation": 0.1,
    "nearest_org": 0.2,
    "none": 0.1,
    "table": 0.0,
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
    rows: Sequence[TableRow] = (),
) -> list[Candidate]:
    """The candidate claims in ``text``, in reading order.

    ``percent``/``money`` keep percentages and monetary amounts (left out by default); ``about``
    is the half-width of "about" intervals and ``vague`` extra vague words (as in the claims
    file's settings); ``date`` is the article's date, against which "on Sunday", "yesterday"
    are read for a candidate's ``as_of``. ``rows`` are the table rows :func:`read_article`
    wrote as sentences: their figures get their row's source as written, and each row's
    figures are its own (never dropped as a figure given again).
    """
    spans = split_sentences(text)
    figures_of = [sentence_figures(text, *span, percent, money, vague) for span in spans]
    sentences = []
    for number, (sentence_start, sentence_end) in enumerate(spans):
        figures = figures_of[number]
        # who a sentence names is read for its own figures and for those of the sentences on
        # either side ("It said ...", "The estimate, by X's count, ..."); never for a run of
        # sentences without figures (a table of numbers, prose with none)
        attributions = (
            sentence_attributions(text, sentence_start, sentence_end, figures)
            if any(figures_of[max(0, number - 1) : number + 2])
            else []
        )
        sentences.append((sentence_start, sentence_end, figures, attributions))
    quoted = quotation_speakers(text, sentences)
    mentions: list[_Mention] = []
    previous: str | None = None
    previous_named: tuple[str, ...] = ()
    offered_named: tuple[str, ...] = ()
    offered_before: _SentenceNames | None = None  # what the sentence before offers besides
    guessed = False  # the previous source is only the organisation the sentence named last
    for number, (sentence_start, sentence_end, figures, attributions) in enumerate(sentences):
        sentence = text[sentence_start:sentence_end]
        organisations = _SentenceNames(named_organisations, text, sentence_start, sentence_end)
        offers = _SentenceNames(offered_names, text, sentence_start, sentence_end)
        datings = (
            sentence_datings(text, sentence_start, sentence_end, date) if figures else NO_DATES
        )
        sources: list[str] = []
        after = (
            next_sentence_source(text, sentences[number + 1])
            if figures and number + 1 < len(sentences)
            else None
        )
        speakers = resolved_speakers(text, attributions, previous, previous_named)
        in_row = bool(rows) and _in_a_row(rows, sentence_start)
        quoted_before = (  # the same for each of the sentence's figures
            _quotation_before(quoted, number, sentence) if figures and not in_row else None
        )
        last_what = ""
        last_rule = ""
        last_source: str | None = None
        for position, figure in enumerate(figures):
            what, _ = what_is_counted(text, figure, sentence_start, sentence_end)
            if not what and last_what:
                what = last_what  # "17 of them", "up from 60"
            last_what = what
            following = figures[position + 1].start if position + 1 < len(figures) else sentence_end
            source, attribution_rule = attribute(
                text,
                figure,
                attributions,
                sentence_start,
                previous,
                following,
                organisations,
                previous_named,
            )
            if source is None and last_rule == "owner":
                source, attribution_rule = (
                    last_source,
                    "owner",
                )  # "the X figure is 241 dead and 7,000 wounded"
            if (
                guessed
                and attribution_rule == "previous_sentence"
                and source == previous
                and text[sentence_start : sentence_start + 3] in ("He ", "She")
            ):  # "He said ...": as written, never the place or body named last before
                source = text[sentence_start : sentence_start + 3].strip()
            speaker = quoted[number]
            if (
                source is None
                and speaker is not None
                and figure.start < speaker[0]
                and not any(  # a figure given again in a quotation stays one candidate; one
                    # that counts something else is the speaker's ("The government says 300 were
                    # arrested. ... 'We have the names of 300 people detained in one district'")
                    (other.value, other.low, other.high) == (figure.value, figure.low, figure.high)
                    and figure.start - other.start <= 600
                    and _same_thing(other.what, what)
                    for other in mentions[-8:]
                )
            ):
                source, attribution_rule = speaker[1], "quotation"  # "'...,' said X. '...'"
            if source is None and number + 1 < len(sentences):
                source = next_sentence_source(text, sentences[number + 1])
                attribution_rule = "next_sentence" if source else attribution_rule
            last_rule, last_source = attribution_rule, source
            if source:
                sources.append(source)
            offered = _Offered(  # read into alternatives only for a figure proposed
                speakers,
                speaker if speaker is not None and figure.start < speaker[0] else None,
                organisations,
                () if in_row else offered_named,  # a row's neighbours are other rows
                None if in_row else after,
                text,
                sentence_start,
                offers,
                None if in_row else offered_before,
                quoted_before,
            )
            mentions.append(
                _Mention(
                    figure.value,
                    figure.qualifier,
                    figure.low,
                    figure.high,
                    what or None,
                    source,
                    sentence,
                    sentence_start,
                    figure.start,
                    figure,
                    attribution_rule,
                    datings,
                    offered,
                )
            )
        named = [a.source for a in attributions if not a.pronoun and not a.generic]
        previous_named = tuple(dict.fromkeys(named + sources))
        # a headline ("Storm report") ends in no mark: what it names is offered no figure
        offered_named = previous_named if sentence.rstrip()[-1:] in _ENDS else ()
        offered_before = offers if offered_named else None
        guessed = False
        if sources:
            previous = carried_speaker(sources[-1], previous)
        elif named:
            previous = named[-1]
        elif any(figures_of[number + 1 : number + 2]) and organisations():  # for its figures
            previous = organisations()[-1][1]
            guessed = True
        else:
            previous = None
    if not rows:  # a candidate is made only for a figure proposed
        return [_candidate(text, mention, about) for mention in _first_mentions(mentions)]
    candidates = [_candidate(text, mention, about) for mention in mentions]
    in_rows, others = _in_rows(text, candidates, rows)
    return sorted(in_rows + _first_mentions(others), key=lambda candidate: candidate.start)


class _Mention(NamedTuple):
    """A figure of the text with who gave it and what it counts: what :func:`_first_mentions`
    reads of a candidate, and what the candidate is made of."""

    value: float | None
    qualifier: Qualifier
    low: float | None
    high: float | None
    what: str | None
    source: str | None
    sentence: str
    sentence_start: int
    start: int
    figure: Figure
    attribution_rule: str
    datings: Datings
    offered: _Offered | None = None


class _Offered(NamedTuple):
    """What the text around a figure offers as its source, besides the rules' choice."""

    speakers: list[tuple[int, int, str]]
    quoted: tuple[int, str] | None
    organisations: _SentenceNames
    previous_named: tuple[str, ...]
    after: str | None
    text: str
    sentence_start: int
    named: _SentenceNames | None = None  # what news writing names besides (:mod:`.offers`)
    named_before: _SentenceNames | None = None  # the same, in the sentence before
    quoted_before: str | None = None  # the speaker of a quotation a sentence or two before


def _in_a_row(rows: Sequence[TableRow], position: int) -> bool:
    """Whether ``position`` is in one of the table ``rows``."""
    at = bisect.bisect_right([row.start for row in rows], position) - 1
    return at >= 0 and position < rows[at].end


_ENDS = frozenset(".!?:;\"'”’)…")
"""The marks a sentence ends with, and a headline or a heading does not."""

ALTERNATIVES = 5
"""How many other sources a candidate offers at most."""
_NEAR = 4  # how many speakers and organisations on either side of a figure are looked at


def _alternatives(figure: Figure, chosen: str | None, offered: _Offered | None) -> tuple[str, ...]:
    """The sources other than ``chosen`` the text offers ``figure``, nearest first: the
    sentence's speakers, organisations and what news writing names besides (:mod:`.offers`)
    by how far each is from the figure, then the speaker of the quotation the figure is in
    and of one a sentence or two before, the sources the previous sentence named (its last
    first) and what it names besides, and the source the next sentence gives "the
    estimate"."""
    if offered is None:
        return ()
    speakers, quoted, organisations, previous_named, after, text, sentence_start = offered[:7]
    named = offered.named() if offered.named is not None else []
    named_before = offered.named_before() if offered.named_before is not None else []
    offers = (speakers, quoted, previous_named, after, named, named_before, offered.quoted_before)
    if not (any(offers) or organisations()):
        return ()
    near: list[tuple[int, str]] = []
    at = bisect.bisect_right(speakers, figure.start, key=lambda speaker: speaker[1])
    for start, end, name in speakers[max(0, at - _NEAR) : at + _NEAR]:
        near.append((figure.start - end if end <= figure.start else start - figure.end, name))
    found = organisations()
    if found:
        at = bisect.bisect_right(found, figure.start, key=lambda organisation: organisation[0])
        for end, name in found[max(0, at - _NEAR) : at + _NEAR]:
            if not spoken_to(text, sentence_start, end, name):  # "told the BBC", "to the X"
                near.append((abs(figure.start - end), name))
    if named:
        near += _named_near(figure, named)
    near.sort(key=lambda item: item[0])
    names = [name for _, name in near]
    if quoted is not None:
        names.append(quoted[1])
    if offered.quoted_before is not None:
        names.append(offered.quoted_before)
    names += reversed(previous_named[-_NEAR:])
    names += reversed([name for _, name in named_before[-_NEAR:]])
    if after:
        names.append(after)
    seen = {source_key(chosen)}
    alternatives: list[str] = []
    for name in names:
        key = source_key(name)
        if key in seen or not offers_someone(name):
            continue
        if any(same_name(other, name) for other in (chosen, *alternatives)):
            continue  # "Police" after "Police in Dhaka", "WHO" for "World Health Organization"
        seen.add(key)
        alternatives.append(name)
        if len(alternatives) == ALTERNATIVES:
            break
    return tuple(alternatives)


def _candidate(text: str, mention: _Mention, about: float) -> Candidate:
    """The candidate a figure gives: its interval, how sure its reading is, the rules that read
    it, and the moment its sentence dates it to."""
    figure, attribution_rule = mention.figure, mention.attribution_rule
    lo, hi = _interval(figure.qualifier, figure.value, figure.low, figure.high, about)
    lo, hi = round(lo, 9), (None if hi is None else round(hi, 9))
    confidence = 0.95 - _CONFIDENCE[attribution_rule]
    if figure.vague:
        confidence -= 0.15
    if not mention.what:
        confidence -= 0.2
    if figure.rule in ("change:from", "change:by"):
        confidence -= 0.1
    notes = ""
    if figure.dotted:
        notes += "+dot_thousands"
        confidence = min(confidence, 0.6)
    if figure.lakh:  # a typo in English news ("1,50,000"): a person confirms it
        notes += "+lakh_grouping"
        confidence = min(confidence, 0.75)
    as_of, dating = figure_date(figure.start, figure.end, mention.datings)
    if dating:
        notes += f"+date:{dating}"
        if dating != "day":
            confidence = min(confidence, 0.7)
    return Candidate(
        value=figure.value,
        qualifier=figure.qualifier,
        lo=lo,
        hi=hi,
        low=figure.low,
        high=figure.high,
        what=mention.what,
        source=mention.source,
        sentence=mention.sentence,
        sentence_start=mention.sentence_start,
        start=figure.start,
        end=figure.end,
        figure=text[figure.start : figure.end],
        vague=figure.vague,
        confidence=round(max(0.05, min(1.0, confidence)), 2),
        rule=f"{figure.rule}{notes}+attrib:{attribution_rule}",
        as_of=as_of,
        unit=figure.unit,
        alternatives=_alternatives(figure, mention.source, mention.offered),
    )


class _Mentioned(Protocol):
    """What :func:`_first_mentions` reads of a candidate or a mention."""

    @property
    def value(self) -> float | None: ...
    @property
    def qualifier(self) -> Qualifier: ...
    @property
    def low(self) -> float | None: ...
    @property
    def high(self) -> float | None: ...
    @property
    def what(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def sentence(self) -> str: ...
    @property
    def sentence_start(self) -> int: ...
    @property
    def start(self) -> int: ...


Mentioned = TypeVar("Mentioned", bound=_Mentioned)


_QUOTE_MARKS = frozenset("'\"“”‘’")


def _quotation_before(
    quoted: list[tuple[int, str] | None], number: int, sentence: str
) -> str | None:
    """For a sentence a quotation mark opens or closes, the speaker of the quotation one or two
    sentences before ("'...,' X said in Y. 'As of today ... We think 100 are still missing.'":
    X), which :func:`quotation_speakers` leaves to no one when the quotation runs on."""
    words = sentence.strip()
    if words[:1] not in _QUOTE_MARKS and words[-1:] not in _QUOTE_MARKS:
        return None
    for before in quoted[max(0, number - 2) : number][::-1]:
        if before is not None:
            return before[1]
    return None


def _named_near(figure: Figure, named: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The names news writing offers in the figure's sentence (:func:`offered_names`), the
    :data:`_NEAR` on either side of the figure, each with how far it is from it."""
    at = bisect.bisect_right(named, figure.start, key=lambda name: name[0])
    return [(abs(figure.start - end), name) for end, name in named[max(0, at - _NEAR) : at + _NEAR]]


class _SentenceNames:
    """The names ``read`` finds in a sentence, with where each ends (:func:`named_organisations`,
    :func:`offered_names`), read the first time a figure asks for them."""

    __slots__ = ("_read", "_text", "_start", "_end", "_found")

    def __init__(
        self,
        read: Callable[[str, int, int], list[tuple[int, str]]],
        text: str,
        start: int,
        end: int,
    ) -> None:
        self._read, self._text, self._start, self._end = read, text, start, end
        self._found: list[tuple[int, str]] | None = None

    def __call__(self) -> list[tuple[int, str]]:
        if self._found is None:
            self._found = self._read(self._text, self._start, self._end)
        return self._found


def _in_rows(
    text: str, candidates: list[Candidate], rows: Sequence[TableRow]
) -> tuple[list[Candidate], list[Candidate]]:
    """The candidates in table rows, each with its row's source, sentence and attribution
    (``table``, or ``none`` when the table names no source), a number in the source's own
    name dropped; and the others."""
    starts = [row.start for row in rows]
    in_rows: list[Candidate] = []
    others: list[Candidate] = []
    for candidate in candidates:
        at = bisect.bisect_right(starts, candidate.start) - 1
        if at < 0 or candidate.start >= rows[at].end:
            others.append(candidate)
            continue
        row = rows[at]
        if candidate.start < row.figures_start:
            continue  # "According to 2 hospitals, ...": a number in the source's name
        figure_rule, _, attribution = candidate.rule.rpartition("+attrib:")
        rule = "table" if row.source else "none"
        confidence = candidate.confidence + _CONFIDENCE[attribution] - _CONFIDENCE[rule]
        in_rows.append(
            dataclasses.replace(
                candidate,
                source=row.source,
                alternatives=tuple(
                    name
                    for name in candidate.alternatives
                    if source_key(name) != source_key(row.source)
                ),
                sentence=text[row.start : row.end],
                sentence_start=row.start,
                rule=f"{figure_rule}+attrib:{rule}",
                confidence=round(max(0.05, min(1.0, confidence)), 2),
            )
        )
    return in_rows, others


def _first_mentions(candidates: list[Mentioned]) -> list[Mentioned]:
    """One candidate for a figure the text gives again ("... 1.7 million ... 'the 1.7 million
    who marched'"): the first mention that names a source, else the first."""
    dropped: set[int] = set(_quoted_again(candidates)) | set(_referred_to(candidates))
    seen: dict[tuple[object, ...], list[int]] = {}
    for index, candidate in enumerate(candidates):
        if index in dropped:
            continue
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


def _quoted_again(candidates: Sequence[_Mentioned]) -> list[int]:
    """Figures a quotation gives again just after the sentence that gave them ("... to 20 on
    Monday, an official said. 'The death toll is 20,' Sarker told AFP"): the speaker's own words
    for the figure already proposed, whatever its size."""
    again = []
    for index, candidate in enumerate(candidates):
        if not any(  # looked for first: counting the quotation marks reads the sentence
            other.sentence_start < candidate.sentence_start
            and candidate.sentence_start - other.sentence_start <= 600
            and (other.value, other.low, other.high)
            == (candidate.value, candidate.low, candidate.high)
            for other in candidates[max(0, index - 8) : index]
        ):
            continue
        opening = candidate.sentence[: candidate.start - candidate.sentence_start]
        if opening.count("“") > opening.count("”") or opening.count('"') % 2 == 1:
            again.append(index)
    return again


def _referred_to(candidates: Sequence[_Mentioned]) -> list[int]:
    """Figures a sentence opens by naming again as "the N" ("more than 600 are held. Of the 600,
    173 ..."): the figure given before, whatever its hedge. Only at the opening: dropping "the N"
    further into a sentence was tried, and on real reporting it dropped true claims too."""
    again = []
    for index, candidate in enumerate(candidates):
        offset = candidate.start - candidate.sentence_start  # how long the opening is
        if candidate.value is None or offset == 0 or offset > 8:
            continue  # only a figure a few characters into its sentence: "Of the 600"
        if not any(  # looked for first: the words before are read by a regex
            other.value == candidate.value
            and other.start < candidate.start
            and candidate.start - other.start <= 600
            for other in candidates[max(0, index - 8) : index]
        ):
            continue
        if _THE_BEFORE.search(candidate.sentence[:offset]):
            again.append(index)
    return again


_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")


def _restated(first: _Mentioned, later: _Mentioned) -> bool:
    if first.value is not None and first.value >= 1000 and first.qualifier is not Qualifier.RANGE:
        # a figure this precise given twice is the same figure; a round one that two sources
        # give with different hedges ("up to two million", "an estimated 2 million") is two
        return not (
            first.source
            and later.source
            and first.source.casefold() != later.source.casefold()
            and first.qualifier is not later.qualifier
            and float(f"{first.value:.2g}") == first.value
        )
    if (first.value, first.low, first.high, first.qualifier) != (
        later.value,
        later.low,
        later.high,
        later.qualifier,
    ):
        return False
    if first.source and later.source and first.source.casefold() != later.source.casefold():
        return False
    return _same_thing(first.what, later.what)


def _same_thing(first: str | None, later: str | None) -> bool:
    """Whether two figures' counted things may be one: a word in common, or one not known."""
    words_first = {w.casefold().rstrip("s") for w in (first or "").split()}
    words_later = {w.casefold().rstrip("s") for w in (later or "").split()}
    return not words_first or not words_later or bool(words_first & words_later)


# --- for the command: records and shorthand ----------------------------------------------------

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
    "unit",
    "alternatives",
)


def as_record(candidate: Candidate, date: dt.date | None = None) -> dict[str, object]:
    """A candidate as plain data (contract section 6): numbers, text, ``hi`` None when open;
    with ``date``, the date a recorded claim gets (the article's) as ``date``."""
    record = {name: getattr(candidate, name) for name in RECORD_FIELDS}
    record["qualifier"] = candidate.qualifier.value
    record["alternatives"] = list(candidate.alternatives)
    if date is not None:
        record["date"] = date.isoformat()
    return record


def stored_as_of(candidate: Candidate, date: dt.date) -> str | None:
    """The ``as_of`` a recorded claim gets: the moment the sentence gives the figure, unless it
    falls after the claim's date (a claim cannot describe a day after it was made)."""
    if candidate.as_of and candidate.as_of[:10] <= date.isoformat():
        return candidate.as_of
    return None


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
