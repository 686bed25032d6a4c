"""`figcheck extract`, `figcheck report` and `show --png/--svg` through the CLI."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figcheck.cli import app
from tests.conftest import SHIPPED, read_claims

Write = Callable[[str], Path]

ARTICLE = """\
Harbour town counts its losses
2026-03-04

At least 120 houses were destroyed by the flood, the regional fire service said on Tuesday.
The Red Crescent estimates that around 3,000 people have left the valley since 2019.
"""


def invoke(runner: CliRunner, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin, env={"COLUMNS": "160"})
    return result.exit_code, result.stdout, result.stderr


def test_extract_json(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, out, err = invoke(runner, "extract", str(article), "--format", "json")
    assert code == 0, err
    found = {(c["value"], c["qualifier"], c["source"]) for c in json.loads(out)}
    assert found == {(120, "at_least", "regional fire service"), (3000, "about", "Red Crescent")}
    first = json.loads(out)[0]
    assert ARTICLE[first["start"] : first["end"]] == first["figure"] == "At least 120"
    assert {"lo", "hi", "what", "sentence", "confidence", "rule", "as_of"} <= first.keys()


def test_extract_drops_a_terminals_escape_sequences_from_plain_text(
    runner: CliRunner, tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Police said \x1b[31m200 people\x1b[0m were hurt.\n", encoding="utf-8")
    code, out, err = invoke(runner, "extract", str(article), "--format", "json")
    assert code == 0, err
    found = json.loads(out)
    assert [(c["figure"], c["source"]) for c in found] == [("200", "Police")]
    assert found[0]["sentence"] == "Police said 200 people were hurt."


def test_extract_table_and_yaml_from_stdin(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "extract", "-", stdin=ARTICLE)
    assert code == 0
    assert "Red Crescent" in out
    assert "2 candidates" in out
    code, out, _ = invoke(runner, "extract", "-", "--format", "yaml", stdin=ARTICLE)
    assert "qualifier: at_least" in out


def test_extract_add_yes_records_dated_claims(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file("claims: []\n")
    article = tmp_path / "article.md"
    article.write_text("# Harbour\n\n" + ARTICLE, encoding="utf-8")
    code, out, err = invoke(runner, "-f", str(path), "extract", str(article), "--add", "--yes")
    assert code == 0, err
    assert err.endswith("2 added, 0 skipped\n")
    claims_file_, problems = read_claims(path.read_bytes(), str(path))
    assert problems == []
    assert {(c.value, c.source, c.date.isoformat()) for c in claims_file_.claims} == {
        (120, "regional fire service", "2026-03-04"),
        (3000, "Red Crescent", "2026-03-04"),
    }
    code, _, err = invoke(runner, "-f", str(path), "extract", str(article), "--add", "--yes")
    assert err.endswith("0 added, 2 skipped\n")  # already recorded
    stored = {c.value: (c.text, c.note) for c in claims_file_.claims}
    assert stored[120] == (
        "At least 120 houses were destroyed by the flood, the regional fire service said on "
        "Tuesday.",
        f"from {article}",
    )


def test_extract_add_needs_a_terminal_or_yes(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file("claims: []\n")
    code, _, err = invoke(runner, "-f", str(path), "extract", "-", "--add", stdin=ARTICLE)
    assert code == 2
    assert err == "figcheck: --add asks about each candidate in a terminal; use --yes in scripts\n"


def test_report_writes_one_self_contained_page(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, _, err = invoke(runner, "-f", str(SHIPPED), "report", str(target))
    assert code == 0, err
    assert err == f"wrote the report on 6 metrics and 2 relations to {target}\n"
    page = target.read_text(encoding="utf-8")
    assert page.count("<svg") >= 5
    assert "political_prisoners" in page


def test_show_saves_charts(runner: CliRunner, tmp_path: Path) -> None:
    png, svg = tmp_path / "chart.png", tmp_path / "chart.svg"
    code, _, err = invoke(
        runner, "-f", str(SHIPPED), "show", "deaths", "--png", str(png), "--svg", str(svg)
    )
    assert code == 0, err
    assert png.read_bytes().startswith(b"\x89PNG")
    assert "<svg" in svg.read_text(encoding="utf-8")


def test_extract_add_records_the_moment_the_sentence_gives(
    runner: CliRunner, tmp_path: Path
) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    article = tmp_path / "flood.txt"
    article.write_text(
        "Flood update\n2026-03-04\n\nOn 1 March, at least 120 houses were destroyed by the "
        "flood, the regional fire service said.\n",
        encoding="utf-8",
    )
    code, _, err = invoke(runner, "-f", str(claims), "extract", str(article), "--add", "--yes")
    assert code == 0, err
    text = claims.read_text(encoding="utf-8")
    assert '    date: 2026-03-04\n    as_of: "2026-03-01"\n' in text


def test_extract_add_says_which_candidates_were_recorded_already(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    invoke(runner, "-f", str(path), "extract", str(article), "--add", "--yes")
    code, _, err = invoke(runner, "-f", str(path), "extract", str(article), "--add", "--yes")
    assert code == 0, err
    assert err == (
        "already recorded: at least 120 houses (regional fire service)\n"
        "already recorded: ~3,000 people (Red Crescent)\n"
        "0 added, 2 skipped\n"
    )


def _in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("figcheck.cli.articles.interactive", lambda: True)


def test_extract_add_asks_again_after_a_mistake_in_the_edited_claim(
    runner: CliRunner, claims_file: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_a_terminal(monkeypatch)
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text("At least 120 houses were destroyed, the fire service said.\n", "utf-8")
    answers = (  # the last answer: the new metric's kind, level by default
        "e\nat least houses destroyed (fire service)\nat least 120 houses destroyed (fire)\n\n"
    )
    code, out, err = invoke(
        runner, "-f", str(path), "extract", str(article), "--add", stdin=answers
    )
    assert code == 0, err
    assert "expected a number" in err  # the mistake is shown, the run goes on
    assert err.endswith("1 added, 0 skipped\n")
    claims_file_, _ = read_claims(path.read_bytes(), str(path))
    assert [(c.value, c.source) for c in claims_file_.claims] == [(120, "fire")]
    assert "At least 120 houses were destroyed, the fire service said." in out


def test_extract_add_shows_the_sentence_on_one_line_and_stops_with_what_it_wrote(
    runner: CliRunner, claims_file: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_a_terminal(monkeypatch)
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text(
        "At least 120 houses were\ndestroyed, the fire service said.\n\n"
        "The Red Crescent estimates that around 3,000 people have left.\n",
        "utf-8",
    )
    answers = "y\ncumulative\n"  # record the first, a running total; then stop
    code, out, err = invoke(
        runner, "-f", str(path), "extract", str(article), "--add", stdin=answers
    )
    assert code == 2
    assert "At least 120 houses were destroyed, the fire service said." in out
    assert err.endswith("stopped: 1 added before; nothing else was written\n")
    claims_file_, _ = read_claims(path.read_bytes(), str(path))
    assert [c.value for c in claims_file_.claims] == [120]


def test_extract_add_declares_each_new_metric_with_kind(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file("metrics:\n  people_displaced: {kind: cumulative}\nclaims: []\n")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE.replace("people have left the valley", "people displaced"), "utf-8")
    code, _, err = invoke(
        runner, "-f", str(path), "extract", str(article), "--add", "--yes", "--kind", "fixed"
    )
    assert code == 0, err
    claims_file_, problems = read_claims(path.read_bytes(), str(path))
    assert problems == []
    assert claims_file_.kind_of("houses") == "fixed"  # new: declared with --kind
    assert claims_file_.kind_of("people_displaced") == "cumulative"  # known: keeps its kind
    assert sorted(c.metric for c in claims_file_.claims) == ["houses", "people_displaced"]


def test_extract_add_asks_the_kind_of_a_new_metric_once(
    runner: CliRunner, claims_file: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_a_terminal(monkeypatch)
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text(
        "At least 120 houses were destroyed, the fire service said.\n"
        "Officials said 150 houses were destroyed.\n",
        "utf-8",
    )
    code, _, err = invoke(
        runner, "-f", str(path), "extract", str(article), "--add", stdin="y\nfixed\ny\n"
    )
    assert code == 0, err
    assert err.count("is a new metric") == 1  # the second claim's metric is no longer new
    claims_file_, _ = read_claims(path.read_bytes(), str(path))
    assert claims_file_.kind_of("houses") == "fixed"
    assert len(claims_file_.claims) == 2


def test_extract_kind_needs_add(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, _, err = invoke(runner, "extract", str(article), "--kind", "level")
    assert code == 2
    assert (
        err == "figcheck: --kind declares the new metrics of recorded claims: give it with --add\n"
    )


def test_extract_shows_the_date_each_claim_would_get_and_says_when_it_is_today(
    runner: CliRunner, tmp_path: Path
) -> None:
    article = tmp_path / "flood.txt"
    article.write_text(
        "On 1 March 2026, at least 120 houses were destroyed, the fire service said.\n", "utf-8"
    )
    code, out, err = invoke(runner, "extract", str(article), "--date", "2026-03-04")
    assert code == 0 and err == ""
    assert "as of 2026-03-01" in out and "2026-03-04" not in out  # under the figure
    article.write_text("At least 120 houses were destroyed, the fire service said.\n", "utf-8")
    code, out, err = invoke(runner, "extract", str(article), "--date", "2026-03-04")
    assert code == 0 and "\n   │ 2026-03-04 " in out  # the article's date, under the figure
    before = dt.date.today().isoformat()
    code, out, err = invoke(runner, "extract", str(article), "--format", "json")
    today = dt.date.today().isoformat()  # the same day, unless the run crossed midnight
    assert err in {
        f"no date in the article's first lines: claims are dated today, {day}\n"
        for day in (before, today)
    }
    (record,) = json.loads(out)
    assert (record["date"], record["as_of"]) in {(before, None), (today, None)}


def test_extract_add_shows_the_date_and_unit_and_stores_the_unit(
    runner: CliRunner, claims_file: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _in_a_terminal(monkeypatch)
    path = claims_file("claims: []\n")
    article = tmp_path / "strike.txt"
    article.write_text("The union said 45 percent of workers joined the strike.\n", "utf-8")
    code, out, err = invoke(
        runner,
        "-f",
        str(path),
        "extract",
        str(article),
        "--percent",
        "--add",
        "--date",
        "2026-03-04",
        stdin="y\nlevel\n",
    )
    assert code == 0, err
    assert "→ 45 workers joined (union)  (dated 2026-03-04, unit %)" in out
    claims_file_, _ = read_claims(path.read_bytes(), str(path))
    assert [(c.value, c.unit, str(c.date)) for c in claims_file_.claims] == [
        (45, "%", "2026-03-04")
    ]


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("The fund said it lost $4.5 million in pledges.", "$"),
        ("The ministry put the losses at 2.5 million euros in exports.", "euros"),
        ("Turnout was 38 per cent, the commission said.", "%"),
        ("Support fell by 4 percentage points, the pollster said.", "percentage points"),
    ],
)
def test_extract_keeps_the_unit_of_a_percentage_or_an_amount(
    runner: CliRunner, tmp_path: Path, sentence: str, unit: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(sentence + "\n", "utf-8")
    code, out, _ = invoke(
        runner, "extract", str(article), "--percent", "--money", "--format", "json"
    )
    assert code == 0
    assert [record["unit"] for record in json.loads(out)] == [unit]


def test_a_tables_dates_are_its_rows_moments_not_the_articles_date(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file("claims: []\n")
    article = tmp_path / "tolls.md"
    article.write_text(
        "| Source | Deaths | As of |\n|---|---|---|\n"
        "| UN | about 1,200 | 2026-01-10 |\n| Red Cross | 1,500 | 2026-01-12 |\n",
        "utf-8",
    )
    code, _, err = invoke(
        runner, "-f", str(path), "extract", str(article), "--add", "--yes", "--kind", "level"
    )
    assert code == 0, err
    assert "claims are dated today" in err  # no dateline: the rows' dates are not one
    claims_file_, _ = read_claims(path.read_bytes(), str(path))
    assert [(c.source, str(c.as_of)) for c in claims_file_.claims] == [
        ("UN", "2026-01-10"),
        ("Red Cross", "2026-01-12"),
    ]


def test_extract_says_how_many_table_rows_it_left_as_text(
    runner: CliRunner, tmp_path: Path
) -> None:
    from figcheck.extract import TABLE_ROWS

    article = tmp_path / "big.md"
    rows = "".join(f"| Agency {i} | {i + 100} |\n" for i in range(TABLE_ROWS + 3))
    article.write_text("| Source | Killed |\n|---|---|\n" + rows, "utf-8")
    code, _, err = invoke(
        runner, "extract", str(article), "--date", "2026-01-01", "--format", "json"
    )
    assert code == 0
    assert err == (
        f"3 table rows beyond the first {TABLE_ROWS:,} were read as plain text; "
        "'figcheck import' reads a table row by row\n"
    )
