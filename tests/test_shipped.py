"""The shipped claims file: clean, and reconciled as the seed report's figures should be."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from figcheck.cli import app
from figcheck.gitsetup import setup_hint
from tests.conftest import SHIPPED


def test_shipped_file_is_clean(runner: CliRunner) -> None:
    result = runner.invoke(app, ["-f", str(SHIPPED), "check"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    # in a clone without the merge driver set up, check says how to set it up (and only that)
    assert result.stderr in ("", f"figcheck: {setup_hint(str(SHIPPED))}\n")


def test_political_prisoners_diverge_and_the_parts_fit_their_wholes(runner: CliRunner) -> None:
    result = runner.invoke(app, ["-f", str(SHIPPED), "compare", "--format", "json"])
    assert result.exit_code == 0, result.output
    status = {row["metric"]: row["status"] for row in json.loads(result.stdout)}
    assert status["political_prisoners"] == "divergent"
    # the demonstrators HRANA counts are part of the overall toll: 1,850+ within 2,400+
    assert status["demonstrators_killed ≤ protest_deaths"] == "consistent"
    parts = "spanish_citizens_released + americans_released ≤ prisoners_released"
    assert status[parts] == "consistent"  # 5+ and 3-9 within about 50
