"""Several claims files read as one: ``include:`` and ``-f`` given more than once."""

from __future__ import annotations

import json
import os
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from figcheck.claimsfile import reading, two_cores
from figcheck.claimsfile.cache import Cache
from figcheck.claimsfile.locate import snapshot
from figcheck.claimsfile.reading import read_files
from figcheck.cli import app
from figcheck.model import ClaimTable, Kind
from tests.conftest import read_claims

ROOT = """\
version: 1
include:
  - stories/*.yaml
settings:
  tolerance: 0.10
metrics:
  political_prisoners:
    aliases: [remain]
sources:
  UN: {name: United Nations}
claims:
  - metric: political_prisoners
    value: 800
    source: UN
    date: 2026-01-12
"""


def claim_text(value: int, source: str, metric: str = "political_prisoners", **more: str) -> str:
    extra = "".join(f"    {key}: {value}\n" for key, value in more.items())
    return (
        f"  - metric: {metric}\n    value: {value}\n    source: {source}\n"
        f"    date: 2026-01-12\n{extra}"
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A desk's files: ``data/claims.yaml`` includes ``stories/*.yaml`` (two stories)."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "data" / "claims.yaml", ROOT)
    write(tmp_path / "data" / "stories" / "b.yaml", "claims:\n" + claim_text(900, "HRW"))
    write(tmp_path / "data" / "stories" / "a.yaml", "claims:\n" + claim_text(850, "NGO", "remain"))
    return tmp_path


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def located(found: reading.FilesRead) -> list[tuple[str, str, str]]:
    return [(c.metric, c.source, str(c.location)) for c in found.claims_file.claims]


def test_a_glob_include_reads_its_files_sorted_each_claim_at_its_own_line(desk: Path) -> None:
    found = read_files([snapshot("data/claims.yaml")], Cache(None))
    assert found.problems == []
    assert found.paths == ["data/claims.yaml", "data/stories/a.yaml", "data/stories/b.yaml"]
    assert located(found) == [
        ("political_prisoners", "UN", "data/claims.yaml:12"),
        ("political_prisoners", "NGO", "data/stories/a.yaml:2"),  # the root's alias resolves
        ("political_prisoners", "HRW", "data/stories/b.yaml:2"),
    ]


def test_an_alias_of_another_file_gives_the_id_the_claim_has_beside_its_registry(
    desk: Path,
) -> None:
    found = read_files([snapshot("data/claims.yaml")], Cache(None))
    alone, problems = read_claims(
        (ROOT.replace("  - stories/*.yaml\n", "") + claim_text(850, "NGO", "remain")).encode(),
        "one.yaml",
    )
    assert problems == []
    assert found.claims_file.claims[1].id == alone.claims[1].id


def test_nested_includes_are_relative_to_the_file_that_names_them(tmp_path: Path) -> None:
    top = write(tmp_path / "top.yaml", "include: desk/middle.yaml\nclaims:\n" + claim_text(1, "A"))
    write(tmp_path / "desk" / "middle.yaml", "include: [deep/last.yaml]\n")
    write(tmp_path / "desk" / "deep" / "last.yaml", "claims:\n" + claim_text(2, "B"))
    found = read_files([snapshot(str(top))], Cache(None))
    assert found.problems == []
    assert [c.source for c in found.claims_file.claims] == ["A", "B"]
    assert found.paths[-1] == str(tmp_path / "desk" / "deep" / "last.yaml")


def test_an_include_cycle_is_refused_at_the_include_that_closes_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", "include: b.yaml\nclaims:\n" + claim_text(1, "A"))
    write(tmp_path / "b.yaml", "claims:\n" + claim_text(2, "B") + "include:\n  - a.yaml\n")
    code, out, err = invoke(runner, "-f", "a.yaml", "check")
    assert code == 1
    assert out == (
        "b.yaml:7: include cycle: a.yaml includes b.yaml includes a.yaml; an include leads back\n"
    )
    assert err.endswith("1 problem\n")


def test_a_file_named_twice_is_read_once_and_a_glob_leaves_out_its_own_file(
    tmp_path: Path,
) -> None:
    write(tmp_path / "one.yaml", "include: ['*.yaml', two.yaml]\nclaims:\n" + claim_text(1, "A"))
    write(tmp_path / "two.yaml", "claims:\n" + claim_text(2, "B"))
    sources = [snapshot(str(tmp_path / "one.yaml")), snapshot(str(tmp_path / "two.yaml"))]
    found = read_files(sources, Cache(None))
    assert found.problems == []
    assert [c.source for c in found.claims_file.claims] == ["A", "B"]


def test_a_missing_include_is_an_error_at_its_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", "version: 1\ninclude:\n  - stories/gone.yaml\n  - other/*.yaml\n")
    code, out, _ = invoke(runner, "-f", "a.yaml", "check")
    assert code == 1
    assert out == (
        "a.yaml:3: include 'stories/gone.yaml': no such file (stories/gone.yaml)\n"
        "a.yaml:4: include 'other/*.yaml' matches no file (other/*.yaml)\n"
    )
    code, _, err = invoke(runner, "-f", "a.yaml", "compare")
    assert code == 2
    assert "a.yaml:3: include 'stories/gone.yaml': no such file" in err
    write(tmp_path / "b.yaml", "include: [[x]]\n")
    code, out, _ = invoke(runner, "-f", "b.yaml", "check")
    assert out == "b.yaml:1: include must be text, not a list\n"


def test_a_duplicate_id_across_files_names_both_places(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", "claims:\n" + claim_text(1, "A", id="x1"))
    write(tmp_path / "b.yaml", "claims:\n" + claim_text(2, "A") + claim_text(3, "B", id="x1"))
    code, out, _ = invoke(runner, "-f", "a.yaml", "-f", "b.yaml", "check")
    assert code == 1
    assert out.startswith("b.yaml:6: duplicate id x1 (also at a.yaml:2); ids are unique across")


def test_conflicting_registries_and_settings_name_both_places(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "a.yaml",
        """\
        include: b.yaml
        settings:
          about: 0.1
        metrics:
          deaths: {kind: cumulative}
          released: {aliases: [freed]}
        sources:
          UN: {name: United Nations}
        """,
    )
    write(
        tmp_path / "b.yaml",
        """\
        settings:
          about: 0.2
          window: 3
        metrics:
          deaths: {kind: fixed}
          set_free: {aliases: [freed]}
        sources:
          UN: {name: U.N.}
          Red Cross: {aliases: [united nations]}
        """,
    )
    code, out, _ = invoke(runner, "-f", "a.yaml", "check")
    assert code == 1
    assert out.splitlines() == [
        "b.yaml:2: settings.about is 0.2 here but 0.1 at a.yaml:3; give each setting in one file",
        "b.yaml:5: metric 'deaths' is defined differently at a.yaml:5; define each metric in "
        "one file (or the same in both)",
        "b.yaml:6: 'freed' names metric 'set_free' here but 'released' at a.yaml:6",
        "b.yaml:8: source 'UN' is defined differently at a.yaml:8; define each source in one "
        "file (or the same in both)",
        "b.yaml:9: 'united nations' names source 'Red Cross' here but 'UN' at a.yaml:8",
    ]


def test_the_same_entry_in_two_files_merges_and_settings_join(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "include: b.yaml\nsettings: {tolerance: 0.2}\nmetrics: {x: {}}\n")
    write(tmp_path / "b.yaml", "settings: {window: 3}\nmetrics: {x: {}}\nsources: {UN: {}}\n")
    found = read_files([snapshot(str(tmp_path / "a.yaml"))], Cache(None))
    assert found.problems == []
    settings = found.claims_file.settings
    assert (settings.tolerance, settings.about, settings.window) == (0.2, 0.10, 3)
    assert [m.name for m in found.claims_file.metrics] == ["x"]
    assert [s.key for s in found.claims_file.sources] == ["UN"]


def test_a_metric_without_a_kind_is_level_as_another_file_declares_it(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "include: b.yaml\nmetrics:\n  m: {kind: level}\n")
    write(tmp_path / "b.yaml", "metrics:\n  m: {}\n")
    found = read_files([snapshot(str(tmp_path / "a.yaml"))], Cache(None))
    assert found.problems == []
    assert [(m.name, m.kind) for m in found.claims_file.metrics] == [("m", Kind.LEVEL)]
    write(tmp_path / "b.yaml", "metrics:\n  m: {kind: fixed}\n")
    found = read_files([snapshot(str(tmp_path / "a.yaml"))], Cache(None))
    assert [problem.message for problem in found.problems] == [
        f"metric 'm' is defined differently at {tmp_path / 'a.yaml'}:3; define each metric in "
        "one file (or the same in both)"
    ]


def test_f_twice_reads_both_files_and_compare_holds_them_together(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", "claims:\n" + claim_text(100, "A", "deaths"))
    write(tmp_path / "b.yaml", "claims:\n" + claim_text(300, "B", "deaths"))
    code, out, _ = invoke(runner, "-f", "a.yaml", "-f", "b.yaml", "compare", "--format", "json")
    assert code == 0
    assert [(row["metric"], row["status"]) for row in json.loads(out)] == [("deaths", "divergent")]
    code, out, _ = invoke(runner, "-f", "a.yaml", "compare", "--format", "json")
    assert json.loads(out)[0]["status"] == "single"


def test_add_writes_to_the_first_file_unless_to(runner: CliRunner, desk: Path) -> None:
    root, story = Path("data/claims.yaml"), Path("data/stories/b.yaml")
    code, out, err = invoke(runner, "add", "~700 remain (Foro Penal)", "--date", "2026-01-13")
    assert code == 0, err
    assert "Foro Penal" in root.read_text() and "Foro Penal" not in story.read_text()
    before = root.read_text()
    code, out, err = invoke(
        runner, "add", "~650 remain (Amnesty)", "--date", "2026-01-13", "--to", str(story)
    )
    assert code == 0, err
    assert root.read_text() == before
    assert "    metric: political_prisoners\n" in story.read_text()  # the root's alias resolved
    assert "source: Amnesty" in story.read_text()
    code, _, err = invoke(runner, "add", "5 remain (X)", "--to", "elsewhere.yaml")
    assert code == 2
    assert "--to elsewhere.yaml: not one of the claims files read (data/claims.yaml, " in err


def test_add_refuses_a_claim_another_file_holds(runner: CliRunner, desk: Path) -> None:
    code, _, err = invoke(runner, "add", "900 remain (HRW)", "--date", "2026-01-12")
    assert code != 0
    assert "data/stories/b.yaml:2" in err
    assert "HRW" not in Path("data/claims.yaml").read_text()


def test_rm_removes_from_the_file_that_holds_the_claim(runner: CliRunner, desk: Path) -> None:
    found = read_files([snapshot("data/claims.yaml")], Cache(None))
    table = ClaimTable.of(found.claims_file.claims, found.claims_file.path)
    claim_id = table.columns["id"][2]
    root_before = Path("data/claims.yaml").read_text()
    code, out, err = invoke(runner, "rm", claim_id)
    assert code == 0, err
    assert out.startswith(f"removed {claim_id}")
    assert Path("data/claims.yaml").read_text() == root_before
    assert Path("data/stories/b.yaml").read_text() == "claims:\n"
    code, _, err = invoke(runner, "rm", "nosuchid")
    assert code != 0
    assert "no claim has id 'nosuchid'" in err


def test_report_and_export_never_overwrite_an_included_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", "include: registry.yaml\nclaims:\n" + claim_text(1, "A", "x"))
    registry = write(tmp_path / "registry.yaml", "metrics:\n  x: {unit: people}\n")
    kept = registry.read_bytes()
    for command in (["report", "registry.yaml"], ["export", "registry.yaml", "--format", "csv"]):
        code, _, err = invoke(runner, "-f", "a.yaml", *command)
        assert code != 0
        assert "registry.yaml: exists and does not hold" in err
        code, _, err = invoke(runner, "-f", "a.yaml", *command, "--force")
        assert code != 0
        assert "registry.yaml: is the claims file being read; nothing was written" in err
        assert registry.read_bytes() == kept


def test_import_writes_to_the_file_to(runner: CliRunner, desk: Path) -> None:
    table = write(desk / "rows.csv", "metric,value,source,date\nremain,640,Amnesty,2026-01-14\n")
    story = Path("data/stories/a.yaml")
    code, _, err = invoke(runner, "import", str(table), "--to", str(story))
    assert code == 0, err
    assert "source: Amnesty" in story.read_text()
    assert "Amnesty" not in Path("data/claims.yaml").read_text()
    code, _, err = invoke(runner, "import", str(table))
    assert code == 0
    assert "1 already recorded" in err


def test_each_file_is_cached_on_its_own_and_read_from_the_cache_again(
    desk: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read_files([snapshot("data/claims.yaml")], Cache(own_cache))
    assert len(list(own_cache.glob("*.pickle"))) == 3

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cached file was parsed again")

    monkeypatch.setattr(reading, "read_in_two", no_parsing)
    monkeypatch.setattr(reading, "read_everything", no_parsing)
    again = read_files([snapshot("data/claims.yaml")], Cache(own_cache))
    assert located(again) == located(first)
    assert again.claims_file == first.claims_file


def test_one_file_without_includes_is_read_as_read_reads_it(claims_file: object) -> None:
    path = Path(str(claims_file("claims:\n" + claim_text(1, "A"))))  # type: ignore[operator]
    found = read_files([snapshot(str(path))], Cache(None))
    assert len(found.files) == 1
    assert found.claims_file == found.files[0][1].claims_file
    assert found.others(str(path)) is None


def test_the_merge_driver_merges_a_file_with_include_by_its_own_text(
    runner: CliRunner, tmp_path: Path
) -> None:
    head = "version: 1\ninclude:\n  - stories/*.yaml  # nothing here: the driver reads no other\n"
    base = head + "claims:\n" + claim_text(1, "A", id="a1")
    ours = base + claim_text(2, "B", id="b2")
    theirs = base + claim_text(3, "C", id="c3")
    paths = []
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        paths.append(str(write(tmp_path / name, text)))
    code, _, err = invoke(runner, "merge-driver", *paths)
    assert code == 0, err
    assert Path(paths[1]).read_text() == ours + claim_text(3, "C", id="c3")


def test_extract_add_writes_to_the_file_to(runner: CliRunner, desk: Path) -> None:
    article = write(desk / "article.txt", "At least 120 people were freed, the UN said.\n")
    story = Path("data/stories/a.yaml")
    before = Path("data/claims.yaml").read_text()
    add = ["--add", "--yes", "--date", "2026-01-20", "--to", str(story)]
    code, _, err = invoke(runner, "extract", str(article), *add)
    assert code == 0, err
    assert err.endswith("1 added, 0 skipped\n")
    assert Path("data/claims.yaml").read_text() == before
    assert "    value: 120\n" in story.read_text()


def test_a_second_compare_of_several_files_uses_the_report_kept_until_one_changes(
    runner: CliRunner, desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, first, _ = invoke(runner, "compare", "--format", "json")
    assert code == 0

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the files were read again")

    with monkeypatch.context() as patched:
        patched.setattr(reading, "load_files", no_reading)
        code, again, _ = invoke(runner, "compare", "--format", "json")
        assert (code, again) == (0, first)
    write(desk / "data" / "stories" / "c.yaml", "claims:\n" + claim_text(2000, "Police"))
    code, out, _ = invoke(runner, "compare", "--format", "json")
    assert (json.loads(out)[0]["claims"], json.loads(out)[0]["max"]) == (4, 2000)  # a new file
    with monkeypatch.context() as patched:
        patched.setattr(reading, "load_files", no_reading)
        assert invoke(runner, "compare", "--format", "json")[1] == out
    Path("data/stories/c.yaml").write_text("claims:\n" + claim_text(850, "Police"))
    code, out, _ = invoke(runner, "compare", "--format", "json")
    assert (json.loads(out)[0]["claims"], json.loads(out)[0]["max"]) == (4, 900)  # one changed
    Path("data/stories/c.yaml").unlink()
    code, out, _ = invoke(runner, "compare", "--format", "json")
    assert json.loads(out)[0]["claims"] == 3


# --- several files read on two cores --------------------------------------------------------------


def stories(tmp_path: Path) -> Path:
    """A main file including six story files of different sizes (one with a problem, one with
    CRLF line breaks, one using an alias of the main file's registry)."""
    write(tmp_path / "data" / "claims.yaml", ROOT)
    folder = tmp_path / "data" / "stories"
    for number in range(5):
        claims = "".join(
            claim_text(100 + number * 50 + row, f"S{number}-{row}") for row in range(1 + number * 7)
        )
        text = "claims:\n" + claims
        if number == 3:
            text = text.replace("\n", "\r\n")
        write(folder / f"s{number}.yaml", text)
    write(
        folder / "bad.yaml", "claims:\n" + claim_text(5, "X") + "  - metric: remain\n    value: x\n"
    )
    return tmp_path / "data" / "claims.yaml"


def two_cores_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small files read on two cores, as large ones are."""
    monkeypatch.setattr(two_cores, "SEVERAL_BYTES", 0)
    monkeypatch.setattr(two_cores, "_HEAD_START", 0)
    monkeypatch.setattr(two_cores, "_cores", lambda: 2)


def same(found: reading.FilesRead, expected: reading.FilesRead) -> None:
    assert found.claims_file == expected.claims_file
    assert [str(problem) for problem in found.problems] == [str(p) for p in expected.problems]
    assert found.paths == expected.paths
    assert [r.append_column for _, r in found.files] == [r.append_column for _, r in expected.files]


@pytest.mark.parametrize("cached", [False, True])
def test_included_files_read_on_two_cores_read_as_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    root = stories(tmp_path)
    expected = read_files([snapshot(str(root))], Cache(None))
    bad = tmp_path / "data" / "stories" / "bad.yaml"
    assert [str(p) for p in expected.problems] == [
        f"{bad}:6: claim is missing source and date",
        f"{bad}:7: value must be a number written in digits, not 'x'",
    ]
    assert len(expected.paths) == 7 and len(expected.claims_file.claims) == 77
    shared: list[int] = []
    run_in_two = reading.run_in_two

    def counted(*args: Any) -> Any:
        shared.append(1)
        return run_in_two(*args)

    monkeypatch.setattr(reading, "run_in_two", counted)
    two_cores_for(monkeypatch)
    cache = Cache(tmp_path / "cache" if cached else None)
    same(read_files([snapshot(str(root))], cache), expected)
    assert shared == [1]
    if cached:  # the files the other process read were kept here: read again from the cache
        again = Cache(tmp_path / "cache")
        same(read_files([snapshot(str(root))], again), expected)
        assert shared == [1]
        assert len(list((tmp_path / "cache").glob("*.pickle"))) == 6  # every clean file
    given = [snapshot(str(root)), snapshot(str(root.parent / "stories" / "s4.yaml"))]
    same(read_files(given, Cache(None)), expected)  # -f twice: the given files read together
    assert len(shared) == 3  # the two given, then the other files the first includes


@pytest.mark.parametrize("failing", ["pipe", "fork"])
def test_without_a_second_process_the_files_are_read_in_this_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    root = stories(tmp_path)
    expected = read_files([snapshot(str(root))], Cache(None))

    def refuse() -> None:
        raise OSError(11, "Resource temporarily unavailable")

    two_cores_for(monkeypatch)
    before = len(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(os, failing, refuse)
    same(read_files([snapshot(str(root))], Cache(tmp_path / "cache")), expected)
    assert len(os.listdir("/proc/self/fd")) == before  # no pipe left open


def test_a_reader_that_dies_leaves_its_files_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = stories(tmp_path)
    expected = read_files([snapshot(str(root))], Cache(None))
    two_cores_for(monkeypatch)

    def dies(source: Any, cache: Any) -> Any:
        os._exit(0)  # in the other process: nothing sent

    monkeypatch.setattr(reading, "_sent", dies)
    same(read_files([snapshot(str(root))], Cache(tmp_path / "cache")), expected)


def test_ctrl_c_while_reading_stops_the_other_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = stories(tmp_path)
    two_cores_for(monkeypatch)
    read_here = reading._read

    def interrupted(source: Any, *args: Any) -> Any:
        if "stories" in source.path:  # this process's share of the included files
            raise KeyboardInterrupt
        return read_here(source, *args)

    def slow(source: Any, cache: Any) -> Any:
        time.sleep(60)  # the other process: stopped long before

    forked: list[int] = []
    fork = os.fork

    def recorded() -> int:
        child = fork()
        if child:
            forked.append(child)
        return child

    monkeypatch.setattr(reading, "_read", interrupted)
    monkeypatch.setattr(reading, "_sent", slow)
    monkeypatch.setattr(os, "fork", recorded)
    before = len(os.listdir("/proc/self/fd"))
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        read_files([snapshot(str(root))], Cache(tmp_path / "cache"))
    assert time.monotonic() - started < 30
    assert len(os.listdir("/proc/self/fd")) == before
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):  # the other reader was waited for: no process left
        os.waitpid(forked[0], os.WNOHANG)


def test_divide_shares_files_by_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(two_cores, "_cores", lambda: 2)
    mb = 1024 * 1024
    assert two_cores.divide([3 * mb, 3 * mb, 1 * mb, 1 * mb]) == ([1, 3], [0, 2])
    assert two_cores.divide([mb] * 10) == ([1, 3, 5, 7, 9], [0, 2, 4, 6, 8])
    assert two_cores.divide([mb, mb]) is None  # less than SEVERAL_BYTES: one process is sooner
    assert two_cores.divide([5 * mb]) is None
    monkeypatch.setattr(two_cores, "_cores", lambda: 1)
    assert two_cores.divide([3 * mb] * 4) is None


# --- parts and wholes across files ----------------------------------------------------------------


MAIN_REGISTRY = """\
include: story.yaml
metrics:
  released: {kind: cumulative, unit: people, aliases: [freed]}
claims:
  - metric: released
    value: 10
    source: UN
    date: 2026-01-12
"""


def test_a_story_file_may_declare_a_part_of_a_metric_of_the_main_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "main.yaml", MAIN_REGISTRY)
    story = "metrics:\n  americans: {part_of: freed}\nclaims:\n" + claim_text(
        15, "HRW", "americans"
    )
    write(tmp_path / "story.yaml", story)
    assert invoke(runner, "-f", "main.yaml", "check")[:2] == (0, "")
    found = read_files([snapshot("main.yaml")], Cache(None))
    kinds = {entry.name: entry.kind for entry in found.claims_file.metrics}
    assert kinds == {"released": Kind.CUMULATIVE, "americans": Kind.CUMULATIVE}  # its whole's
    code, out, _ = invoke(runner, "-f", "main.yaml", "compare", "--format", "json")
    rows = [(row["metric"], row["kind"], row["status"]) for row in json.loads(out)]
    assert ("americans ≤ released", "part", "divergent") in rows  # 15 Americans of 10 freed
    # the story file alone reads clean (the merge driver, a write's check), but a command given
    # it alone names the metric it lacks
    assert reading.read(snapshot("story.yaml"), Cache(None)).problems == []
    code, out, _ = invoke(runner, "-f", "story.yaml", "check")
    assert (code, out) == (
        1,
        "story.yaml:2: part_of of metric 'americans' names no metric 'freed'; "
        "add it to metrics: first\n",
    )
    add = ["add", "12", "--metric", "americans", "--source", "Red Cross", "--date", "2026-01-13"]
    code, _, err = invoke(runner, "-f", "main.yaml", *add, "--to", "story.yaml")
    assert code == 0, err
    assert "    value: 12\n" in Path("story.yaml").read_text()


@pytest.mark.parametrize(
    ("main", "story", "expected"),
    [
        (
            "",
            "  americans: {part_of: relesed}\n",
            "story.yaml:2: part_of of metric 'americans' names no metric 'relesed' "
            "(did you mean 'released'?); add it to metrics: first",
        ),
        (
            "  x: {part_of: y}\n",
            "  y: {part_of: x}\n",
            "main.yaml:4: metric 'x' is part of itself: x < y < x",
        ),
        (
            "",
            "  kids: {kind: fixed, part_of: released}\n",
            "story.yaml:2: metric 'kids' is fixed but its whole 'released' (main.yaml:3) is "
            "cumulative; a part is counted the way its whole is",
        ),
        (
            "",
            "  kids: {unit: families, part_of: released}\n",
            "story.yaml:2: metric 'kids' is counted in families but its whole 'released' "
            "(main.yaml:3) in people; give both the same unit",
        ),
    ],
)
def test_parts_and_wholes_across_files_are_checked_at_their_lines(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    main: str,
    story: str,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "main.yaml", MAIN_REGISTRY.replace("claims:\n", main + "claims:\n"))
    write(tmp_path / "story.yaml", "metrics:\n" + story)
    code, out, _ = invoke(runner, "-f", "main.yaml", "check")
    assert (code, out) == (1, expected + "\n")


def test_a_part_declared_alike_in_two_files_is_one_metric(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "f.yaml", "metrics:\n  w: {kind: cumulative}\n\n  p: {part_of: w}\n")
    write(tmp_path / "g.yaml", "metrics:\n  p: {part_of: w}\n")
    for first, second in (("f.yaml", "g.yaml"), ("g.yaml", "f.yaml")):
        assert invoke(runner, "-f", first, "-f", second, "check")[:2] == (0, "")
        found = read_files([snapshot(first), snapshot(second)], Cache(None))
        kinds = {entry.name: entry.kind for entry in found.claims_file.metrics}
        assert kinds == {"w": Kind.CUMULATIVE, "p": Kind.CUMULATIVE}
    write(tmp_path / "g.yaml", "metrics:\n  p: {kind: cumulative, part_of: w}\n")
    code, out, _ = invoke(runner, "-f", "f.yaml", "-f", "g.yaml", "check")
    assert (code, out) == (
        1,
        "g.yaml:2: metric 'p' is defined differently at f.yaml:4; define each metric in one "
        "file (or the same in both)\n",
    )


@pytest.mark.parametrize("files", [["one.yaml"], ["whole.yaml", "part.yaml"]])
def test_a_kind_unlike_the_wholes_said_by_part_and_whole_is_one_problem(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    whole = "  w: {kind: cumulative, parts: [p]}\n"
    part = "  p: {kind: fixed, part_of: w}\n"
    write(tmp_path / "one.yaml", "metrics:\n" + whole + part)
    write(tmp_path / "whole.yaml", "metrics:\n" + whole)
    write(tmp_path / "part.yaml", "metrics:\n" + part)
    code, out, _ = invoke(runner, *(word for name in files for word in ("-f", name)), "check")
    place = "one.yaml:3" if len(files) == 1 else "part.yaml:2"
    shown = "'w'" if len(files) == 1 else "'w' (whole.yaml:2)"
    assert (code, out) == (
        1,
        f"{place}: metric 'p' is fixed but its whole {shown} is cumulative; a part is counted "
        "the way its whole is\n",
    )


# --- the kept report after an add to one of several files -----------------------------------------


def test_after_an_add_to_one_of_several_files_the_kept_report_follows(
    runner: CliRunner, desk: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: Any
) -> None:
    assert invoke(runner, "compare", "--format", "json")[0] == 0  # the report is kept
    story = "data/stories/a.yaml"
    add = ["add", "~2,000 remain (Police)", "--date", "2026-01-13", "--to", story]
    assert invoke(runner, *add)[0] == 0

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the files were read again")

    with monkeypatch.context() as patched:
        patched.setattr(reading, "load_files", no_reading)
        code, kept, _ = invoke(runner, "compare", "--format", "json")
    assert code == 0
    assert json.loads(kept)[0]["status"] == "divergent"
    monkeypatch.setenv("FIGCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("fresh")))
    assert invoke(runner, "compare", "--format", "json")[1] == kept  # as computed from the files


def test_an_add_that_declares_a_metric_leaves_the_report_to_be_computed_again(
    runner: CliRunner, desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke(runner, "compare", "--format", "json")[0] == 0
    add = ["add", "12 (Police)", "--metric", "arrests", "--new-metric", "--kind", "cumulative"]
    code, _, err = invoke(runner, *add, "--date", "2026-01-13", "--to", "data/stories/b.yaml")
    assert code == 0, err
    loads = reading.load_files
    counted: list[int] = []

    def load_files(*args: Any, **kwargs: Any) -> Any:
        counted.append(1)
        return loads(*args, **kwargs)

    monkeypatch.setattr(reading, "load_files", load_files)
    code, out, _ = invoke(runner, "compare", "--format", "json")
    assert counted == [1]  # the registry changed: the report is computed from the files
    assert sorted(row["metric"] for row in json.loads(out)) == ["arrests", "political_prisoners"]
