"""Revision 2 of contract section 3, example by example, each answer computed by hand."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from figcheck.cli import app

Write = Callable[[str], Path]

STORY = """\
    metrics:
      political_prisoners: {kind: level}
    claims:
      - {id: fp1, metric: political_prisoners, value: 800, qualifier: about,
         source: Foro Penal, date: 2026-01-05}
      - {id: fp2, metric: political_prisoners, value: 863, source: Foro Penal, date: 2026-02-20}
      - {id: fp3, metric: political_prisoners, value: 1020, source: Foro Penal, date: 2026-09-20}
      - {id: other, metric: political_prisoners, low: 1000, high: 1100,
         source: Justicia, date: 2026-09-22}
"""


def compare(
    runner: CliRunner, claims_file: Write, text: str, *options: str
) -> list[dict[str, Any]]:
    path = claims_file(textwrap.dedent(text))
    result = runner.invoke(app, ["-f", str(path), "compare", "--format", "json", *options])
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def one(runner: CliRunner, claims_file: Write, text: str, *options: str) -> dict[str, Any]:
    (row,) = compare(runner, claims_file, text, *options)
    return row


def test_a_count_that_changed_is_not_a_contradiction(runner: CliRunner, claims_file: Write) -> None:
    row = one(runner, claims_file, STORY)
    # 2026-09-22: Foro Penal's 1,020 (two days old) and Justicia's 1,000-1,100 are in force
    assert (row["status"], row["as_of"], row["conflict"]) == ("consistent", "2026-09-22", [])
    assert (row["range_low"], row["range_high"], row["ratio"]) == (1020, 1020, 1)
    assert (row["claims"], row["sources"], row["window"]) == (4, 2, 7)
    assert row["uncompared"] == 2  # 800 and 863 never had company within 7 days


def test_a_second_source_that_disagrees_the_same_week_is(
    runner: CliRunner, claims_file: Write
) -> None:
    text = STORY + (
        "      - {id: gov, metric: political_prisoners, value: 0, source: government,"
        " date: 2026-09-21}\n"
    )
    row = one(runner, claims_file, text)
    # at 2026-09-22 in force: fp3 1,020 (lo), other [1000, 1100], gov 0 (hi): 1,020 > 0
    assert (row["status"], row["as_of"], row["conflict"]) == (
        "divergent",
        "2026-09-22",
        ["fp3", "gov"],
    )
    assert row["ratio"] is None  # H is 0


@pytest.mark.parametrize(
    ("window", "status", "uncompared"), [(7, "single", 2), (8, "divergent", 0)]
)
def test_the_window_decides_what_is_compared(
    runner: CliRunner, claims_file: Write, window: int, status: str, uncompared: int
) -> None:
    text = f"""\
        settings: {{window: {window}}}
        claims:
          - {{id: a, metric: m, value: 100, source: A, date: 2026-03-01}}
          - {{id: b, metric: m, value: 300, source: B, date: 2026-03-09}}
    """
    row = one(runner, claims_file, text)
    assert (row["status"], row["uncompared"], row["window"]) == (status, uncompared, window)
    if status == "divergent":
        assert (row["conflict"], row["as_of"], row["ratio"]) == (["b", "a"], "2026-03-09", 3)


def test_a_metric_window_overrides_the_file_and_zero_is_the_same_day(
    runner: CliRunner, claims_file: Write
) -> None:
    text = """\
        settings: {window: 30}
        metrics:
          m: {window: 0}
        claims:
          - {id: a, metric: m, value: 100, source: A, date: 2026-03-01}
          - {id: b, metric: m, value: 300, source: B, date: 2026-03-02}
          - {id: c, metric: m, value: 320, source: C, date: 2026-03-02}
    """
    row = one(runner, claims_file, text)
    assert (row["status"], row["as_of"], row["window"], row["uncompared"]) == (
        "consistent",
        "2026-03-02",
        0,
        1,
    )


def test_a_correction_replaces_the_figure_it_corrects(
    runner: CliRunner, claims_file: Write
) -> None:
    text = """\
        claims:
          - {id: first, metric: m, value: 100, source: A, date: 2026-03-01}
          - {id: fixed, metric: m, value: 200, source: A, date: 2026-03-03, as_of: 2026-03-01}
          - {id: b, metric: m, value: 200, source: B, date: 2026-03-01}
    """
    row = one(runner, claims_file, text)
    assert (row["status"], row["claims"], row["as_of"]) == ("consistent", 2, "2026-03-01")
    text_without = "\n".join(line for line in text.splitlines() if "fixed" not in line) + "\n"
    row = one(runner, claims_file, text_without)
    assert (row["status"], row["conflict"]) == ("divergent", ["b", "first"])


def test_a_source_is_one_source_whatever_its_case_or_alias(
    runner: CliRunner, claims_file: Write
) -> None:
    text = """\
        sources:
          IOM: {name: International Organization for Migration, aliases: [IOM DTM]}
        claims:
          - {id: a, metric: displaced, value: 100, source: IOM, date: 2026-03-01}
          - {id: b, metric: displaced, value: 300, source: iom dtm, date: 2026-03-02}
          - {id: c, metric: displaced, value: 400, source: " Iom ", date: 2026-03-03}
    """
    row = one(runner, claims_file, text)
    assert (row["status"], row["sources"], row["uncompared"]) == ("single", 1, 3)


def test_times_order_a_source_s_figures_within_a_day(runner: CliRunner, claims_file: Write) -> None:
    text = """\
        settings: {tolerance: 0}
        claims:
          - {id: early, metric: hostages, value: 10, source: A, date: 2023-11-24,
             as_of: "2023-11-24T08:00"}
          - {id: late, metric: hostages, value: 20, source: A, date: 2023-11-24,
             as_of: "2023-11-24T18:00"}
          - {id: day, metric: hostages, value: 10, source: B, date: 2023-11-24}
    """
    row = one(runner, claims_file, text)
    # a date alone comes before every time of its day: at 18:00, A says 20 and B 10
    assert (row["status"], row["as_of"], row["conflict"]) == (
        "divergent",
        "2023-11-24T18:00",
        ["late", "day"],
    )


def test_a_running_total_that_its_own_source_lowers_contradicts_itself(
    runner: CliRunner, claims_file: Write
) -> None:
    text = """\
        metrics:
          deaths: {kind: cumulative}
        claims:
          - {id: d1, metric: deaths, value: 100, source: A, date: 2026-03-01}
          - {id: d2, metric: deaths, value: 50, source: A, date: 2026-03-05}
          - {id: d3, metric: deaths, value: 120, source: B, date: 2026-03-07}
    """
    row = one(runner, claims_file, text)
    assert (row["status"], row["conflict"], row["as_of"], row["ratio"]) == (
        "divergent",
        ["d1", "d2"],
        "2026-03-05",
        2,
    )


def test_fixed_holds_every_claim_against_every_other(runner: CliRunner, claims_file: Write) -> None:
    text = """\
        metrics:
          turnout: {kind: fixed}
        claims:
          - {id: police, metric: turnout, value: 50000, source: police, date: 2026-03-01}
          - {id: org, metric: turnout, value: 200000, qualifier: about, source: organisers,
             date: 2026-04-20}
    """
    row = one(runner, claims_file, text)
    assert (row["status"], row["conflict"], row["as_of"], row["window"]) == (
        "divergent",
        ["org", "police"],
        "2026-04-20",
        None,
    )
    assert row["ratio"] == pytest.approx(180000 / 50000)


def test_ties_go_to_the_later_moment_then_the_first_listed(
    runner: CliRunner, claims_file: Write
) -> None:
    text = """\
        metrics:
          m: {kind: fixed}
        claims:
          - {id: lo1, metric: m, value: 300, source: A, date: 2026-03-02}
          - {id: lo2, metric: m, value: 300, source: B, date: 2026-03-02}
          - {id: lo3, metric: m, value: 300, source: C, date: 2026-03-01}
          - {id: hi1, metric: m, value: 100, source: D, date: 2026-03-01}
          - {id: hi2, metric: m, value: 100, source: E, date: 2026-03-01}
    """
    assert one(runner, claims_file, text)["conflict"] == ["lo1", "hi1"]


PARTS = """\
    metrics:
      released: {{kind: cumulative, parts: [spanish, americans]}}
      spanish: {{}}
      americans: {{}}
      demonstrators: {{part_of: released}}
    claims:
      - {{id: w, metric: released, value: {whole}, qualifier: {qualifier}, source: UN,
         date: 2026-01-12}}
      - {{id: s, metric: spanish, value: 5, qualifier: at_least, source: press, date: 2026-01-12}}
      - {{id: a, metric: americans, value: 9, source: State, date: 2026-01-12}}
"""


def test_parts_together_never_exceed_the_whole(runner: CliRunner, claims_file: Write) -> None:
    rows = compare(runner, claims_file, PARTS.format(whole=12, qualifier="exact"))
    # metric rows first, then relation rows, each in the report's order
    assert [row["kind"] for row in rows] == ["cumulative"] * 3 + ["parts", "part"]
    relation = rows[3]
    assert relation["metric"] == "spanish + americans ≤ released"
    assert (relation["kind"], relation["status"], relation["conflict"]) == (
        "parts",
        "divergent",
        ["w", "s", "a"],
    )
    assert relation["ratio"] == pytest.approx(14 / 12)
    assert (relation["min"], relation["range_low"], relation["window"]) == (None, None, None)
    rows = compare(runner, claims_file, PARTS.format(whole=15, qualifier="exact"))
    assert (rows[3]["status"], rows[3]["kind"]) == ("consistent", "parts")


def test_a_whole_without_an_upper_bound_is_never_exceeded(
    runner: CliRunner, claims_file: Write
) -> None:
    rows = compare(runner, claims_file, PARTS.format(whole=1, qualifier="at_least"))
    relation = [row for row in rows if row["kind"] == "parts"][0]
    assert (relation["status"], relation["ratio"]) == ("consistent", None)


def test_a_relation_whose_part_has_no_claim(runner: CliRunner, claims_file: Write) -> None:
    rows = compare(runner, claims_file, PARTS.format(whole=12, qualifier="exact"))
    (part,) = [row for row in rows if row["kind"] == "part"]
    # one of its metrics has claims, so the relation has a row: nothing was held against them
    assert part["metric"] == "demonstrators ≤ released"
    assert (part["status"], part["claims"], part["uncompared"], part["ratio"]) == (
        "single",
        1,
        1,
        None,
    )


def test_metric_filter_keeps_the_relations_the_metric_is_in(
    runner: CliRunner, claims_file: Write
) -> None:
    rows = compare(
        runner, claims_file, PARTS.format(whole=12, qualifier="exact"), "--metric", "spanish"
    )
    assert [(row["metric"], row["kind"]) for row in rows] == [
        ("spanish", "cumulative"),
        ("spanish + americans ≤ released", "parts"),
    ]


def test_as_of_gives_the_verdict_as_it_stood(runner: CliRunner, claims_file: Write) -> None:
    row = one(runner, claims_file, STORY, "--as-of", "2026-02-25")
    assert (row["status"], row["as_of"], row["claims"]) == ("single", "2026-02-20", 1)
    row = one(runner, claims_file, STORY, "--as-of", "2026-09-23")
    assert (row["status"], row["as_of"], row["claims"]) == ("consistent", "2026-09-22", 2)


def test_a_running_total_diverges_as_the_contract_multiplies(
    runner: CliRunner, claims_file: Write
) -> None:
    # 100 · 1.15 is 114.99999999999999 in floating point: 115 exceeds it, for every kind alike
    text = """\
        settings: {tolerance: 0.15}
        metrics:
          c: {kind: cumulative}
          x: {kind: fixed}
        claims:
          - {id: c1, metric: c, value: 115, source: A, date: 2026-03-01}
          - {id: c2, metric: c, value: 100, source: B, date: 2026-03-02}
          - {id: x1, metric: x, value: 115, source: A, date: 2026-03-01}
          - {id: x2, metric: x, value: 100, source: B, date: 2026-03-02}
    """
    rows = {row["metric"]: row for row in compare(runner, claims_file, text)}
    assert (rows["c"]["status"], rows["c"]["conflict"]) == ("divergent", ["c1", "c2"])
    assert rows["x"]["status"] == "divergent"


def test_a_relation_s_ratio_uses_the_whole_claims_with_a_positive_bound(
    runner: CliRunner, claims_file: Write
) -> None:
    text = """\
        metrics:
          w: {kind: level}
          p: {kind: level, part_of: w}
        claims:
          - {id: w0, metric: w, value: 0, source: A, date: 2026-03-01}
          - {id: w1, metric: w, value: 100, source: B, date: 2026-03-01}
          - {id: p1, metric: p, value: 50, source: C, date: 2026-03-01}
    """
    relation = [row for row in compare(runner, claims_file, text) if row["kind"] == "part"][0]
    assert (relation["status"], relation["conflict"], relation["ratio"]) == (
        "divergent",
        ["w0", "p1"],
        0.5,
    )
