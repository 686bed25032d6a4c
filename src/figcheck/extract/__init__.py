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
    were true at different times and belong to different dates. "rose by 20 to 450" gives the
    rise (``change:by``) and the figure after.
attribution rules
    ``parens`` ("50 released (UN)"), ``according_to``, ``by`` ("as confirmed by X"),
    ``said`` (X said/estimated/reported/confirmed/claimed/suggested/puts … before or after the
    figure, across clauses), ``previous_sentence`` ("It said …", "The agency also said …",
    "Another 20 …"), ``quotation`` (a sentence inside a quotation whose speaker another sentence
    names: "'…,' said X. 'At least 100 …'"), ``nearest_org`` (the closest named organisation
    earlier in the sentence), ``none``.

One module a stage: :mod:`~figcheck.extract.text` (Markdown and HTML to text),
:mod:`~figcheck.extract.sentences`, :mod:`~figcheck.extract.figures` (and what each counts),
:mod:`~figcheck.extract.attribution`, :mod:`~figcheck.extract.dates`; and
:mod:`~figcheck.extract.candidates`, which puts them together, with
:mod:`~figcheck.extract.offers` for the other sources a candidate is offered.
"""

from __future__ import annotations

from figcheck.extract.candidates import Candidate, as_record, as_shorthand, extract
from figcheck.extract.dates import find_date
from figcheck.extract.sentences import split_sentences
from figcheck.extract.text import TABLE_ROWS, Article, read_article, to_text, without_controls

__all__ = [
    "TABLE_ROWS",
    "Article",
    "Candidate",
    "as_record",
    "as_shorthand",
    "extract",
    "find_date",
    "read_article",
    "split_sentences",
    "to_text",
    "without_controls",
]
