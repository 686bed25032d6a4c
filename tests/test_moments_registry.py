"""Reading revision 2's keys: a claim's as_of, windows, kinds, parts and wholes, source aliases."""

from __future__ import annotations

import textwrap

import pytest

from figcheck.claimsfile.full_reader import read_everything
from figcheck.model import Kind, Source
from tests.conftest import read_claims


def read(text: str) -> tuple[object, list[str]]:
    claims_file, problems = read_claims(textwrap.dedent(text).encode(), "c.yaml")
    return claims_file, [str(problem) for problem in problems]


CLAIM = "  - {{metric: m, value: 5, source: S, date: 2026-01-12{extra}}}\n"


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("2026-01-10", "2026-01-10"),
        ("'2026-01-10'", "2026-01-10"),
        ("2026-1-9", "2026-01-09"),
        ("2026-01-10T18:00", "2026-01-10T18:00"),
        ("'2026-01-10 18:00'", "2026-01-10T18:00"),
        ("2026-01-10T08:05:30", "2026-01-10T08:05:30"),
        ("2026-01-10T08:05:00", "2026-01-10T08:05"),
        ("2026-01-12T23:59", "2026-01-12T23:59"),
    ],
)
def test_as_of_is_read_as_sortable_iso_text(written: str, stored: str) -> None:
    for reader in (read_claims, read_everything):
        data = ("claims:\n" + CLAIM.format(extra=f", as_of: {written}")).encode()
        claims_file, problems = reader(data, "c.yaml")
        assert problems == []
        (claim,) = claims_file.claims
        assert claim.as_of == stored
        assert claim.moment == stored


def test_a_claim_without_as_of_has_its_date_as_moment_and_keeps_its_id() -> None:
    claims_file, problems = read("claims:\n" + CLAIM.format(extra=""))
    assert problems == []
    (claim,) = claims_file.claims  # type: ignore[attr-defined]
    assert claim.as_of is None and claim.moment == "2026-01-12"
    with_as_of, _ = read("claims:\n" + CLAIM.format(extra=", as_of: 2026-01-10"))
    assert with_as_of.claims[0].id != claim.id  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "2026-01-13",
            "c.yaml:2: as_of 2026-01-13 is after the date 2026-01-12 the source stated "
            "it; as_of is the moment the figure describes, date when it was said",
        ),
        ("2026-02-30", "c.yaml:2: as_of 2026-02-30 is not a real date"),
        ("2026-01-10T25:00", "c.yaml:2: as_of 2026-01-10T25:00 is not a real time of day"),
        (
            "yesterday",
            "c.yaml:2: as_of must be a date written YYYY-MM-DD, or a date and time "
            "YYYY-MM-DDTHH:MM, not 'yesterday'",
        ),
        ("12", "c.yaml:2: as_of must be a date written YYYY-MM-DD, not 12"),
    ],
)
def test_a_bad_as_of_is_a_located_problem(written: str, message: str) -> None:
    _, problems = read("claims:\n" + CLAIM.format(extra=f", as_of: {written}"))
    assert problems == [message]


def test_windows_and_kinds() -> None:
    claims_file, problems = read(
        """\
        settings:
          window: 14
        metrics:
          held: {window: 0}
          turnout: {kind: fixed}
          free: {}
        """
    )
    assert problems == []
    assert claims_file.window_of("held") == 0  # type: ignore[attr-defined]
    assert claims_file.window_of("free") == 14  # type: ignore[attr-defined]
    assert claims_file.window_of("unregistered") == 14  # type: ignore[attr-defined]
    assert claims_file.kind_of("turnout") is Kind.FIXED  # type: ignore[attr-defined]
    default, _ = read("claims: []\n")
    assert default.window_of("x") == 7  # type: ignore[attr-defined]


@pytest.mark.parametrize("written", ["-1", "2.5", "seven"])
def test_a_window_is_whole_days(written: str) -> None:
    _, problems = read(f"settings:\n  window: {written}\n")
    assert len(problems) == 1 and problems[0].startswith("c.yaml:2: ")
    assert "window" in problems[0]


def test_parts_inherit_their_whole_kind() -> None:
    claims_file, problems = read(
        """\
        metrics:
          released:
            kind: cumulative
            parts: [spanish, americans]
          spanish: {}
          americans: {part_of: released}
          children: {part_of: spanish}
        """
    )
    assert problems == []
    kinds = {m.name: m.kind for m in claims_file.metrics}  # type: ignore[attr-defined]
    assert kinds == {k: Kind.CUMULATIVE for k in ("released", "spanish", "americans", "children")}


@pytest.mark.parametrize(
    ("registry", "message"),
    [
        (
            "  a: {part_of: b}\n",
            "c.yaml:2: part_of of metric 'a' names no metric 'b'; add it to metrics: first",
        ),
        (
            "  a: {parts: [bee]}\n  be: {}\n",
            "c.yaml:2: parts of metric 'a' names no metric 'bee' "
            "(did you mean 'be'?); add it to metrics: first",
        ),
        (
            "  a: {part_of: b}\n  b: {part_of: a}\n",
            "c.yaml:2: metric 'a' is part of itself: a < b < a",
        ),
        ("  a: {parts: [a]}\n", "c.yaml:2: metric 'a' is part of itself: a < a"),
        (
            "  a: {kind: cumulative, part_of: b}\n  b: {kind: fixed}\n",
            "c.yaml:2: metric 'a' is "
            "cumulative but its whole 'b' is fixed; a part is counted the way its whole is",
        ),
        (
            "  a: {unit: people, part_of: b}\n  b: {unit: families}\n",
            "c.yaml:2: metric 'a' is "
            "counted in people but its whole 'b' in families; give both the same unit",
        ),
    ],
)
def test_relation_errors_are_located(registry: str, message: str) -> None:
    _, problems = read("metrics:\n" + registry)
    assert problems == [message]


def test_source_aliases() -> None:
    claims_file, problems = read(
        """\
        sources:
          IOM: {name: International Organization for Migration, aliases: [IOM DTM]}
          UN: {}
        """
    )
    assert problems == []
    assert claims_file.sources == (  # type: ignore[attr-defined]
        Source("IOM", "International Organization for Migration", ("IOM DTM",)),
        Source("UN"),
    )
    keys = claims_file.source_keys()  # type: ignore[attr-defined]
    assert keys["iom dtm"] == keys["iom"] == keys["international organization for migration"]
    _, problems = read("sources:\n  IOM: {aliases: [UN]}\n  UN: {}\n")
    assert problems == ["c.yaml:3: 'UN' names both source 'IOM' and 'UN'"]
