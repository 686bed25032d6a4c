"""Reports, exports and charts never replace a claims file, nor another file without a check."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figcheck.cli import app
from figcheck.errors import UnusableFile
from figcheck.output_files import OutputKind, check_target, holds, write_output

Write = Callable[[str], Path]

CLAIMS = """\
# the desk's figures
version: 1
claims:
  - id: a1
    metric: prisoners
    value: 800
    qualifier: about
    source: rights groups
    date: 2026-01-12
  - id: b1
    metric: prisoners
    value: 0
    source: officials
    date: 2026-01-12
"""


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def _writes(path: Path, target: str) -> list[list[str]]:
    """Every command that writes a report, export or chart to ``target``."""
    return [
        ["-f", str(path), "report", target],
        ["-f", str(path), "export", target],
        ["-f", str(path), "export", target, "--format", "json"],
        ["-f", str(path), "export", target, "--format", "markdown"],
        ["-f", str(path), "export", target, "--format", "csv", "--claims"],
        ["-f", str(path), "export", target, "--format", "csv", "--force"],
        ["-f", str(path), "report", target, "--force"],
    ]


def test_no_command_writes_over_the_claims_file_it_reads(
    runner: CliRunner, claims_file: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = claims_file(CLAIMS)
    before = path.read_bytes()
    monkeypatch.chdir(tmp_path)
    spellings = [
        str(path),
        "data/claims.yaml",
        "./data/../data/claims.yaml",
        str(tmp_path / "data" / "." / "claims.yaml"),
    ]
    for spelling in spellings:
        for args in _writes(path, spelling):
            code, out, err = run(runner, *args)
            assert code == 2, (args, err)
            assert err == (
                f"figcheck: {spelling}: is the claims file being read; nothing was written "
                "(give another file name)\n"
            ), args
            assert path.read_bytes() == before


def test_a_link_to_the_claims_file_is_not_written_through(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file(CLAIMS)
    link = tmp_path / "out.csv"
    link.symlink_to(path)
    code, _, err = run(runner, "-f", str(path), "export", str(link))
    assert code == 2
    assert "is the claims file being read" in err
    assert path.read_text(encoding="utf-8") == CLAIMS


def test_the_claims_file_found_by_default_is_protected(
    runner: CliRunner, claims_file: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = claims_file(CLAIMS)
    monkeypatch.chdir(tmp_path / "data")
    code, _, err = run(runner, "report", "claims.yaml")
    assert code == 2, err
    assert path.read_text(encoding="utf-8") == CLAIMS


def test_another_claims_file_is_never_replaced_even_with_force(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file(CLAIMS)
    other = tmp_path / "other.csv"
    other.write_text(CLAIMS, encoding="utf-8")
    for args in _writes(path, str(other)):
        code, _, err = run(runner, *args)
        assert code == 2, args
        assert err == (
            f"figcheck: {other}: holds claims (a claims file); nothing was written "
            "(give another file name)\n"
        )
    assert other.read_text(encoding="utf-8") == CLAIMS


def test_a_file_of_another_kind_needs_force(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file(CLAIMS)
    notes = tmp_path / "notes.csv"
    notes.write_bytes(b"\x00\x01binary spreadsheet")
    code, _, err = run(runner, "-f", str(path), "export", str(notes))
    assert code == 2
    assert err == (
        f"figcheck: {notes}: exists and does not hold CSV; nothing was written "
        "(give another file name, or --force to replace it)\n"
    )
    assert notes.read_bytes() == b"\x00\x01binary spreadsheet"
    page = tmp_path / "page.html"
    page.write_text("my own notes, not a page\n", encoding="utf-8")
    code, _, err = run(runner, "-f", str(path), "report", str(page))
    assert code == 2
    assert "does not hold HTML" in err
    code, _, err = run(runner, "-f", str(path), "report", str(page), "--force")
    assert code == 0, err
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_file_of_the_same_kind_is_replaced(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file(CLAIMS)
    report = tmp_path / "report.csv"
    for _ in range(2):
        code, _, err = run(runner, "-f", str(path), "export", str(report))
        assert code == 0, err
    page = tmp_path / "report.html"
    for _ in range(2):
        code, _, err = run(runner, "-f", str(path), "report", str(page))
        assert code == 0, err
    os.chmod(report, 0o640)
    code, _, err = run(runner, "-f", str(path), "export", str(report))
    assert code == 0, err
    assert report.stat().st_mode & 0o777 == 0o640


def test_chart_files_are_checked_too(runner: CliRunner, claims_file: Write, tmp_path: Path) -> None:
    path = claims_file(CLAIMS)
    code, _, err = run(runner, "-f", str(path), "show", "prisoners", "--svg", str(path))
    assert code == 2
    assert "--svg saves a .svg file" in err
    image = tmp_path / "chart.png"
    image.write_text("not an image", encoding="utf-8")
    code, _, err = run(runner, "-f", str(path), "show", "prisoners", "--png", str(image))
    assert code == 2
    assert "does not hold PNG" in err
    assert image.read_text(encoding="utf-8") == "not an image"
    code, _, err = run(runner, "-f", str(path), "show", "prisoners", "--png", str(image), "--force")
    assert code == 0, err
    assert image.read_bytes().startswith(b"\x89PNG")


def test_report_dash_writes_to_standard_output(
    runner: CliRunner, claims_file: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = claims_file(CLAIMS)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(runner, "-f", str(path), "report", "-")
    assert (code, err) == (0, "")
    assert out.startswith("<!DOCTYPE html>")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("name", ["x.html", "x.yaml", "x.yml", "x.xlsx", "x.tsv"])
def test_export_refuses_an_extension_it_does_not_write(
    runner: CliRunner, claims_file: Write, tmp_path: Path, name: str
) -> None:
    path = claims_file(CLAIMS)
    target = tmp_path / name
    code, _, err = run(runner, "-f", str(path), "export", str(target))
    assert code == 2
    suffix = target.suffix
    assert err == (
        f"figcheck: export writes .csv, .json or .md, not '{suffix}': "
        "rename the file or give --format csv|json|markdown\n"
    )
    assert not target.exists()
    code, _, err = run(runner, "-f", str(path), "export", str(target), "--format", "json")
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("[")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.csv"
    target.write_text("metric,status\n", encoding="utf-8")

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UnusableFile, match="cannot write: No space left on device"):
        write_output(str(target), b"new,report\n", OutputKind.CSV)
    assert target.read_text(encoding="utf-8") == "metric,status\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


@pytest.mark.parametrize(
    ("kind", "head", "expected"),
    [
        (OutputKind.CSV, b"metric,status,claims\n", True),
        (OutputKind.CSV, b"", True),
        (OutputKind.CSV, b"one cell", True),
        (OutputKind.CSV, b"Dear editor\nthe figures\n", False),
        (OutputKind.CSV, b"\xff\xfe\x00binary", False),
        (OutputKind.JSON, b'  [{"metric": 1}]', True),
        (OutputKind.JSON, b"metric,status\n", False),
        (OutputKind.MARKDOWN, b"| metric |\n", True),
        (OutputKind.HTML, b"\n<!doctype html><html>", True),
        (OutputKind.HTML, b"<html lang=en>", True),
        (OutputKind.HTML, b"plain notes", False),
        (OutputKind.PNG, b"\x89PNG\r\n\x1a\n....", True),
        (OutputKind.PNG, b"GIF89a", False),
        (OutputKind.SVG, b"<?xml version='1.0'?>\n<svg>", True),
        (OutputKind.SVG, b"<html>", False),
    ],
)
def test_holds_tells_the_kind_of_an_existing_file(
    kind: OutputKind, head: bytes, expected: bool
) -> None:
    assert holds(kind, head) is expected


def test_check_target_refuses_a_folder_and_an_empty_name(tmp_path: Path) -> None:
    with pytest.raises(UnusableFile, match="is a folder"):
        check_target(str(tmp_path), OutputKind.CSV)
    with pytest.raises(UnusableFile, match="no file name given"):
        check_target("", OutputKind.CSV)


def test_init_creates_the_file_named_by_figcheck_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "story" / "figures.yaml"
    result = runner.invoke(app, ["init"], env={"FIGCHECK_FILE": str(target)})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"created {target}\n"
    assert target.read_text(encoding="utf-8").startswith("# figcheck claims file")
    assert not (tmp_path / "data").exists()
