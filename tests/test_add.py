"""`figcheck add` and `figcheck rm` through the CLI: shorthand, options, refusals, the file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figcheck.cli import app
from tests.conftest import read_claims

from .conftest import SHIPPED

Write = Callable[[str], Path]

START = """\
# my notes on the January releases
version: 1
metrics:
  prisoners_released:
    kind: cumulative
    aliases: [released, freed]
  political_prisoners:
    aliases: [political prisoners]

claims:
  - id: "un1"
    metric: prisoners_released
    value: 50
    qualifier: about   # "approximately"
    source: UN
    date: 2026-01-12
"""


def invoke(
    runner: CliRunner, path: Path, *args: str, stdin: str | None = None
) -> tuple[int, str, str]:
    result = runner.invoke(app, ["-f", str(path), *args], input=stdin, env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def claims(path: Path) -> list[dict[str, object]]:
    claims_file, problems = read_claims(path.read_bytes(), str(path))
    assert problems == []
    return [
        {
            "id": c.id,
            "metric": c.metric,
            "value": c.value,
            "qualifier": c.qualifier.value,
            "low": c.low,
            "high": c.high,
            "source": c.source,
            "date": c.date.isoformat(),
            "text": c.text,
        }
        for c in claims_file.claims
    ]


def test_add_appends_and_keeps_everything_else(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, out, err = invoke(
        runner, path, "add", "at least 60 freed (Foro Penal)", "--date", "2026-01-14"
    )
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    assert text.startswith(START)  # comments, quoting and layout before it survive byte for byte
    added = claims(path)[-1]
    assert added == added | {
        "metric": "prisoners_released",
        "value": 60,
        "qualifier": "at_least",
        "source": "Foro Penal",
        "date": "2026-01-14",
        "text": "at least 60 freed (Foro Penal)",
    }
    assert out.startswith(
        f"added {added['id']}  prisoners_released  at least 60  [60, ∞)  Foro Penal"
    )
    assert "Consistent: every claim fits [60, ∞)" in out


def test_add_shows_a_new_contradiction_at_once(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, out, _ = invoke(
        runner, path, "add", "30 released (Interior Ministry)", "--date", "2026-01-15"
    )
    assert code == 0
    assert "Sources disagree: UN about 50, Interior Ministry 30 (ratio 1.50)" in out


def test_options_override_the_text_and_metric_wins(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, _, err = invoke(
        runner,
        path,
        "add",
        "~800 remain (NGOs)",
        "--metric",
        "political prisoners",
        "--source",
        "Foro Penal",
        "--value",
        "780",
        "--date",
        "2026-01-12",
    )
    assert code == 0, err
    added = claims(path)[-1]
    assert added == added | {
        "metric": "political_prisoners",
        "value": 780,
        "qualifier": "about",
        "source": "Foro Penal",
    }


def test_date_defaults_to_today(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    assert invoke(runner, path, "add", "70 released (Red Cross)")[0] == 0
    assert claims(path)[-1]["date"] == dt.date.today().isoformat()


def test_vague_words_and_ranges(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    invoke(runner, path, "add", "several freed (State Department)", "--date", "2026-01-12")
    invoke(runner, path, "add", "between 40 and 60 released (Foro Penal)", "--date", "2026-01-13")
    several, between = claims(path)[-2:]
    assert (several["qualifier"], several["low"], several["high"], several["value"]) == (
        "range",
        3,
        9,
        3,
    )
    assert (between["qualifier"], between["low"], between["high"]) == ("range", 40, 60)


def test_low_and_high_options_make_a_range(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, _, err = invoke(
        runner,
        path,
        "add",
        "--metric",
        "released",
        "--source",
        "X",
        "--low",
        "40",
        "--high",
        "60",
        "--date",
        "2026-01-13",
    )
    assert code == 0, err
    added = claims(path)[-1]
    assert (added["qualifier"], added["low"], added["high"], added["value"]) == (
        "range",
        40,
        60,
        None,
    )


def test_unreadable_text_shows_where_reading_stopped(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    before = path.read_bytes()
    code, out, err = invoke(runner, path, "add", "rose from 350 to 680 (police)")
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith("figcheck: 'from 350 to 680' describes a change, not a range")
    assert lines[1] == "  rose from 350 to 680 (police)"
    assert lines[2] == "       ^"
    assert path.read_bytes() == before


def test_a_typo_in_what_gets_a_hint(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, _, err = invoke(runner, path, "add", "50 relesed (UN)")
    assert code == 2
    assert err == (
        "figcheck: no metric 'relesed' yet (did you mean 'prisoners_released'?);"
        " give --metric, or --new-metric to start a new one\n"
    )
    code, _, err = invoke(runner, path, "add", "50 relesed (UN)", "--new-metric")
    assert code == 0, err
    assert claims(path)[-1]["metric"] == "relesed"


def test_an_unknown_what_far_from_anything_starts_a_metric(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    assert invoke(runner, path, "add", "12 journalists detained (CPJ)")[0] == 0
    assert claims(path)[-1]["metric"] == "journalists_detained"


def test_missing_parts_without_a_terminal(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, _, err = invoke(runner, path, "add", "50")
    assert code == 2
    assert err == (
        "figcheck: missing metric, source: give them in the text (e.g. '~50 released (UN)')"
        " or as options (--metric, --source)\n"
    )


def test_duplicates_are_refused_unless_forced(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, _, err = invoke(runner, path, "add", "~50 released (UN)", "--date", "2026-01-12")
    assert code == 2
    assert "un1" in err
    code, _, err = invoke(
        runner, path, "add", "~50 released (UN)", "--date", "2026-01-12", "--force"
    )
    assert code == 0, err
    ids = [claim["id"] for claim in claims(path)]
    assert len(ids) == len(set(ids)) == 2


def test_dry_run_writes_nothing(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, out, err = invoke(
        runner, path, "add", "70 freed (Red Cross)", "--date", "2026-01-13", "--dry-run"
    )
    assert code == 0
    assert path.read_text(encoding="utf-8") == START
    assert "    metric: prisoners_released\n    value: 70\n" in out
    assert err == "dry run: nothing written\n"


def test_json_from_stdin(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    document = json.dumps(
        {
            "metric": "freed",
            "value": 65,
            "qualifier": "at least",
            "source": "AP",
            "date": "2026-01-13",
        }
    )
    code, _, err = invoke(runner, path, "add", "--json", stdin=document)
    assert code == 0, err
    added = claims(path)[-1]
    assert added == added | {"metric": "prisoners_released", "value": 65, "qualifier": "at_least"}
    code, _, err = invoke(runner, path, "add", "--json", stdin='{"valeu": 3}')
    assert code == 2
    assert err == "figcheck: <stdin>: unknown key 'valeu' (did you mean 'value'?)\n"
    code, _, err = invoke(runner, path, "add", "--json", stdin='{"value": "3"}')
    assert err == 'figcheck: <stdin>: value must be a number, not "3"\n'


def test_add_refuses_a_broken_file(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(
        START + "  - metric: x\n    value: -1\n    source: y\n    date: 2026-01-01\n"
    )
    before = path.read_bytes()
    code, _, err = invoke(runner, path, "add", "5 freed (Z)")
    assert code == 2
    assert err.startswith(f"figcheck: {path}:18: value must not be negative")
    assert path.read_bytes() == before


def test_add_to_stdin_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(app, ["-f", "-", "add", "5 freed (Z)"], input=START)
    assert result.exit_code == 2
    assert "standard input cannot be written to" in result.stderr


def test_rm_removes_one_claim(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    invoke(runner, path, "add", "70 freed (Red Cross)", "--date", "2026-01-13")
    code, out, err = invoke(runner, path, "rm", "un1")
    assert code == 0, err
    assert out.startswith("removed un1  prisoners_released  about 50  [45, 55]  UN  2026-01-12")
    assert [claim["source"] for claim in claims(path)] == ["Red Cross"]
    assert path.read_text(encoding="utf-8").startswith("# my notes on the January releases\n")


def test_rm_unknown_id(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, _, err = invoke(runner, path, "rm", "un")
    assert code == 2
    hint = "(did you mean un1?); 'figcheck list' shows the ids"
    assert err == f"figcheck: {path}: no claim has id 'un' {hint}\n"


@pytest.mark.parametrize("qualifier", ["bogus", "approx"])
def test_bad_qualifier_option(runner: CliRunner, claims_file: Write, qualifier: str) -> None:
    path = claims_file(START)
    code, _, err = invoke(runner, path, "add", "5 freed (Z)", "--qualifier", qualifier)
    assert code == 2
    assert err == f"figcheck: unknown qualifier '{qualifier}'; see figcheck add --help\n"


def test_a_typo_in_metric_option_is_refused_like_one_in_the_text(
    runner: CliRunner, claims_file: Callable[[str], Path]
) -> None:
    path = claims_file(SHIPPED.read_text(encoding="utf-8"))
    before = path.read_bytes()
    result = runner.invoke(
        app, ["-f", str(path), "add", "52 released (UN)", "--metric", "prisoners_relased"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "figcheck: no metric 'prisoners_relased' yet (did you mean 'prisoners_released'?); "
        "give --metric, or --new-metric to start a new one\n"
    )
    assert path.read_bytes() == before
    result = runner.invoke(
        app,
        [
            "-f",
            str(path),
            "add",
            "52 released (UN)",
            "--metric",
            "prisoners_relased",
            "--new-metric",
            "--date",
            "2026-01-13",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "added " in result.stdout and "prisoners_relased" in result.stdout


def test_add_prints_one_whole_line_per_record_into_a_pipe(
    runner: CliRunner, claims_file: Callable[[str], Path]
) -> None:
    path = claims_file(SHIPPED.read_text(encoding="utf-8"))
    source = "the United States Department of State, via an official speaking on background"
    result = runner.invoke(
        app,
        ["-f", str(path), "add", f"several americans released ({source})", "--date", "2026-01-14"],
        env={"COLUMNS": "60"},
    )
    assert result.exit_code == 0, result.stderr
    first, *rest = result.stdout.splitlines()
    assert first.startswith("added ") and first.endswith(f"{source}  2026-01-14")
    assert len(rest) == 1  # the verdict, on one line too
