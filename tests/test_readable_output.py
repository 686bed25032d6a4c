"""Output a person and a script can read: whole lines into a pipe, counts written as counts, tables
that give way to one record per block in a narrow terminal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from figcheck.cli import app

Write = Callable[[str], Path]

LONG_SOURCE = "the Venezuelan Penal Forum, a human rights organisation based in Caracas"

PRISONERS = f"""\
claims:
  - id: hrg
    metric: political_prisoners
    value: 800
    qualifier: about
    source: human rights groups
    date: 2026-01-12
  - id: gov
    metric: political_prisoners
    value: 0
    source: officials of Maduro's administration
    date: 2026-01-12
  - id: vpf
    metric: political_prisoners
    value: 810
    qualifier: about
    source: {LONG_SOURCE}
    date: 2026-01-13
"""


def invoke(runner: CliRunner, path: Path, *args: str, columns: int = 60) -> tuple[int, str, str]:
    """A command whose output goes to a pipe (CliRunner's stdout is no terminal)."""
    result = runner.invoke(app, ["-f", str(path), *args], env={"COLUMNS": str(columns)})
    return result.exit_code, result.stdout, result.stderr


# --- one whole line per record into a pipe ------------------------------------------------------


def test_rm_prints_one_whole_line_per_record_into_a_pipe(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(PRISONERS)
    code, out, err = invoke(runner, path, "rm", "vpf")
    assert code == 0, err
    first, *rest = out.splitlines()
    assert first.startswith("removed vpf ") and first.endswith(f"{LONG_SOURCE}  2026-01-13")
    assert len(rest) == 1 and rest[0].startswith("Sources disagree: ")


def test_extract_add_yes_prints_one_whole_line_per_claim_into_a_pipe(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file("claims: []\n")
    article = tmp_path / "article.txt"
    article.write_text(
        "2026-03-04\n\nAt least 120 houses were destroyed by the flood, the regional fire and "
        "rescue service of the northern coastal province said on Tuesday.\n",
        encoding="utf-8",
    )
    code, out, err = invoke(runner, path, "extract", str(article), "--add", "--yes", columns=40)
    assert code == 0, err
    added, verdict = out.splitlines()
    assert added.startswith("added ") and added.endswith("2026-03-04")
    assert "northern coastal province" in added
    assert verdict.startswith("One claim: ")


def test_show_prints_whole_lines_into_a_pipe(runner: CliRunner, claims_file: Write) -> None:
    """The verdict line, each row of the forest plot and each source's line over time."""
    path = claims_file(PRISONERS)
    code, out, err = invoke(runner, path, "show", "political_prisoners")
    assert code == 0, err
    lines = out.splitlines()
    verdict = lines[1]
    assert verdict.startswith("Sources disagree: ") and verdict.endswith("administration 0")
    forest = [line for line in lines if line.startswith(f" {LONG_SOURCE}  ")]
    assert len(forest) == 1 and forest[0].rstrip().endswith("about 810 ✗ conflict")
    timeline = [line for line in lines if line.startswith(f"  {LONG_SOURCE}: ")]
    assert len(timeline) == 1 and timeline[0].endswith("(2026-01-13) ✗")
