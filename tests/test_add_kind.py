"""A new metric's kind: `add --kind`, the question in a terminal, and the registry entry written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figcheck.claimsfile.layout import declared_metric_text
from figcheck.claimsfile.refusals import UnsupportedLayout
from figcheck.cli import app, prompts
from figcheck.cli.options import KindChoice
from figcheck.model import Kind
from tests.conftest import read_claims

Write = Callable[[str], Path]

START = """\
# notes on the releases
version: 1
metrics:
  prisoners_released:
    kind: cumulative   # a running total
    aliases: [released]

# the figures as read
claims:
  - id: "un1"
    metric: prisoners_released
    value: 50
    qualifier: about
    source: UN
    date: 2026-01-12
"""


def invoke(runner: CliRunner, path: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["-f", str(path), *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def kinds(path: Path) -> dict[str, Kind]:
    claims_file, problems = read_claims(path.read_bytes(), str(path))
    assert problems == []
    return claims_file.kinds()


def test_kind_declares_the_new_metric_in_the_same_write(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    code, out, err = invoke(
        runner, path, "add", "3 marches (police)", "--date", "2026-01-14", "--kind", "fixed"
    )
    assert (code, err) == (0, "")
    assert out.startswith("added ")
    text = path.read_text()
    head = START.split("\n# the figures")[0]
    assert text.startswith(head + "  marches:\n    kind: fixed\n\n# the figures as read\nclaims:")
    assert "kind: cumulative   # a running total" in text  # comments kept
    assert kinds(path) == {"prisoners_released": Kind.CUMULATIVE, "marches": Kind.FIXED}
    claims_file_read, _ = read_claims(path.read_bytes(), str(path))
    assert [c.metric for c in claims_file_read.claims] == ["prisoners_released", "marches"]


def test_a_file_without_metrics_gets_the_section_before_its_claims(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file("version: 1\nclaims: []\n")
    code, _, err = invoke(
        runner, path, "add", "120 displaced (UN)", "--date", "2026-01-14", "--kind", "cumulative"
    )
    assert (code, err) == (0, "")
    assert path.read_text().startswith("version: 1\nmetrics:\n  displaced:\n    kind: cumulative\n")
    assert kinds(path) == {"displaced": Kind.CUMULATIVE}


def test_without_kind_and_without_a_terminal_a_new_metric_is_level_and_not_declared(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(START)
    code, _, _ = invoke(runner, path, "add", "3 marches (police)", "--date", "2026-01-14")
    assert code == 0
    assert "marches:" not in path.read_text().split("claims:")[0]
    assert kinds(path) == {"prisoners_released": Kind.CUMULATIVE}


def test_kind_of_a_known_metric_must_be_its_kind(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, _, err = invoke(
        runner, path, "add", "60 released (UN)", "--date", "2026-01-14", "--kind", "level"
    )
    assert code == 2
    assert err == (
        "figcheck: prisoners_released is a cumulative metric; --kind only declares a new metric "
        f"(change its kind under metrics: in {path})\n"
    )
    assert path.read_text() == START
    code, _, err = invoke(
        runner, path, "add", "60 released (UN)", "--date", "2026-01-14", "--kind", "cumulative"
    )
    assert (code, err) == (0, "")
    assert path.read_text().split("claims:")[0] == START.split("claims:")[0]


def test_dry_run_says_what_it_would_declare(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(START)
    code, out, err = invoke(
        runner, path, "add", "3 marches (police)", "--date", "2026-01-14", "--kind", "fixed",
        "--dry-run",
    )  # fmt: skip
    assert code == 0
    assert "metric: marches" in out
    assert err == "would declare marches under metrics: as fixed\ndry run: nothing written\n"
    assert path.read_text() == START


def test_the_terminal_question_asks_again_until_a_kind(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["running", "Fixed"])
    monkeypatch.setattr("builtins.input", lambda _: next(answers))
    assert prompts.ask_kind("marches") == "fixed"
    err = capsys.readouterr().err
    assert err.startswith("marches is a new metric. Which kind of number is it?\n  level ")
    assert err.endswith("'running' is not a kind: answer level, cumulative or fixed\n")
    monkeypatch.setattr("builtins.input", lambda _: "")
    assert prompts.ask_kind("marches") == "level"  # the default


def test_the_choices_are_the_contract_kinds() -> None:
    assert [k.value for k in KindChoice] == [k.value for k in Kind]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # entries indented by four: the new one too
            "metrics:\n    a:\n        kind: fixed\nclaims: []\n",
            "metrics:\n    a:\n        kind: fixed\n    b:\n        kind: level\nclaims: []\n",
        ),
        (  # an empty section
            "version: 1\nmetrics:\nclaims: []\n",
            "version: 1\nmetrics:\n  b:\n    kind: level\nclaims: []\n",
        ),
        (  # Windows line ends stay
            "metrics:\r\n  a:\r\n    unit: people\r\nclaims: []\r\n",
            "metrics:\r\n  a:\r\n    unit: people\r\n  b:\r\n    kind: level\r\nclaims: []\r\n",
        ),
        (  # no claims key at all: at the end
            "version: 1",
            "version: 1\nmetrics:\n  b:\n    kind: level\n",
        ),
    ],
)
def test_declared_metric_text(text: str, expected: str) -> None:
    assert declared_metric_text(text, "b", "level") == expected


def test_a_flow_style_registry_is_refused_with_what_to_write() -> None:
    with pytest.raises(UnsupportedLayout) as error:
        declared_metric_text("metrics: {a: {kind: fixed}}\nclaims: []\n", "b", "fixed", "f.yaml")
    assert str(error.value) == (
        "f.yaml:1: metrics is written in flow style ({...}); declare 'b: {kind: fixed}' there "
        "yourself"
    )
