"""The git merge driver: claims files merged by claim id, with real git in temporary folders."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from figcheck.cli import app
from figcheck.gitsetup import has_attribute, has_driver, repository_of, setup_hint
from figcheck.merging import CannotSplit, Conflict, merge_pieces, merge_texts, split_sections
from tests.conftest import read_claims

BASE = textwrap.dedent(
    """\
    # a desk's claims
    version: 1
    settings:
      tolerance: 0.10
      about: 0.10
    metrics:
      deaths:
        kind: cumulative
      released:
        aliases: [freed]
    sources:
      UN: {name: United Nations}
    claims:
      - id: "a1"
        metric: deaths
        value: 100
        source: UN
        date: 2026-01-10

      # from the wire
      - id: "b2"
        metric: released
        value: 50
        qualifier: about
        source: Red Cross
        date: 2026-01-11

      - metric: deaths
        value: 120
        source: police
        date: 2026-01-12
    """
)


def claim(claim_id: str, value: int, source: str = "HRW", metric: str = "deaths") -> str:
    return (
        f'\n  - id: "{claim_id}"\n    metric: {metric}\n    value: {value}\n'
        f"    source: {source}\n    date: 2026-01-20\n"
    )


def ids(text: str) -> list[str]:
    claims_file, problems = read_claims(text.encode(), "merged")
    assert problems == []
    return [c.id for c in claims_file.claims]


# --- the core, without git ------------------------------------------------------------------------


def test_adds_on_both_sides_are_all_kept_ours_first() -> None:
    ours = BASE + claim("o1", 1) + claim("o2", 2)
    theirs = BASE + claim("t1", 3)
    result = merge_texts(BASE, ours, theirs)
    assert result.conflicts == 0
    assert result.text == BASE + claim("o1", 1) + claim("o2", 2) + claim("t1", 3)


def test_a_removed_claim_stays_removed_and_an_added_one_is_kept() -> None:
    block = '\n  # from the wire\n  - id: "b2"'
    start = BASE.index(block)
    end = BASE.index("\n  - metric: deaths\n    value: 120")
    removed = BASE[:start] + BASE[end:]
    result = merge_texts(BASE, removed, BASE + claim("t1", 3))
    assert result.conflicts == 0
    assert "b2" not in result.text and "# from the wire" not in result.text
    assert ids(result.text)[-1] == "t1"
    assert len(ids(result.text)) == 3


def test_the_same_claim_added_on_both_sides_is_kept_once() -> None:
    both = BASE + claim("n1", 7)
    result = merge_texts(BASE, both + claim("o1", 1), both + claim("t1", 2))
    assert result.conflicts == 0
    assert ids(result.text)[3:] == ["n1", "o1", "t1"]


def test_a_claim_changed_differently_on_both_sides_is_a_conflict_around_it_only() -> None:
    ours = BASE.replace("value: 100", "value: 101") + claim("o1", 1)
    theirs = BASE.replace("value: 100", "value: 102") + claim("t1", 2)
    result = merge_texts(BASE, ours, theirs)
    assert result.conflicts == 1
    expected_conflict = (
        "<<<<<<< ours\n"
        '  - id: "a1"\n    metric: deaths\n    value: 101\n    source: UN\n    date: 2026-01-10\n'
        "=======\n"
        '  - id: "a1"\n    metric: deaths\n    value: 102\n    source: UN\n    date: 2026-01-10\n'
        ">>>>>>> theirs\n"
    )
    assert expected_conflict in result.text
    assert result.text.count("<<<<<<<") == 1
    assert ids(result.resolved)[-2:] == ["o1", "t1"]


def test_a_claim_without_id_is_known_by_its_content() -> None:
    ours = BASE.replace("value: 120", "value: 125")
    theirs = BASE + claim("t1", 2)
    result = merge_texts(BASE, ours, theirs)
    assert result.conflicts == 0
    assert "value: 125" in result.text and ids(result.text)[-1] == "t1"
    changed_both = merge_texts(BASE, ours, BASE.replace("value: 120", "value: 130"))
    assert changed_both.conflicts == 1


def test_changed_on_one_side_removed_on_the_other_is_a_conflict() -> None:
    start = BASE.index('  - id: "a1"')
    end = BASE.index("\n  # from the wire")
    removed = BASE[:start] + BASE[end + 1 :]
    result = merge_texts(BASE, removed, BASE.replace("value: 100", "value: 99"))
    assert result.conflicts == 1
    assert "<<<<<<< ours\n=======\n" in result.text


def test_registry_entries_added_on_both_sides_are_merged() -> None:
    ours = BASE.replace("metrics:\n", "metrics:\n  arrests: {unit: people}\n")
    theirs = BASE.replace("sources:\n", "sources:\n  HRW: {name: Human Rights Watch}\n").replace(
        "    aliases: [freed]\n", "    aliases: [freed, released]\n"
    )
    result = merge_texts(BASE, ours, theirs)
    assert result.conflicts == 0
    assert "  arrests: {unit: people}\n" in result.text
    assert "  HRW: {name: Human Rights Watch}\n" in result.text
    assert "aliases: [freed, released]" in result.text


def test_conflicting_settings_are_a_conflict_around_that_setting() -> None:
    ours = BASE.replace("tolerance: 0.10", "tolerance: 0.05")
    theirs = BASE.replace("tolerance: 0.10", "tolerance: 0.20").replace(
        "about: 0.10", "about: 0.15"
    )
    result = merge_texts(BASE, ours, theirs)
    assert result.conflicts == 1
    assert (
        "<<<<<<< ours\n  tolerance: 0.05\n=======\n  tolerance: 0.20\n>>>>>>> theirs\n"
        "  about: 0.15\n" in result.text
    )


def test_crlf_files_stay_crlf() -> None:
    crlf = BASE.replace("\n", "\r\n")
    ours = crlf + claim("o1", 1).replace("\n", "\r\n")
    theirs = crlf + claim("t1", 2)  # an editor that wrote \n: made to match the file
    result = merge_texts(crlf, ours, theirs)
    assert result.conflicts == 0
    assert "\n" not in result.text.replace("\r\n", "")
    assert ids(result.text)[-2:] == ["o1", "t1"]


@pytest.mark.parametrize("odd", ["\r", "\x85", "\u2028", "\u2029"])
def test_line_breaks_the_lines_are_not_cut_at_are_left_to_git(odd: str) -> None:
    """YAML counts a lone CR, NEL, LS and PS as line breaks; the pieces are cut at \\n only, so a
    version with such a break is not split (git's line merge takes it)."""
    theirs = BASE + claim("t1", 2).replace("\n    date", odd + "    date")
    with pytest.raises(CannotSplit, match="line breaks"):
        merge_texts(BASE, BASE + claim("o1", 1), theirs)


def test_comments_after_the_claims_and_later_sections_are_merged_too() -> None:
    base = BASE + "  # end of the wire claims\n"
    ours = BASE + claim("o1", 1) + "  # end of the wire claims\n"
    theirs = base + "sources:\n  HRW: {name: HRW}\n".replace("sources", "extra_sources")
    theirs = base.replace("  # end of the wire claims\n", "  # end of the claims\n")
    result = merge_texts(base, ours, theirs)
    assert result.conflicts == 0
    assert result.text == BASE + claim("o1", 1) + "  # end of the claims\n"


def test_a_large_common_start_is_kept_as_one_piece() -> None:
    many = BASE + "".join(claim(f"m{n}", n) for n in range(300))
    middle = many.index('"m150"')
    ours = many[:middle] + many[middle:].replace("value: 150", "value: 1500", 1)
    ours += claim("o1", 1)
    theirs = many + claim("t1", 2)
    result = merge_texts(many, ours, theirs)
    assert result.conflicts == 0
    assert result.text == ours + claim("t1", 2)
    assert result.expected is not None and len(result.expected) == 3 + 300 + 2
    both = merge_texts(many, ours, many.replace("value: 150\n", "value: 151\n", 1))
    assert both.conflicts == 1
    assert both.text.count("<<<<<<< ours\n") == 1


def test_the_cache_of_the_work_tree_file_spares_a_full_read(
    tmp_path: Path, runner: CliRunner
) -> None:
    ours_text = BASE + claim("o1", 1)
    work_tree = tmp_path / "claims.yaml"
    work_tree.write_text(ours_text)
    assert runner.invoke(app, ["-f", str(work_tree), "check"]).exit_code == 0  # the cache is warm
    paths = {}
    for name, text in (("base", BASE), ("ours", ours_text), ("theirs", BASE + claim("t1", 2))):
        paths[name] = tmp_path / f"{name}.yaml"
        paths[name].write_text(text)
    args = [str(paths[name]) for name in ("base", "ours", "theirs")]
    done = runner.invoke(app, ["merge-driver", *args, "--path", str(work_tree)])
    assert done.exit_code == 0, done.output
    assert paths["ours"].read_text() == BASE + claim("o1", 1) + claim("t1", 2)


def test_merge_pieces_puts_theirs_after_ours_where_both_added() -> None:
    base = [("x", "X"), ("y", "Y")]
    ours = [("x", "X"), ("a", "A"), ("y", "Y")]
    theirs = [("x", "X"), ("b", "B"), ("y", "Y2")]
    assert merge_pieces(base, ours, theirs) == [("x", "X"), ("a", "A"), ("b", "B"), ("y", "Y2")]
    assert merge_pieces(base, [("x", "X1")], [("x", "X2")]) == [("x", Conflict("X1", "X2"))]


def test_sections_keep_every_byte() -> None:
    sections = split_sections(BASE)
    assert "".join(section.text for section in sections) == BASE
    assert [s.key for s in sections] == ["version", "settings", "metrics", "sources", "claims"]
    claims = sections[-1]
    assert claims.children is not None and len(claims.children) == 3
    assert claims.head + "".join(text for _, text in claims.children) + claims.trailer == (
        claims.text
    )


# --- with git -------------------------------------------------------------------------------------


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=check, env=GIT_ENV
    )


GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Desk",
    "GIT_AUTHOR_EMAIL": "desk@example.org",
    "GIT_COMMITTER_NAME": "Desk",
    "GIT_COMMITTER_EMAIL": "desk@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
DRIVER = (
    f"{shlex.quote(sys.executable)} -m figcheck merge-driver %O %A %B --marker-size %L --path %P"
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose data/claims.yaml (BASE) is merged by the driver."""
    root = tmp_path / "desk"
    (root / "data").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "data" / "claims.yaml").write_text(BASE, encoding="utf-8")
    (root / ".gitattributes").write_text("data/claims.yaml merge=figcheck\n")
    git(root, "config", "merge.figcheck.driver", DRIVER)
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    return root


def on_branch(repo: Path, branch: str, text: str, start: str = "main") -> None:
    git(repo, "checkout", "-q", "-b", branch, start)
    (repo / "data" / "claims.yaml").write_bytes(text.encode())
    git(repo, "commit", "-qam", branch)
    git(repo, "checkout", "-q", "main")


def claims_text(repo: Path) -> str:
    return (repo / "data" / "claims.yaml").read_bytes().decode()


def test_git_merges_two_branches_of_adds(repo: Path) -> None:
    on_branch(repo, "ana", BASE + claim("o1", 1))
    on_branch(repo, "ben", BASE + claim("t1", 2))
    assert git(repo, "merge", "-q", "ana").returncode == 0
    assert git(repo, "merge", "-q", "--no-edit", "ben").returncode == 0
    assert claims_text(repo) == BASE + claim("o1", 1) + claim("t1", 2)


def test_git_merges_add_against_rm_and_a_third_branch_after(repo: Path) -> None:
    start = BASE.index('  - id: "a1"')
    end = BASE.index("\n  # from the wire")
    on_branch(repo, "rm", BASE[:start] + BASE[end + 1 :])
    on_branch(repo, "add", BASE + claim("t1", 2))
    on_branch(repo, "late", BASE + claim("l1", 9))
    (repo / "data" / "claims.yaml").write_text(BASE + claim("m1", 5))
    git(repo, "commit", "-qam", "main adds")
    for branch in ("rm", "add", "late"):
        done = git(repo, "merge", "-q", "--no-edit", branch, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    assert ids(claims_text(repo))[2:] == ["m1", "t1", "l1"]
    assert "a1" not in ids(claims_text(repo))


def test_git_reports_a_claim_both_edited(repo: Path) -> None:
    on_branch(repo, "ana", BASE.replace("value: 50", "value: 55") + claim("o1", 1))
    on_branch(repo, "ben", BASE.replace("value: 50", "value: 60") + claim("t1", 2))
    git(repo, "merge", "-q", "ana")
    done = git(repo, "merge", "--no-edit", "ben", check=False)
    assert done.returncode == 1
    assert "CONFLICT (content): Merge conflict in data/claims.yaml" in done.stdout
    text = claims_text(repo)
    assert text.count("<<<<<<< ours") == 1
    assert "    value: 55\n" in text and "    value: 60\n" in text
    assert text.endswith(claim("o1", 1) + claim("t1", 2))
    assert "UU data/claims.yaml" in git(repo, "status", "--short").stdout


def test_git_merges_registry_edits(repo: Path) -> None:
    on_branch(repo, "ana", BASE.replace("metrics:\n", "metrics:\n  arrests: {unit: people}\n"))
    on_branch(repo, "ben", BASE.replace("  UN: {name", "  HRW: {name: HRW}\n  UN: {name"))
    git(repo, "merge", "-q", "ana")
    assert git(repo, "merge", "-q", "--no-edit", "ben").returncode == 0
    text = claims_text(repo)
    assert "arrests: {unit: people}" in text and "HRW: {name: HRW}" in text


def test_git_merges_crlf_files(repo: Path) -> None:
    crlf = BASE.replace("\n", "\r\n")
    (repo / "data" / "claims.yaml").write_bytes(crlf.encode())
    git(repo, "commit", "-qam", "crlf")
    on_branch(repo, "ana", crlf + claim("o1", 1).replace("\n", "\r\n"))
    on_branch(repo, "ben", crlf + claim("t1", 2).replace("\n", "\r\n"))
    git(repo, "merge", "-q", "ana")
    assert git(repo, "merge", "-q", "--no-edit", "ben").returncode == 0
    text = claims_text(repo)
    assert text == crlf + (claim("o1", 1) + claim("t1", 2)).replace("\n", "\r\n")


def test_a_result_that_would_not_read_leaves_gits_own_conflict(repo: Path) -> None:
    on_branch(repo, "ana", BASE + claim("o1", 1))
    on_branch(repo, "ben", BASE + claim("t1", 2).replace("value: 2", 'value: "two"'))
    git(repo, "merge", "-q", "ana")
    done = git(repo, "merge", "--no-edit", "ben", check=False)
    assert done.returncode == 1
    assert "left git's line merge" in done.stderr
    text = claims_text(repo)
    assert "<<<<<<< ours" in text and ">>>>>>> theirs" in text


def test_init_git_sets_up_the_driver_and_check_stops_asking(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("HOME", str(tmp_path))
    root = tmp_path / "desk"
    root.mkdir()
    git(root, "init", "-q")
    monkeypatch.chdir(root)
    checked = runner.invoke(app, ["init"])
    assert checked.exit_code == 0
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0
    assert checked.stderr == (
        "figcheck: data/claims.yaml is in a git repository whose merges do not use figcheck's "
        "merge driver; run 'figcheck init --git' so that merging branches keeps the claims of "
        "both\n"
    )
    done = runner.invoke(app, ["init", "--git"])
    assert done.exit_code == 0, done.output
    assert "added 'data/claims.yaml merge=figcheck' to" in done.stderr
    assert "set git config merge.figcheck.driver to '" in done.stderr
    assert (root / ".gitattributes").read_text() == "data/claims.yaml merge=figcheck\n"
    assert "merge-driver %O %A %B" in git(root, "config", "merge.figcheck.driver").stdout
    again = runner.invoke(app, ["check"])
    assert again.exit_code == 0 and again.stderr == ""
    claims = root / "data" / "claims.yaml"
    found = repository_of(claims)
    assert found is not None and has_attribute(found, claims) and has_driver(found)


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("my claims.yaml", '"data/my claims.yaml"'),
        ('a "b".yaml', '"data/a \\"b\\".yaml"'),
        ("x[1]*.yaml", "data/x[[]1][*].yaml"),
        ("back\\slash.yaml", '"data/back[\\\\\\\\]slash.yaml"'),
    ],
)
def test_init_git_names_a_file_with_spaces_or_glob_characters_as_git_reads_it(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, name: str, pattern: str
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("FIGCHECK_FILE", raising=False)
    (tmp_path / "data").mkdir()
    git(tmp_path, "init", "-q", "-b", "main")
    monkeypatch.chdir(tmp_path)
    given = f"data/{name}"
    (tmp_path / "data" / "x1.yaml").write_text("claims:\n")  # what an unescaped glob would match
    done = runner.invoke(app, ["-f", given, "init", "--git"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / ".gitattributes").read_text() == f"{pattern} merge=figcheck\n"
    assert git(tmp_path, "check-attr", "merge", "--", given).stdout.endswith(": merge: figcheck\n")
    assert git(tmp_path, "check-attr", "merge", "--", "data/x1.yaml").stdout.endswith(
        ": merge: unspecified\n"
    )
    checked = runner.invoke(app, ["-f", given, "check"])
    assert checked.exit_code == 0 and checked.stderr == ""
    # git merges it with the driver: both branches' claims are kept
    path = tmp_path / given
    path.write_text(BASE)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    for branch, added in (("ana", claim("o1", 1)), ("ben", claim("t1", 2))):
        git(tmp_path, "checkout", "-q", "-b", branch, "main")
        path.write_text(BASE + added)
        git(tmp_path, "commit", "-qam", branch)
    # git's own line merge would stop at both ends of the file changed
    assert git(tmp_path, "merge", "-q", "--no-edit", "ana").returncode == 0
    assert {"o1", "t1"} <= set(ids(path.read_text()))


def test_check_hint_names_the_file_given_and_never_standard_input(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("FIGCHECK_FILE", raising=False)
    git(tmp_path, "init", "-q")
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "main file.yaml").write_text("include:\n  - a.yaml\nclaims:\n")
    (tmp_path / "claims" / "a.yaml").write_text("claims:" + claim("a", 1))
    (tmp_path / "claims" / "b.yaml").write_text("claims:" + claim("b", 2))
    monkeypatch.chdir(tmp_path)
    piped = runner.invoke(app, ["-f", "-", "check"], input="claims: []\n")
    assert piped.exit_code == 0, piped.output
    assert piped.stderr == ""
    checked = runner.invoke(
        app,
        ["-f", "claims/main file.yaml", "-f", "claims/b.yaml", "-f", "-", "check"],
        input="claims: []\n",
    )
    assert checked.exit_code == 0, checked.output
    assert checked.stderr.splitlines() == [
        "figcheck: claims/main file.yaml and claims/a.yaml are in a git repository whose merges "
        "do not use figcheck's merge driver; run 'figcheck -f 'claims/main file.yaml' init --git' "
        "so that merging branches keeps the claims of both",
        "figcheck: claims/b.yaml is in a git repository whose merges do not use figcheck's merge "
        "driver; run 'figcheck -f claims/b.yaml init --git' so that merging branches keeps the "
        "claims of both",
    ]
    done = runner.invoke(app, ["-f", "claims/b.yaml", "init", "--git"])  # as the hint says
    assert done.exit_code == 0, done.output
    again = runner.invoke(app, ["-f", "claims/b.yaml", "check"])
    assert again.exit_code == 0 and again.stderr == ""


def test_check_outside_git_says_nothing_of_it(tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text("claims:\n")
    assert setup_hint(str(claims)) is None


def test_init_git_outside_a_repository_is_refused(tmp_path: Path, runner: CliRunner) -> None:
    done = runner.invoke(app, ["-f", str(tmp_path / "c.yaml"), "init", "--git"])
    assert done.exit_code == 2
    assert "is not in a git work tree; run 'git init' first" in done.stderr


def test_check_gives_one_hint_per_repository_of_every_file_read(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("HOME", str(tmp_path))
    desk, archive = tmp_path / "desk", tmp_path / "archive"
    for root in (desk, archive):
        (root / "data").mkdir(parents=True)
        git(root, "init", "-q")
    (desk / "data" / "claims.yaml").write_text(
        "include:\n  - stories/*.yaml\n  - ../../archive/data/old.yaml\nclaims:\n"
    )
    (desk / "data" / "stories").mkdir()
    for name, value in (("a", 1), ("b", 2), ("c", 3)):
        (desk / "data" / "stories" / f"{name}.yaml").write_text("claims:" + claim(name, value))
    (archive / "data" / "old.yaml").write_text("claims:" + claim("old", 4))
    (desk / ".gitattributes").write_text("data/claims.yaml merge=figcheck\n")
    git(desk, "config", "merge.figcheck.driver", DRIVER)
    monkeypatch.chdir(desk)
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0, checked.output
    assert checked.stderr == (
        "figcheck: data/stories/a.yaml, data/stories/b.yaml and 1 more files are in a git "
        "repository whose merges do not use figcheck's merge driver; run 'figcheck init --git' "
        "so that merging branches keeps the claims of both\n"
        "figcheck: ../archive/data/old.yaml is in a git repository whose merges do not use "
        "figcheck's merge driver; run 'figcheck init --git' so that merging branches keeps the "
        "claims of both\n"
    )
    alone = runner.invoke(
        app, ["-f", "data/stories/a.yaml", "-f", "../archive/data/old.yaml", "check"]
    )
    assert alone.exit_code == 0
    assert alone.stderr.splitlines() == [
        "figcheck: data/stories/a.yaml is in a git repository whose merges do not use figcheck's "
        "merge driver; run 'figcheck -f data/stories/a.yaml init --git' so that merging branches "
        "keeps the claims of both",
        "figcheck: ../archive/data/old.yaml is in a git repository whose merges do not use "
        "figcheck's merge driver; run 'figcheck -f ../archive/data/old.yaml init --git' so that "
        "merging branches keeps the claims of both",
    ]
    done = runner.invoke(app, ["init", "--git"])
    assert done.exit_code == 0, done.output
    assert (desk / ".gitattributes").read_text() == (
        "data/claims.yaml merge=figcheck\n"
        + "".join(f"data/stories/{name}.yaml merge=figcheck\n" for name in "abc")
    )
    assert (archive / ".gitattributes").read_text() == "data/old.yaml merge=figcheck\n"
    assert f"in {archive}" in done.stderr
    assert "merge-driver %O %A %B" in git(archive, "config", "merge.figcheck.driver").stdout
    again = runner.invoke(app, ["check"])
    assert again.exit_code == 0 and again.stderr == ""
    broken = (desk / "data" / "stories" / "c.yaml").read_text().replace("value: 3", "value: x")
    (desk / "data" / "stories" / "c.yaml").write_text(broken)
    git(archive, "config", "--unset", "merge.figcheck.driver")
    failed = runner.invoke(app, ["check"])
    assert failed.exit_code == 1
    assert failed.stderr.splitlines()[0] == (
        "figcheck: ../archive/data/old.yaml is in a git repository whose merges do not use "
        "figcheck's merge driver; run 'figcheck init --git' so that merging branches keeps the "
        "claims of both"
    )


def test_init_git_names_a_file_whose_name_opens_with_a_bang_and_no_other(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("FIGCHECK_FILE", raising=False)
    git(tmp_path, "init", "-q", "-b", "main")
    monkeypatch.chdir(tmp_path)
    done = runner.invoke(app, ["-f", "!bang.yaml", "init", "--git"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / ".gitattributes").read_text() == '"\\\\!bang.yaml" merge=figcheck\n'
    assert git(tmp_path, "check-attr", "merge", "--", "!bang.yaml").stdout.endswith(
        ": merge: figcheck\n"
    )
    assert git(tmp_path, "check-attr", "merge", "--", "xbang.yaml").stdout.endswith(
        ": merge: unspecified\n"
    )
    checked = runner.invoke(app, ["-f", "!bang.yaml", "check"])
    assert checked.exit_code == 0 and checked.stderr == ""


def test_a_quoted_gitattributes_pattern_is_read_as_git_reads_it(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    claims = tmp_path / "café claims.yaml"
    claims.write_text("claims:\n")
    found = repository_of(claims)
    assert found is not None
    for line, given in (
        ('"caf\\303\\251 claims.yaml" merge=figcheck', True),  # as git quotes a name
        ('  "café claims.yaml"\tmerge=figcheck  ', True),
        ('"café claims.yaml merge=figcheck', False),  # no closing quote: git skips the line
        ('"caf\\q claims.yaml" merge=figcheck', False),  # an escape git does not know
        ("café claims.yaml merge=figcheck", False),  # the pattern is "café"
        ('# "café claims.yaml" merge=figcheck', False),
    ):
        (tmp_path / ".gitattributes").write_text(line + "\n", encoding="utf-8")
        assert has_attribute(found, claims) is given, line
        attr = git(tmp_path, "check-attr", "merge", "--", claims.name).stdout
        assert attr.endswith(": merge: figcheck\n") is given, line
