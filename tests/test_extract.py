"""figcheck.extract: candidate claims found in running text, rule by rule, and over a corpus."""

from __future__ import annotations

import ast
import datetime as dt
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from figcheck.extract import Candidate, extract, read_article, split_sentences, to_text
from figcheck.extract.text import word_set
from figcheck.model import Qualifier
from figcheck.shorthand import read_amount

CORPUS = Path(__file__).parent / "extract_corpus" / "corpus.yaml"


def only(text: str, **options: bool) -> Candidate:
    found = extract(text, **options)
    assert len(found) == 1, found
    return found[0]


def figures(text: str, **options: bool) -> list[str]:
    return [candidate.figure for candidate in extract(text, **options)]


# --- figures and hedges -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier", "value"),
    [
        ("At least 40 people died.", Qualifier.AT_LEAST, 40),
        ("More than 2,400 were detained.", Qualifier.MORE_THAN, 2400),
        ("The toll was surpassing 2,400.", Qualifier.MORE_THAN, 2400),
        ("Up to 90 boats sank.", Qualifier.UP_TO, 90),
        ("As many as 90 boats sank.", Qualifier.UP_TO, 90),
        ("Approximately 50 prisoners were freed.", Qualifier.ABOUT, 50),
        ("Some 3.2 million people fled.", Qualifier.ABOUT, 3_200_000),
        ("Nearly five thousand homes flooded.", Qualifier.NEARLY, 5000),
        ("Fewer than 700 claims were filed.", Qualifier.FEWER_THAN, 700),
        ("No more than 12 observers were allowed.", Qualifier.AT_MOST, 12),
        ("Sixty or more people are trapped.", Qualifier.AT_LEAST, 60),
        ("They counted 1,850 fatalities.", Qualifier.EXACT, 1850),
    ],
)
def test_hedges_are_kept(text: str, qualifier: Qualifier, value: float) -> None:
    candidate = only(text)
    assert (candidate.qualifier, candidate.value) == (qualifier, value)
    assert candidate.rule.startswith("number" if qualifier is Qualifier.EXACT else "hedge:")


def test_interval_follows_the_contract() -> None:
    assert (only("About 50 died.").lo, only("About 50 died.").hi) == (45, 55)
    assert (only("At least 50 died.").lo, only("At least 50 died.").hi) == (50, None)
    assert (only("Up to 50 died.").lo, only("Up to 50 died.").hi) == (0, 50)
    assert (only("Nearly 50 died.").lo, only("Nearly 50 died.").hi) == (45, 50)


@pytest.mark.parametrize(
    ("text", "low", "high", "rule"),
    [
        ("Between 40 and 60 villagers were abducted.", 40, 60, "range:between"),
        ("Some 40-60 villagers were abducted.", 40, 60, "range"),
        ("An estimated 8,000 to 10,000 households need aid.", 8000, 10000, "range"),
        ("Officials said 2–3 million people could be displaced.", 2e6, 3e6, "range"),
    ],
)
def test_ranges(text: str, low: float, high: float, rule: str) -> None:
    candidate = only(text)
    assert (candidate.qualifier, candidate.low, candidate.high) == (Qualifier.RANGE, low, high)
    assert candidate.rule.split("+")[0] == rule


def test_vague_words_are_ranges_with_their_low_end_as_value() -> None:
    candidate = only("Several Americans were released.")
    assert (candidate.value, candidate.low, candidate.high) == (3, 3, 9)
    assert (candidate.vague, candidate.what) == ("several", "Americans")
    assert only("Tens of thousands of people marched.").low == 20_000
    assert only("A few thousand people marched.").high == 5000


def test_a_change_is_two_figures_never_a_range() -> None:
    found = extract("Arrests rose from 350 to 680 in a week, the ministry said.")
    assert [(c.value, c.qualifier, c.rule.split("+")[0]) for c in found] == [
        (350, Qualifier.EXACT, "change:from"),
        (680, Qualifier.EXACT, "change:to"),
    ]
    assert {c.source for c in found} == {"ministry"}
    assert [c.rule.split("+")[0] for c in extract("Deaths rose to 90, up from 60.")] == [
        "change:to",
        "change:from",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 the election was held.",
        "It happened on January 3 and on 4 March.",
        "The raid began at 10:30 and ended at 6 a.m.",
        "The raid began at about 5:45am and ended around 1:00PM.",
        "The curfew starts on 2025-01-04 or 04/01/2025.",
        "Maria Lopez, 34, was arrested with a 16-year-old; he was aged 17.",
        "Over the last 17 days the siege went on for three weeks and two months.",
        "It was the third raid and the 5th attempt in the 21st century.",
        "Call +44 20 7946 0958 or (555) 123-4567.",
        "Turnout was 38% and 12 percent of votes were spoiled.",
        "Aid worth $4.5 million and 20 million euros was pledged.",
        "The G7 backed Resolution 2334 after Covid-19 and Article 5.",
        "One of the leaders spoke; prices doubled three times.",
        "The 1990s were hard; the 2020-2024 term ended.",
    ],
)
def test_not_claims(text: str) -> None:
    assert extract(text) == []


def test_percent_and_money_when_asked() -> None:
    assert figures("Turnout was 38% this year.", percent=True) == ["38"]
    assert figures("The fund pledged $4.5 million.", money=True) == ["4.5 million"]


def test_numbers_inside_names_do_not_hide_real_figures() -> None:
    assert figures("After Covid-19, 80 flights resumed.") == ["80"]


# --- what is counted ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("Around 800 political prisoners currently remain.", "political prisoners"),
        ("At least five citizens of Spain were freed.", "citizens of Spain"),
        ("At least 40 demonstrators killed.", "demonstrators killed"),
        ("The death toll rose to 1,120 on Friday.", "death toll"),
        ("The number of registered refugees rose to 680.", "registered refugees"),
        ("Dozens of protesters were beaten.", "protesters"),
    ],
)
def test_what(text: str, what: str) -> None:
    assert only(text).what == what


# --- who said it --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "rule"),
    [
        ("About 50 detainees were released on Tuesday (UN).", "UN", "parens"),
        ("At least 36 died, according to the Health Ministry.", "Health Ministry", "according_to"),
        (
            "According to Amnesty International, 400 remain.",
            "Amnesty International",
            "according_to",
        ),
        ("The UN said that 75 officers were injured.", "UN", "said"),
        ("UNHCR estimates that 3,000 people left.", "UNHCR", "said"),
        (
            "Nearly 2,000 families fled, the World Food Programme said.",
            "World Food Programme",
            "said",
        ),
        (
            "Up to 90 fishermen are missing, said Carla Mendes, a spokeswoman.",
            "Carla Mendes",
            "said",
        ),
        ("The Rights Observatory puts the toll at 214.", "Rights Observatory", "said"),
        ("The group claimed it had captured 300 soldiers.", "group", "said"),
        (
            "Several journalists were freed, as confirmed by the Press Council.",
            "Press Council",
            "by",
        ),
        ("The US-based Rights Agency (RAG) confirming 1,850 deaths.", "RAG", "said"),
        ("The health ministry's latest tally counts 812 deaths.", "health ministry", "said"),
        ("A WHO mission visited the district, where 80 clinics have closed.", "WHO", "nearest_org"),
        ("Roughly 600 homes were destroyed.", None, "none"),
    ],
)
def test_attribution(text: str, source: str | None, rule: str) -> None:
    candidate = only(text)
    assert (candidate.source, candidate.rule.split("+attrib:")[1]) == (source, rule)


def test_reported_speech_across_a_clause() -> None:
    found = extract(
        "Monitors reported that the army detained 58 students and that 12 were missing."
    )
    assert [(c.value, c.source) for c in found] == [(58, "Monitors"), (12, "Monitors")]


def test_several_figures_and_sources_in_one_sentence() -> None:
    found = extract("The government said 25 people died, while activists put the number at 140.")
    assert [(c.value, c.source) for c in found] == [(25, "government"), (140, "activists")]
    found = extract(
        "Fifteen soldiers were wounded, the defence ministry said, and 30 civilians were hurt, "
        "according to the mayor."
    )
    assert [(c.value, c.source) for c in found] == [(15, "defence ministry"), (30, "mayor")]


@pytest.mark.parametrize(
    "second",
    [
        "It said 14,500 migrants had crossed.",
        "The agency also said that 14,500 migrants had crossed.",
        "Another 14,500 migrants had crossed.",
    ],
)
def test_source_named_in_the_previous_sentence(second: str) -> None:
    candidate = only("The Migration Agency published figures on Monday. " + second)
    assert (candidate.source, candidate.rule) == (
        "Migration Agency",
        "number+attrib:previous_sentence",
    )


def test_a_previous_source_does_not_leak_into_an_unrelated_sentence() -> None:
    found = extract("The UN said 50 died. Roughly 600 homes were destroyed in the storm.")
    assert [c.source for c in found] == ["UN", None]


# --- sentences, offsets, text -------------------------------------------------------------------


def test_sentences_keep_abbreviations_together() -> None:
    text = "Mr. Ortega met U.S. envoys at No. 10 in Dr. Reyes's office. They left. It rained!"
    assert [text[start:end] for start, end in split_sentences(text)] == [
        "Mr. Ortega met U.S. envoys at No. 10 in Dr. Reyes's office.",
        "They left.",
        "It rained!",
    ]


def test_offsets_point_at_the_figure_in_its_sentence() -> None:
    text = "Intro line.\n\nThe UN said about 50 people were freed (UN)."
    candidate = only(text)
    assert text[candidate.start : candidate.end] == "about 50" == candidate.figure
    start = candidate.sentence_start
    assert text[start : start + len(candidate.sentence)] == candidate.sentence


def test_to_text_strips_html_and_markdown() -> None:
    html = "<html><body><h1>Toll</h1><p>At least <b>40</b> died &amp; 12 fled (UN).</p>"
    html += "<script>var x = 99;</script></body></html>"
    assert to_text(html) == "Toll\n\nAt least 40 died & 12 fled (UN)."
    markdown = "# Toll\n\n**At least 40** died, says [the UN](https://un.org).\n\n- 12 fled"
    assert to_text(markdown) == "Toll\n\nAt least 40 died, says the UN.\n\n12 fled"
    assert [c.value for c in extract(to_text(markdown))] == [40, 12]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "at least",
                "about",
                "up to",
                "between",
                "and",
                "to",
                "from",
                "rose",
                "-",
                "–",
                " ",
                ", ",
                ". ",
                "(UN)",
                "(",
                ")",
                "said",
                "according to",
                "It",
                "several",
                "dozens of",
                "1,850",
                "2.4 million",
                "3k",
                "five",
                "twenty-one",
                "a dozen",
                "2024",
                "17 days",
                "%",
                "$",
                "G7",
                "No.",
                "U.S.",
                "people",
                "killed",
                "\n\n",
                "thousand",
                "hundred and",
                "1,2",
                "9" * 30,
                "1.",
                "The Agency",
                "'s",
            ]
        )
        | st.text(max_size=8),
        max_size=30,
    ).map(" ".join)
)
def test_extract_never_raises_and_offsets_slice_to_the_figure(text: str) -> None:
    for candidate in extract(text, percent=True, money=True):
        assert text[candidate.start : candidate.end] == candidate.figure
        assert candidate.figure.strip() == candidate.figure and candidate.figure
        assert 0 <= candidate.confidence <= 1
        assert candidate.hi is None or candidate.lo <= candidate.hi


def test_no_heavy_imports() -> None:
    trees = [
        ast.parse(module.read_text(encoding="utf-8"))
        for module in sorted(Path("src/figcheck/extract").glob("*.py"))
    ]
    assert len(trees) >= 6  # one module a stage
    imported = {
        alias.name.split(".")[0]
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (
            node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
        )
    }
    assert not imported & {"pandas", "typer", "rich"}


# --- the corpus ---------------------------------------------------------------------------------


def _words(phrase: str | None) -> set[str]:
    return {word.casefold().rstrip("s")[:6] for word in (phrase or "").split() if len(word) > 2}


def _matches(candidate: Candidate, expected: dict[str, Any]) -> bool:
    if candidate.qualifier.value != expected["qualifier"]:
        return False
    if "value" in expected:
        if candidate.value is None or not math.isclose(candidate.value, expected["value"]):
            return False
    elif (candidate.low, candidate.high) != (expected["low"], expected["high"]):
        return False
    source = expected.get("source")
    if (candidate.source or "").casefold() != (source or "").casefold():
        return False
    return not expected.get("what") or bool(_words(candidate.what) & _words(expected["what"]))


def score(corpus: list[dict[str, Any]]) -> tuple[float, float, list[str]]:
    """Precision and recall of extract over the corpus, and the passages with misses."""
    found = expected = right = 0
    misses = []
    for passage in corpus:
        candidates = extract(passage["text"])
        wanted = list(passage["expect"])
        found += len(candidates)
        expected += len(wanted)
        matched = 0
        for candidate in candidates:
            for index, item in enumerate(wanted):
                if _matches(candidate, item):
                    del wanted[index]
                    matched += 1
                    break
        right += matched
        if wanted or matched != len(candidates):
            misses.append(passage["id"])
    return right / max(found, 1), right / max(expected, 1), misses


def test_corpus_precision_and_recall(capsys: pytest.CaptureFixture[str]) -> None:
    corpus = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    assert len(corpus) >= 40
    precision, recall, misses = score(corpus)
    report = f"extract corpus: precision {precision:.3f}, recall {recall:.3f}; misses: {misses}"
    with capsys.disabled():  # shown in the pytest output even without -s
        print(f"\n{report}")
    assert precision >= 0.90, report
    assert recall >= 0.85, report


@given(
    st.text(st.sampled_from(list("ab A(UN).,;'’-\n 1")), max_size=60),
    st.integers(0, 60),
    st.integers(0, 60),
)
@settings(max_examples=300, deadline=None)
def test_tokens_before_a_sentence_are_those_of_the_whole_text(
    text: str, start: int, end: int
) -> None:
    from figcheck.extract.attribution import _TOKEN, _tokens_before

    start, position = sorted((min(start, len(text)), min(end, len(text))))
    whole = [(t.start(), t.group()) for t in _TOKEN.finditer(text[:position])]
    near = [(t.start(), t.group()) for t in _tokens_before(text, start, position)]
    assert near == whole[len(whole) - len(near) :]  # a tail of the whole text's tokens...
    before = [t for t in whole if t[0] < start]
    assert not before or before[-1] in near  # ...holding the last token before the sentence


@given(
    st.text(st.sampled_from(list("ab A(UN).,;'’-\n 1")), max_size=80),
    st.integers(0, 80),
    st.integers(0, 80),
    st.integers(0, 80),
)
@settings(max_examples=300, deadline=None)
def test_a_sentence_read_once_gives_the_tokens_of_every_window(
    text: str, start: int, position: int, end: int
) -> None:
    from figcheck.extract.attribution import _SentenceTokens, _tokens_before

    start, position, end = sorted(min(n, len(text)) for n in (start, position, end))
    words = _SentenceTokens.read(text, start, end)
    for window in range(start, position + 1):
        cached = [(t.start(), t.group()) for t in words.before(window, position)]
        assert cached == [(t.start(), t.group()) for t in _tokens_before(text, window, position)]


@given(st.text(st.sampled_from(list("abuthoger wsl,;ıİſK.1")), max_size=40))
@settings(max_examples=500, deadline=None)
def test_looking_for_marks_first_changes_no_answer(gap: str) -> None:
    """The cheap checks run before the clause and contrast patterns never hide a match."""
    from figcheck.extract import attribution, figures

    assert attribution._contrast(gap) == bool(attribution._CONTRAST.search(gap))
    assert attribution._clauses(gap) == len(attribution._CLAUSE.findall(gap))
    for phrase in (
        gap + " 12",
        "about " + gap + " 12",
        gap + " over 12",
        "one quarter " + gap + " 12",
        gap + " a half of 12",
    ):
        position = len(phrase) - 2
        expected = figures.qualifier_before(phrase, position, 0)
        assert figures._qualifier_before(phrase, position, 0) == expected
        before = phrase[max(0, position - 30) : position]
        if figures._FRACTION_OF.search(before):
            assert figures._may_end_in(before, figures._FRACTIONS, figures._FRACTIONS_LAST)
        if any(name != "year" and rule.search(before) for name, rule in figures._BEFORE_RULES):
            assert before.rstrip()[-1:] in "$€£¥" or figures._ends_in(before, figures._BEFORE_WORDS)


_AFTER_PIECES = (
    *" -%°.,1yearsmontwkdhicnlpfgbqKſİı",
    *sorted(
        word_set(
            """year month day hour percent per cent pc US dollars pounds of yen a.m. o’clock local
            time May Sepember km/h metre feet fold times magnitude on the Richter square lanes in
            out every one to or and sq degrees bolívares"""
        )
    ),
)


@given(st.lists(st.sampled_from(_AFTER_PIECES), max_size=8).map("".join))
@settings(max_examples=1000, deadline=None)
def test_looking_for_the_first_word_after_a_number_changes_no_answer(after: str) -> None:
    """The rules after a number are tried only where the word after it may start one of them."""
    from figcheck.extract import figures

    for text in (after, " " + after, "-" + after, " - " + after):
        if figures._AFTER_ANY.match(text):
            assert figures._may_follow(text)


@given(
    st.lists(
        st.sampled_from((*"0123456789,. -\u00a0\u202fkmbKx٣²", " million", " lakhs")), max_size=12
    ).map("".join)
)
@settings(max_examples=1000, deadline=None)
def test_a_plain_number_is_read_as_the_shorthand_reads_it(tail: str) -> None:
    """A number in digits and commas is read without the shorthand's reader, to the same value
    and end (and the same refusal of misplaced commas)."""
    import dataclasses

    from figcheck.extract import figures

    for text in ("12" + tail, "1,200" + tail, "3" + tail, "1,2" + tail, "1234" + tail):
        number = read_amount(text, 0)
        if number is not None and number.ambiguous is not None:
            if number.multiplier is None:
                number = dataclasses.replace(number, value=number.ambiguous[0])
            else:
                number = dataclasses.replace(number, ambiguous=None)
        read = figures._read_number(text, 0)
        assert (read and tuple(read)) == (number and dataclasses.astuple(number))


# --- real reporting: numbers, attribution by grammar, dates -------------------------------------


@pytest.mark.parametrize(
    "text", ["About 40 000 people marched.", "About 40\u00a0000 people marched."]
)
def test_thousands_grouped_by_spaces_are_one_number(text: str) -> None:
    assert only(text).value == 40_000


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Unions said more than 15 crore workers joined the strike.", 150_000_000),
        ("Officials said over six lakh people had fled.", 600_000),
        ("The state said 1,50,000 people were evacuated.", 150_000),
    ],
)
def test_south_asian_scales_and_grouping(text: str, value: int) -> None:
    assert only(text).value == value


def test_rupees_are_money() -> None:
    text = "Unions said 20,000 workers struck; the loss was put at over ₹25,000 crore."
    assert figures(text) == ["20,000"]
    assert "25,000 crore" in figures(text, money=True)


def test_a_dot_before_three_digits_is_ambiguous_and_below_the_yes_threshold() -> None:
    candidate = only("Some 1.200 people fled the town, the mayor said.")
    assert candidate.value == 1200 and candidate.confidence < 0.8
    assert "+dot_thousands" in candidate.rule


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Police said 1.200.000 people marched.", 1_200_000),  # was 1200, one group only
        ("Officials said 3 000 million people watched.", 3_000_000_000),  # was 3 and 0
        ("The ministry said 12.345 million people voted.", 12_345_000),  # a decimal point
        ("Officials said 1 200 people fled.", 1_200),
    ],
)
def test_numbers_are_read_by_the_shorthands_reader(text: str, value: float) -> None:
    """One reader for the shorthand and for running text: several dots or spaced thousands
    before a scale word read as the shorthand reads them, with no ambiguity to flag."""
    candidate = only(text)
    assert candidate.value == value and "+dot_thousands" not in candidate.rule
    number = read_amount(text, next(i for i, c in enumerate(text) if c.isdigit()))
    assert number is not None and number.value == value


def test_a_measurement_with_a_decimal_comma_is_not_read_as_a_count() -> None:
    assert extract("The group said 1.200,5 tonnes of food arrived.") == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("By the Associated Press's count, at least 1,470 pilgrims died.", "Associated Press"),
        ("Saudi officials' tally of 769 dead has not changed.", "Saudi officials"),
        (
            "Dick Burch, a Red Cross worker, said about 5,000 people were housed there.",
            "Dick Burch",
        ),
        ("The UN refugee agency, UNHCR, said 1,000 people were displaced.", "UNHCR"),
        ("At the march, organizers told AFP they estimated the turnout at 500,000.", "organizers"),
        ("The CGT said it had counted 3.5 million demonstrators.", "CGT"),
        ("The Hong Kong police estimate, always lower, was 338,000 people.", "Hong Kong police"),
        ("Police released a lower estimate, saying 128,000 were in the park.", "Police"),
        ("Organizers of the march said 10,000 people turned out.", "Organizers"),
        (
            "According to the Ministry of the Interior, 740,000 people marched.",
            "Ministry of the Interior",
        ),
        (
            "The prefecture counted 16,000, far fewer than the 280,000 put forward by the CGT.",
            "CGT",
        ),
    ],
)
def test_attribution_by_grammar(text: str, source: str) -> None:
    assert extract(text)[-1].source == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The district's chief medical officer P. Rao said 41 people had died.", "P. Rao"),
        ("New York-based Human Rights Watch said 12 activists were held.", "Human Rights Watch"),
        ("The toll rose to 9, the country's health ministry said.", "health ministry"),
        ("Police did not dispute the organisers' estimate of 40,000.", "organisers"),
        ("In Lyon the organisers' estimate was 20,000.", "organisers"),
        ("Officials running the camp said 2,300 people had arrived.", "Officials"),
        ("A source close to the talks said 16 hostages were freed.", "source close to the talks"),
        ("Anna Berg of The Daily Courier wrote that 300 had died.", "Anna Berg"),
        ("The Human Rights House of Iran says 600 are held.", "Human Rights House of Iran"),
        ("The second survey estimated 650,000 excess deaths.", "second survey"),
        (
            "The governor's representative in the province said 200 had died.",
            "governor's representative in the province",
        ),
        ("State radio quoted Li Wei, the mayor, as saying 2,300 had survived.", "Li Wei"),
        ("This time the police are saying at least 750,000 marched.", "police"),
        ("The authorities still claim that 13 people were killed.", "authorities"),
        ("The New York Times has estimated the country's toll at 600,000.", "New York Times"),
        ("The agency revised the region's flood death toll to 212.", "agency"),
    ],
)
def test_sources_as_the_text_writes_them(text: str, source: str) -> None:
    assert extract(text)[-1].source == source


def test_figures_given_to_two_sources_by_according_to_in_turn() -> None:
    found = extract(
        "Nearly 2 million marched, according to the union, and 570,000 according to police."
    )
    assert [(c.value, c.source) for c in found] == [(2_000_000, "union"), (570_000, "police")]


def test_according_to_the_report_takes_the_source_named_before() -> None:
    found = extract(
        "The state news agency APS said 650 hostages were freed. At least 30 workers were missing, "
        "according to the unconfirmed report."
    )
    assert [c.source for c in found] == ["APS", "APS"]


def test_a_pronoun_takes_the_source_it_agrees_with() -> None:
    found = extract(
        "Colonel Abbas said the toll would rise and that the authorities were counting bodies. "
        "Some 215 soldiers were among the dead, he said."
    )
    assert found[-1].source == "Colonel Abbas"


@pytest.mark.parametrize(
    "text",
    [
        "On Sunday the police made 20 arrests near the square.",
        "Last year the government detained at least 40 protesters.",
        "UNHCR staff met some of the 41 survivors in the port.",
    ],
)
def test_who_acted_is_not_who_counted(text: str) -> None:
    assert extract(text)[-1].source is None


def test_speakers_counted_are_not_figures() -> None:
    found = extract("Several survivors told IOM that 650 people had been on board.")
    assert [(c.value, c.source) for c in found] == [(650, "Several survivors")]
    assert [c.value for c in extract("Two senior officials said 30 people died.")] == [30]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The police gave their first estimate as 2 to 3,000.", 2000, 3000),
        ("He said between 800 to 900 had been infected.", 800, 900),
    ],
)
def test_ranges_written_short(text: str, low: float, high: float) -> None:
    assert (only(text).low, only(text).high) == (low, high)


@pytest.mark.parametrize(
    "text",
    [
        "There were credible reports that 2,377 people had been arrested.",
        "The military said it would free 2,342 people, although only 370 have been identified.",
        "Italy's coastguard rescued 144 people, and nine bodies had been found.",
    ],
)
def test_no_source_is_guessed(text: str) -> None:
    assert extract(text)[-1].source is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Estimates of foreign casualties have ranged from 4 to 35.", 4, 35),
        ("An official said only 16 or 17 people were being held.", 16, 17),
    ],
)
def test_ranges_in_news_writing(text: str, low: float, high: float) -> None:
    assert (only(text).low, only(text).high) == (low, high)


@pytest.mark.parametrize(
    "text",
    [
        "A magnitude 6.6 aftershock followed the 7.8-magnitude quake.",
        "Nearly 1 in 4 residents marched.",
        "The report is based on interviews with 30 released prisoners.",
        "For every one person we reached, there are probably three we have not.",
        "The film entered the 100 crore club on Sunday, its producers said.",
        "He became the fifth member of the 500 home run club.",
        "The boat was a 20- to 30-metre fishing vessel.",
        "A 12-foot wall of water hit the coast.",
    ],
)
def test_more_figures_that_are_not_claims(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Several sources had challenged the official toll of 64.", [64]),
        ("Several reports in the media estimated that about 600 pupils were missing.", [600]),
        ("In several deadly shipwrecks this year, at least 90 people drowned.", [90]),
        (
            "The list held 300,000 names, as many people appeared on several different records.",
            [300_000],
        ),
        ("Rallies were held in more than 30 Soviet cities, organisers said.", [30]),
    ],
)
def test_a_few_documents_or_occasions_describe_the_story(text: str, values: list[float]) -> None:
    assert [c.value for c in extract(text)] == values


@pytest.mark.parametrize(
    "text",
    [
        "Between Aug. 19 and 20, 142 new cases were reported.",
        "Between January 3 and 23, 142 new cases were reported.",
        "Three shipwrecks were reported on January 23 and 25, with 142 new cases.",
        "From 12 to 20 January, 142 new cases were reported.",
    ],
)
def test_a_span_of_days_is_a_date(text: str) -> None:
    assert [c.value for c in extract(text)] == [142]


def test_risen_by_n_to_m_is_the_rise_and_the_new_figure() -> None:
    found = extract("The ministry said confirmed cases had risen by 7,719 to 620,491.")
    assert [(c.value, c.low, c.rule.split("+")[0]) for c in found] == [
        (7_719, None, "change:by"),
        (620_491, None, "change:to"),
    ]


def test_a_toll_that_passed_n_is_more_than_n() -> None:
    found = only("The toll passed 600, the government said.")
    assert (found.value, found.qualifier) == (600, Qualifier.MORE_THAN)


def test_anywhere_from_a_to_b_is_a_range() -> None:
    found = only("Reports put the number of hostages killed at anywhere from six to 35.")
    assert (found.low, found.high, found.qualifier) == (6, 35, Qualifier.RANGE)


def test_one_thing_in_n_is_a_ratio() -> None:
    assert extract("About one school in eight was estimated to have closed.") == []
    found = extract("Police said 40 people in 12 villages were arrested.")
    assert found[0].value == 40


def test_an_acronym_is_not_a_pronoun_in_what_is_counted() -> None:
    found = extract("The ministry said 40 ISIS fighters and 50 US troops were killed.")
    assert [c.what for c in found] == ["ISIS fighters", "US troops killed"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Gunmen killed 12 inside a club in Istanbul, police said.", 12),
        ("Police said 25 club owners were arrested.", 25),
        ("Police said they arrested 12 people on June 4 and 30 others on June 5.", 30),
        ("The first attack came on June 4 and 12 more people died the next day.", 12),
        ("Authorities froze 35 bank accounts, the ministry said.", 35),
        ("Officials said 28 water sources were contaminated.", 28),
        ("Police blocked 25 websites, the regulator said.", 25),
        ("The commission said 30 new reports of torture were filed.", 30),
        ("Officials said 30 rescue teams were deployed.", 30),
        ("Congress passed 12 bills last year, officials said.", 12),
        ("The convoy passed 30 checkpoints, the UN said.", 30),
    ],
)
def test_the_rules_for_figures_that_are_not_claims_keep_ordinary_counts(
    text: str, value: float
) -> None:
    found = [c for c in extract(text) if c.value == value]
    assert len(found) == 1 and found[0].qualifier is Qualifier.EXACT


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Cases grew by 300 to 500 a week in October, the WHO said.", 300, 500),
        ("Cases increased by 20 to 30 a day, officials said.", 20, 30),
        ("The population grew by 2 to 3 million people a year.", 2_000_000, 3_000_000),
    ],
)
def test_a_rise_by_a_range_is_a_range(text: str, low: float, high: float) -> None:
    assert (only(text).low, only(text).high) == (low, high)


@pytest.mark.parametrize(
    "text",
    [
        "The toll rose from between 10 and 338,000 people, officials said.",
        "The toll rose by between 10 and 338,000 people, officials said.",
    ],
)
def test_a_range_after_from_or_by_is_a_range(text: str) -> None:
    assert (only(text).low, only(text).high) == (10, 338_000)


def test_a_headline_in_capitals_keeps_its_stop_words() -> None:
    assert only("OFFICIALS SAY 40 DEAD IN ATTACK ON UN BASE.").what == "DEAD"


def test_members_of_a_club_are_counted() -> None:
    assert only("Police said they questioned 500 club members.").value == 500


def test_foot_soldiers_are_counted() -> None:
    assert only("The rebels sent 10,000 foot soldiers.").value == 10_000


def test_a_figure_restated_is_one_candidate_the_first_attributed() -> None:
    found = extract(
        "About 1.7 million people marched. Organisers said about 1.7 million people came."
    )
    assert [(c.value, c.source) for c in found] == [(1_700_000, "Organisers")]


def test_as_of_is_the_day_the_clause_dates_the_figure_to() -> None:
    date = dt.date(2019, 6, 20)
    found = extract(
        "Organisers said a march of nearly 2 million on 16 June was the largest.", date=date
    )
    assert found[0].as_of == "2019-06-16"
    found = extract("Police said 338,000 marched on Sunday.", date=date)
    assert found[0].as_of == "2019-06-16"
    found = extract(
        "The group said 2,000 prisoners remain held, up from 800 in January.", date=date
    )
    assert [(c.as_of, c.confidence < 0.8) for c in found] == [(None, False), (None, True)]
    found = extract("In 2019, similar protests left 35 dead, the group said.", date=date)
    assert found[0].as_of is None and found[0].confidence < 0.8
    found = extract("At least 330 people died, a spokesman said on Wednesday.", date=date)
    assert found[0].as_of is None  # when it was said, not when it was counted


def test_a_one_digit_number_ends_a_sentence() -> None:
    found = extract("The toll rose to 7. The UN said 50 people died.")
    assert [(c.value, c.source) for c in found] == [(7, None), (50, "UN")]


@pytest.mark.parametrize(
    "text",
    [
        "Here are five key facts from the report.",
        "The group said people were held in several locations.",
    ],
)
def test_numbers_about_the_text_are_not_claims(text: str) -> None:
    assert extract(text) == []


def test_never_exceeded_is_at_most() -> None:
    assert only("The crowd never exceeded 12,000 at any one time.").qualifier is Qualifier.AT_MOST


def test_a_figure_named_again_as_the_n_is_one_candidate() -> None:
    found = extract("More than 600 prisoners are held. Of the 600 prisoners, 173 are in Evin.")
    assert [c.value for c in found] == [600, 173]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ('"We have counted 85 bodies," said engineer Ana Ruiz.', "Ana Ruiz"),
        (
            "The figure of 5,000 cited by the opposition is false, the government said.",
            "opposition",
        ),
    ],
)
def test_speaker_after_a_quotation_and_by_before_a_verb(text: str, source: str) -> None:
    assert extract(text)[0].source == source


def test_as_high_as_is_up_to() -> None:
    assert only("Some estimates run as high as 10,000.").qualifier is Qualifier.UP_TO


# --- tables: a row is a sentence ------------------------------------------------------------------

_MARKDOWN_TABLE = """\
# Counts of the march

| Source | Marchers | As of |
|:--|--:|---|
| Police | 12,000 | 2025-06-16 |
| Organisers | nearly 2 million | 2025-06-16 |
| Fire service | 300,000 | |

| Region | Killed |
|---|---|
| North | about 500 |
"""
_HTML_TABLE = (
    "<p>Counts of the march.</p><table><tr><th>Source</th><th>Marchers</th></tr>"
    "<tr><td>Police</td><td>12,000</td></tr>"
    "<tr><td>Organisers &amp; <b>unions</b></td><td>nearly 2 million</td></tr></table>"
)


def test_a_markdown_tables_rows_are_sentences_with_their_source_and_moment() -> None:
    text = to_text(_MARKDOWN_TABLE)
    assert "According to Police, 12,000 marchers, as of 16 June 2025." in text
    assert "|" not in text
    found = [(c.value, c.source, c.what, c.as_of) for c in extract(text)]
    assert found == [
        (12_000, "Police", "marchers", "2025-06-16"),
        (2_000_000, "Organisers", "marchers", "2025-06-16"),
        (300_000, "Fire service", "marchers", None),
        (500, None, "killed", None),  # a label column names no source: unattributed
    ]
    assert extract(text)[0].sentence == "According to Police, 12,000 marchers, as of 16 June 2025."


def test_an_html_tables_rows_are_sentences() -> None:
    found = [(c.value, c.source) for c in extract(to_text(_HTML_TABLE))]
    assert found == [(12_000, "Police"), (2_000_000, "Organisers & unions")]


def test_a_table_names_its_columns_as_import_does() -> None:
    from figcheck.extract.text import table_sentences

    def sentences(header: list[str], rows: list[list[str]]) -> list[str]:
        return [row.sentence for row in table_sentences(header, rows)]

    header = ["Outlet", "Metric", "Qualifier", "Value", "Unit", "Date", "URL"]
    row = ["UN", "released", "at_least", "50", "people", "2026-01-10", "https://x.test"]
    assert sentences(header, [row]) == [
        "According to UN, at least 50 people released, as of 10 January 2026."
    ]
    assert sentences(["Who", "Low", "High"], [["Provea", "700", "900"]]) == [
        "According to Provea, between 700 and 900."
    ]
    assert sentences(["Who", "Note"], [["Provea", "no figure"]]) == []


def test_a_unit_or_scale_in_a_header_goes_with_each_figure() -> None:
    from figcheck.extract.text import table_sentences

    header = ["Source", "Displaced (millions)", "Turnout (%)", "Cost ($m)", "Held (people)"]
    (row,) = table_sentences(header, [["UNHCR", "about 1.2", "45", "300", "80"]])
    assert row.sentence == (
        "According to UNHCR, about 1.2 million displaced, 45% turnout, $300 million cost, 80 held."
    )
    found = extract(row.sentence, percent=True, money=True)
    assert [(c.value, c.unit) for c in found] == [
        (1_200_000, None),
        (45, "%"),
        (300_000_000, "$"),
        (80, None),
    ]
    assert [c.value for c in extract(row.sentence)] == [1_200_000, 80]  # no % or $ unless asked


def test_each_row_keeps_its_figures_and_its_source_as_written() -> None:
    """A row's source is its cell as written, never re-read by the rules for running text, and a
    figure another row (or the text) gave too is that row's own claim, not a repetition."""
    document = (
        "The UN said 1,200 people were killed.\n\n"
        "| Source | Killed | As of |\n|---|---|---|\n"
        "| UN | 1,200 | 2026-01-10 |\n| HRW | 1,200 | 2026-01-11 |\n"
        "| Court of audit | 1,350 | |\n| M. Dupont | 1,400 | |\n| 2 hospitals | 90 | |\n"
    )
    article = read_article(document)
    found = [
        (c.value, c.source, c.as_of, c.rule.rpartition("+attrib:")[2])
        for c in extract(article.text, rows=article.rows)
    ]
    assert found == [
        (1_200, "UN", None, "said"),
        (1_200, "UN", "2026-01-10", "table"),
        (1_200, "HRW", "2026-01-11", "table"),
        (1_350, "Court of audit", None, "table"),
        (1_400, "M. Dupont", None, "table"),
        (90, "2 hospitals", None, "table"),
    ]
    row = extract(article.text, rows=article.rows)[-1]
    assert row.sentence == "According to 2 hospitals, 90 killed."
    assert row.sentence == article.text[row.sentence_start : row.sentence_start + len(row.sentence)]


def test_columns_named_after_who_gives_their_figures_are_their_sources() -> None:
    """The comparison table of reporting on disputed figures: one column a source."""
    document = (
        "| Region | Government | UN | Rights groups |\n|---|---|---|---|\n"
        "| North | 120 | about 400 | more than 600 |\n\n"
        "| Date | Deaths (UN) | Deaths (health ministry) | Deaths (est.) |\n|---|---|---|---|\n"
        "| 2025-03-01 | 1,200 | 1,850 | 1,500 |\n\n"
        "| City | Police estimate | Organisers' count | Marchers |\n|---|---|---|---|\n"
        "| Paris | 20,000 | 80,000 | 50,000 |\n"
    )
    article = read_article(document)
    found = [(c.value, c.source, c.what) for c in extract(article.text, rows=article.rows)]
    assert found == [
        (120, "Government", None),
        (400, "UN", None),
        (600, "Rights groups", None),
        (1_500, None, "deaths"),  # a header that names no one: the row's source, here none
        (1_200, "UN", "deaths"),
        (1_850, "health ministry", "deaths"),
        (50_000, None, "marchers"),
        (20_000, "Police", None),
        (80_000, "Organisers", None),
    ]
    assert "According to UN, about 400 for Region North." in article.text


@pytest.mark.parametrize(
    ("header", "named"),
    [
        ("Police estimate", ("Police", "")),
        ("Foro Penal count", ("Foro Penal", "")),
        ("According to the UN", ("the UN", "")),
        ("UN figures", ("UN", "")),
        ("Arrests (Amnesty)", ("Amnesty", "Arrests")),
        ("WHO", ("WHO", "")),
        ("Killed", None),
        ("Deaths", None),
        ("Workers", None),
        ("Hospitals", None),  # hospitals hit, not hospitals' figures
        ("Official figure", None),
        ("Latest figure", None),
        ("Displaced (millions)", None),
        ("Cost (USD)", None),
        ("Deaths (Reuters count)", ("Reuters", "Deaths")),
        ("Ministry of Interior", ("Ministry of Interior", "")),
        ("US", None),
    ],
)
def test_a_header_names_who_gives_its_figures_or_what_it_counts(
    header: str, named: tuple[str, str] | None
) -> None:
    from figcheck.extract.attribution import header_source

    assert header_source(header) == named


def test_names_alone_are_sources_only_in_a_table_that_compares_sources() -> None:
    """ "Camp | Residents | Police" counts police officers; "Region | Government | UN" compares
    what each says. A "WHO" column of figures is a figure column, not the rows' source."""
    document = (
        "| Camp | Residents | Refugees (UNHCR) | Doctors | Police |\n|---|---|---|---|---|\n"
        "| A | 1,000 | 2,000 | 12 | 40 |\n\n"
        "| Region | Deaths | WHO |\n|---|---|---|\n| North | 10 | 70 |\n\n"
        "| Project | Cost (USD) | Budget (EUR m) |\n|---|---|---|\n| Bridge | 1,200,000 | 2 |\n"
    )
    article = read_article(document)
    found = [
        (c.value, c.source, c.unit) for c in extract(article.text, rows=article.rows, money=True)
    ]
    assert found == [
        (1_000, None, None),
        (12, None, None),
        (40, None, None),
        (2_000, "UNHCR", None),
        (10, None, None),
        (70, None, None),
        (1_200_000, None, "USD"),
        (2_000_000, None, "EUR"),
    ]


def test_a_terminals_escape_sequences_are_not_text() -> None:
    from figcheck.extract import without_controls

    text = "Police said \x1b[31m200 people\x1b[0m were hurt; \x1b]0;title\x07the UN said 300."
    assert without_controls(text) == "Police said 200 people were hurt; the UN said 300."
    assert [c.value for c in extract(read_article(text).text)] == [200, 300]
    assert without_controls("tabs\tand\nlines stay") == "tabs\tand\nlines stay"


def test_money_with_a_space_after_its_sign_is_money() -> None:
    text = "A ₹ 3,000 fine and a $ 2,000 fee were imposed on 40 people, the police said."
    assert figures(text) == ["40"]
    assert [(c.value, c.unit) for c in extract(text, money=True)][:2] == [(3000, "₹"), (2000, "$")]


def test_lakh_grouping_is_read_but_a_person_confirms_it() -> None:
    candidate = only("Police said 1,50,000 people marched in London.")
    assert candidate.value == 150_000 and candidate.confidence < 0.8
    assert "+lakh_grouping" in candidate.rule
    assert only("Police said 1.5 lakh people marched.").confidence >= 0.8


def test_an_html_table_without_a_header_row_is_all_data() -> None:
    html = (
        "<p>Tolls.</p><table><tr><td>UN</td><td>1,200 killed</td></tr>"
        "<tr><td>HRW</td><td>1,500 killed</td></tr></table>"
    )
    assert [c.value for c in extract(to_text(html))] == [1_200, 1_500]


def test_a_line_with_a_bar_above_a_rule_is_not_a_table() -> None:
    """A table's delimiter row has as many cells as its header (GitHub's rule): a title with a
    bar above a horizontal rule is text."""
    document = "Toll rises to 1,200, the UN said | Reuters\n---\nMore below."
    assert "1,200" in to_text(document)


def test_a_table_in_a_code_block_and_text_with_bars_stay_as_written() -> None:
    fenced = "```\n| a | b |\n|---|---|\n| 1 | 2 |\n```\nEnd."
    assert to_text(fenced) == "End."
    assert to_text("Either A | B, said 40 people.") == "Either A | B, said 40 people."


def test_rows_beyond_the_documents_table_budget_stay_as_text() -> None:
    from figcheck.extract.text import TABLE_ROWS

    rows = "".join(f"| Agency {i} | {i + 100} |\n" for i in range(TABLE_ROWS + 5))
    article = read_article("| Source | Killed |\n|---|---|\n" + rows)
    assert article.text.count("According to") == TABLE_ROWS and article.rows_left == 5
    assert len(article.rows) == TABLE_ROWS
    html = "<p>x</p><table><tr><th>Source</th><th>Killed</th></tr>" + "".join(
        f"<tr><td>Agency {i}</td><td>{i + 100}</td></tr>" for i in range(TABLE_ROWS + 5)
    )  # never closed
    text = to_text(html)
    assert text.count("According to") == TABLE_ROWS
    assert f"Agency {TABLE_ROWS + 4} {TABLE_ROWS + 104}" in text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Officials said approxımately 40 people died.", [(40, "exact")]),
        ("Officials said 3 mıllion people died.", [(3, "exact")]),
    ],
)
def test_letters_that_match_only_ignoring_case_do_not_crash(
    text: str, found: list[tuple[int, str]]
) -> None:
    assert [(c.value, c.qualifier.value) for c in extract(text)] == found
