"""Never misread what was typed: ambiguous numbers, typos of scale words, sources written in
words, common wordings, and figures, dates and tolerances that cannot be what was meant."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from figcheck.claimsfile import reading
from figcheck.cli import app
from figcheck.model import ClaimsFile, Metric, Qualifier, value_problem
from figcheck.shorthand import ShorthandError, format_error, moment_on, parse, read_amount
from tests.conftest import read_claims

from .test_add import START, Write, claims, invoke

Q = Qualifier
METRICS = ClaimsFile(
    path="claims.yaml",
    metrics=(
        Metric("political_prisoners", aliases=("political prisoners",)),
        Metric("displaced"),
    ),
).metric_names()
POLITICAL = "political_prisoners"


def read(text: str) -> dict[str, Any]:
    got = parse(text, METRICS)
    fields = ("qualifier", "value", "low", "high", "metric", "what", "source", "as_of")
    return {name: getattr(got, name) for name in fields if getattr(got, name) is not None}


# --- numbers ---------------------------------------------------------------------------------


AMBIGUOUS = [
    ("1.200 displaced (UN)", "'1.200' can be read two ways: 1,200 (the dot separates thousands) "
     "or 1.2 (a decimal point); write '1,200' or '1.2'"),
    ("about 12.345 displaced", "'12.345' can be read two ways: 12,345 (the dot separates "
     "thousands) or 12.345 (a decimal point); write '12,345' or '12.3450'"),
    ("1.500 million displaced", "'1.500 million' can be read two ways: 1,500 million (the dot "
     "separates thousands) or 1.5 million (a decimal point); write '1,500 million' or "
     "'1.5 million'"),
    ("between 1.500 and 2.000", "'1.500' can be read two ways: 1,500 (the dot separates "
     "thousands) or 1.5 (a decimal point); write '1,500' or '1.5'"),
    ("1,500-2.000", "'2.000' can be read two ways: 2,000 (the dot separates thousands) or 2 (a "
     "decimal point); write '2,000' or '2'"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), AMBIGUOUS)
def test_a_dot_before_three_digits_is_refused_with_both_readings(text: str, message: str) -> None:
    with pytest.raises(ShorthandError) as caught:
        parse(text, METRICS)
    assert caught.value.message == message
    number = message.split("'")[1].split()[0]
    assert caught.value.position == text.index(number)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.500 displaced", 0.5),  # no one writes 500 as 0.500
        ("1.2000 displaced", 1.2),  # four decimals cannot be a thousands group
        ("1,200.500 displaced", 1200.5),  # the comma settles it
        ("1.200.000 displaced", 1_200_000),  # two dots can only part thousands
        ("1.200,5 displaced", 1200.5),
        ("1 200 displaced", 1200),
        ("1\u00a0200 displaced", 1200),
        ("1\u202f200\u202f000 displaced", 1_200_000),
        ("2.4 million displaced", 2_400_000),
        ("5 trillion displaced", 5e12),
    ],
)
def test_numbers_that_say_which_reading(text: str, value: float) -> None:
    assert read(text) == {"qualifier": Q.EXACT, "value": value, "what": "displaced",
                          "metric": "displaced"}  # fmt: skip


def test_the_settled_forms_the_message_offers_read_as_offered() -> None:
    assert parse("1,200 displaced").value == 1200
    assert parse("1.2 displaced").value == 1.2
    assert parse("12.3450 displaced").value == 12.345
    assert parse("1,500 million displaced").value == 1_500_000_000


def test_read_amount_is_the_reader_extract_can_share() -> None:
    ambiguous = read_amount("1.200 held", 0)
    assert ambiguous is not None and ambiguous.ambiguous == (1200.0, 1.2)
    assert (ambiguous.value, ambiguous.end) == (1.2, 5)
    spaced = read_amount("40\u00a0000 fled", 0)
    assert spaced is not None and (spaced.value, spaced.end, spaced.ambiguous) == (40000, 6, None)
    assert read_amount("no number", 0) is None


@pytest.mark.parametrize(
    ("text", "word", "scale"),
    [
        ("2.4 millon displaced", "millon", "million"),
        ("3 thousnd displaced (UN)", "thousnd", "thousand"),
        ("1.2 bilion", "bilion", "billion"),
        ("2 millons displaced", "millons", "million"),
    ],
)
def test_a_typo_of_a_scale_word_gets_did_you_mean(text: str, word: str, scale: str) -> None:
    with pytest.raises(ShorthandError) as caught:
        parse(text, METRICS)
    assert caught.value.message == f"'{word}' right after the figure: did you mean '{scale}'?"
    assert caught.value.position == text.index(word)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("999999999999999999999999 displaced",
         "'999999999999999999999999' is beyond 10^15, more than any count figcheck can keep "
         "exactly"),
        ("2000 trillion displaced",
         "'2000 trillion' is beyond 10^15, more than any count figcheck can keep exactly"),
        ("1.23456789012345678 displaced",
         "'1.23456789012345678' has more digits than figcheck can keep exactly (15 significant "
         "digits always are)"),
    ],
)  # fmt: skip
def test_figures_no_count_can_be_are_refused(text: str, message: str) -> None:
    with pytest.raises(ShorthandError) as caught:
        parse(text, METRICS)
    assert (caught.value.message, caught.value.position) == (message, 0)


def test_value_problem_is_one_rule() -> None:
    assert value_problem("1000000000000000") is None
    assert value_problem("0.1") is None
    assert value_problem("1.0e+15") is None
    assert value_problem("1000000000000001") is not None
    assert value_problem("1e308") is not None
    assert value_problem(".inf") is not None


# --- sources and wordings --------------------------------------------------------------------


WORDINGS = [
    ("about 800 political prisoners, according to Provea",
     {"qualifier": Q.ABOUT, "value": 800, "source": "Provea"}),
    ("about 800 political prisoners according to Provea.",
     {"qualifier": Q.ABOUT, "value": 800, "source": "Provea"}),
    ("about 800 political prisoners - Foro Penal",
     {"qualifier": Q.ABOUT, "value": 800, "source": "Foro Penal"}),
    ("about 800 political prisoners — Foro Penal",
     {"qualifier": Q.ABOUT, "value": 800, "source": "Foro Penal"}),
    ("800 political prisoners, per Foro Penal", {"value": 800, "source": "Foro Penal"}),
    ("800 political prisoners, Foro Penal said", {"value": 800, "source": "Foro Penal"}),
    ("800 political prisoners, said Foro Penal", {"value": 800, "source": "Foro Penal"}),
    ("Foro Penal said 800 political prisoners", {"value": 800, "source": "Foro Penal"}),
    ("Foro Penal says that about 800 political prisoners",
     {"qualifier": Q.ABOUT, "value": 800, "source": "Foro Penal"}),
    ("Foro Penal: about 800 political prisoners",
     {"qualifier": Q.ABOUT, "value": 800, "source": "Foro Penal"}),
    ("According to Foro Penal, 800 political prisoners", {"value": 800, "source": "Foro Penal"}),
    ("800 political prisoners (per Foro Penal)", {"value": 800, "source": "Foro Penal"}),
    ("800 political prisoners (according to Foro Penal)",
     {"value": 800, "source": "Foro Penal"}),
    ("800 political prisoners (Foro Penal, 12 January)",
     {"value": 800, "source": "Foro Penal", "as_of": "--01-12"}),
    ("800 political prisoners (Foro Penal, January 12, 2026)",
     {"value": 800, "source": "Foro Penal", "as_of": "2026-01-12"}),
    ("800 political prisoners (Foro Penal, 12 Jan 2026)",
     {"value": 800, "source": "Foro Penal", "as_of": "2026-01-12"}),
    ("800 political prisoners (Foro Penal, 2026-01-12)",
     {"value": 800, "source": "Foro Penal", "as_of": "2026-01-12"}),
    ("800 political prisoners (12 January)", {"value": 800, "as_of": "--01-12"}),
    ("no political prisoners (government)", {"value": 0, "source": "government"}),
    ("none political prisoners", {"value": 0}),
    ("estimated 300 political prisoners", {"qualifier": Q.ABOUT, "value": 300}),
    ("an estimated 300 political prisoners", {"qualifier": Q.ABOUT, "value": 300}),
    ("≈300 political prisoners", {"qualifier": Q.ABOUT, "value": 300}),
    ("300+ political prisoners", {"qualifier": Q.AT_LEAST, "value": 300}),
    ("300 or more political prisoners", {"qualifier": Q.AT_LEAST, "value": 300}),
    ("1 200 political prisoners", {"value": 1200}),
    ("no more than 5 political prisoners", {"qualifier": Q.AT_MOST, "value": 5}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), WORDINGS, ids=[text for text, _ in WORDINGS])
def test_common_wordings(text: str, expected: dict[str, Any]) -> None:
    got = read(text)
    what = got.pop("what")
    assert what.casefold() == "political prisoners"
    assert got == {"qualifier": Q.EXACT, "metric": POLITICAL, **expected}


def test_sources_inside_a_what_are_kept_when_nothing_marks_them() -> None:
    assert read("5 people held in El Helicoide")["what"] == "people held in El Helicoide"
    assert read("50 killed (UN, citing local groups)")["source"] == "UN, citing local groups"
    assert read("5 anti-government marchers")["what"] == "anti-government marchers"


REFUSED = [
    ("800 political prisoners (2025)",
     "'2025' is a year, not a source: name who said it ('(UN)') and give the day the figure "
     "describes with --as-of", "2025"),
    ("800 political prisoners (Foro Penal, 2025)",
     "'2025' is a year, not a day: write the day ('(Foro Penal, 12 January 2025)') or leave it "
     "out", "2025"),
    ("800 political prisoners (Foro Penal, January)",
     "'January' is a month, not a day: write the day ('12 January') or leave it out", "January"),
    ("800 political prisoners Foro Penal said",
     "who said it? Write the source after a comma (', Foro Penal said') or in parentheses "
     "('(Foro Penal)')", "said"),
    ("800 political prisoners, according to Provea (UN)",
     "two sources, 'Provea' and 'UN': name one", "Provea"),
    ("about 300+ political prisoners", "'+' already says at least; drop 'about'", "about"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message", "at"), REFUSED, ids=[r[0] for r in REFUSED])
def test_wordings_refused_with_the_one_that_works(text: str, message: str, at: str) -> None:
    with pytest.raises(ShorthandError) as caught:
        parse(text, METRICS)
    assert (caught.value.message, caught.value.position) == (message, text.index(at))


def test_contract_examples_read_as_before() -> None:
    assert read("~50 released (UN)") == {
        "qualifier": Q.ABOUT, "value": 50, "what": "released", "source": "UN"}  # fmt: skip
    assert read("more than 2.4 million displaced (UNHCR)")["value"] == 2_400_000
    assert read("3,500,000")["value"] == 3_500_000


def test_a_day_without_a_year_is_the_latest_on_or_before_the_date() -> None:
    assert moment_on("--01-12", dt.date(2026, 1, 14)) == "2026-01-12"
    assert moment_on("--01-14", dt.date(2026, 1, 14)) == "2026-01-14"
    assert moment_on("--12-28", dt.date(2026, 1, 5)) == "2025-12-28"
    assert moment_on("--02-29", dt.date(2026, 3, 1)) == "2024-02-29"
    assert moment_on("2025-06-01", dt.date(2026, 1, 5)) == "2025-06-01"


# --- through add, import and check -----------------------------------------------------------


def test_add_refuses_an_ambiguous_number_with_a_caret(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    before = path.read_bytes()
    code, out, err = invoke(runner, path, "add", "1.200 displaced (UN)")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "figcheck: '1.200' can be read two ways: 1,200 (the dot separates thousands) or 1.2 (a "
        "decimal point); write '1,200' or '1.2'",
        "  1.200 displaced (UN)",
        "  ^",
    ]
    assert path.read_bytes() == before


def test_add_reads_the_source_and_the_day(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, _, err = invoke(
        runner,
        path,
        "add",
        "about 800 political prisoners (Foro Penal, 12 January)",
        "--date",
        "2026-01-14",
    )
    assert code == 0, err
    last = claims(path)[-1]
    assert (last["metric"], last["source"], last["value"]) == (POLITICAL, "Foro Penal", 800)
    written = path.read_text()
    assert 'as_of: "2026-01-12"' in written or "as_of: 2026-01-12" in written
    code, _, err = invoke(
        runner, path, "add", "800 political prisoners, according to Provea", "--date", "2026-01-14"
    )
    assert code == 0, err
    assert (claims(path)[-1]["metric"], claims(path)[-1]["source"]) == (POLITICAL, "Provea")


def test_add_refuses_a_day_after_the_date(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    text = "800 political prisoners (Foro Penal, 20 January 2026)"
    code, _, err = invoke(runner, path, "add", text, "--date", "2026-01-14")
    assert code == 2
    lines = err.splitlines()
    assert lines[0].startswith("figcheck: 2026-01-20 is after the claim's date 2026-01-14")
    assert lines[2] == "  " + " " * text.index("20 January") + "^"


def test_a_new_metric_that_begins_with_a_known_one_is_refused_without_a_terminal(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    before = path.read_bytes()
    code, _, err = invoke(runner, path, "add", "800 political prisoners in Caracas (UN)")
    assert code == 2
    assert err == (
        "figcheck: no metric 'political_prisoners_in_caracas' yet, and it begins with the "
        "metric 'political_prisoners': if 'in caracas' names the source, put it in parentheses "
        "('(…)'); give --metric political_prisoners, or --new-metric to start "
        "'political_prisoners_in_caracas'\n"
    )
    assert path.read_bytes() == before
    code, _, err = invoke(
        runner, path, "add", "800 political prisoners in Caracas (UN)", "--new-metric"
    )
    assert code == 0, err
    assert claims(path)[-1]["metric"] == "political_prisoners_in_caracas"


def test_a_new_metric_that_begins_with_a_known_one_is_asked_in_a_terminal(
    runner: CliRunner, claims_file: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    import figcheck.cli.editing as editing

    monkeypatch.setattr(editing, "interactive", lambda: True)
    path = claims_file(START)
    before = path.read_bytes()
    text = "800 political prisoners in Caracas (UN)"
    code, out, _ = invoke(runner, path, "add", text, stdin="n\n")
    assert code == 2
    assert "Start the new metric political_prisoners_in_caracas?" in out
    assert path.read_bytes() == before
    code, _, err = invoke(runner, path, "add", text, stdin="y\nlevel\n")  # then its kind
    assert code == 0, err
    assert claims(path)[-1]["metric"] == "political_prisoners_in_caracas"


def test_a_typo_in_the_metric_option_is_refused(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, _, err = invoke(runner, path, "add", "52 released (UN)", "--metric", "prisoners_relased")
    assert code == 2
    assert "did you mean 'prisoners_released'?" in err and "--new-metric" in err


def test_a_date_in_the_future_is_recorded_with_a_warning(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    future = (dt.date.today() + dt.timedelta(days=365 * 36)).isoformat()
    code, _, err = invoke(runner, path, "add", "52 released (UN)", "--date", future)
    assert code == 0
    assert err == f"figcheck: warning: --date {future} is in the future (a typo?)\n"
    assert claims(path)[-1]["date"] == future


@pytest.mark.parametrize(
    ("option", "typed", "message"),
    [
        ("--value", "1e308", "--value 1e308 is beyond 10^15, more than any count figcheck can "
         "keep exactly"),
        ("--high", "999999999999999999999999", "--high 999999999999999999999999 is beyond "
         "10^15, more than any count figcheck can keep exactly"),
        ("--value", "1.200", "--value '1.200' can be read two ways: 1,200 (the dot separates "
         "thousands) or 1.2 (a decimal point); write '1,200' or '1.2'"),
        ("--low", "-5", "--low must be a finite number, zero or more, not -5"),
        ("--value", "nan", "--value must be a finite number, zero or more, not nan"),
        ("--value", "five", "--value must be a number such as 1850, 1,850 or 2.5, not 'five'"),
    ],
)  # fmt: skip
def test_an_option_no_count_can_be_is_refused(
    runner: CliRunner, claims_file: Write, option: str, typed: str, message: str
) -> None:
    path = claims_file(START)
    before = path.read_bytes()
    code, _, err = invoke(runner, path, "add", "52 released (UN)", f"{option}={typed}")
    assert (code, err) == (2, f"figcheck: {message}\n")
    assert path.read_bytes() == before


@pytest.mark.parametrize(("typed", "value"), [("1,850", 1850), ("1 850", 1850), ("2.5", 2.5),
                                              ("1e6", 1e6), ("0.500", 0.5)])  # fmt: skip
def test_options_take_the_figures_people_type(
    runner: CliRunner, claims_file: Write, typed: str, value: float
) -> None:
    path = claims_file(START)
    code, _, err = invoke(runner, path, "add", "--metric=released", "--source=UN", "--value", typed)
    assert code == 0, err
    assert claims(path)[-1]["value"] == value


def test_the_value_prompt_refuses_an_ambiguous_number(
    runner: CliRunner, claims_file: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    import figcheck.cli.editing as editing

    monkeypatch.setattr(editing, "interactive", lambda: True)
    path = claims_file(START)
    before = path.read_bytes()
    code, _, err = invoke(runner, path, "add", "--metric", "released", "--source", "UN",
                          stdin="1.200\n")  # fmt: skip
    assert code == 2
    assert "'1.200' can be read two ways" in err
    assert path.read_bytes() == before


def test_render_writes_a_decimal_that_cannot_be_read_as_thousands() -> None:
    from figcheck.shorthand import render

    reading = parse("2.1250 tonnes (UN)", METRICS)
    assert render(reading) == "2.1250 tonnes (UN)"
    assert parse(render(reading), METRICS) == reading


def test_check_and_reading_refuse_figures_no_count_can_be(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(
        START
        + "  - {metric: x, value: 999999999999999999999999, source: UN, date: 2026-01-12}\n"
        + "  - {metric: x, value: 1.0e+308, source: UN, date: 2026-01-12}\n"
        + "  - {metric: x, low: 0.30000000000000001, high: 1, source: UN, date: 2026-01-12}\n"
        + "  - {metric: x, value: 1000000000000000, source: UN, date: 2026-01-12}\n"
    )
    _, problems = read_claims(path.read_bytes(), str(path))
    assert [str(problem) for problem in problems] == [
        f"{path}:17: value 999999999999999999999999 is beyond 10^15, more than any count "
        "figcheck can keep exactly",
        f"{path}:18: value 1.0e+308 is beyond 10^15, more than any count figcheck can keep exactly",
        f"{path}:19: low 0.30000000000000001 has more digits than figcheck can keep exactly (15 "
        "significant digits always are)",
    ]
    code, out, _ = invoke(runner, path, "check")
    assert code == 1 and out.count(str(path)) == 3
    code, _, err = invoke(runner, path, "list")
    assert code == 2 and f"{path}:17:" in err


def test_a_tolerance_above_one_gets_a_warning(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, _, err = invoke(runner, path, "compare", "--tolerance", "5")
    assert code == 0
    assert err == (
        "figcheck: warning: --tolerance 5 means 500 % (it is relative); for 5 % write 0.05\n"
    )
    code, _, err = invoke(runner, path, "compare", "--tolerance", "0.5")
    assert (code, err) == (0, "")
    path.write_text(START.replace("version: 1\n", "version: 1\nsettings:\n  tolerance: 5\n"))
    warning = (
        f"figcheck: warning: {path}: settings: tolerance 5 means 500 % (it is relative); "
        "for 5 % write 0.05\n"
    )
    commands = (["check"], ["list"], ["compare"], ["compare"], ["add", "52 released (UN)"])
    for command in commands:  # compare twice: computed, then from the cache
        code, _, err = invoke(runner, path, *command)
        assert code == 0 and err.startswith(warning), (command, err)


def test_import_reads_the_text_column_as_add_does(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file(START)
    table = tmp_path / "rows.csv"
    table.write_text(
        "text,date\n"
        '"800 political prisoners (Foro Penal, 12 January)",2026-01-14\n'
        '"about 800 political prisoners, according to Provea",2026-01-14\n'
    )
    code, _, err = invoke(runner, path, "import", str(table))
    assert code == 0, err
    added = claims(path)[-2:]
    assert [(c["metric"], c["source"]) for c in added] == [
        (POLITICAL, "Foro Penal"),
        (POLITICAL, "Provea"),
    ]
    assert read_claims(path.read_bytes(), str(path))[0].claims[-2].as_of == "2026-01-12"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        'text,date\n"1.200 displaced (UN)",2026-01-14\n"800 held (UN, 20 January)",2026-01-14\n'
    )
    before = path.read_bytes()
    code, _, err = invoke(runner, path, "import", str(bad))
    assert code == 2
    assert f"{bad}:2:text: '1.200' can be read two ways" in err
    assert f"{bad}:3:text: 2026-01-20 is after" not in err  # a day without a year goes back
    assert path.read_bytes() == before


def test_shown_errors_keep_their_caret() -> None:
    with pytest.raises(ShorthandError) as caught:
        parse("2.4 millon displaced (UN)", METRICS)
    assert format_error(caught.value).splitlines()[1:] == [
        "  2.4 millon displaced (UN)",
        "      ^",
    ]


def test_import_refuses_an_ambiguous_value_column_but_not_its_own_export(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file(START)
    before = path.read_bytes()
    table = tmp_path / "rows.csv"
    table.write_text("metric,value,source,date\ndisplaced,1.200,UN,2026-01-14\n")
    code, _, err = invoke(runner, path, "import", str(table))
    assert code == 2
    assert (
        f"{table}:2:value: '1.200' can be read two ways: 1,200 (the dot separates thousands) or "
        "1.2 (a decimal point); write '1,200' or '1.2'"
    ) in err
    assert path.read_bytes() == before
    table.write_text("metric,value,source,date\ndisplaced,0.500,UN,2026-01-14\n")
    code, _, err = invoke(runner, path, "import", str(table))
    assert code == 0, err
    assert claims(path)[-1]["value"] == 0.5
    code, _, err = invoke(
        runner, path, "add", "2.1250 tonnes (UN)", "--date", "2026-01-14", "--new-metric"
    )
    assert code == 0, err
    exported = tmp_path / "claims.csv"
    code, _, err = invoke(runner, path, "export", str(exported), "--claims")
    assert code == 0, err
    assert ",2.125," in exported.read_text()
    other = claims_file(START)
    code, _, err = invoke(runner, other, "import", str(exported), "--dry-run")
    assert code == 0, err


MIXED_UNITS = """\
version: 1
metrics:
  turnout: {unit: "%"}
  displaced: {unit: people}
claims:
  - {id: c1, metric: turnout, value: 52, source: UN, date: 2026-01-12}
  - {id: c2, metric: turnout, value: 3, unit: percentage points, source: AP, date: 2026-01-12}
  - {id: c3, metric: cost, value: 3, unit: "$", source: AP, date: 2026-01-12}
  - {id: c4, metric: cost, value: 3, unit: " EUROS ", source: UN, date: 2026-01-12}
  - {id: c5, metric: cost, value: 3, unit: euros, source: UN, date: 2026-01-13}
  - {id: c6, metric: cost, value: 4, source: AP, date: 2026-01-13}
  - {id: c7, metric: crowd, value: 3, unit: people, source: UN, date: 2026-01-13}
  - {id: c8, metric: crowd, value: 3, source: AP, date: 2026-01-14}
  - {id: c9, metric: crowd, value: 3, unit: People, source: AP, date: 2026-01-14}
  - {id: c10, metric: displaced, value: 3, unit: "%", source: AP, date: 2026-01-14}
"""


def test_check_warns_of_a_metric_whose_claims_are_in_different_units(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(MIXED_UNITS)
    code, out, err = invoke(runner, path, "check")
    assert (code, out) == (0, "")  # the file is valid: a warning, not a problem
    assert err.splitlines() == [
        f"figcheck: warning: {path}:7: metric 'turnout' mixes units, compared as if alike: "
        f"'%' (the metric's declared unit) at {path}:6; 'percentage points' at {path}:7",
        f"figcheck: warning: {path}:9: metric 'cost' mixes units, compared as if alike: "
        f"'$' at {path}:8; 'EUROS' at {path}:9, {path}:10",
        f"figcheck: warning: {path}:15: metric 'displaced' mixes units, compared as if alike: "
        f"'%' at {path}:15; 'people' (the metric's declared unit)",
    ]
    # compare's verdicts are those of the same claims without units
    code, with_units, err = invoke(runner, path, "compare", "--format", "json")
    assert (code, err) == (0, "")
    plain = path.read_text()
    for unit in ('"%"', "percentage points", '"$"', '" EUROS "', "euros", "People", "people"):
        plain = plain.replace(f" unit: {unit},", "")
    path.write_text(plain.replace("{unit: people}", "{}").replace('{unit: "%"}', "{}"))
    code, out, _ = invoke(runner, path, "check")
    assert (code, out) == (0, "")
    assert invoke(runner, path, "compare", "--format", "json")[1] == with_units


def test_mixed_units_are_named_across_files_and_counted_past_five(tmp_path: Path) -> None:
    from figcheck.claimsfile.locate import snapshot
    from figcheck.claimsfile.reading import read_files
    from figcheck.units import mixed_units

    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    rows = "".join(
        f"  - {{metric: cost, value: {n}, unit: $, source: S{n}, date: 2026-01-12}}\n"
        for n in range(1, 8)
    )
    first.write_text("include: [b.yaml]\nclaims:\n" + rows)
    second.write_text(
        "claims:\n  - {metric: cost, value: 9, unit: USD, source: X, date: 2026-01-12}\n"
    )
    found = read_files([snapshot(str(first))])
    assert found.problems == []
    [mixed] = mixed_units(found.claims_file)
    assert str(mixed) == (
        f"{second}:2: metric 'cost' mixes units, compared as if alike: '$' at "
        + ", ".join(f"{first}:{line}" for line in range(3, 8))
        + f" and 2 more; 'USD' at {second}:2"
    )


def test_compare_notes_mixed_units_in_one_line_from_the_cache_and_after_an_add(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(MIXED_UNITS)
    note = (
        "figcheck: warning: claims of 'turnout', 'cost' and 'displaced' are in different units, "
        "compared as if alike ('figcheck check' names them)\n"
    )
    for _ in range(2):  # computed, then from the cache
        code, out, err = invoke(runner, path, "compare")
        assert (code, err) == (0, note)
        assert "divergent" in out
    assert invoke(runner, path, "compare", "--format", "json")[2] == ""  # machine output: none
    code, _, err = invoke(runner, path, "compare", "--metric", "cost")
    assert (code, err) == (0, note.replace("'turnout', 'cost' and 'displaced'", "'cost'"))
    code, _, err = invoke(runner, path, "compare", "--metric", "crowd")
    assert (code, err) == (0, "")
    code, _, err = invoke(runner, path, "add", "7 (UN)", "--metric", "crowd", "--unit", "%")
    assert code == 0, err
    with pytest.MonkeyPatch.context() as patched:  # the report kept after the add
        patched.setattr(reading, "load_files", _no_reading)
        code, _, err = invoke(runner, path, "compare")
    assert (code, err) == (0, note.replace(" and 'displaced'", ", 'crowd' and 1 more metric"))


def _no_reading(*args: object, **kwargs: object) -> None:
    raise AssertionError("the files were read again")


def test_compare_of_several_files_notes_mixed_units_after_an_add_to_one(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text(
        "include: [b.yaml]\nclaims:\n"
        "  - {metric: cost, value: 3, unit: $, source: UN, date: 2026-01-12}\n"
    )
    Path("b.yaml").write_text(
        "claims:\n  - {metric: cost, value: 3, unit: $, source: AP, date: 2026-01-12}\n"
    )
    for _ in range(2):  # computed, then the report kept for the files
        result = runner.invoke(app, ["-f", "a.yaml", "compare"])
        assert (result.exit_code, result.stderr) == (0, "")
    add = ["-f", "a.yaml", "add", "4 (EU)", "--metric", "cost", "--unit", "euros", "--to", "b.yaml"]
    result = runner.invoke(app, add)
    assert result.exit_code == 0, result.stderr
    monkeypatch.setattr(reading, "load_files", _no_reading)  # the report kept after the add
    result = runner.invoke(app, ["-f", "a.yaml", "compare"])
    assert (result.exit_code, result.stderr) == (
        0,
        "figcheck: warning: claims of 'cost' are in different units, compared as if alike "
        "('figcheck check' names them)\n",
    )


def test_the_tolerance_warning_outlives_an_add(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START.replace("version: 1\n", "version: 1\nsettings:\n  tolerance: 5\n"))
    warning = f"figcheck: warning: {path}: settings: tolerance 5 means 500 %"
    assert invoke(runner, path, "compare")[2].startswith(warning)
    assert invoke(runner, path, "add", "52 released (HRW)")[0] == 0
    with pytest.MonkeyPatch.context() as patched:  # the report kept after the add
        patched.setattr(reading, "load_files", _no_reading)
        code, _, err = invoke(runner, path, "compare")
    assert code == 0 and err.startswith(warning)
