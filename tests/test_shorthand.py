"""The claim shorthand on its own: a table of phrasings, errors with their caret, round-trips."""

from __future__ import annotations

import ast
import contextlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from figcheck.model import ClaimsFile, Metric, Qualifier
from figcheck.shorthand import (
    DEFAULT_VAGUE,
    ChangeNotRange,
    Reading,
    ShorthandError,
    format_error,
    parse,
    render,
)

REGISTRY = ClaimsFile(
    path="claims.yaml",
    metrics=(
        Metric("prisoners_released", aliases=("released", "freed", "prisoners released")),
        Metric("political_prisoners", aliases=("political prisoners", "remain", "held")),
        Metric("protest_deaths", aliases=("killed", "deaths", "death toll")),
        Metric("americans_released", aliases=("americans", "us citizens released")),
    ),
)
METRICS = REGISTRY.metric_names()
RELEASED = "prisoners_released"
POLITICAL = "political_prisoners"
DEATHS = "protest_deaths"

Q = Qualifier


def reading(
    qualifier: Qualifier,
    value: float | None,
    low: float | None = None,
    high: float | None = None,
    **rest: Any,
) -> Reading:
    return Reading(qualifier, value, low, high, **rest)


def vague(low: float, high: float, words: str, **rest: Any) -> Reading:
    return Reading(Q.RANGE, low, low, high, vague=words, **rest)


READINGS: list[tuple[str, Reading]] = [
    # the contract's and the issue's own examples
    ("~50 released (UN)", reading(Q.ABOUT, 50, what="released", metric=RELEASED, source="UN")),
    (
        "at least 1,850 killed (HRANA)",
        reading(Q.AT_LEAST, 1850, what="killed", metric=DEATHS, source="HRANA"),
    ),
    (
        "between 40 and 60 freed (Foro Penal)",
        reading(Q.RANGE, None, 40, 60, what="freed", metric=RELEASED, source="Foro Penal"),
    ),
    (
        "more than 2.4 million displaced (UNHCR)",
        reading(Q.MORE_THAN, 2_400_000, what="displaced", source="UNHCR"),
    ),
    (
        "several released (State Department)",
        vague(3, 9, "several", what="released", metric=RELEASED, source="State Department"),
    ),
    ("a dozen arrested (police)", reading(Q.EXACT, 12, what="arrested", source="police")),
    (
        "nearly 300 arrested (Amnesty International)",
        reading(Q.NEARLY, 300, what="arrested", source="Amnesty International"),
    ),
    (
        "up to 5,000 marchers (organisers)",
        reading(Q.UP_TO, 5000, what="marchers", source="organisers"),
    ),
    # every qualifier phrase of contract section 2
    ("50", reading(Q.EXACT, 50)),
    ("~ 50", reading(Q.ABOUT, 50)),
    ("about 50", reading(Q.ABOUT, 50)),
    ("About 50", reading(Q.ABOUT, 50)),
    ("around 50", reading(Q.ABOUT, 50)),
    ("approximately 50", reading(Q.ABOUT, 50)),
    ("roughly 50", reading(Q.ABOUT, 50)),
    ("some 50", reading(Q.ABOUT, 50)),
    ("an estimated 50", reading(Q.ABOUT, 50)),
    ("at least 50", reading(Q.AT_LEAST, 50)),
    ("At  least 50", reading(Q.AT_LEAST, 50)),
    ("≥50", reading(Q.AT_LEAST, 50)),
    (">= 50", reading(Q.AT_LEAST, 50)),
    ("no fewer than 50", reading(Q.AT_LEAST, 50)),
    ("a minimum of 50", reading(Q.AT_LEAST, 50)),
    ("more than 50", reading(Q.MORE_THAN, 50)),
    ("over 50", reading(Q.MORE_THAN, 50)),
    (">50", reading(Q.MORE_THAN, 50)),
    ("surpassing 50", reading(Q.MORE_THAN, 50)),
    ("exceeding 50", reading(Q.MORE_THAN, 50)),
    ("upwards of 50", reading(Q.MORE_THAN, 50)),
    ("at most 50", reading(Q.AT_MOST, 50)),
    ("≤ 50", reading(Q.AT_MOST, 50)),
    ("<=50", reading(Q.AT_MOST, 50)),
    ("no more than 50", reading(Q.AT_MOST, 50)),
    ("up to 50", reading(Q.UP_TO, 50)),
    ("as many as 50", reading(Q.UP_TO, 50)),
    ("fewer than 50", reading(Q.FEWER_THAN, 50)),
    ("less than 50", reading(Q.FEWER_THAN, 50)),
    ("under 50", reading(Q.FEWER_THAN, 50)),
    ("<50", reading(Q.FEWER_THAN, 50)),
    ("nearly 50", reading(Q.NEARLY, 50)),
    ("almost 50", reading(Q.NEARLY, 50)),
    ("close to 50", reading(Q.NEARLY, 50)),
    # ranges
    ("40-60", reading(Q.RANGE, None, 40, 60)),
    ("40–60", reading(Q.RANGE, None, 40, 60)),
    ("40 — 60", reading(Q.RANGE, None, 40, 60)),
    ("40 to 60", reading(Q.RANGE, None, 40, 60)),
    ("between 40 and 60", reading(Q.RANGE, None, 40, 60)),
    ("between 40-60", reading(Q.RANGE, None, 40, 60)),
    ("50-50", reading(Q.RANGE, None, 50, 50)),
    ("2-3 million", reading(Q.RANGE, None, 2_000_000, 3_000_000)),
    ("1.5 to 2m", reading(Q.RANGE, None, 1_500_000, 2_000_000)),
    ("between 2 and 3 million", reading(Q.RANGE, None, 2_000_000, 3_000_000)),
    ("500 to 3 million", reading(Q.RANGE, None, 500, 3_000_000)),
    ("2k-3k", reading(Q.RANGE, None, 2000, 3000)),
    ("forty-sixty", reading(Q.RANGE, None, 40, 60)),
    ("five to ten", reading(Q.RANGE, None, 5, 10)),
    ("two to three million", reading(Q.RANGE, None, 2_000_000, 3_000_000)),
    ("between one hundred and two hundred", reading(Q.RANGE, None, 100, 200)),
    ("between two hundred and fifty and three hundred", reading(Q.RANGE, None, 250, 300)),
    # number forms
    ("1,850", reading(Q.EXACT, 1850)),
    ("1850", reading(Q.EXACT, 1850)),
    ("3,500,000", reading(Q.EXACT, 3_500_000)),
    ("2.4 million", reading(Q.EXACT, 2_400_000)),
    ("2.4 Million", reading(Q.EXACT, 2_400_000)),
    ("2.4m", reading(Q.EXACT, 2_400_000)),
    ("3k", reading(Q.EXACT, 3000)),
    ("3K", reading(Q.EXACT, 3000)),
    ("1.2 billion", reading(Q.EXACT, 1_200_000_000)),
    ("1.2bn", reading(Q.EXACT, 1_200_000_000)),
    ("3 thousand", reading(Q.EXACT, 3000)),
    ("2 hundred thousand", reading(Q.EXACT, 200_000)),
    ("6 lakh", reading(Q.EXACT, 600_000)),
    ("six lakh", reading(Q.EXACT, 600_000)),
    ("a lakh", reading(Q.EXACT, 100_000)),
    ("15 crore", reading(Q.EXACT, 150_000_000)),
    ("2 crores", reading(Q.EXACT, 20_000_000)),
    ("1.5 lakh crore", reading(Q.EXACT, 1_500_000_000_000)),
    ("1,50,000", reading(Q.EXACT, 150_000)),  # thousands, then lakhs, as South Asian outlets write
    ("12,34,567", reading(Q.EXACT, 1_234_567)),
    ("0.5", reading(Q.EXACT, 0.5)),
    ("1,234.5", reading(Q.EXACT, 1234.5)),
    ("0", reading(Q.EXACT, 0)),
    ("zero", reading(Q.EXACT, 0)),
    ("five", reading(Q.EXACT, 5)),
    ("Eleven", reading(Q.EXACT, 11)),
    ("twenty-one", reading(Q.EXACT, 21)),
    ("twenty one", reading(Q.EXACT, 21)),
    ("ninety-nine", reading(Q.EXACT, 99)),
    ("two hundred and fifty", reading(Q.EXACT, 250)),
    ("one hundred five", reading(Q.EXACT, 105)),
    ("three thousand", reading(Q.EXACT, 3000)),
    ("twelve hundred", reading(Q.EXACT, 1200)),
    ("twenty-five hundred", reading(Q.EXACT, 2500)),
    ("seven hundred thousand", reading(Q.EXACT, 700_000)),
    ("one million two hundred thousand", reading(Q.EXACT, 1_200_000)),
    ("twenty-one thousand five hundred and six", reading(Q.EXACT, 21_506)),
    ("five million", reading(Q.EXACT, 5_000_000)),
    ("a dozen", reading(Q.EXACT, 12)),
    ("two dozen", reading(Q.EXACT, 24)),
    ("a hundred", reading(Q.EXACT, 100)),
    ("a thousand", reading(Q.EXACT, 1000)),
    ("a million", reading(Q.EXACT, 1_000_000)),
    ("half a million", reading(Q.EXACT, 500_000)),
    ("about a dozen", reading(Q.ABOUT, 12)),
    ("nearly a million", reading(Q.NEARLY, 1_000_000)),
    ("more than five hundred", reading(Q.MORE_THAN, 500)),
    # vague words (contract section 5)
    ("a couple", vague(2, 3, "a couple")),
    ("a couple of", vague(2, 3, "a couple")),
    ("A couple of freed", vague(2, 3, "a couple", what="freed", metric=RELEASED)),
    ("a few", vague(2, 5, "a few")),
    ("several", vague(3, 9, "several")),
    ("dozens", vague(24, 99, "dozens")),
    ("dozens of protesters", vague(24, 99, "dozens", what="protesters")),
    ("scores", vague(40, 99, "scores")),
    ("scores of dead", vague(40, 99, "scores", what="dead")),
    ("hundreds", vague(200, 999, "hundreds")),
    ("thousands", vague(2000, 9999, "thousands")),
    ("tens of thousands", vague(20_000, 99_999, "tens of thousands")),
    ("hundreds of thousands", vague(200_000, 999_999, "hundreds of thousands")),
    ("millions", vague(2_000_000, 9_999_999, "millions")),
    ("several hundred", vague(300, 900, "several hundred")),
    ("a few thousand killed", vague(2000, 5000, "a few thousand", what="killed", metric=DEATHS)),
    # WHAT: names, aliases, case, plurals; unknown with and without a suggestion
    ("5 prisoners_released", reading(Q.EXACT, 5, what="prisoners_released", metric=RELEASED)),
    ("5 prisoners released", reading(Q.EXACT, 5, what="prisoners released", metric=RELEASED)),
    ("5 Released", reading(Q.EXACT, 5, what="Released", metric=RELEASED)),
    ("5 releases", reading(Q.EXACT, 5, what="releases", metric=RELEASED)),
    ("5 political prisoner", reading(Q.EXACT, 5, what="political prisoner", metric=POLITICAL)),
    ("5 Political Prisoners", reading(Q.EXACT, 5, what="Political Prisoners", metric=POLITICAL)),
    ("5 remains", reading(Q.EXACT, 5, what="remains", metric=POLITICAL)),
    ("5 death", reading(Q.EXACT, 5, what="death", metric=DEATHS)),
    ("5 American", reading(Q.EXACT, 5, what="American", metric="americans_released")),
    ("5 kiled", reading(Q.EXACT, 5, what="kiled", suggestion="killed")),
    (
        "5 politcal prisoners",
        reading(Q.EXACT, 5, what="politcal prisoners", suggestion="political_prisoners"),
    ),
    ("5 wounded", reading(Q.EXACT, 5, what="wounded")),
    ("5 people held in El Helicoide", reading(Q.EXACT, 5, what="people held in El Helicoide")),
    # sources
    ("50 (UN)", reading(Q.EXACT, 50, source="UN")),
    (
        "50 killed ( Foro Penal )  ",
        reading(Q.EXACT, 50, what="killed", metric=DEATHS, source="Foro Penal"),
    ),
    (
        "50 killed (UN, citing local groups)",
        reading(Q.EXACT, 50, what="killed", metric=DEATHS, source="UN, citing local groups"),
    ),
    (
        "50 killed (UN (OHCHR), Geneva)",
        reading(Q.EXACT, 50, what="killed", metric=DEATHS, source="UN (OHCHR), Geneva"),
    ),
    ("  ~ 50   killed  ", reading(Q.ABOUT, 50, what="killed", metric=DEATHS)),
]


@pytest.mark.parametrize(("text", "expected"), READINGS, ids=[text for text, _ in READINGS])
def test_reads(text: str, expected: Reading) -> None:
    assert parse(text, METRICS) == expected


def test_the_table_is_large_and_distinct() -> None:
    texts = [text for text, _ in READINGS]
    assert len(texts) >= 80
    assert len(set(texts)) == len(texts)


def test_reading_keeps_the_text() -> None:
    assert parse("~50 released (UN)", METRICS).text == "~50 released (UN)"


def test_vague_value_is_the_lower_bound_as_a_float() -> None:
    got = parse("several", METRICS)
    assert (got.value, got.low, got.high) == (3.0, 3.0, 9.0)
    assert all(isinstance(number, float) for number in (got.value, got.low, got.high))


SETTINGS_VAGUE = (("several", 5.0, 7.0), ("a handful of", 3.0, 6.0), ("dozens", 30.0, 90.0))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("several freed", vague(5, 7, "several", what="freed", metric=RELEASED)),
        ("a handful of freed", vague(3, 6, "a handful", what="freed", metric=RELEASED)),
        ("A Handful", vague(3, 6, "a handful")),
        ("dozens", vague(30, 90, "dozens")),
        ("a few", vague(2, 5, "a few")),  # a default the settings leave alone
    ],
)
def test_settings_override_vague_words(text: str, expected: Reading) -> None:
    assert parse(text, METRICS, SETTINGS_VAGUE) == expected


def test_without_a_registry_nothing_resolves() -> None:
    assert parse("5 killed") == reading(Q.EXACT, 5, what="killed")


ERRORS: list[tuple[str, str, int]] = [
    ("", "nothing to read: write a figure such as '~50 released (UN)'", 0),
    ("   ", "nothing to read: write a figure such as '~50 released (UN)'", 0),
    ("(UN)", "expected a number before the source", 0),
    ("  (UN)", "expected a number before the source", 2),
    ("released (UN)", "expected a number (50, 1,850, 2.4 million, five), not 'released'", 0),
    (
        "abt 50 released",
        "'abt' is not a qualifier figcheck reads (such as 'about', 'at least', 'up to'); "
        "write a figure such as '~50 released (UN)'",
        0,
    ),
    ("about released", "expected a number after 'about', not 'released'", 6),
    ("at least", "expected a number after 'at least', not ''", 8),
    ("~ ~50", "expected a number after '~', not '~'", 2),
    ("50abc", "unexpected 'abc' right after the number", 2),
    ("50% killed", "unexpected '%' right after the number", 2),
    ("1,85 killed", "misplaced thousands separator in '1,85'", 1),
    ("1850,000", "misplaced thousands separator in '1850,000'", 0),
    ("1,50,00 killed", "misplaced thousands separator in '1,50,00'", 1),
    ("12,3,456 killed", "misplaced thousands separator in '12,3,456'", 2),
    ("50 60 killed", "a second figure: write a range as '40-60'", 3),
    ("five five", "'five' cannot follow 'five'", 5),
    ("twenty twenty", "'twenty' cannot follow 'twenty'", 7),
    ("50 killed (UN", "'(' is never closed", 10),
    ("50 killed UN)", "')' has no matching '('", 12),
    ("50 killed ()", "the parentheses hold no source", 11),
    (
        "50 (UN) killed",
        "only the source goes in parentheses, at the end: '50 released (UN)'",
        3,
    ),
    ("60-40", "the range's low end 60 is above its high end 40", 0),
    ("40 to", "expected the top of the range after 'to'", 5),
    ("between 40 and", "expected the top of the range after 'and'", 14),
    ("40-", "expected the top of the range after '-'", 3),
    ("40 to released", "expected the top of the range after 'to'", 6),
    ("about 40-60", "a range takes no qualifier; drop 'about'", 0),
    ("between 40", "'between' needs two figures: 'between 40 and 60'", 10),
    ("at least several", "'several' is already a range; drop 'at least'", 0),
    ("50 ...", "cannot read '...' as what is counted", 3),
    ("2.4 millions displaced", "'millions' cannot follow the figure here", 4),
    ("5 thousand hundred", "'hundred' cannot follow the multiplier before it", 11),
    ("1.5m million", "'million' cannot follow the figure here", 5),
]


@pytest.mark.parametrize(("text", "message", "position"), ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_say_where_reading_stopped(text: str, message: str, position: int) -> None:
    with pytest.raises(ShorthandError) as caught:
        parse(text, METRICS)
    assert (caught.value.message, caught.value.position) == (message, position)
    assert caught.value.text == text
    assert caught.value.exit_code == 2


CHANGES = [
    ("rose from 350 to 680", 5),
    ("from 350 to 680", 0),
    ("From 350 to 680 released (UN)", 0),
    ("released rose from 350 to 680 (UN)", 14),
    ("fell from two hundred to fifty", 5),
    ("up from 1,000-2,000", 3),
]


@pytest.mark.parametrize(("text", "position"), CHANGES)
def test_a_change_is_refused_as_a_change(text: str, position: int) -> None:
    with pytest.raises(ChangeNotRange) as caught:
        parse(text, METRICS)
    assert caught.value.position == position
    assert "describes a change, not a range" in caught.value.message


def test_change_message_in_full() -> None:
    with pytest.raises(ChangeNotRange) as caught:
        parse("rose from 350 to 680", METRICS)
    assert caught.value.message == (
        "'from 350 to 680' describes a change, not a range: add each figure as its own claim "
        "with the date it was true (a range is written '350-680')"
    )


def test_from_without_two_figures_is_part_of_what() -> None:
    got = parse("50 released from prison (UN)", METRICS)
    assert got.what == "released from prison"


def test_format_error_draws_a_caret() -> None:
    with pytest.raises(ShorthandError) as caught:
        parse("about released (UN)", METRICS)
    assert format_error(caught.value) == (
        "expected a number after 'about', not 'released'\n  about released (UN)\n        ^"
    )


def test_format_error_keeps_the_caret_under_wide_and_control_characters() -> None:
    with pytest.raises(ShorthandError) as caught:
        parse("\t難民 50", METRICS)
    assert format_error(caught.value).splitlines()[1:] == ["  ␉難民 50", "   ^"]
    with pytest.raises(ShorthandError) as caught:
        parse("50 難民 (UN", METRICS)
    assert format_error(caught.value).splitlines()[1:] == ["  50 難民 (UN", "          ^"]


# Round trips: a reading rendered as shorthand reads back as the same reading.

KNOWN_WHAT = {"released": RELEASED, "Killed": DEATHS, "political prisoners": POLITICAL}
NEW_WHAT = ["arrested", "displaced", "marchers", "wounded people", "detained in Caracas"]
figures = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(float),
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False).map(float),
)
sources = st.one_of(
    st.none(),
    st.sampled_from(["UN", "HRANA", "Foro Penal", "UN, citing NGOs", "UN (OHCHR)", "a (b (c))"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.'-ÁéñÜ", min_size=1, max_size=20).filter(
        lambda source: source.strip() == source and source != ""
    ),
)


@st.composite
def readings(draw: st.DrawFn) -> Reading:
    what = draw(st.one_of(st.none(), st.sampled_from([*KNOWN_WHAT, *NEW_WHAT])))
    metric = KNOWN_WHAT.get(what) if what else None
    source = draw(sources)
    kind = draw(st.sampled_from(["point", "range", "vague"]))
    if kind == "vague":
        word, low, high = draw(st.sampled_from(DEFAULT_VAGUE))
        return vague(float(low), float(high), word, what=what, metric=metric, source=source)
    if kind == "range":
        low, high = sorted((draw(figures), draw(figures)))
        return reading(Q.RANGE, None, low, high, what=what, metric=metric, source=source)
    qualifier = draw(st.sampled_from([q for q in Qualifier if q is not Q.RANGE]))
    return reading(qualifier, draw(figures), what=what, metric=metric, source=source)


@given(readings())
def test_render_then_parse_is_the_same_reading(original: Reading) -> None:
    assert parse(render(original), METRICS) == original


@given(st.sampled_from([text for text, _ in READINGS]))
def test_every_table_reading_survives_a_round_trip(text: str) -> None:
    first = parse(text, METRICS)
    assert parse(render(first), METRICS) == first


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("~50 released (UN)", "~50 released (UN)"),
        ("an estimated 1850 killed", "~1,850 killed"),
        ("between 2 and 3 million", "2,000,000-3,000,000"),
        ("a few thousand (UN)", "a few thousand (UN)"),
        ("1,234.5", "1,234.5"),
        ("no fewer than a dozen", "at least 12"),
    ],
)
def test_render(text: str, rendered: str) -> None:
    assert render(parse(text, METRICS)) == rendered


def test_the_parser_is_pure() -> None:
    source = Path(__file__).resolve().parents[1] / "src" / "figcheck" / "shorthand.py"
    imported: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"pandas", "typer", "rich", "yaml"}
    assert "print" not in source.read_text(encoding="utf-8")


PIECES = [
    *"0123456789,.-–~<>=≥≤() kmb\t",
    *["about ", "at least ", "from ", " to ", " and ", "between ", "five", "-one", " hundred"],
    *[
        " thousand",
        "a ",
        "few",
        " of ",
        "several",
        "dozen",
        "s",
        "killed",
        "released",
        "(UN)",
        "難",
    ],
]


@given(st.lists(st.sampled_from(PIECES), max_size=15).map("".join))
def test_any_text_reads_or_fails_with_a_position(text: str) -> None:
    try:
        got = parse(text, METRICS)
    except ShorthandError as error:
        assert 0 <= error.position <= len(text)
        assert format_error(error).count("^") >= 1
    else:
        assert got.qualifier in Qualifier
        assert got.value is not None or got.qualifier is Q.RANGE
        if got.low is not None and got.high is not None:
            assert got.low <= got.high


@pytest.mark.parametrize(
    "text",
    ["approxımately 40 killed (UN)", "3 mıllion killed (UN)", "3 bıllion killed (UN)"],
)
def test_letters_that_match_only_ignoring_case_are_an_error_not_a_crash(text: str) -> None:
    """Ignoring case, Python matches "ı" (dotless i) to "i": "mıllion" is no scale word."""
    with pytest.raises(ShorthandError):
        parse(text)


@given(
    st.sampled_from(["about 3 million killed (UN)", "at least twenty thousand freed (HRW)"]),
    st.lists(st.integers(min_value=0, max_value=40), max_size=3),
    st.sampled_from(["ı", "ſ", "\u212a", "İ"]),
)
def test_a_letter_outside_ascii_never_crashes_the_reader(
    text: str, places: list[int], letter: str
) -> None:
    chars = list(text)
    for place in places:
        chars[place % len(chars)] = letter
    with contextlib.suppress(ShorthandError):  # an error is fine; a crash is not
        parse("".join(chars))
