"""The commands through Typer's CliRunner: options, formats, exit codes, and safe output."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figcheck import __version__
from figcheck.cli import app

Write = Callable[[str], Path]

TWO_METRICS = """\
version: 1
metrics:
  political_prisoners:
    aliases: [political prisoners]
  deaths:
    kind: cumulative
claims:
  - id: hrg
    metric: political prisoners
    value: 800
    qualifier: about
    source: rights groups
    date: 2026-01-12
  - id: gov
    metric: political_prisoners
    value: 0
    source: officials
    date: 2026-01-12
  - id: d1
    metric: deaths
    value: 1850
    qualifier: at_least
    source: HRANA
    date: 2026-01-10
  - id: d2
    metric: deaths
    value: 2400
    qualifier: more_than
    source: observers
    date: 2026-01-12
"""


def run(runner: CliRunner, path: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["-f", str(path), *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


COMMANDS = [
    "init",
    "add",
    "rm",
    "list",
    "compare",
    "show",
    "export",
    "report",
    "extract",
    "check",
    "import",
    "merge-driver",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_the_list_of_commands_is_complete() -> None:
    names = {info.name or info.callback.__name__ for info in app.registered_commands}  # type: ignore[union-attr]
    assert names == set(COMMANDS)
    assert all(info.callback and info.callback.__doc__ for info in app.registered_commands)


def test_every_command_is_in_the_readme() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"figcheck {command}" in readme, command


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"figcheck {__version__}\n"


def test_compare_json_has_the_contract_keys(runner: CliRunner, claims_file: Write) -> None:
    code, out, _ = run(runner, claims_file(TWO_METRICS), "compare", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [row["metric"] for row in rows] == ["political_prisoners", "deaths"]
    prisoners, deaths = rows
    expected_keys = {"metric", "status", "claims", "sources", "min", "max", "median"}
    expected_keys |= {"range_low", "range_high", "ratio", "conflict"}
    assert expected_keys <= set(prisoners)
    assert prisoners["status"] == "divergent"
    assert prisoners["conflict"] == ["hrg", "gov"]
    assert prisoners["ratio"] is None  # H = 0
    assert prisoners["range_low"] is None
    assert deaths == deaths | {"status": "consistent", "range_low": 2400, "range_high": None}
    assert deaths["conflict"] == []


def test_compare_csv_splits_the_conflict(runner: CliRunner, claims_file: Write) -> None:
    code, out, _ = run(runner, claims_file(TWO_METRICS), "compare", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["conflict_a"] == "hrg"
    assert rows[0]["conflict_b"] == "gov"
    assert rows[1]["range_high"] == ""  # infinity is empty in CSV
    assert rows[1]["range_low"] == "2400"


def test_compare_markdown(runner: CliRunner, claims_file: Write) -> None:
    code, out, _ = run(runner, claims_file(TWO_METRICS), "compare", "--format", "markdown")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("| metric | status |")
    assert lines[2].startswith("| political_prisoners | divergent |")


def test_compare_table_names_the_conflict_and_sums_up(
    runner: CliRunner, claims_file: Write
) -> None:
    code, out, err = run(runner, claims_file(TWO_METRICS), "compare")
    assert code == 0, err
    assert "rights groups about 800 vs officials 0" in " ".join(out.split())
    assert out.rstrip().endswith("2 metrics, 1 divergent, 1 consistent, 0 single")
    assert "\x1b[" not in out  # not a terminal: no colour


def test_fail_on_divergence_exits_1(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(TWO_METRICS)
    assert run(runner, path, "compare", "--fail-on-divergence")[0] == 1
    assert run(runner, path, "compare", "--metric", "deaths", "--fail-on-divergence")[0] == 0


def test_only_divergent_and_tolerance(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(TWO_METRICS)
    code, out, _ = run(runner, path, "compare", "--only-divergent", "--format", "json")
    assert [row["metric"] for row in json.loads(out)] == ["political_prisoners"]
    code, out, _ = run(runner, path, "compare", "--tolerance", "-1")
    assert code == 2


def test_metric_alias_and_unknown_metric(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(TWO_METRICS)
    code, out, _ = run(
        runner, path, "compare", "--metric", "Political Prisoners", "--format", "json"
    )
    assert code == 0
    assert [row["metric"] for row in json.loads(out)] == ["political_prisoners"]
    code, out, err = run(runner, path, "show", "deahts")
    assert code == 2
    assert out == ""
    assert err == f"figcheck: no metric 'deahts' in {path} (did you mean 'deaths'?)\n"
    assert run(runner, path, "show", "death")[0] == 0  # every command stems names as add does


def test_show_draws_the_intervals(runner: CliRunner, claims_file: Write) -> None:
    code, out, _ = run(runner, claims_file(TWO_METRICS), "show", "deaths")
    assert code == 0
    assert "Consistent: every claim fits [2,400, ∞)" in out
    assert "→" in out  # open upper bounds are arrows
    assert "reconciled" in out
    code, out, _ = run(runner, claims_file(TWO_METRICS), "show", "political_prisoners")
    assert "Sources disagree: rights groups about 800, officials 0" in " ".join(out.split())
    assert "✗ conflict" in out


def test_show_json(runner: CliRunner, claims_file: Write) -> None:
    code, out, _ = run(runner, claims_file(TWO_METRICS), "show", "deaths", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["verdict"]["status"] == "consistent"
    assert [claim["id"] for claim in document["claims"]] == ["d1", "d2"]


def test_list_json_has_every_field(runner: CliRunner, claims_file: Write) -> None:
    code, out, _ = run(runner, claims_file(TWO_METRICS), "list", "--format", "json")
    assert code == 0
    claims = {claim["id"]: claim for claim in json.loads(out)}
    assert claims["hrg"]["lo"] == 720
    assert claims["hrg"]["hi"] == 880
    assert claims["hrg"]["date"] == "2026-01-12"
    assert claims["d1"]["hi"] is None
    assert claims["gov"]["qualifier"] == "exact"


def test_list_filters(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(TWO_METRICS)
    code, out, _ = run(runner, path, "list", "--source", "hrana", "--format", "json")
    assert [claim["id"] for claim in json.loads(out)] == ["d1"]
    code, out, _ = run(runner, path, "list", "--since", "2026-01-11", "--format", "json")
    assert sorted(claim["id"] for claim in json.loads(out)) == ["d2", "gov", "hrg"]
    code, out, _ = run(runner, path, "list", "--until", "2026-01-11", "--format", "csv")
    assert out.splitlines()[1].startswith("d1,deaths,1850,at_least")
    code, _, err = run(runner, path, "list", "--since", "12/01/2026")
    assert code == 2


def test_export_picks_the_format_from_the_extension(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    path = claims_file(TWO_METRICS)
    for name, check in [
        ("report.csv", lambda text: text.startswith("metric,status,")),
        ("report.json", lambda text: json.loads(text)[0]["metric"] == "political_prisoners"),
        ("report.md", lambda text: text.startswith("| metric |")),
    ]:
        target = tmp_path / name
        code, out, err = run(runner, path, "export", str(target))
        assert code == 0, err
        assert out == ""
        assert err == f"wrote 2 rows to {target}\n"
        assert check(target.read_text(encoding="utf-8")), name


def test_export_to_txt_writes_csv_and_says_so(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    target = tmp_path / "report.txt"
    code, out, err = run(runner, claims_file(TWO_METRICS), "export", str(target))
    assert (code, out) == (0, "")
    assert err == (
        f"figcheck: writing CSV to {target} (.csv, .json or .md choose the format)\n"
        f"wrote 2 rows to {target}\n"
    )
    assert target.read_text(encoding="utf-8").startswith("metric,status,")


def test_export_claims_to_stdout(runner: CliRunner, claims_file: Write) -> None:
    code, out, _ = run(runner, claims_file(TWO_METRICS), "export", "-", "--claims")
    assert code == 0
    assert (
        out.splitlines()[0]
        == "id,metric,value,qualifier,low,high,lo,hi,unit,source,date,as_of,text,url,note"
    )
    assert len(out.splitlines()) == 5


def test_export_to_a_missing_folder_is_a_clear_error(
    runner: CliRunner, claims_file: Write, tmp_path: Path
) -> None:
    code, _, err = run(runner, claims_file(TWO_METRICS), "export", str(tmp_path / "no" / "r.csv"))
    assert code == 2
    assert err.startswith(f"figcheck: {tmp_path / 'no' / 'r.csv'}: cannot write: ")


def test_check_clean_is_silent(runner: CliRunner, claims_file: Write) -> None:
    assert run(runner, claims_file(TWO_METRICS), "check") == (0, "", "")


def test_check_lists_every_problem(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(
        """\
        claims:
          - metric: a
            value: -3
            source: x
            date: 2026-01-01
          - metric: b
            value: 4
            sorce: y
            date: 2026-01-01
        """
    )
    code, out, err = run(runner, path, "check")
    assert code == 1
    assert out.splitlines() == [
        f"{path}:3: value must not be negative (-3)",
        f"{path}:6: claim is missing source",
        f"{path}:8: unknown key 'sorce' in claim (did you mean 'source'?)",
    ]
    assert err == "3 problems\n"


def test_other_commands_refuse_a_bad_file(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(
        "claims:\n  - metric: a\n    value: '50'\n    source: x\n    date: 2026-01-01\n"
    )
    for command in (["compare"], ["list"], ["show", "a"], ["export", "-"]):
        code, out, err = run(runner, path, *command)
        assert code == 2, command
        assert out == ""
        assert err == (
            f"figcheck: {path}:3: value must be a number, not text: write 50 without quotes or"
            " commas; run 'figcheck check' to list every problem\n"
        )


def test_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = run(runner, tmp_path / "nope.yaml", "compare")
    assert code == 2
    assert err == f"figcheck: {tmp_path / 'nope.yaml'}: no such file\n"


def test_check_on_a_missing_file_is_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    assert run(runner, tmp_path / "nope.yaml", "check")[0] == 2


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["-f", "-", "compare", "--format", "json"], input=TWO_METRICS)
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 2


def test_stdin_problems_are_located(runner: CliRunner) -> None:
    result = runner.invoke(app, ["-f", "-", "check"], input="claims: [\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:")


def test_environment_variable_and_discovery(
    runner: CliRunner, claims_file: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = claims_file(TWO_METRICS)
    deep = tmp_path / "notes" / "2026" / "january"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    monkeypatch.delenv("FIGCHECK_FILE", raising=False)
    result = runner.invoke(app, ["compare", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 2
    other = tmp_path / "other.yaml"
    other.write_text("claims: []\n", encoding="utf-8")
    monkeypatch.setenv("FIGCHECK_FILE", str(other))
    result = runner.invoke(app, ["compare", "--format", "json"])
    assert json.loads(result.stdout) == []
    assert path.exists()


def test_no_file_anywhere(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FIGCHECK_FILE", raising=False)
    result = runner.invoke(app, ["compare"])
    assert result.exit_code == 2
    assert result.stderr == (
        "figcheck: no data/claims.yaml here or in any parent folder; run 'figcheck init' to"
        " create one, or pass --file PATH\n"
    )


def test_init_creates_a_valid_template_and_never_overwrites(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FIGCHECK_FILE", raising=False)
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "created data/claims.yaml\n"
    assert runner.invoke(app, ["check"]).exit_code == 0
    before = (tmp_path / "data" / "claims.yaml").read_bytes()
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 2
    assert (
        result.stderr == "figcheck: data/claims.yaml already exists; init never overwrites a file\n"
    )
    assert (tmp_path / "data" / "claims.yaml").read_bytes() == before


HOSTILE_TEXT = """\
claims:
  - id: a1
    metric: m
    value: 5
    source: "[bold red]Ministry[/] [sic] [/]"
    date: 2026-01-01
    note: "\\e]8;;http://evil.example\\e\\\\click\\e]8;;\\e\\\\ \\e[2J \\u202eevil"
  - id: "a2\\e]2;PWNED\\a"
    metric: m
    value: 7
    source: "=HYPERLINK(\\"http://x\\")"
    date: 2026-01-02
    text: "+1 -2 @3"
"""


def test_text_from_the_file_is_never_markup_or_escapes(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(HOSTILE_TEXT)
    for command in (["list"], ["show", "m"], ["compare"]):
        code, out, err = run(runner, path, *command)
        assert code == 0, err
        assert "\x1b" not in out
        assert "\x07" not in out
        assert "\u202e" not in out
    code, out, _ = run(runner, path, "list")
    flat = "".join(out.split())
    assert "[boldred]Ministry[/][sic][/]" in flat
    code, out, _ = run(runner, path, "compare")
    assert "[bold red]Ministry[/] [sic] [/]" in out or "[boldred]Ministry[/][sic][/]" in "".join(
        out.split()
    )


def test_csv_cells_cannot_run_as_formulas(runner: CliRunner, claims_file: Write) -> None:
    code, out, _ = run(runner, claims_file(HOSTILE_TEXT), "list", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[1]["source"] == '\'=HYPERLINK("http://x")'
    assert rows[1]["text"] == "'+1 -2 @3"
    assert rows[1]["value"] == "7"  # numbers stay numbers


def test_internal_errors_are_one_line_with_exit_3(
    runner: CliRunner, claims_file: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    from figcheck import analysis

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(analysis, "verdicts", broken)
    path = claims_file(TWO_METRICS)
    code, out, err = run(runner, path, "compare")
    assert code == 3
    assert err == "figcheck: internal error: RuntimeError: boom (run with --debug)\n"
    result = runner.invoke(app, ["--debug", "-f", str(path), "compare"])
    assert isinstance(result.exception, RuntimeError)


def test_compare_with_nothing_to_show_says_so(runner: CliRunner, claims_file: Write) -> None:
    assert run(runner, claims_file(""), "compare") == (
        0,
        "No claims yet: record one with figcheck add.\n",
        "",
    )
    code, out, _ = run(
        runner, claims_file(TWO_METRICS), "compare", "--metric", "deaths", "--only-divergent"
    )
    assert (code, out) == (0, "No metric matches these options.\n")


def test_compare_csv_has_the_same_columns_with_and_without_rows(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(TWO_METRICS)
    _, full, _ = run(runner, path, "compare", "--format", "csv")
    _, empty, _ = run(runner, path, "compare", "--format", "csv", "--since", "2030-01-01")
    header = (
        "metric,status,claims,sources,min,max,median,range_low,range_high,ratio,kind,"
        "conflict_a,conflict_b,as_of,window,uncompared,conflict_sources"
    )
    assert full.splitlines()[0] == header
    assert empty == header + "\n"
