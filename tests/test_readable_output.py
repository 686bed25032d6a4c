"""Output a person and a script can read: whole lines into a pipe, counts written as counts, tables
that give way to one record per block in a narrow terminal."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from figcheck import report, wording
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


# --- counts written as counts -------------------------------------------------------------------


@given(st.floats(min_value=-1e15, max_value=1.1e15, allow_nan=False))
def test_a_number_is_never_written_in_scientific_notation(value: float) -> None:
    for direction in (-1, 0, 1):
        text = wording.number(value, direction)
        assert "e" not in text.lower(), text
        shown = float(text.replace(",", ""))
        assert abs(shown - value) <= max(abs(value) * 1e-5, 0.01), (value, text)
        kept = float(f"{value:.15g}")  # what a float holds: 15 significant digits
        if direction < 0:
            assert shown <= kept
        if direction > 0:
            assert shown >= kept


def test_bounds_are_counts_rounded_outward() -> None:
    assert wording.interval(6999999.3, 8555554.7) == "[6,999,999, 8,555,555]"
    assert wording.interval(2430000.0, 2.7e6 * 1.1) == "[2,430,000, 2,970,000]"  # float noise
    assert wording.interval(7e6 * 0.9, 7e6 * 1.1) == "[6,300,000, 7,700,000]"
    assert wording.span(6999999.3, 8555554.7) == "between 6,999,999 and 8,555,555"
    assert wording.span(6999999.3, None) == "6,999,999 or more"
    assert wording.number(135802469.1358) == "135,802,469"  # a chart's axis label
    assert wording.number(0.00001234) == "0.0000123"
    assert wording.number(1234.5) == "1,234.5"
    assert wording.number(2.64) == "2.64"


def test_the_chart_axis_labels_are_counts() -> None:
    from matplotlib.figure import Figure

    from figcheck.charts import _number_axis

    figure = Figure()
    axes = figure.add_subplot()
    axes.set_xlim(0, 1.5e8)
    _number_axis(axes.xaxis)
    figure.canvas.draw()
    labels = [label.get_text() for label in axes.get_xticklabels()]
    assert labels and all("e" not in label for label in labels)
    assert "100,000,000" in labels
    label = axes.xaxis.get_major_formatter()
    assert label(135802469.1358, 0) == "135,802,469"
    assert label(0.1 * 3 * 1e8, 0) == "30,000,000"  # a tick with float noise


ABOUT_SEVEN_MILLION = """\
claims:
  - id: un
    metric: displaced
    value: 7777777
    qualifier: about
    source: UN
    date: 2026-01-12
  - id: iom
    metric: displaced
    value: 7500000
    qualifier: about
    source: IOM
    date: 2026-01-12
"""


def test_compare_show_and_list_write_counts(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(ABOUT_SEVEN_MILLION)
    for args in (["compare"], ["show", "displaced"], ["list"]):
        code, out, err = invoke(runner, path, *args, columns=200)
        assert code == 0, err
        assert "e+" not in out, out
    code, out, _ = invoke(runner, path, "list", columns=200)
    assert "[6,999,999, 8,555,555]" in out


def test_csv_cells_hold_exact_values_written_without_an_exponent(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(ABOUT_SEVEN_MILLION)
    code, out, err = invoke(runner, path, "list", "--format", "csv")
    assert code == 0, err
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out))}
    assert rows["un"]["lo"] == "6999999.3" and rows["un"]["hi"] == "8555554.7"
    stream = io.StringIO()
    report.write_csv([{"ratio": 0.000005, "low": 1e16}], ["ratio", "low"], stream)
    assert stream.getvalue() == "ratio,low\n0.000005,10000000000000000\n"


# --- narrow terminals: one record per block rather than cut columns -----------------------------

TWO_LONG_METRICS = """\
claims:
  - id: fp
    metric: political_prisoners_in_caracas
    value: 800
    qualifier: about
    source: Foro Penal
    date: 2026-01-12
  - id: gov
    metric: political_prisoners_in_caracas
    value: 0
    source: government
    date: 2026-01-12
  - id: hr
    metric: political_prisoners_in_maracaibo
    value: 120
    source: Provea
    date: 2026-01-12
"""


def in_terminal(runner: CliRunner, path: Path, *args: str, columns: int) -> str:
    """A command's output as a terminal of this width shows it (Rich told it is a terminal)."""
    env = {"COLUMNS": str(columns), "TTY_COMPATIBLE": "1", "NO_COLOR": "1"}
    result = runner.invoke(app, ["-f", str(path), *args], env=env)
    assert result.exit_code == 0, result.stderr
    return re.sub("\x1b\\[[0-9;]*m", "", result.stdout)  # bold and dim, which NO_COLOR keeps


def test_compare_in_a_narrow_terminal_shows_every_metric_name_whole(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(TWO_LONG_METRICS)
    out = in_terminal(runner, path, "compare", columns=60)
    lines = out.splitlines()
    assert "political_prisoners_in_caracas" in lines
    assert "political_prisoners_in_maracaibo" in lines
    assert "…" not in out and max(map(len, lines)) <= 60
    assert "  verdict  divergent, as of 2026-01-12, ratio ∞" in lines
    assert "Foro Penal about 800 vs government 0" in out
    wide = in_terminal(runner, path, "compare", columns=200)
    assert "─┼─" in wide  # a table where there is room for one


def test_list_in_a_narrow_terminal_shows_every_claim_whole(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(TWO_LONG_METRICS)
    out = in_terminal(runner, path, "list", columns=60)
    lines = out.splitlines()
    assert "fp  political_prisoners_in_caracas  2026-01-12" in lines
    assert "  figure  about 800  [720, 880]" in lines
    assert "  source  government" in lines
    assert "…" not in out and max(map(len, lines)) <= 60
    assert "━" in in_terminal(runner, path, "list", columns=200)  # a table where it fits


def test_show_in_a_narrow_terminal_keeps_the_conflict_mark(claims_file: Write) -> None:
    from rich.console import Console

    from figcheck import comparing, render
    from figcheck.claimsfile.locate import snapshot
    from figcheck.claimsfile.reading import load

    path = claims_file(PRISONERS)
    view = comparing.metric_view(
        load(snapshot(str(path))), comparing.CompareOptions("political_prisoners")
    )
    for width in (60, 40):
        out = io.StringIO()
        console = Console(file=out, width=width, force_terminal=True, color_system=None)
        console.print(render.show(view.metric, view.claims, view.verdict))
        lines = out.getvalue().splitlines()
        assert sum(line.endswith("✗ conflict") for line in lines) == 2, out.getvalue()
        assert any(line.endswith("  about 810 ✗ conflict") for line in lines)
        assert max(map(len, lines)) <= width


def test_a_consistent_metric_in_a_narrow_terminal_shows_the_reconciled_range(
    claims_file: Write,
) -> None:
    from rich.console import Console

    from figcheck import comparing, render
    from figcheck.claimsfile.locate import snapshot
    from figcheck.claimsfile.reading import load

    path = claims_file(ABOUT_SEVEN_MILLION)
    view = comparing.metric_view(load(snapshot(str(path))), comparing.CompareOptions("displaced"))
    out = io.StringIO()
    console = Console(file=out, width=50, force_terminal=True, color_system=None)
    console.print(render.show(view.metric, view.claims, view.verdict))
    lines = out.getvalue().splitlines()
    assert "reconciled" in lines
    assert lines[lines.index("reconciled") + 1].endswith("[6,999,999, 8,250,000]")
    assert max(map(len, lines)) <= 50
