"""The checks that let extract skip a pattern where it cannot match give what the pattern gives."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from figcheck.extract import attribution, figures
from figcheck.shorthand import qualifier_before

FAST = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_WORDS = """a minimum of upwards up to more than as many at least most about some awesome over no
    fewer close an estimated quarter thirds half one three Of UP Less moreover said the UN Agency
    é ſome ~ < ≥ , . 12 1,200"""
WORDS = st.sampled_from(_WORDS.split())
SPACES = st.sampled_from([" ", "  ", "\n", " \n", "\t"])


@st.composite
def words_before_a_figure(draw: st.DrawFn) -> tuple[str, int, int]:
    """Words ending just before a figure, and where the sentence starts."""
    words = draw(st.lists(st.tuples(WORDS, SPACES), max_size=10))
    before = "".join(word + space for word, space in words)
    text = before + "40 people"
    return text, len(before), draw(st.integers(min_value=0, max_value=len(before)))


@FAST
@given(words_before_a_figure())
def test_a_qualifier_is_found_as_the_shorthand_finds_it(case: tuple[str, int, int]) -> None:
    text, position, start = case
    assert figures._qualifier_before(text, position, start) == qualifier_before(
        text, position, start
    )


@FAST
@given(words_before_a_figure())
def test_a_fraction_before_a_figure_is_looked_for_wherever_it_may_be(
    case: tuple[str, int, int],
) -> None:
    text, position, start = case
    lead = text[max(start, position - 30) : position]
    if figures._FRACTION_OF.search(lead):
        assert figures._may_end_in(lead, figures._FRACTIONS)


@FAST
@given(st.text(alphabet="ab’'_1 \nthe", max_size=30))
def test_the_word_before_an_organisation_is_read_as_from_every_position(window: str) -> None:
    anywhere = re.compile(r"([\w'’]+)\s+(?:the\s+|an?\s+)?$")
    found, expected = attribution._WORD_BEFORE.search(window), anywhere.search(window)
    assert (found and (found.span(), found.group(1))) == (
        expected and (expected.span(), expected.group(1))
    )
