"""The claims-file reader: good files read right, hostile files refused with every problem listed.

Each file in ``tests/hostile/`` is paired below with the exact problems ``read_claims`` must
return, as ``line: message`` (the file name is put in front when comparing).
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from figcheck.claimsfile.full_reader import CLAIM_KEYS, claim_interval
from figcheck.claimsfile.yaml_nodes import compose
from figcheck.model import Claim, Kind, Metric, Qualifier, Settings, Source, content_id
from tests.conftest import read_claims

HOSTILE = Path(__file__).parent / "hostile"

QUALIFIERS = "exact, about, at_least, more_than, at_most, up_to, fewer_than, nearly, range"
CLAIM_KEY_LIST = (
    "id, metric, value, qualifier, low, high, unit, source, date, as_of, text, url, note"
)
TOP_KEY_LIST = "version, include, settings, metrics, sources, claims"
SYNTAX_HINT = "check the indentation, colons and quotes"

EXPECTED: dict[str, list[str]] = {
    "anchors_aliases.yaml": [
        "2: anchor &base is not allowed; write the value out in full",
        "7: alias *base is not allowed; write the value out in full",
        "7: each claim must be a mapping (metric:, value:, source:, date:)",
        "8: alias *base is not allowed; write the value out in full",
        "8: merge key '<<' is not allowed; write the values out",
        "8: claim is missing metric, date and value (or low and high)",
    ],
    "bad_numbers.yaml": [
        "2: tolerance must not be negative (-0.1)",
        "3: about must be below 1 (it is relative), not 1.5",
        "5: value must be a number written in digits, not 'twelve'",
        "6: value must not be negative (-12)",
        "7: value must be a finite number, not .nan",
        "8: value must be a finite number, not .inf",
        "9: value 1e3 would be read by YAML as text; write it in decimal",
        "10: value 0x1F is not a decimal number; write it in decimal",
        "11: low must be a finite number, not -.inf",
        "12: value must be a number, not a yes/no value",
    ],
    "bom.yaml": [
        "1: file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
    ],
    "claims_not_list.yaml": [
        "3: claims must be a list (each claim starting with '- ')",
    ],
    "control_characters.yaml": [
        "6: invisible control character U+001B; delete it",
    ],
    "crlf_tabs.yaml": [
        "4: tab in indentation; indent with spaces",
    ],
    "deep_nesting.yaml": [
        "2: nested more than 32 levels deep; a claims file needs 4 at most",
    ],
    "duplicate_ids.yaml": [
        "7: duplicate id c1 (also at line 2); give each claim its own",
        "13: the same claim as at line 12; remove one",
    ],
    "duplicate_keys.yaml": [
        "3: duplicate key 'tolerance' (first at line 2); keep only one",
        "8: duplicate key 'value' (first at line 6); keep only one",
        "10: duplicate key 'claims' (first at line 4); keep only one",
    ],
    "impossible_dates.yaml": [
        "2: date 2026-02-30 is not a real date",
        "3: date 2025-13-01 is not a real date",
        "4: date must be a date written YYYY-MM-DD, not '12/01/2026'",
        "5: date must be a date written YYYY-MM-DD, not '2026-04-01T10:00:00'",
        "6: date must be a date written YYYY-MM-DD, not 'yesterday'",
        "7: date 0000-01-01 is not a real date",
    ],
    "low_above_high.yaml": [
        "3: vague word 'several': low 9 is above high 3; swap them",
        "5: low 60 is above high 40; swap them",
        "6: low 60 is above 50, the most this claim allows",
        "7: high 40 is below 50, the least this claim allows",
        "8: high 1000000 is below 1850000, the least this claim allows",
        "9: a range claim needs low and high (or another qualifier)",
    ],
    "metric_registry.yaml": [
        "4: metric 'political_prisoners' is the same metric as 'Political prisoners';"
        " merge the two",
        "6: 'political_prisoners' names both metric 'political_prisoners' and 'released'",
        "8: metric name '???' has no letters or digits",
        "11: metric name '***' has no letters or digits",
        "12: source is empty",
    ],
    "missing_fields.yaml": [
        "2: claim is missing source",
        "5: claim is missing date and value (or low and high)",
        "7: claim is missing value (or low and high)",
        "11: claim is missing metric",
        "14: claim is missing value (or low and high)",
    ],
    "multiple_documents.yaml": [
        "3: a second YAML document ('---'); a claims file holds one: remove it",
    ],
    "not_utf8.yaml": [
        "4: not UTF-8: byte 0xe8; save the file as UTF-8",
    ],
    "nul.yaml": [
        "3: NUL character; this is not a text file",
    ],
    "syntax_colon.yaml": [
        f"6: YAML syntax: mapping values are not allowed in this context; {SYNTAX_HINT}",
    ],
    "syntax_unclosed_quote.yaml": [
        "5: YAML syntax: found unexpected end of stream while scanning a quoted scalar"
        f" at line 4; {SYNTAX_HINT}",
    ],
    "tabs.yaml": [
        "3: tab in indentation; indent with spaces",
        "5: tab in indentation; indent with spaces",
    ],
    "tags.yaml": [
        "1: tag !!python/object:collections.OrderedDict is not allowed; remove it",
        "4: tag !!python/object/apply:os.system is not allowed; remove it",
        "4: value must be a number, not a list",
        "5: tag !!str is not allowed; remove it",
        "7: tag !custom is not allowed; remove it",
    ],
    "top_level_list.yaml": [
        "1: the file must be a mapping of keys to values, starting with 'claims:'",
    ],
    "top_level_text.yaml": [
        "1: the file must be a mapping of keys to values, starting with 'claims:'",
    ],
    "unknown_keys.yaml": [
        "2: unknown key 'setings' in the file (did you mean 'settings'?)",
        "5: unknown key 'tolerence' in settings (did you mean 'tolerance'?)",
        "8: unknown key 'descripton' in metric 'detained' (did you mean 'description'?)",
        "11: unknown key 'nmae' in source 'Ministry' (did you mean 'name'?)",
        "13: claim is missing source",
        "15: unknown key 'sorce' in claim (did you mean 'source'?)",
        f"21: unknown key 'colour' in claim; use one of: {CLAIM_KEY_LIST}",
    ],
    "unknown_qualifiers.yaml": [
        "3: kind must be 'level', 'cumulative' or 'fixed', not 'running_total'",
        f"5: unknown qualifier 'abuot' (did you mean 'about'?); use one of: {QUALIFIERS}",
        f"6: unknown qualifier 'roughly'; use one of: {QUALIFIERS}",
    ],
    "version.yaml": [
        "1: version must be 1 (without quotes), not '2'",
    ],
    "wrong_types.yaml": [
        "1: settings must be a mapping of keys to values",
        "2: metrics must be a mapping of keys to values",
        "4: metric must be text, not a list",
        "6: source must be text, not a mapping",
        "7: date must be a date written YYYY-MM-DD, not 20260401",
        "9: value must be a number, not a list",
        "12: each claim must be a mapping (metric:, value:, source:, date:)",
        "17: url '404' would be read by YAML as a number; put it in quotes: \"404\"",
    ],
    "yaml11_traps.yaml": [
        "2: metric name 'NO' would be read by YAML as a yes/no value; put it in quotes: \"NO\"",
        "5: source 'NO' would be read by YAML as a yes/no value; put it in quotes: \"NO\"",
        "6: value 012 would be read by YAML as octal; drop the leading zero",
        "7: value 1:30 would be read by YAML as base 60; write it in decimal",
        "8: value must be a number, not text: write 50 without quotes or commas",
        "9: value 1,850 was split at the comma; write 1850, no commas",
        "11: value must be a number, not text: write 1850 without quotes or commas",
        "14: source 'on' would be read by YAML as a yes/no value; put it in quotes: \"on\"",
        "14: text '7' would be read by YAML as a number; put it in quotes: \"7\"",
        "15: id '0x1F' would be read by YAML as a number; put it in quotes: \"0x1F\"",
    ],
    # Ten levels of nine aliases each (9**9 strings if expanded): each anchor, alias and
    # unknown key is reported once on its line, nothing is expanded.
    "alias_bomb.yaml": [
        "1: anchor &lol0 is not allowed; write the value out in full",
        f"1: unknown key 'lol0' in the file; use one of: {TOP_KEY_LIST}",
        *[
            message
            for level in range(1, 10)
            for message in (
                f"{level + 1}: anchor &lol{level} is not allowed; write the value out in full",
                f"{level + 1}: alias *lol{level - 1} is not allowed; write the value out in full",
                f"{level + 1}: unknown key 'lol{level}' in the file; use one of: {TOP_KEY_LIST}",
            )
        ],
    ],
}


def read(text: str, path: str = "c.yaml") -> tuple[list[Claim], list[str]]:
    """Read dedented YAML text: the claims and the problems as ``path:line: message``."""
    claims_file, problems = read_claims(textwrap.dedent(text).encode("utf-8"), path)
    return list(claims_file.claims), [str(problem) for problem in problems]


def read_clean(text: str) -> list[Claim]:
    claims, problems = read(text)
    assert problems == []
    return claims


# --- the hostile corpus ------------------------------------------------------------------------


def test_every_hostile_file_has_its_expected_problems() -> None:
    assert sorted(path.name for path in HOSTILE.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_lists_every_problem(name: str) -> None:
    _, problems = read_claims((HOSTILE / name).read_bytes(), name)
    assert [str(problem) for problem in problems] == [f"{name}:{line}" for line in EXPECTED[name]]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_messages_are_one_line(name: str) -> None:
    _, problems = read_claims((HOSTILE / name).read_bytes(), name)
    assert problems
    assert all("\n" not in problem.message for problem in problems)


def test_alias_bomb_is_refused_without_expanding() -> None:
    data = (HOSTILE / "alias_bomb.yaml").read_bytes()
    start = time.perf_counter()
    claims_file, problems = read_claims(data, "bomb.yaml")
    assert time.perf_counter() - start < 1.0
    assert claims_file.claims == ()
    assert len(problems) == 29


def test_a_much_larger_alias_bomb_is_still_quick() -> None:
    lines = ["claims:", "  - &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"  - &a{n} [{', '.join([f'*a{n - 1}'] * 50)}]" for n in range(1, 40)]
    start = time.perf_counter()
    _, problems = read_claims("\n".join(lines).encode(), "bomb.yaml")
    assert time.perf_counter() - start < 1.0
    assert str(problems[0]) == "bomb.yaml:2: anchor &a0 is not allowed; write the value out in full"


def test_flow_nesting_thousands_deep_is_a_problem_not_a_crash() -> None:
    _, problems = read_claims(b"[" * 10_000, "deep.yaml")
    assert [problem.location.line for problem in problems] == [1]


def test_block_nesting_thousands_deep_is_a_problem_not_a_crash() -> None:
    _, problems = read_claims(b"- " * 5_000 + b"x\n", "deep.yaml")
    assert [str(problem) for problem in problems] == [
        "deep.yaml:1: nested more than 32 levels deep; a claims file needs 4 at most"
    ]


# --- good files --------------------------------------------------------------------------------

FULL = """\
    version: 1
    settings:
      tolerance: 0.2
      about: 0.15
      vague:
        Several: [3, 7]
    metrics:
      Political prisoners:
        description: People held for their views
        unit: people
        kind: cumulative
        aliases: [remain, held]
    sources:
      UN: {name: United Nations}
      NGO:
    claims:
      - id: 3f2a9c1e
        metric: political_prisoners
        value: 800
        qualifier: about
        source: rights groups
        date: 2026-01-12
        text: "~800 remain (rights groups)"
        url: https://example.org/a
        note: counted by hand
        unit: people
      - metric: Remain
        low: 40
        high: 60.5
        source: UN
        date: "2026-02-01"
"""


def test_a_full_file_is_read() -> None:
    claims_file, problems = read_claims(textwrap.dedent(FULL).encode(), "full.yaml")
    assert problems == []
    assert claims_file.path == "full.yaml"
    assert claims_file.settings == Settings(tolerance=0.2, about=0.15, vague=(("several", 3, 7),))
    assert claims_file.metrics == (
        Metric(
            "political_prisoners",
            description="People held for their views",
            unit="people",
            kind=Kind.CUMULATIVE,
            aliases=("remain", "held"),
        ),
    )
    assert claims_file.kind_of("political_prisoners") is Kind.CUMULATIVE
    assert claims_file.kind_of("something_else") is Kind.LEVEL
    assert claims_file.sources == (Source("UN", "United Nations"), Source("NGO"))
    first, second = claims_file.claims
    assert first == Claim(
        id="3f2a9c1e",
        metric="political_prisoners",
        source="rights groups",
        date=dt.date(2026, 1, 12),
        value=800.0,
        qualifier=Qualifier.ABOUT,
        unit="people",
        text="~800 remain (rights groups)",
        url="https://example.org/a",
        note="counted by hand",
    )
    assert first.location is not None and str(first.location) == "full.yaml:17"
    assert second.metric == "political_prisoners"  # the alias, in another case, resolved
    assert (second.qualifier, second.value, second.low, second.high) == (
        Qualifier.RANGE,
        None,
        40.0,
        60.5,
    )
    assert second.point == 50.25
    assert second.date == dt.date(2026, 2, 1)  # a quoted date is a date too


def test_defaults_exact_qualifier_and_a_derived_id() -> None:
    (claim,) = read_clean(
        """\
        claims:
          - {metric: freed, value: 50, source: UN, date: 2026-01-05}
        """
    )
    assert claim.qualifier is Qualifier.EXACT
    assert (claim.value, claim.low, claim.high) == (50.0, None, None)
    assert claim.id == content_id(claim)
    assert len(claim.id) == 8


def test_derived_ids_do_not_change_when_the_file_is_reordered() -> None:
    one = "  - {metric: freed, value: 50, source: UN, date: 2026-01-05}\n"
    two = "  - {metric: freed, value: 70, qualifier: about, source: NGO, date: 2026-01-06}\n"
    three = "  - {metric: held, low: 1, high: 3, source: UN, date: 2026-01-07}\n"
    forward = read_clean("claims:\n" + one + two + three)
    backward = read_clean("claims:\n" + three + two + one)
    assert [claim.id for claim in forward] == [claim.id for claim in reversed(backward)]
    assert len({claim.id for claim in forward}) == 3


def test_derived_id_ignores_the_note_but_not_the_value() -> None:
    base = "claims:\n  - {metric: freed, value: 50, source: UN, date: 2026-01-05%s}\n"
    plain = read_clean(base % "")[0].id
    assert read_clean(base % ", note: checked twice")[0].id == plain
    assert read_clean((base % "").replace("50", "51"))[0].id != plain


def test_an_explicit_id_is_kept() -> None:
    (claim,) = read_clean(
        """\
        claims:
          - {id: "00001234", metric: freed, value: 50, source: UN, date: 2026-01-05}
        """
    )
    assert claim.id == "00001234"


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("Political prisoners", "political_prisoners"),
        ("political-prisoners", "political_prisoners"),
        ("  Political   Prisoners!  ", "political_prisoners"),
        ("political_prisoners", "political_prisoners"),
        ("Deaths (total)", "deaths_total"),
    ],
)
def test_metric_names_are_slugified(written: str, slug: str) -> None:
    (claim,) = read_clean(
        f"""\
        claims:
          - {{metric: "{written}", value: 1, source: UN, date: 2026-01-05}}
        """
    )
    assert claim.metric == slug


def test_aliases_resolve_to_their_metric() -> None:
    claims = read_clean(
        """\
        metrics:
          released:
            aliases: [freed, Set Free]
          detained: {aliases: held}
        claims:
          - {metric: Freed, value: 1, source: A, date: 2026-01-05}
          - {metric: set free, value: 2, source: B, date: 2026-01-05}
          - {metric: held, value: 3, source: C, date: 2026-01-05}
          - {metric: unregistered thing, value: 4, source: D, date: 2026-01-05}
        """
    )
    assert [claim.metric for claim in claims] == [
        "released",
        "released",
        "detained",
        "unregistered_thing",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "# only a comment\n",
        "---\n",
        "claims:\n",
        "claims: []\n",
        "version: 1\nclaims:\n",
        "metrics:\nsources:\nsettings:\n",
    ],
)
def test_files_without_claims_are_valid(text: str) -> None:
    claims_file, problems = read_claims(text.encode(), "empty.yaml")
    assert problems == []
    assert claims_file.claims == ()
    assert claims_file.settings == Settings()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("value: 50", (Qualifier.EXACT, 50.0, None, None)),
        ("value: 2.5", (Qualifier.EXACT, 2.5, None, None)),
        ("value: 1_000", (Qualifier.EXACT, 1000.0, None, None)),
        ("value: 1.5e+3", (Qualifier.EXACT, 1500.0, None, None)),
        ("value: 0", (Qualifier.EXACT, 0.0, None, None)),
        ("low: 40, high: 60", (Qualifier.RANGE, None, 40.0, 60.0)),
        ("value: 40, low: 40, high: 60", (Qualifier.EXACT, 40.0, 40.0, 60.0)),
        ("value: 40, qualifier: range, low: 40, high: 60", (Qualifier.RANGE, 40.0, 40.0, 60.0)),
        ("value: 5, qualifier: at least", (Qualifier.AT_LEAST, 5.0, None, None)),
        ("value: 5, qualifier: Fewer-Than", (Qualifier.FEWER_THAN, 5.0, None, None)),
        ("value: 5, qualifier: about, low: 4", (Qualifier.ABOUT, 5.0, 4.0, None)),
    ],
)
def test_value_or_low_and_high(
    fields: str, expected: tuple[Qualifier, float | None, float | None, float | None]
) -> None:
    (claim,) = read_clean(f"claims:\n  - {{metric: m, source: S, date: 2026-01-05, {fields}}}\n")
    assert (claim.qualifier, claim.value, claim.low, claim.high) == expected


def test_text_fields_keep_their_words() -> None:
    (claim,) = read_clean(
        """\
        claims:
          - metric: m
            value: 3
            source: "NO"
            date: 2026-01-05
            text: 'Police: "three held"'
            note: |
              Two lines,
              kept as written.
        """
    )
    assert claim.source == "NO"
    assert claim.text == 'Police: "three held"'
    assert claim.note == "Two lines,\nkept as written."


def test_vague_settings() -> None:
    claims_file, problems = read_claims(
        b"settings:\n  vague:\n    A Few: [2, 4]\n    dozens: [24, 99.5]\n", "v.yaml"
    )
    assert problems == []
    assert claims_file.settings.vague == (("a few", 2.0, 4.0), ("dozens", 24.0, 99.5))
    assert claims_file.settings.tolerance == 0.10


def test_vague_problems_are_each_located() -> None:
    _, problems = read(
        """\
        settings:
          vague:
            several: [3]
            dozens:
              - 24
              - lots
        """
    )
    assert problems == [
        "c.yaml:3: vague word 'several' needs [low, high]",
        "c.yaml:6: 'dozens' bound must be a number written in digits, not 'lots'",
    ]


def test_metric_kind_defaults_to_level() -> None:
    claims_file, problems = read_claims(
        b"metrics:\n  deaths: {kind: cumulative}\n  held: {unit: people}\n  freed:\n", "k.yaml"
    )
    assert problems == []
    assert [(metric.name, metric.kind) for metric in claims_file.metrics] == [
        ("deaths", Kind.CUMULATIVE),
        ("held", Kind.LEVEL),
        ("freed", Kind.LEVEL),
    ]


def test_empty_registry_fields_count_as_absent() -> None:
    claims_file, problems = read_claims(
        b"metrics:\n  held: {kind: , aliases: , unit: }\nsources:\n  UN: {name: }\n", "e.yaml"
    )
    assert problems == []
    assert claims_file.metrics == (Metric("held"),)
    assert claims_file.sources == (Source("UN"),)


def test_a_claims_file_with_windows_line_endings_reports_true_lines() -> None:
    data = b"claims:\r\n  - metric: m\r\n    value: -1\r\n    source: S\r\n    date: 2026-01-05\r\n"
    _, problems = read_claims(data, "w.yaml")
    assert [str(problem) for problem in problems] == ["w.yaml:3: value must not be negative (-1)"]


def test_problems_from_every_stage_come_out_in_line_order() -> None:
    _, problems = read(
        """\
        claims:
          - {metric: m, value: 5, source: S, date: 2026-01-05, nte: x}
          - &x {metric: m, value: 6, source: S, date: 2026-02-30}
        """
    )
    assert problems == [
        "c.yaml:2: unknown key 'nte' in claim (did you mean 'note'?)",
        "c.yaml:3: anchor &x is not allowed; write the value out in full",
        "c.yaml:3: date 2026-02-30 is not a real date",
    ]


def test_a_bad_claim_is_left_out_and_the_good_ones_kept() -> None:
    claims_file, problems = read_claims(
        b"claims:\n"
        b"  - {metric: m, value: 5, source: S, date: 2026-01-05}\n"
        b"  - {metric: m, value: x, source: S, date: 2026-01-05}\n",
        "p.yaml",
    )
    assert [claim.value for claim in claims_file.claims] == [5.0]
    assert len(problems) == 1


def test_large_numbers_are_shown_as_written() -> None:
    _, problems = read(
        "claims:\n  - {metric: m, low: 2500000, high: 1850000, source: S, date: 2026-01-05}\n"
    )
    assert problems == ["c.yaml:2: low 2500000 is above high 1850000; swap them"]


def test_claim_keys_are_the_contract_ones() -> None:
    assert set(CLAIM_KEYS) == {
        "id",
        "metric",
        "value",
        "qualifier",
        "low",
        "high",
        "unit",
        "source",
        "date",
        "text",
        "url",
        "note",
        "as_of",
    }


def test_compose_keeps_lines() -> None:
    root, problems = compose(b"claims:\n  - metric: m\n", "n.yaml")
    assert problems == []
    assert root is not None and root.line == 1


# --- intervals (contract section 2) ------------------------------------------------------------


def make(qualifier: Qualifier, value: float | None = 50.0, **bounds: float) -> Claim:
    return Claim(
        id="x",
        metric="m",
        source="S",
        date=dt.date(2026, 1, 1),
        value=value,
        qualifier=qualifier,
        **bounds,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("claim", "interval"),
    [
        (make(Qualifier.EXACT), (50.0, 50.0)),
        (make(Qualifier.ABOUT), (45.0, 55.0)),
        (make(Qualifier.AT_LEAST), (50.0, math.inf)),
        (make(Qualifier.MORE_THAN), (50.0, math.inf)),
        (make(Qualifier.AT_MOST), (0.0, 50.0)),
        (make(Qualifier.UP_TO), (0.0, 50.0)),
        (make(Qualifier.FEWER_THAN), (0.0, 50.0)),
        (make(Qualifier.NEARLY), (45.0, 50.0)),
        (make(Qualifier.RANGE, None, low=40.0, high=60.0), (40.0, 60.0)),
        (make(Qualifier.ABOUT, low=48.0), (48.0, 55.0)),
        (make(Qualifier.AT_LEAST, high=70.0), (50.0, 70.0)),
    ],
)
def test_claim_interval(claim: Claim, interval: tuple[float, float]) -> None:
    low, high = claim_interval(claim, 0.10)
    assert low == pytest.approx(interval[0])
    assert high == pytest.approx(interval[1])


# --- nothing read_claims is given makes it raise -------------------------------------------------

VALID = textwrap.dedent(FULL).encode()
YAMLISH = st.sampled_from(
    [":", "-", " ", "\n", "\t", "#", "&", "*", "!", "!!", "[", "]", "{", "}", ",", "'", '"', "|",
     ">", "?", "%", "@", "`", "~", "<<", "---", "...", "0", "1e3", ".nan", "NO", "2026-02-30",
     "\x00", "\x1b", "\ufeff", "\u2028", "\r", "claims:", "- ", "value: "]
)  # fmt: skip


def assert_reads_quickly(data: bytes) -> None:
    start = time.perf_counter()
    claims_file, problems = read_claims(data, "f.yaml")
    assert time.perf_counter() - start < 1.0
    assert isinstance(claims_file.claims, Sequence)
    assert all(problem.location.line >= 1 for problem in problems)


QUICK = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    assert_reads_quickly(data)


@QUICK
@given(st.text(max_size=2000))
def test_arbitrary_text_never_raises(text: str) -> None:
    assert_reads_quickly(text.encode("utf-8", "surrogatepass"))


@QUICK
@given(st.lists(st.one_of(YAMLISH, st.text(max_size=5)), max_size=200))
def test_yaml_like_soup_never_raises(pieces: list[str]) -> None:
    assert_reads_quickly("".join(pieces).encode("utf-8", "surrogatepass"))


@QUICK
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(VALID)),
            st.integers(min_value=0, max_value=8),
            st.one_of(YAMLISH.map(str.encode), st.binary(max_size=4)),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_mutated_valid_files_never_raise(edits: list[tuple[int, int, bytes]]) -> None:
    data = VALID
    for position, removed, inserted in edits:
        data = data[:position] + inserted + data[position + removed :]
    assert_reads_quickly(data)
