"""The compare report an editor receives: what each cell holds, who disagrees, in words."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from figcheck import report
from figcheck.cli import app

Write = Callable[[str], Path]

OLD_COLUMNS = (
    "metric,status,claims,sources,min,max,median,range_low,range_high,ratio,kind,"
    "conflict_a,conflict_b,as_of,window,uncompared"
)

REPORT = """\
metrics:
  deaths:
    kind: cumulative
  americans_released:
    part_of: released
  released:
    kind: fixed
claims:
  - id: fp
    metric: political_prisoners
    value: 800
    qualifier: about
    source: Foro Penal
    date: 2026-01-12
  - id: gov
    metric: political_prisoners
    value: 0
    source: government
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
  - id: un
    metric: released
    value: 50
    qualifier: about
    source: UN
    date: 2026-01-12
  - id: us
    metric: americans_released
    value: 3
    source: State Department
    date: 2026-01-12
"""


def run(runner: CliRunner, path: Path, *args: str) -> str:
    result = runner.invoke(app, ["-f", str(path), *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def rows_of(text: str) -> dict[str, dict[str, str]]:
    return {row["metric"]: row for row in csv.DictReader(io.StringIO(text))}


def test_a_single_claim_has_no_ratio_in_json_and_csv(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(REPORT)
    records = json.loads(run(runner, path, "compare", "--format", "json"))
    single = {row["metric"]: row for row in records}["released"]
    assert single["status"] == "single" and single["ratio"] is None
    assert rows_of(run(runner, path, "compare", "--format", "csv"))["released"]["ratio"] == ""


def test_an_empty_range_high_is_no_upper_bound_and_na_no_range(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(REPORT)
    text = run(runner, path, "compare", "--format", "csv")
    assert text.startswith(OLD_COLUMNS + ",")  # the columns scripts rely on, in their order
    rows = rows_of(text)
    deaths, prisoners = rows["deaths"], rows["political_prisoners"]
    assert (deaths["range_low"], deaths["range_high"]) == ("2400", "")  # no upper bound
    assert (prisoners["range_low"], prisoners["range_high"]) == ("NA", "NA")  # divergent: none
    relation = rows["americans_released ≤ released"]
    assert (relation["range_low"], relation["range_high"]) == ("NA", "NA")
    assert [relation[c] for c in ("min", "max", "median", "conflict_a")] == [""] * 4  # none
    markdown = run(runner, path, "compare", "--format", "markdown").splitlines()
    assert markdown[2].startswith(
        "| political_prisoners | divergent | 2 | 2 | 0 | 800 | 400 | NA | NA |  |"
    )
    records = json.loads(run(runner, path, "compare", "--format", "json"))
    assert records[0]["range_low"] is None and records[0]["range_high"] is None  # JSON: null


def test_the_report_names_who_disagrees(runner: CliRunner, claims_file: Write) -> None:
    path = claims_file(REPORT)
    records = json.loads(run(runner, path, "compare", "--format", "json"))
    prisoners = records[0]
    assert list(prisoners)[-1] == "conflict_sources"  # a new key, after the others
    assert prisoners["conflict"] == ["fp", "gov"]
    assert prisoners["conflict_sources"] == ["Foro Penal", "government"]
    assert all(row["conflict_sources"] == [] for row in records[1:])
    text = run(runner, path, "compare", "--format", "csv")
    assert text.splitlines()[0] == OLD_COLUMNS + ",conflict_sources"  # the last column
    assert rows_of(text)["political_prisoners"]["conflict_sources"] == "Foro Penal; government"
    exported = run(runner, path, "export", "-")
    assert exported == text


def test_who_disagrees_after_an_add_is_as_a_fresh_compare_says(
    runner: CliRunner, claims_file: Write
) -> None:
    path = claims_file(REPORT)
    run(runner, path, "compare")  # the report is kept in the cache ...
    run(
        runner,
        path,
        "add",
        "1,000 killed (Interior Ministry)",
        "--metric",
        "deaths",
        "--date",
        "2026-01-13",
    )
    kept = run(runner, path, "compare", "--format", "csv")  # ... and brought up to date by add
    fresh = runner.invoke(
        app, ["-f", str(path), "compare", "--format", "csv"], env={"FIGCHECK_NO_CACHE": "1"}
    ).stdout
    assert kept == fresh
    assert rows_of(kept)["deaths"]["conflict_sources"] == "observers; Interior Ministry"


_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()


@given(
    st.lists(
        st.dictionaries(
            st.text(max_size=8),
            _SCALARS | st.lists(_SCALARS, max_size=3) | st.dictionaries(st.text(), _SCALARS),
            max_size=6,
        ),
        max_size=4,
    )
)
def test_json_is_written_as_json_dumps_writes_it_with_indent_2(
    records: list[dict[str, object]],
) -> None:
    stream = io.StringIO()
    report.write_json(records, stream)
    assert stream.getvalue() == json.dumps(records, ensure_ascii=False, indent=2) + "\n"


_TRICKY = st.sampled_from(['"sentence": null', '{"sentence": null}', '"x\\"y": null', "\n"])


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["sentence", "figure", 'x"y', "sentence "]),
            _SCALARS | _TRICKY,
            max_size=4,
        ),
        max_size=5,
    ),
    st.sampled_from(["sentence", 'x"y']),
    st.text(min_size=81) | _TRICKY.map(lambda tricky: tricky * 20),
)
def test_a_repeated_text_is_encoded_once_and_written_as_json_dumps_writes_it(
    records: list[dict[str, object]], key: str, text: str
) -> None:
    for record in records[::2]:
        record[key] = text  # the same text for every other record
    stream = io.StringIO()
    report.write_json(records, stream, repeated=key)
    assert stream.getvalue() == json.dumps(records, ensure_ascii=False, indent=2) + "\n"


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["sentence", "alternatives", 'x"alternatives', "y"]),
            _SCALARS | _TRICKY | st.lists(st.text() | _TRICKY, max_size=3),
            max_size=4,
        ),
        max_size=5,
    ),
    st.text(min_size=81),
    st.sampled_from(["alternatives", 'x"alternatives', "y"]),
)
def test_lists_of_texts_are_written_as_json_dumps_writes_them(
    records: list[dict[str, object]], text: str, listed: str
) -> None:
    for record in records[::2]:
        record["sentence"] = text
    stream = io.StringIO()
    report.write_json(records, stream, repeated="sentence", listed=listed)
    assert stream.getvalue() == json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def test_a_list_of_texts_is_written_the_fast_way(monkeypatch: pytest.MonkeyPatch) -> None:
    records = [{"source": "UN", "alternatives": ["Red Cross", 'the "monitor"'], "sentence": "s"}]
    monkeypatch.setattr(report.json, "dumps", None)  # never the slow way
    stream = io.StringIO()
    report.write_json(records, stream, repeated="sentence", listed="alternatives")
    assert json.loads(stream.getvalue()) == records
