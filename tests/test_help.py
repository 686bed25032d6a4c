"""Help a newcomer can read: summaries that fit, metavars in words, one or two examples each."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from figcheck.cli import app
from figcheck.cli.application import COMMANDS

NAMES = [name for name, *_ in COMMANDS]


def help_of(runner: CliRunner, *args: str, columns: int = 80) -> str:
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_every_command_summary_fits_whole(runner: CliRunner, columns: int) -> None:
    text = help_of(runner, columns=columns)
    commands = text.split("Commands:\n")[1].splitlines()
    assert [line.split()[0] for line in commands] == NAMES  # one line each
    for line in commands:
        assert not line.endswith("..."), line
        assert line.rstrip().endswith((".", ")")) or line.split()[-1].isalpha(), line


@pytest.mark.parametrize("command", NAMES)
def test_metavars_are_words(runner: CliRunner, command: str) -> None:
    text = help_of(runner, command, columns=120)
    internal = re.findall(r"<[^>]*>|\{[^}]*\}|%[Ymd]", text)
    assert internal == [], internal  # not <str>, <float range>, <%Y-%m-%d>, {metric}


@pytest.mark.parametrize("command", NAMES)
def test_every_command_shows_an_example(runner: CliRunner, command: str) -> None:
    text = help_of(runner, command, columns=120)
    examples = text.split("Examples:\n")[1].splitlines()
    shown = [line for line in examples if line.strip().startswith("$ figcheck ")]
    assert 1 <= len(shown) <= 2, text


def test_the_global_options_are_words(runner: CliRunner) -> None:
    text = help_of(runner, columns=120)
    assert "-f, --file FILE" in text and "<str>" not in text


def test_export_offers_only_the_formats_it_writes(runner: CliRunner, tmp_path: object) -> None:
    text = help_of(runner, "export", columns=120)
    assert "--format csv|json|markdown" in text and "table" not in text
    refused = runner.invoke(app, ["export", "-", "--format", "table"])
    assert refused.exit_code == 2


def test_add_help_explains_the_shorthand_and_the_questions(runner: CliRunner) -> None:
    text = " ".join(help_of(runner, "add", columns=120).split())
    assert "[QUALIFIER] NUMBER [WHAT] [(SOURCE)]" in text
    assert "asked for in a terminal" in text
    assert "Usage: figcheck add [OPTIONS] [TEXT]" in text
    assert "--date DATE" in text and "--qualifier QUALIFIER" in text
