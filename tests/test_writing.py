"""The write side: a claim's YAML text; appending and removing without losing a byte of anything
else; and the safety of every write (lock, atomic rename, validation, symlinks, races, kills)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from figcheck.claimsfile import write as writing
from figcheck.claimsfile import yaml_text
from figcheck.claimsfile.full_reader import claim_interval
from figcheck.claimsfile.refusals import (
    DuplicateClaim,
    FileBusy,
    InvalidResult,
    ProblemsInFile,
    UnknownClaim,
    UnsupportedLayout,
)
from figcheck.claimsfile.write import append_claim, remove_claim
from figcheck.claimsfile.yaml_text import claim_yaml
from figcheck.errors import UnusableFile
from figcheck.model import Claim, Qualifier, content_id, slugify
from tests.conftest import read_claims

DAY = dt.date(2026, 1, 12)

RICH = """\
# Figures from the January report.   (a comment with trailing spaces)   
version: 1

settings:
  about: 0.10       # "about 50" allows 45-55
  tolerance: 0.1

sources:
  UN: {name: United Nations}
  'HRANA': {name: "Human Rights Activists News Agency"}

metrics:
  political_prisoners:
    aliases: [remain, held]   # flow list kept as is

claims:
  # Venezuela
  - metric: political_prisoners
    value: 800
    qualifier: about
    source: 'human rights groups'   # single quotes stay single
    date: 2026-01-12

  - id: "abc12345"
    metric: political_prisoners
    value: 1000
    source: "UN"
    date: 2026-01-10
    note: |
      Two lines
      of note.

  # Iran
  - metric: protest_deaths
    value: 1850
    qualifier: at_least
    source: HRANA
    date: 2026-01-12
"""


WIDE = "claims:\n    -   metric: m\n        value: 1\n        source: s\n        date: 2026-01-12"


def claim(number: int = 1, **fields: object) -> Claim:
    base: dict[str, object] = {
        "id": f"new{number:05d}",
        "metric": "political_prisoners",
        "source": f"source {number}",
        "date": DAY,
        "value": float(number),
    }
    return Claim(**{**base, **fields})  # type: ignore[arg-type]


def read(path: Path) -> list[Claim]:
    claims_file, problems = read_claims(path.read_bytes(), str(path))
    assert problems == []
    return list(claims_file.claims)


def write(tmp_path: Path, text: str, name: str = "claims.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def folder_names(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


# --- claim_yaml -----------------------------------------------------------------------------------


def test_claim_yaml_writes_block_style_without_empty_fields() -> None:
    text = claim_yaml(
        Claim(
            id="3f2a9c1e",
            metric="political_prisoners",
            source="human rights groups",
            date=DAY,
            value=800.0,
            qualifier=Qualifier.ABOUT,
            text="~800 remain (NGOs)",
            url="https://example.org/a?b=c#d",
        )
    )
    assert text == (
        '  - id: "3f2a9c1e"\n'
        "    metric: political_prisoners\n"
        "    value: 800\n"
        "    qualifier: about\n"
        "    source: human rights groups\n"
        "    date: 2026-01-12\n"
        "    text: ~800 remain (NGOs)\n"
        "    url: https://example.org/a?b=c#d\n"
    )


def test_claim_yaml_leaves_out_the_default_qualifier_and_follows_the_columns() -> None:
    text = claim_yaml(claim(7, low=2.5, high=1e20), dash_column=0, key_column=4)
    assert text == (
        '-   id: "new00007"\n'
        "    metric: political_prisoners\n"
        "    value: 7\n"
        "    low: 2.5\n"
        "    high: 1.0e+20\n"
        "    source: source 7\n"
        "    date: 2026-01-12\n"
    )


@pytest.mark.parametrize(
    "text",
    ["NO", "yes", "Off", "null", "~", "2024", "1_000", "0x1F", "1.5", ".inf", "2024-01-12", "<<",
     "=", "a: b", "#1", "x #y", "- x", "[x]", "{x}", "'q'", '"q"', "*star", "&anchor", "!tag",
     "|", ">", "%", "@x", "`x`", "ends:", "two\nlines", "tab\there", "bidi \u202e", "\ufeffbom",
     "nel\x85", " padded "],
)  # fmt: skip
def test_text_yaml_would_misread_is_quoted(text: str) -> None:
    written = yaml_text.scalar_yaml(text)
    assert written.startswith('"') and "\n" not in written
    document = (
        f"claims:\n- metric: m\n  value: 1\n  source: s\n  date: 2026-01-12\n  note: {written}\n"
    )
    claims_file, problems = read_claims(document.encode(), "t")
    assert problems == []
    assert claims_file.claims[0].note == text.strip()


@pytest.mark.parametrize(
    "text",
    ["UN", "human rights groups", "Foro Penal", "https://x.org/a#b", "¿Cuántos? — 800", "a-b"],
)
def test_ordinary_text_stays_plain(text: str) -> None:
    assert yaml_text.scalar_yaml(text) == text


@pytest.mark.parametrize(
    ("number", "written"),
    [(800.0, "800"), (0.0, "0"), (0.5, "0.5"), (2.4e6, "2400000"), (1e20, "1.0e+20"),
     (5e-324, "5.0e-324"), (1.5e-7, "1.5e-07"), (3, "3")],
)  # fmt: skip
def test_numbers_are_plain(number: float, written: str) -> None:
    assert yaml_text.number_yaml(number) == written


_text = st.text(min_size=1, max_size=30).map(str.strip).filter(bool)
# every figure a claim can hold: up to 10^15 (a larger one is refused on reading, see test_misread)
_number = st.floats(min_value=0, max_value=1e15, allow_nan=False, allow_infinity=False)


@st.composite
def claims(draw: st.DrawFn) -> Claim:
    qualifier = draw(st.sampled_from(list(Qualifier)))
    value = draw(st.none() | _number) if qualifier is Qualifier.RANGE else draw(_number)
    low, high = draw(st.none() | _number), draw(st.none() | _number)
    if qualifier is Qualifier.RANGE or value is None:
        low, high = draw(_number), draw(_number)
    metric = slugify(draw(_text))
    assume(metric)
    made = Claim(
        id=draw(_text),
        metric=metric,
        source=draw(_text),
        date=draw(st.dates()),
        value=value,
        qualifier=qualifier,
        low=low,
        high=high,
        unit=draw(st.none() | _text),
        text=draw(st.none() | _text),
        url=draw(st.none() | _text),
        note=draw(st.none() | _text),
    )
    lo, hi = claim_interval(made, 0.1)
    assume(lo <= hi)
    return made


@given(claims(), st.integers(0, 6), st.integers(2, 5))
@settings(max_examples=300, deadline=None)
def test_a_claim_written_reads_back_the_same(made: Claim, dash: int, gap: int) -> None:
    document = "claims:\n" + claim_yaml(made, dash_column=dash, key_column=dash + gap)
    claims_file, problems = read_claims(document.encode("utf-8"), "t")
    assert problems == [], document
    assert claims_file.claims == (made,), document


# --- append: everything else survives byte for byte -----------------------------------------------


def test_append_keeps_every_other_byte(tmp_path: Path) -> None:
    path = write(tmp_path, RICH)
    stored = append_claim(str(path), claim(1, metric="Remain", source=" NO "))
    new = path.read_text()
    assert new == RICH + "\n" + claim_yaml(stored)  # blank line: claims here are spaced out
    assert stored.metric == "political_prisoners" and stored.source == "NO"
    assert stored.location is not None and stored.location.line == RICH.count("\n") + 2
    assert read(path)[-1] == stored
    assert folder_names(tmp_path) == ["claims.yaml"]  # no lock or temp file left


def test_append_stores_the_claim_as_it_will_be_read(tmp_path: Path) -> None:
    path = write(tmp_path, RICH)
    given_claim = claim(1, id="", metric="Held", source=" UN ", unit="  ", note=" checked ")
    stored = append_claim(str(path), given_claim)
    assert (stored.metric, stored.source, stored.unit, stored.note) == (
        "political_prisoners",
        "UN",
        None,
        "checked",
    )
    assert stored.id == content_id(dataclasses.replace(stored, id=""))
    assert read(path)[-1] == stored


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", "claims:\n{item}"),
        ("# only a comment", "# only a comment\nclaims:\n{item}"),
        ("version: 1\n", "version: 1\nclaims:\n{item}"),
        ("version: 1  # no newline at end", "version: 1  # no newline at end\nclaims:\n{item}"),
        ("version: 1\nclaims:\n", "version: 1\nclaims:\n{item}"),
        ("claims:   # none yet\n", "claims:   # none yet\n{item}"),
        ("claims: []\n# end\n", "claims:\n# end\n{item}"),
        ("claims: []   # none yet\n", "claims:   # none yet\n{item}"),
        ("claims:\t[]\n", "claims:\t\n{item}"),
        ("claims: ~\n", "claims:\n{item}"),
        ("---\nclaims: null", "---\nclaims:\n{item}"),
        ("claims:\n- metric: m\n  value: 1\n  source: s\n  date: 2026-01-12\n",
         "claims:\n- metric: m\n  value: 1\n  source: s\n  date: 2026-01-12\n{item0}"),
        (WIDE, WIDE + "\n{item48}"),
        ("  version: 1\n  settings:\n    about: 0.2\n",
         "  version: 1\n  settings:\n    about: 0.2\n  claims:\n{item4}"),
    ],
)  # fmt: skip
def test_append_fits_the_layout(tmp_path: Path, before: str, after: str) -> None:
    path = write(tmp_path, before)
    new = claim(1)
    append_claim(str(path), new)
    expected = after.format(
        item=claim_yaml(new),
        item0=claim_yaml(new, dash_column=0),
        item48=claim_yaml(new, dash_column=4, key_column=8),
        item4=claim_yaml(new, dash_column=4),
    )
    assert path.read_text() == expected
    assert read(path)[-1] == new


def test_append_keeps_windows_line_endings(tmp_path: Path) -> None:
    text = RICH.replace("\n", "\r\n")
    path = write(tmp_path, text)
    append_claim(str(path), claim(1))
    data = path.read_bytes()
    assert data.startswith(text.encode())
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_windows_line_endings_after_a_plain_first_line_are_kept(tmp_path: Path) -> None:
    text = "# written on Windows after this line\n" + RICH.replace("\n", "\r\n")
    path = write(tmp_path, text)
    append_claim(str(path), claim(1))
    added = path.read_bytes()[len(text.encode()) :]
    assert added and b"\n" not in added.replace(b"\r\n", b"")


# --- layouts that refuse, problems that refuse: the file is untouched -----------------------------


def assert_refused(
    tmp_path: Path, text: str, error: type[Exception], message: str, **kw: object
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(error) as raised:
        append_claim(str(path), kw.pop("new", claim(1)), **kw)  # type: ignore[arg-type]
    assert message in str(raised.value)
    assert path.read_text() == text
    assert folder_names(tmp_path) == ["claims.yaml"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("claims: [{metric: m, value: 1, source: s, date: 2026-01-12}]\n",
         "claims is written in flow style ([...]); write it as a block list"),
        ("{version: 1, claims: []}\n", "the file is one {...} mapping (flow style)"),
        ("version: 1\n...\n", "the file ends its document with '...'; delete that line"),
    ],
)  # fmt: skip
def test_a_layout_without_a_clean_append_is_refused(
    tmp_path: Path, text: str, message: str
) -> None:
    assert_refused(tmp_path, text, UnsupportedLayout, message)


def test_a_file_with_problems_is_not_written_to(tmp_path: Path) -> None:
    text = "claims:\n- metric: m\n  value: '12'\n  source: s\n  date: 2026-01-12\n"
    assert_refused(tmp_path, text, ProblemsInFile, "claims.yaml:3: value must be a number")


def test_a_write_that_would_be_invalid_is_refused(tmp_path: Path) -> None:
    assert_refused(
        tmp_path, RICH, InvalidResult, "value must not be negative", new=claim(1, value=-5.0)
    )
    assert_refused(
        tmp_path, RICH, InvalidResult, "duplicate id abc12345", new=claim(1, id="abc12345")
    )


def test_a_write_that_would_change_what_is_recorded_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    appended = writing.appended_text

    def rounding(text: str, new: Claim, path: str, *hints: object) -> str:
        return appended(text, new, path, *hints).replace("value: 1.5", "value: 1")  # type: ignore[arg-type]

    monkeypatch.setattr(writing, "appended_text", rounding)
    message = (
        "claims.yaml:40: the claim cannot be stored as given: value 1.5 would be read back as 1.0"
    )
    assert_refused(tmp_path, RICH, InvalidResult, message, new=claim(1, value=1.5))
    message = "claims.yaml:1: the write would change the file in a way that was not asked for"
    changed = RICH.replace("value: 800", "value: 1.5")
    assert_refused(tmp_path, changed, InvalidResult, message, new=claim(2, value=2.0))


def test_a_duplicate_is_refused_unless_forced(tmp_path: Path) -> None:
    # same metric (through an alias), source (any case), date and interval as the first claim
    again = claim(
        1, metric="remain", source="Human Rights Groups", value=800.0, qualifier=Qualifier.ABOUT
    )
    assert_refused(tmp_path, RICH, DuplicateClaim, "already recorded as ", new=again)
    path = tmp_path / "claims.yaml"
    stored = append_claim(str(path), again, force=True)
    assert read(path)[-1] == stored
    append_claim(str(path), dataclasses.replace(again, id="other", value=801.0))  # not the same


# --- remove ---------------------------------------------------------------------------------------


def test_remove_cuts_only_the_claims_lines(tmp_path: Path) -> None:
    path = write(tmp_path, RICH)
    removed = remove_claim(str(path), "abc12345")
    assert removed.value == 1000
    expected = RICH.replace(
        '  - id: "abc12345"\n    metric: political_prisoners\n    value: 1000\n    source: "UN"\n'
        "    date: 2026-01-10\n    note: |\n      Two lines\n      of note.\n\n",
        "",
    )
    assert path.read_text() == expected
    assert folder_names(tmp_path) == ["claims.yaml"]


def test_remove_keeps_comments_above_and_does_not_double_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path, RICH)
    ids = [c.id for c in read(path)]
    remove_claim(str(path), ids[0])
    assert '  # Venezuela\n\n  - id: "abc12345"' in path.read_text()
    remove_claim(str(path), ids[2])  # the last one: the blank line before it goes too
    assert path.read_text().endswith("      of note.\n\n  # Iran\n")
    remove_claim(str(path), ids[1])
    assert read(path) == []
    assert path.read_text().endswith("claims:\n  # Venezuela\n\n  # Iran\n")
    stored = append_claim(str(path), claim(1))
    assert read(path) == [stored]


def test_remove_works_anywhere_and_in_any_block_style(tmp_path: Path) -> None:
    text = (
        "claims:\n-\n  metric: m  # on its own line\n  value: 1\n  source: s\n  date: 2026-01-12\n"
        "- {metric: m, value: 2, source: s, date: 2026-01-12}   # a flow item\n"
        "version: 1\n"
    )
    path = write(tmp_path, text)
    first, second = (c.id for c in read(path))
    remove_claim(str(path), first)
    assert path.read_text() == text.split("-\n", 1)[0] + text.split("12\n", 1)[1]
    remove_claim(str(path), second)
    assert path.read_text() == "claims:\nversion: 1\n"


def test_remove_an_unknown_id_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, RICH)
    with pytest.raises(UnknownClaim, match=r"no claim has id 'abc1'.*did you mean abc12345\?"):
        remove_claim(str(path), "abc1")
    assert path.read_text() == RICH


def test_remove_from_a_flow_list_is_refused(tmp_path: Path) -> None:
    text = "claims: [{metric: m, value: 1, source: s, date: 2026-01-12}]\n"
    path = write(tmp_path, text)
    (only,) = read(path)
    with pytest.raises(UnsupportedLayout, match="flow style"):
        remove_claim(str(path), only.id)
    assert path.read_text() == text


# --- the file itself: links, permissions, locks, leftovers ----------------------------------------


def test_a_symbolic_link_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = write(tmp_path / "real", RICH)
    (tmp_path / "data").mkdir()
    link = tmp_path / "data" / "claims.yaml"
    link.symlink_to(Path("..") / "real" / "claims.yaml")
    append_claim(str(link), claim(1))
    remove_claim(str(link), "abc12345")
    assert link.is_symlink() and os.readlink(link) == str(Path("..") / "real" / "claims.yaml")
    assert [c.id for c in read(target)][-1] == "new00001"
    assert folder_names(tmp_path / "data") == ["claims.yaml"]
    assert folder_names(tmp_path / "real") == ["claims.yaml"]


def test_permissions_are_kept(tmp_path: Path) -> None:
    path = write(tmp_path, RICH)
    path.chmod(0o640)
    append_claim(str(path), claim(1))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UnusableFile, match="no such file"):
        append_claim(str(tmp_path / "nope.yaml"), claim(1))


def test_a_held_lock_makes_the_writer_wait_then_give_up(tmp_path: Path) -> None:
    path = write(tmp_path, RICH)
    with writing._locked(path, 1.0), pytest.raises(FileBusy, match="another figcheck"):
        append_claim(str(path), claim(1), timeout=0.2)
    assert path.read_text() == RICH


def test_leftovers_of_a_killed_writer_do_not_block_and_are_cleaned(tmp_path: Path) -> None:
    path = write(tmp_path, RICH)
    (tmp_path / ".claims.yaml.lock").write_text("")  # a lock file nobody holds
    (tmp_path / ".claims.yaml.ab12cdef.tmp").write_text("half a claim")
    (tmp_path / ".claims.yaml.notmine").write_text("kept")
    append_claim(str(path), claim(1), timeout=1.0)
    assert folder_names(tmp_path) == [".claims.yaml.notmine", "claims.yaml"]


# --- many processes -------------------------------------------------------------------------------

RACER = """
import datetime as dt, sys
from figcheck.model import Claim
from figcheck.claimsfile.write import append_claim
path, number = sys.argv[1], int(sys.argv[2])
print("ready", flush=True)
sys.stdin.readline()  # wait until every racer is up, then all go at once
append_claim(path, Claim(id=f"race{number:03d}", metric="m", source=f"s{number}",
                         date=dt.date(2026, 1, 12), value=float(number)))
"""


@pytest.mark.slow
def test_fifty_writers_at_once_all_succeed(tmp_path: Path) -> None:
    rounds = int(os.environ.get("FIGCHECK_RACE_ROUNDS", "3"))
    path = write(tmp_path, RICH)
    for round_number in range(rounds):
        numbers = range(round_number * 100, round_number * 100 + 50)
        racers = [
            subprocess.Popen(
                [sys.executable, "-c", RACER, str(path), str(number)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for number in numbers
        ]
        for racer in racers:
            assert racer.stdout is not None and racer.stdout.readline() == "ready\n"
        for racer in racers:
            assert racer.stdin is not None
            racer.stdin.write("go\n")
            racer.stdin.flush()
        for racer in racers:
            _, err = racer.communicate(timeout=60)
            assert racer.returncode == 0, err
        ids = [c.id for c in read(path)]
        assert {f"race{number:03d}" for number in numbers} <= set(ids)
        assert len(ids) == len(set(ids)) == 3 + 50 * (round_number + 1)
        assert path.read_text().startswith(RICH)
    assert folder_names(tmp_path) == ["claims.yaml"]


KILLED = """
import datetime as dt, sys
from figcheck.model import Claim
from figcheck.claimsfile.write import append_claim
path, tag = sys.argv[1], sys.argv[2]
print("ready", flush=True)
n = 0
while True:
    append_claim(path, Claim(id=f"{tag}-{n}", metric="m", source=tag,
                             date=dt.date(2026, 1, 12), value=float(n)))
    n += 1
    print(n, flush=True)
"""


@pytest.mark.slow
def test_writers_killed_at_any_moment_leave_whole_claims(tmp_path: Path) -> None:
    rounds = int(os.environ.get("FIGCHECK_KILL_ROUNDS", "30"))
    path = write(tmp_path, RICH)
    chance = random.Random(os.environ.get("FIGCHECK_KILL_SEED", "figcheck"))
    total = len(read(path))
    mid_write = 0
    for round_number in range(rounds):
        tag = f"k{round_number}"
        # unbuffered: a buffered readline could read ahead the ids printed after "ready", which
        # communicate() (reading the pipe itself) would then never see
        writer = subprocess.Popen(
            [sys.executable, "-c", KILLED, str(path), tag],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline() == b"ready\n", writer.stderr
        time.sleep(chance.uniform(0, 0.04))
        writer.send_signal(signal.SIGKILL)
        rest_bytes, err = writer.communicate(timeout=10)
        rest = rest_bytes.decode()
        assert writer.returncode == -signal.SIGKILL, err
        reported = len(rest.split())
        mid_write += any(name.endswith(".tmp") for name in os.listdir(tmp_path))
        claims = read(path)  # parses cleanly: no partial claim, no broken file
        mine = [c.id for c in claims if c.source == tag]
        assert len(mine) in (reported, reported + 1)
        assert mine == [f"{tag}-{n}" for n in range(len(mine))]
        assert len(claims) == total + len(mine)
        # the next add is not blocked by what the killed writer left behind
        append_claim(str(path), claim(round_number, source=tag + "-after"), timeout=2.0)
        total = len(claims) + 1
        assert folder_names(tmp_path) == ["claims.yaml"]
    assert path.read_text().startswith(RICH)
    print(f"{rounds} kills, {mid_write} left a temporary file behind (killed mid-write)")


@pytest.mark.parametrize(
    ("head", "tail", "dash"),
    [
        ("claims:\n- {metric: m, value: 1, source: s, date: 2026-01-12}\n", "version: 1\n", ""),
        ("claims:\n  - metric: m\n    value: 1\n    source: s\n    date: 2026-01-12\n",
         "# the registry\nmetrics:\n  m: {unit: people}\n", "  "),
        ("claims: []  # none yet\n", "version: 1\n", "  "),
    ],
)  # fmt: skip
def test_claims_followed_by_other_sections_get_the_claim_at_their_end(
    tmp_path: Path, head: str, tail: str, dash: str
) -> None:
    path = write(tmp_path, head + tail)
    stored = append_claim(str(path), claim(2))
    result = path.read_text()
    kept_head = head.replace("claims: []", "claims:")
    assert result.startswith(kept_head + f'{dash}- id: "{stored.id}"\n')
    assert result.endswith("\n" + tail)
    claims_file, problems = read_claims(result.encode(), "f")
    assert problems == []
    assert [c.value for c in claims_file.claims][-1] == 2
