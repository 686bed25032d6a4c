"""figcheck import: claims from CSV, TSV, .xlsx and JSON lines, every row checked before a write."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from figcheck.cli import app
from figcheck.importing import match_columns, normal_name, unquoted
from figcheck.safety import spreadsheet_safe

EMPTY = "version: 1\nmetrics:\n  deaths:\n    kind: cumulative\n    aliases: [killed]\nclaims:\n"


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(EMPTY, encoding="utf-8")
    return path


def invoke(runner: CliRunner, claims: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["-f", str(claims), "import", *args])
    return result.exit_code, result.stdout, result.stderr


def listed(runner: CliRunner, claims: Path) -> list[dict[str, object]]:
    result = runner.invoke(app, ["-f", str(claims), "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    records: list[dict[str, object]] = json.loads(result.stdout)
    return records


GOOD = (
    "Metric, Figure ,Outlet,Date,qualifier,Notes\n"
    "killed,120,Police,2026-01-10,about,first count\n"
    'deaths,"1,850",HRANA,2026-01-12,at least,\n'
)


def test_columns_are_matched_by_name_and_synonym(
    runner: CliRunner, claims: Path, tmp_path: Path
) -> None:
    table = tmp_path / "desk.csv"
    table.write_text(GOOD, encoding="utf-8")
    code, out, err = invoke(runner, claims, str(table))
    assert (code, out) == (0, "")
    assert err == f"added 2 claims (from 2 rows of {table})\n"
    records = listed(runner, claims)
    assert [(r["metric"], r["value"], r["qualifier"], r["source"]) for r in records] == [
        ("deaths", 120, "about", "Police"),
        ("deaths", 1850, "at_least", "HRANA"),
    ]
    assert records[0]["note"] == "first count"


def test_rows_already_recorded_are_skipped_and_counted(
    runner: CliRunner, claims: Path, tmp_path: Path
) -> None:
    table = tmp_path / "desk.csv"
    table.write_text(GOOD + "killed,120,police ,2026-01-10,about,again\n", encoding="utf-8")
    assert invoke(runner, claims, str(table))[0] == 0
    before = claims.read_bytes()
    code, _, err = invoke(runner, claims, str(table))
    assert code == 0
    assert err == f"added 0 claims, 3 already recorded (from 3 rows of {table})\n"
    assert claims.read_bytes() == before
    assert len(listed(runner, claims)) == 2


def test_a_bad_row_stops_the_import_and_nothing_is_written(
    runner: CliRunner, claims: Path, tmp_path: Path
) -> None:
    table = tmp_path / "desk.csv"
    table.write_text(
        GOOD
        + "killed,abc,UN,2026-01-12,,\n"
        + "killed,130,UN,2026-02-30,,\n"
        + "killed,50,,2026-01-12,,\n"
        + "killed,5,UN,2026-01-12,roughly,\n",
        encoding="utf-8",
    )
    before = claims.read_bytes()
    code, out, err = invoke(runner, claims, str(table))
    assert (code, out) == (2, "")
    assert err == (
        "figcheck: 4 bad rows; nothing was written (fix them, or --skip-bad to import the "
        "others):\n"
        f"{table}:4:Figure: value must be a number written in digits, not 'abc'\n"
        f"{table}:5:Date: date 2026-02-30 is not a real date\n"
        f"{table}:6: claim is missing source\n"
        f"{table}:7:qualifier: unknown qualifier 'roughly'; use one of: exact, about, at_least, "
        "more_than, at_most, up_to, fewer_than, nearly, range\n"
    )
    assert claims.read_bytes() == before
    code, _, err = invoke(runner, claims, str(table), "--skip-bad")
    assert code == 0
    assert err.splitlines()[0] == (
        f"left out {table}:4:Figure: value must be a number written in digits, not 'abc'"
    )
    assert err.splitlines()[-1] == (f"added 2 claims, 4 bad rows left out (from 6 rows of {table})")
    assert len(listed(runner, claims)) == 2


def test_map_and_constants(runner: CliRunner, claims: Path, tmp_path: Path) -> None:
    table = tmp_path / "desk.csv"
    table.write_text("Toll,Said,Extra\n300,UN,x\n310,,y\n", encoding="utf-8")
    code, _, err = invoke(
        runner,
        claims,
        str(table),
        "--map",
        "toll=value",
        "--map",
        "SAID=source",
        "--metric",
        "killed",
        "--source",
        "desk",
        "--date",
        "2026-03-01",
    )
    assert code == 0, err
    assert "columns not imported: 'Extra' (--map COLUMN=FIELD imports one)" in err
    records = listed(runner, claims)
    assert sorted((r["metric"], r["value"], r["source"], r["date"]) for r in records) == [
        ("deaths", 300, "UN", "2026-03-01"),
        ("deaths", 310, "desk", "2026-03-01"),
    ]


def test_a_text_column_is_read_with_the_shorthand(
    runner: CliRunner, claims: Path, tmp_path: Path
) -> None:
    table = tmp_path / "wire.tsv"
    table.write_text(
        "Claim\tDate\nat least 1,850 killed (HRANA)\t2026-01-12\nseveral released (UN)\t"
        "2026-01-13\nrose from 3 to 5 killed (X)\t2026-01-13\n",
        encoding="utf-8",
    )
    code, _, err = invoke(runner, claims, str(table), "--skip-bad")
    assert code == 0, err
    assert err.splitlines()[0].startswith(f"left out {table}:4:Claim: 'from 3 to 5' describes")
    records = listed(runner, claims)
    assert [(r["metric"], r["lo"], r["hi"], r["source"]) for r in records] == [
        ("deaths", 1850, None, "HRANA"),
        ("released", 3, 9, "UN"),
    ]
    assert records[0]["text"] == "at least 1,850 killed (HRANA)"


def test_json_lines(runner: CliRunner, claims: Path, tmp_path: Path) -> None:
    table = tmp_path / "feed.jsonl"
    rows = [
        {"metric": "deaths", "value": 7, "source": "UN", "date": "2026-01-02"},
        {"metric": "deaths", "value": True, "source": "UN", "date": "2026-01-03"},
        {"metric": "deaths", "value": [1], "source": "UN", "date": "2026-01-03"},
    ]
    table.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    code, _, err = invoke(runner, claims, str(table))
    assert code == 2
    assert f"{table}:2:value: value must be a number written in digits, not 'true'" in err
    assert f"{table}:3:value: value must be one value, not a JSON list" in err
    table.write_text("[1, 2]\n", encoding="utf-8")
    assert invoke(runner, claims, str(table))[2] == (
        f"figcheck: {table}:1: each line must be one JSON object {{...}}\n"
    )


def test_xlsx(runner: CliRunner, claims: Path, tmp_path: Path) -> None:
    import openpyxl  # type: ignore[import-untyped]

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Metric", "Count", "Who", "As of date", "Date"])
    sheet.append(["killed", 40, "UN", None, dt.datetime(2026, 1, 5)])
    sheet.append(["killed", "=SUM(B2:B2)", "UN", None, dt.date(2026, 1, 6)])
    for cell, value in {"A5": "killed", "B5": 41, "C5": "police", "E5": "2026-01-07"}.items():
        sheet[cell] = value
    sheet["B6"], sheet["C6"], sheet["E6"] = 42, "police", "2026-01-08"
    sheet.merge_cells("A5:A6")  # a merged cell: its value is the first row's only
    path = tmp_path / "desk.xlsx"
    book.save(path)
    code, _, err = invoke(runner, claims, str(path), "--skip-bad", "--map", "As of date=")
    assert code == 0, err
    assert err.splitlines() == [
        f"left out {path}:3:Count: a formula (=SUM(B2:B2)); paste its value instead",
        f"left out {path}:6: claim is missing metric",
        f"added 2 claims, 2 bad rows left out (from 4 rows of {path})",
    ]
    assert [r["value"] for r in listed(runner, claims)] == [40, 41]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bad.csv", b"metric,value\nkilled,\xff\xfe12\n", "bad.csv:2: not UTF-8 text (byte 0xff)"),
        ("bad.xlsx", b"PK\x03\x04 not really", "bad.xlsx: not an Excel .xlsx workbook"),
        ("empty.csv", b"", "empty.csv: no header row (column names) and no rows"),
        ("huge.csv", b"metric,value\n" + b"x" * 200_000 + b",1\n", "huge.csv:2: a cell longer"),
        ("bad.ods", b"", "bad.ods: import reads .csv, .tsv, .xlsx and .jsonl files, not '.ods'"),
        ("quote.csv", b'metric,value\n"killed,1\n', "quote.csv:2: a quoted cell is never closed"),
    ],
)
def test_a_hostile_file_is_a_clear_error(
    runner: CliRunner, claims: Path, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    before = claims.read_bytes()
    code, out, err = invoke(runner, claims, str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"figcheck: {tmp_path}/{message}"), err
    assert len(err.splitlines()) == 1
    assert claims.read_bytes() == before


def test_a_million_empty_rows_are_passed_over(
    runner: CliRunner, claims: Path, tmp_path: Path
) -> None:
    path = tmp_path / "sparse.csv"
    path.write_bytes(
        b"metric,value,source,date\n" + b",,,\n" * 1_000_000 + b"killed,3,UN,2026-01-01\n"
    )
    code, _, err = invoke(runner, claims, str(path))
    assert code == 0, err
    assert err == f"added 1 claim (from 1 rows of {path})\n"


def test_dry_run_prints_the_claims_and_writes_nothing(
    runner: CliRunner, claims: Path, tmp_path: Path
) -> None:
    table = tmp_path / "desk.csv"
    table.write_text(GOOD, encoding="utf-8")
    before = claims.read_bytes()
    code, out, err = invoke(runner, claims, str(table), "--dry-run")
    assert code == 0
    assert out.startswith('  - id: "')
    assert "    value: 1850\n    qualifier: at_least\n    source: HRANA\n" in out
    assert err.splitlines()[-1] == "dry run: nothing written"
    assert claims.read_bytes() == before


def test_columns_and_mapping_are_checked(tmp_path: Path) -> None:
    assert normal_name("  As_of  Date ") == "as of date"
    with pytest.raises(Exception, match="columns 'Value' and 'figure' both give value"):
        match_columns(["Value", "figure"], {}, "x.csv")
    with pytest.raises(Exception, match="--map names a column 'nope'"):
        match_columns(["Value"], {"nope": "value"}, "x.csv")


@pytest.mark.parametrize(
    "text", ["=1+1", "'=1+1", "''=1", "'plain", "plain", "-5", "@x", "\tx", "\rx", "''", "'"]
)
def test_export_protection_is_undone_exactly(text: str) -> None:
    assert unquoted(spreadsheet_safe(text)) == text


HOSTILE = [
    '=HYPERLINK("http://example.org","click")',
    "+1 212 555",
    "-5 dead",
    "@SUM(A1)",
    "'quoted already",
    "''=two quotes",
    'quotes " and \\ backslash',
    "line one\nline two\r\nthree",
    "tab\there \x01\x1b[31m red \x7f",
    "\u202eevil\u2028sep\x85nel",
    "NO",
    "2024",
    "null",
    "a: b # c",
    "émigré 東京 🙂",
]


def test_export_then_import_gives_the_same_claims(runner: CliRunner, tmp_path: Path) -> None:
    from figcheck.claimsfile.yaml_text import scalar_yaml

    items = []
    for number, text in enumerate(HOSTILE):
        items.append(
            f"  - metric: deaths\n    value: {number + 1}.5\n    qualifier: about\n"
            f"    source: {scalar_yaml(text + ' src')}\n    date: 2026-01-{number + 1:02d}\n"
            f"    text: {scalar_yaml(text)}\n    note: {scalar_yaml(text)}\n"
            f"    url: {scalar_yaml(text)}\n    unit: {scalar_yaml(text)}\n"
        )
        items.append(
            f'  - id: "own-{number}"\n    metric: {scalar_yaml(text + " m")}\n    low: {number}\n'
            f"    high: {number + 10}\n    source: S\n    date: 2026-02-01\n"
        )
    original = tmp_path / "original.yaml"
    original.write_text(EMPTY + "".join(items), encoding="utf-8")
    exported = tmp_path / "x.csv"
    result = runner.invoke(app, ["-f", str(original), "export", "--claims", str(exported)])
    assert result.exit_code == 0, result.output
    empty = tmp_path / "empty.yaml"
    empty.write_text(EMPTY, encoding="utf-8")
    code, _, err = invoke(runner, empty, str(exported))
    assert code == 0, err
    assert listed(runner, empty) == listed(runner, original)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(
        st.characters(blacklist_categories=("Cs",)),
        min_size=1,
        max_size=30,
    ).filter(lambda text: text.strip() != "")
)
def test_round_trip_of_any_text(runner: CliRunner, tmp_path: Path, text: str) -> None:
    from figcheck.claimsfile.yaml_text import scalar_yaml

    original = tmp_path / "any.yaml"
    original.write_text(
        EMPTY
        + f"  - metric: deaths\n    value: 3\n    source: {scalar_yaml(text)}\n"
        + f"    date: 2026-01-01\n    text: {scalar_yaml(text)}\n",
        encoding="utf-8",
    )
    check = runner.invoke(app, ["-f", str(original), "check"])
    if check.exit_code != 0:
        return  # a text the claims file itself refuses (e.g. a lone NUL-like form)
    exported = tmp_path / "any.csv"
    exported.unlink(missing_ok=True)
    done = runner.invoke(app, ["-f", str(original), "export", "--claims", str(exported)])
    assert done.exit_code == 0, done.output
    empty = tmp_path / "empty-any.yaml"
    empty.write_text(EMPTY, encoding="utf-8")
    code, _, err = invoke(runner, empty, str(exported))
    assert code == 0, err
    assert listed(runner, empty) == listed(runner, original)


def test_an_as_of_column(runner: CliRunner, claims: Path, tmp_path: Path) -> None:
    table = tmp_path / "desk.csv"
    table.write_text(
        "Metric,Count,Who,Date,As of\n"
        "killed,40,UN,2026-01-05,2026-01-04T18:00\n"
        "killed,41,UN,2026-01-05,2026-01-06\n",
        encoding="utf-8",
    )
    code, _, err = invoke(runner, claims, str(table), "--skip-bad")
    assert code == 0, err
    assert err.splitlines()[0].startswith(
        f"left out {table}:3:As of: as_of 2026-01-06 is after the date"
    )
    assert "    as_of: 2026-01-04T18:00\n" in claims.read_text(encoding="utf-8")
    assert len(listed(runner, claims)) == 1


def test_an_as_of_equal_to_the_date_is_not_written(runner: CliRunner, tmp_path: Path) -> None:
    original = tmp_path / "original.yaml"
    original.write_text(
        EMPTY + "  - metric: deaths\n    value: 3\n    source: S\n    date: 2026-01-01\n",
        encoding="utf-8",
    )
    exported = tmp_path / "x.csv"
    done = runner.invoke(app, ["-f", str(original), "export", "--claims", str(exported)])
    assert done.exit_code == 0, done.output
    assert "as_of" in exported.read_text(encoding="utf-8").splitlines()[0]
    empty = tmp_path / "empty.yaml"
    empty.write_text(EMPTY, encoding="utf-8")
    code, _, err = invoke(runner, empty, str(exported))
    assert code == 0, err
    assert "as_of" not in empty.read_text(encoding="utf-8")
    assert listed(runner, empty) == listed(runner, original)
