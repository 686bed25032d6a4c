"""The use cases without the command line: `comparing` and `changes` called as a library would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from figcheck import changes, comparing, render
from figcheck.claimsfile.cache import Cache
from figcheck.claimsfile.locate import snapshot
from figcheck.claimsfile.reading import load
from figcheck.errors import UsageError
from figcheck.model import Claim

STORY = """\
metrics:
  political_prisoners: {kind: level}
claims:
  - {id: "a1", metric: political_prisoners, value: 800, qualifier: about, source: Foro Penal,
     date: 2026-01-05}
  - {id: "a2", metric: political_prisoners, value: 863, source: Foro Penal, date: 2026-02-20}
  - {id: "a3", metric: political_prisoners, value: 1020, source: Foro Penal, date: 2026-09-20}
  - {id: "b1", metric: political_prisoners, low: 1000, high: 1100, qualifier: range, source: JEP,
     date: 2026-09-22}
"""


def _file(tmp_path: Path) -> str:
    path = tmp_path / "claims.yaml"
    path.write_text(STORY, encoding="utf-8")
    return str(path)


def _zero(day: int) -> Claim:
    """A second source's 0, stated on 2026-09-``day``."""
    return Claim(
        id="z1",
        metric="political_prisoners",
        value=0,
        source="government",
        date=dt.date(2026, 9, day),
    )


def test_compare_report_of_the_story_and_its_cached_copy(tmp_path: Path) -> None:
    path, cache = _file(tmp_path), Cache(tmp_path / "cache")
    report = comparing.compare_report(
        snapshot(path), comparing.CompareOptions(), render.speakers, cache
    )
    [row] = report.verdicts
    assert (row["status"], row["as_of"], row["conflict"]) == ("consistent", "2026-09-22", [])
    loads: list[str] = []
    again = comparing.compare_report(
        snapshot(path),
        comparing.CompareOptions(),
        render.speakers,
        cache,
        meanwhile=lambda: loads.append("read"),
    )
    assert again == report and loads == []  # from the cache: the claims were not read


def test_options_that_narrow_are_not_cached_and_an_empty_range_is_refused(tmp_path: Path) -> None:
    claims_file = load(snapshot(_file(tmp_path)))
    assert comparing.CompareOptions().cache_key == "compare:latest=False"
    assert comparing.CompareOptions(metric="political prisoners").cache_key is None
    filters = comparing.CompareOptions(metric="Political prisoners", until="2026-02-20").filters(
        claims_file
    )
    assert (filters.metric, filters.until) == ("political_prisoners", "2026-02-20T99")
    with pytest.raises(UsageError, match="--since 2026-03-01 is after --until 2026-02-20"):
        comparing.CompareOptions(since="2026-03-01", until="2026-02-20").filters(claims_file)


def test_record_gives_the_verdict_at_the_new_claims_moment_and_keeps_the_report(
    tmp_path: Path,
) -> None:
    path, cache = _file(tmp_path), Cache(tmp_path / "cache")
    options = comparing.CompareOptions()
    comparing.compare_report(snapshot(path), options, render.speakers, cache)  # cached
    before = snapshot(path)
    change = changes.record(
        path, _zero(21), before=(before, load(before)), speakers=render.speakers, cache=cache
    )
    assert change.action == "added" and change.claim.id == "z1"
    assert change.verdict is not None
    assert (change.verdict["status"], change.verdict["as_of"]) == ("divergent", "2026-09-21")
    assert change.verdict["conflict"] == ["a3", "z1"]
    kept = comparing.compare_report(snapshot(path), options, render.speakers, cache)
    fresh = comparing.compare_report(snapshot(path), options, render.speakers, Cache(None))
    assert kept == fresh  # the cached report followed the file
    assert kept.verdicts[0]["as_of"] == "2026-09-22" and kept.verdicts[0]["status"] == "divergent"


def test_remove_gives_the_verdict_after_and_none_when_no_claim_is_left(tmp_path: Path) -> None:
    path = _file(tmp_path)
    change = changes.remove(path, "b1", Cache(None))
    assert change.action == "removed" and change.claim.source == "JEP"
    assert change.verdict is not None and change.verdict["status"] == "single"
    for claim_id in ("a1", "a2"):
        changes.remove(path, claim_id, Cache(None))
    assert changes.remove(path, "a3", Cache(None)).verdict is None
    assert load(snapshot(path)).claims == ()
