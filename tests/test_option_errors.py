"""What a mistake in an option says: a global option after the command, an impossible date, an
empty range of dates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figcheck.cli import app
from tests.conftest import SHIPPED

Write = Callable[[str], Path]


def invoke(runner: CliRunner, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin, env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["add", "5 freed (UN)", "-f", "x.yaml"], "figcheck -f FILE add …"),
        (["init", "-f", "story.yaml"], "figcheck -f FILE init …"),
        (["list", "--file=x.yaml"], "figcheck --file FILE list …"),
        (["compare", "--debug"], "figcheck --debug compare …"),
    ],
)
def test_a_global_option_after_the_command_says_where_it_goes(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], hint: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke(runner, *args)
    assert code == 2
    option = args[-1].partition("=")[0] if args[-1].startswith("-") else args[-2]
    assert f"No such option: {option} ({option} is an option of figcheck itself and goes " in err
    assert f"before the command: {hint})" in err
    assert list(tmp_path.iterdir()) == []  # nothing created


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["add", "5 freed (UN)", "--date", "{day}"], "--date"),
        (["add", "5 freed (UN)", "--as-of", "{day}"], "--as-of"),
        (["extract", "-", "--date", "{day}"], "--date"),
        (["import", "table.csv", "--date", "{day}"], "--date"),
        (["list", "--since", "{day}"], "--since"),
        (["compare", "--until", "{day}"], "--until"),
        (["show", "political_prisoners", "--as-of", "{day}"], "--as-of"),
    ],
)
@pytest.mark.parametrize(
    ("day", "why"),
    [
        ("2026-13-01", "the date 2026-13-01 is not a real date (there is no month 13)"),
        ("2026-02-30", "the date 2026-02-30 is not a real date (February 2026 has 28 days)"),
        ("2024-04-31", "the date 2024-04-31 is not a real date (April 2024 has 30 days)"),
        ("2026-01-00", "the date 2026-01-00 is not a real date (there is no day 0)"),
        ("0000-01-01", "the date 0000-01-01 is not a real date (there is no year 0)"),
    ],
)
def test_an_impossible_date_option_says_what_is_wrong(
    runner: CliRunner, args: list[str], option: str, day: str, why: str
) -> None:
    filled = [arg.format(day=day) for arg in args]
    code, _, err = invoke(runner, "-f", str(SHIPPED), *filled, stdin="")
    assert code == 2
    assert f"Invalid value for '{option}': {why}" in err
    assert "does not match the formats" not in err


def test_a_date_option_not_written_yyyy_mm_dd_says_how_to_write_it(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "-f", str(SHIPPED), "add", "5 freed (UN)", "--date", "12/01/2026")
    assert code == 2
    assert (
        "Invalid value for '--date': the date must be written YYYY-MM-DD (such as 2026-01-12), "
        "not '12/01/2026'"
    ) in err


def test_a_date_option_is_read_as_one_day(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file("claims: []\n")
    code, out, err = invoke(
        runner, "-f", str(path), "add", "5 freed (UN)", "--date", "2026-1-5", "--dry-run"
    )
    assert code == 0, err
    assert "date: 2026-01-05" in out
    code, _, err = invoke(
        runner, "-f", str(path), "add", "5 freed (UN)", "--date", "2026-01-05T10:00"
    )
    assert code == 2
    assert "the date must be written YYYY-MM-DD" in err


def test_an_impossible_json_date_says_what_is_wrong(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file("claims: []\n")
    document = '{"metric": "a", "value": 5, "source": "X", "date": "2026-13-01"}'
    code, _, err = invoke(runner, "-f", str(path), "add", "--json", "--dry-run", stdin=document)
    assert (code, err) == (
        2,
        "figcheck: <stdin>: date 2026-13-01 is not a real date (there is no month 13)\n",
    )


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["compare"],
        ["compare", "--format", "json"],
        ["show", "political_prisoners"],
    ],
)
def test_since_after_until_says_the_range_is_empty(runner: CliRunner, args: list[str]) -> None:
    code, out, err = invoke(
        runner, "-f", str(SHIPPED), *args, "--since", "2026-03-01", "--until", "2026-01-01"
    )
    assert (code, out) == (2, "")
    assert err == (
        "figcheck: --since 2026-03-01 is after --until 2026-01-01: no claim can be in between\n"
    )
