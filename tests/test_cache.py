"""The cache of what a clean claims file says: used when it matches, never trusted over the file."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from figcheck.claimsfile import write as writing
from figcheck.claimsfile.cache import Cache
from figcheck.claimsfile.full_reader import read_everything
from figcheck.claimsfile.locate import Snapshot, snapshot
from figcheck.claimsfile.reading import read
from figcheck.model import Claim, ClaimsFile, ClaimTable, Problem, Qualifier

Write = Callable[[str], Path]

FILE = """\
version: 1
metrics:
  deaths:
    kind: cumulative
    aliases: [killed]
claims:
  - metric: killed
    value: 1850
    qualifier: at_least
    source: HRANA
    date: 2026-01-10
  - metric: deaths
    value: 2400
    qualifier: more_than
    source: observers
    date: 2026-01-12
"""


_command: dict[str, Cache] = {}  # the cache of the command these reads are part of


@pytest.fixture(autouse=True)
def _a_new_command() -> None:
    forget()


def load(path: Path, shown: str | None = None) -> tuple[ClaimsFile, list[Problem]]:
    cache = _command.setdefault("cache", Cache.for_user())
    found = read(Snapshot(shown or str(path), path.resolve(), path.read_bytes()), cache)
    return found.claims_file, found.problems


def full(path: Path) -> ClaimsFile:
    claims_file, problems = read_everything(path.read_bytes(), str(path))
    assert problems == []
    return claims_file


def cache_files(folder: Path) -> list[Path]:
    return [path for path in folder.iterdir() if path.suffix == ".pickle"]


def assert_appending_reads_as_afresh(path: Path, tail: str) -> None:
    """Cache the file, append ``tail`` by hand: the cached read must equal a fresh full read."""
    load(path)
    forget()
    with path.open("a", encoding="utf-8") as stream:
        stream.write(tail)
    assert load(path) == read_everything(path.read_bytes(), str(path))


def forget() -> None:
    _command.clear()  # as a new process would start


def test_a_second_read_comes_from_the_cache(claims_file: Write, own_cache: Path) -> None:
    path = claims_file(FILE)
    first, _ = load(path)
    assert len(cache_files(own_cache)) == 1
    forget()
    second, problems = load(path)
    assert problems == []
    assert second == first == full(path)
    assert isinstance(second.claims, ClaimTable)


def test_an_edit_of_the_same_size_is_noticed(claims_file: Write) -> None:
    path = claims_file(FILE)
    load(path)
    forget()
    path.write_text(FILE.replace("1850", "1851"), encoding="utf-8")
    claims_file_, _ = load(path)
    assert [c.value for c in claims_file_.claims] == [1851, 2400]


def test_appended_claims_are_read_on_their_own(claims_file: Write) -> None:
    path = claims_file(FILE)
    load(path)
    forget()
    extra = Claim(id="", metric="killed", source="ministry", date=dt.date(2026, 1, 14), value=1500)
    writing.append_claim(str(path), extra)
    forget()
    grown, problems = load(path)
    assert problems == []
    assert grown == full(path)
    assert [c.location.line for c in grown.claims] == [c.location.line for c in full(path).claims]


@pytest.mark.parametrize(
    "tail",
    [
        "settings:\n  tolerance: 0.5\n",  # a new section, not a claim
        "- metric: deaths\n  value: 3\n  source: s\n  date: 2026-01-01\n",  # wrong column
        "    note: added to the last claim\n",  # continues the last claim
        "  - metric: deaths\n    value: -3\n    source: s\n    date: 2026-01-01\n",  # a problem
        "  - &a metric: deaths\n",
        "...\n",
    ],
)
def test_anything_but_more_claims_is_read_with_the_whole_file(
    claims_file: Write, tail: str
) -> None:
    path = claims_file(FILE)
    load(path)
    forget()
    with path.open("a", encoding="utf-8") as stream:
        stream.write(tail)
    cached = load(path)
    assert cached == read_everything(path.read_bytes(), str(path))


def test_a_broken_cache_is_rebuilt(claims_file: Write, own_cache: Path) -> None:
    path = claims_file(FILE)
    load(path)
    forget()
    [cache] = cache_files(own_cache)
    cache.write_bytes(b"not a pickle")
    assert load(path)[0] == full(path)
    forget()
    assert load(path)[0] == full(path)


def test_an_unwritable_cache_folder_changes_nothing(
    claims_file: Write, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("FIGCHECK_CACHE_DIR", str(blocker / "cache"))
    path = claims_file(FILE)
    assert load(path)[0] == full(path)


def test_the_cache_can_be_turned_off(
    claims_file: Write, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIGCHECK_NO_CACHE", "1")
    path = claims_file(FILE)
    assert load(path)[0] == full(path)
    assert cache_files(own_cache) == []


def test_a_cached_file_read_under_another_name_shows_that_name(claims_file: Write) -> None:
    path = claims_file(FILE)
    load(path)
    forget()
    other, _ = load(path, "elsewhere.yaml")
    claim = other.claims[0]
    assert other.path == "elsewhere.yaml"
    assert str(claim.location).startswith("elsewhere.yaml:")
    assert dataclasses.replace(claim, location=None).qualifier is Qualifier.AT_LEAST


BLOCK_TEXT_LAST = """\
claims:
  - metric: a
    value: 1
    source: X
    date: 2026-01-01
    text: |
      line one
"""


@pytest.mark.parametrize(
    "tail",
    [
        "      # line two\n",  # inside the block text, not a comment
        "\n      line two\n  - metric: a\n    value: 2\n    source: Y\n    date: 2026-01-02\n",
        "  - metric: a\n    value: 2\n    source: Y\n    date: 2026-01-02\n",
    ],
)
def test_text_appended_after_a_block_text_is_read_with_the_whole_file(
    claims_file: Write, tail: str
) -> None:
    path = claims_file(BLOCK_TEXT_LAST)
    assert_appending_reads_as_afresh(path, tail)
    forget()
    assert load(path) == read_everything(path.read_bytes(), str(path))


def test_appending_after_an_appended_block_text_reads_the_whole_file(claims_file: Write) -> None:
    path = claims_file(FILE)
    load(path)
    forget()
    with path.open("a", encoding="utf-8") as stream:
        stream.write(BLOCK_TEXT_LAST.removeprefix("claims:\n").replace("metric: a", "metric: b"))
    assert load(path) == read_everything(path.read_bytes(), str(path))
    forget()
    with path.open("a", encoding="utf-8") as stream:
        stream.write("      # line two\n")
    assert load(path) == read_everything(path.read_bytes(), str(path))


RUN_COMPARE = """\
import sys
from figcheck.cli import app
sys.argv = ["figcheck", "-f", sys.argv[1], "compare", "--format", "json"]
try:
    app()
except SystemExit:
    pass
sys.stderr.write("pandas" if "pandas" in sys.modules else "no pandas")
"""


def compare_in_a_process(path: Path) -> tuple[str, str]:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", RUN_COMPARE, str(path)], capture_output=True, text=True, timeout=60
    )
    return result.stdout, result.stderr


def test_a_second_compare_needs_neither_claims_nor_pandas(claims_file: Write) -> None:
    path = claims_file(FILE)
    first, imported = compare_in_a_process(path)
    assert imported == "pandas"
    second, imported = compare_in_a_process(path)
    assert (second, imported) == (first, "no pandas")
    later_lower = FILE.replace("2400\n    qualifier: more_than", "1000\n    qualifier: up_to")
    path.write_text(later_lower, encoding="utf-8")  # now the toll would have to fall
    third, imported = compare_in_a_process(path)
    assert imported == "pandas"
    assert '"status": "divergent"' in third


def test_the_report_brought_up_to_date_by_add_is_the_report_computed_afresh(
    claims_file: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from figcheck.cli import app

    runner = CliRunner()
    path = claims_file(FILE)

    def compare() -> str:
        result = runner.invoke(app, ["-f", str(path), "compare", "--format", "json"])
        assert result.exit_code == 0, result.output
        return result.stdout

    compare()
    for text, date in [
        ("1,000 killed (ministry)", "2026-01-13"),  # the toll would fall: divergent, first
        ("3 arrested (police)", "2026-01-13"),  # a new metric
        ("about 4 arrested (lawyers)", "2026-01-14"),
    ]:
        result = runner.invoke(app, ["-f", str(path), "add", text, "--date", date])
        assert result.exit_code == 0, result.output
        forget()
        kept = Cache.for_user().report(snapshot(str(path)), "compare:latest=False")
        assert kept is not None  # carried over by add, not computed again
        updated = compare()
        monkeypatch.setenv("FIGCHECK_NO_CACHE", "1")
        assert updated == compare()
        monkeypatch.delenv("FIGCHECK_NO_CACHE")


@pytest.mark.parametrize(
    "tail",
    [
        "  null\n",
        "    ~\n",
        "  []\n",
        "  [{metric: killed, value: 9999, source: Z, date: 2026-01-13}]\n",
        "      null\n",
    ],
)
def test_appended_text_that_is_not_a_claim_list_is_read_with_the_whole_file(
    claims_file: Write, tail: str
) -> None:
    path = claims_file(FILE)
    assert_appending_reads_as_afresh(path, tail)


@pytest.mark.parametrize("odd", ["\u2028", "\r", "\x85"])
def test_claims_appended_after_an_odd_line_break_keep_their_lines(
    claims_file: Write, odd: str
) -> None:
    path = claims_file(FILE.replace("source: observers", f'source: "obser{odd}vers"'))
    load(path)
    forget()
    extra = Claim(id="", metric="killed", source="ministry", date=dt.date(2026, 1, 14), value=3000)
    writing.append_claim(str(path), extra)
    forget()
    cached, _ = load(path)
    fresh = full(path)
    assert [c.location for c in cached.claims] == [c.location for c in fresh.claims]


def test_an_add_writes_the_same_text_with_or_without_the_cache(
    claims_file: Write, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    continued = FILE + '    note: "first part\n\n  -   second part"\n'
    extra = Claim(id="", metric="killed", source="ministry", date=dt.date(2026, 1, 14), value=3000)
    path = claims_file(continued)
    load(path)
    forget()
    writing.append_claim(str(path), extra)
    uncached = tmp_path / "uncached.yaml"
    uncached.write_text(continued, encoding="utf-8")
    monkeypatch.setenv("FIGCHECK_NO_CACHE", "1")
    writing.append_claim(str(uncached), extra)
    assert path.read_text(encoding="utf-8") == uncached.read_text(encoding="utf-8")
