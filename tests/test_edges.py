"""Edges found in review: report files, odd paths, strict input, exact numbers, terminal CSV."""

from __future__ import annotations

import io
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figcheck import report
from figcheck.claimsfile import write as writing
from figcheck.cli import app
from tests.conftest import SHIPPED

Write = Callable[[str], Path]


def invoke(runner: CliRunner, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_export_keeps_permissions_and_writes_through_links(
    runner: CliRunner, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh.csv"
    assert invoke(runner, "-f", str(SHIPPED), "export", str(fresh))[0] == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~mask
    shared = tmp_path / "shared.csv"
    shared.write_text("old")
    shared.chmod(0o664)
    assert invoke(runner, "-f", str(SHIPPED), "export", str(shared))[0] == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert invoke(runner, "-f", str(SHIPPED), "export", str(link))[0] == 0
    assert link.is_symlink()
    assert real.read_text().startswith("metric,status,")


@pytest.mark.parametrize("command", ["export", "report"])
def test_writing_a_report_over_a_folder_is_a_clear_error(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    code, _, err = invoke(runner, "-f", str(SHIPPED), command, str(tmp_path))
    assert code == 2
    assert err == f"figcheck: {tmp_path}: is a folder; give a file name\n"
    code, _, err = invoke(runner, "-f", str(SHIPPED), "export", "")
    assert (code, err) == (2, "figcheck: no file name given\n")


def test_init_where_it_cannot_create(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "f"
    blocker.write_text("")
    code, _, err = invoke(runner, "-f", str(blocker / "x.yaml"), "init")
    assert code == 2
    assert err.startswith(f"figcheck: {blocker / 'x.yaml'}: cannot create: ")


@pytest.mark.parametrize(
    "name",
    [
        "a\nb.yaml",
        "a\tb.yaml",
        "a\x1b[31mb.yaml",
        "d\n/c.yaml",
        "a\x85b.yaml",
        "a\u2028b.yaml",
        "a\u202eb.yaml",
    ],
)
def test_init_refuses_a_name_with_a_control_character(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    code, _, err = invoke(runner, "-f", str(tmp_path / name), "init")
    assert code == 2
    assert err.count("\n") == 1 and "\x1b" not in err and "\t" not in err and name not in err
    assert "a file name with a control character" in err
    assert list(tmp_path.iterdir()) == []


def test_an_empty_file_option_is_an_error(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "-f", "", "list")
    assert (code, err) == (
        2,
        "figcheck: --file is empty; give a claims file, or '-' for standard input\n",
    )


def test_png_and_svg_options_want_their_own_suffix(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = invoke(
        runner, "-f", str(SHIPPED), "show", "deaths", "--png", str(tmp_path / "x.svg")
    )
    assert code == 2
    assert err == f"figcheck: --png saves a .png file, not {tmp_path / 'x.svg'}\n"


@pytest.mark.parametrize("date", ['"2026-W03-2"', "20260101", '"20260101"', '"2026-1-5"'])
def test_json_dates_are_as_strict_as_the_file(
    runner: CliRunner, claims_file: Write, date: str
) -> None:
    path = claims_file("claims: []\n")
    document = f'{{"metric": "a", "value": 5, "source": "X", "date": {date}}}'
    code, _, err = invoke(runner, "-f", str(path), "add", "--json", "--dry-run", stdin=document)
    assert code == 2
    assert err.startswith("figcheck: <stdin>: date must be YYYY-MM-DD")


def test_machine_output_keeps_the_numbers_written(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(
        "claims:\n"
        "  - {metric: a, value: 1234567890123, source: X, date: 2026-01-01}\n"
        "  - {metric: b, value: 0.1234567890123, source: X, date: 2026-01-01}\n"
        "  - {metric: c, value: 800, qualifier: about, source: X, date: 2026-01-01}\n"
    )
    code, out, _ = invoke(runner, "-f", str(path), "list", "--format", "json")
    values = {claim["metric"]: (claim["value"], claim["hi"]) for claim in json.loads(out)}
    assert values == {
        "a": (1234567890123, 1234567890123),
        "b": (0.1234567890123,) * 2,
        "c": (800, 880),
    }


def test_csv_for_a_terminal_shows_controls_as_marks() -> None:
    stream = io.StringIO()
    record = {"source": "\x1b]0;title\x07evil\u202e", "value": 5}
    report.write_csv([record], ["source", "value"], stream, terminal=True)
    assert stream.getvalue() == "source,value\n␛]0;title␇evil\ufffd,5\n"


def test_a_read_only_claims_file_is_not_replaced(
    claims_file: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = claims_file("claims: []\n")
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)  # root may write anything
    import datetime as dt

    from figcheck.model import Claim

    claim = Claim(id="", metric="a", source="X", date=dt.date(2026, 1, 1), value=1)
    with pytest.raises(writing.UnusableFile, match="the file is read-only; nothing was written"):
        writing.append_claim(str(path), claim)
    assert path.read_text() == "claims: []\n"


def _claims_output(
    rows: int, *, terminal: bool, monkeypatch: pytest.MonkeyPatch, width: int = 60
) -> str:
    from rich.console import Console

    from figcheck import render
    from figcheck.analysis import claims_frame
    from figcheck.claimsfile.locate import snapshot
    from figcheck.claimsfile.reading import load

    monkeypatch.setattr(render._ClaimsTable, "TABLE_ROWS", rows)
    frame = claims_frame(load(snapshot(str(SHIPPED))))
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=terminal, color_system=None)
    console.print(render.claims_table(frame), crop=terminal)
    return out.getvalue()


def test_claims_fit_a_terminal_and_stay_whole_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    few = _claims_output(100, terminal=True, monkeypatch=monkeypatch, width=180)
    assert "━" in few and max(len(line) for line in few.splitlines()) <= 180  # a Rich table
    many = _claims_output(3, terminal=True, monkeypatch=monkeypatch, width=180)  # more claims
    lines = many.splitlines()
    assert "─┼─" in many and max(len(line) for line in lines) <= 180  # a grid that fits...
    assert lines[2].startswith("e25c6ae1 │ americans_released ")  # ...ids and metrics whole
    for rows in (100, 3):  # a narrow terminal: one claim per block, nothing cut
        narrow = _claims_output(rows, terminal=True, monkeypatch=monkeypatch)
        lines = narrow.splitlines()
        assert "e25c6ae1  americans_released  2026-01-12" in lines
        assert "…" not in narrow and max(len(line) for line in lines) <= 60
    piped = _claims_output(100, terminal=False, monkeypatch=monkeypatch)
    lines = piped.splitlines()
    assert "─┼─" in piped and len(lines) == 2 + 7  # one line per claim, however long
    assert any(len(line) > 60 for line in lines)
    assert "at least 1,850 demonstrators killed in 17 days" in piped


def test_unicode_line_and_paragraph_separators_are_shown_not_obeyed() -> None:
    from figcheck.safety import visible

    shown = visible("one\u2028two\u2029three")
    assert len(shown.splitlines()) == 1 and "\u2028" not in shown and "\u2029" not in shown
