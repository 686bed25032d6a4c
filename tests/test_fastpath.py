"""The fast reader: it takes clean files, gives up on anything else, and agrees with the others."""

from __future__ import annotations

import datetime as dt
import os
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from bench.generate import claims_yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from figcheck.claimsfile import fast_reader, two_cores
from figcheck.claimsfile.full_reader import claim_interval, read_everything
from figcheck.claimsfile.yaml_text import claim_yaml
from figcheck.model import Claim, ClaimsFile, ClaimTable, Qualifier, slugify
from tests.conftest import SHIPPED, read_claims

HOSTILE = Path(__file__).parent / "hostile"


def read_clean(data: bytes, path: str) -> ClaimsFile | None:
    """What the fast reader makes of a file (on two cores when large); None: the full reader's."""
    read = two_cores.read_in_two(data, path)
    return None if read is None else read[0]


HEADER = """\
# a header comment
version: 1
settings:
  about: 0.2
metrics:
  Political prisoners:
    kind: level
    aliases: [remain, held]
  deaths:
    kind: cumulative
sources:
  UN: {name: United Nations}
"""


def test_the_shipped_file_takes_the_fast_path() -> None:
    clean = read_clean(SHIPPED.read_bytes(), str(SHIPPED))
    assert clean is not None
    assert isinstance(clean.claims, ClaimTable)
    assert clean == read_everything(SHIPPED.read_bytes(), str(SHIPPED))[0]


def test_every_hostile_file_is_left_to_the_full_reader() -> None:
    files = sorted(HOSTILE.iterdir())
    assert files
    for path in files:
        assert read_clean(path.read_bytes(), path.name) is None, path.name


def test_claims_before_settings_still_use_the_files_about() -> None:
    document = textwrap.dedent(
        """\
        claims:
          - metric: m
            value: 100
            qualifier: about
            low: 115
            source: s
            date: 2026-01-01
        settings:
          about: 0.2
        """
    ).encode()
    clean = read_clean(document, "f")
    assert clean is not None
    assert clean == read_everything(document, "f")[0]
    narrower = document.replace(b"about: 0.2", b"about: 0.1")
    assert read_clean(narrower, "f") is None
    assert read_everything(narrower, "f")[1][0].message.startswith("low 115 is above")


_words = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=12
).map(str.strip)
_numbers = st.one_of(
    st.integers(0, 10**7).map(float), st.floats(0, 1e7, allow_nan=False, allow_infinity=False)
)


@st.composite
def claims(draw: st.DrawFn) -> Claim:
    qualifier = draw(st.sampled_from(Qualifier))
    value = draw(_numbers)
    low = high = None
    if qualifier is Qualifier.RANGE:
        low, high = sorted([draw(_numbers), draw(_numbers)])
        value = draw(st.one_of(st.none(), st.just(low)))
    metric = draw(st.one_of(st.sampled_from(["remain", "deaths", "Political prisoners"]), _words))
    made = Claim(
        id=draw(st.one_of(st.just(""), st.from_regex(r"[a-z0-9]{4,8}", fullmatch=True))),
        metric=metric,
        source=draw(st.one_of(st.sampled_from(["UN", "NO", "yes", "2024"]), _words)),
        date=draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))),
        value=value,
        qualifier=qualifier,
        low=low,
        high=high,
        text=draw(st.one_of(st.none(), _words)),
        note=draw(st.one_of(st.none(), _words)),
    )
    assume(made.metric and made.source and slugify(made.metric))
    lo, hi = claim_interval(made, 0.2)
    assume(lo <= hi)
    return made


@given(st.lists(claims(), max_size=8), st.booleans())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fast_and_full_readers_agree(made: list[Claim], with_header: bool) -> None:
    body = "claims:\n" + "".join(claim_yaml(claim) for claim in made)
    document = ((HEADER if with_header else "") + body).encode("utf-8")
    full, problems = read_everything(document, "f")
    clean = read_clean(document, "f")
    if problems:
        assert clean is None
        return
    assert clean is not None
    assert clean == full
    assert [c.location for c in clean.claims] == [c.location for c in full.claims]
    assert read_claims(document, "f") == (full, [])


@given(st.lists(claims(), min_size=1, max_size=6))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_agrees_with_yaml_safe_load_wherever_both_read_the_file(made: list[Claim]) -> None:
    document = ("claims:\n" + "".join(claim_yaml(claim) for claim in made)).encode("utf-8")
    ours, problems = read_claims(document, "f")
    assume(not problems)
    theirs = yaml.safe_load(document)["claims"]
    assert len(theirs) == len(ours.claims)
    for loaded, claim in zip(theirs, ours.claims, strict=True):
        assert slugify(str(loaded["metric"])) == claim.metric
        assert str(loaded["source"]) == claim.source
        assert loaded["date"] == claim.date
        assert loaded.get("value") == claim.value
        assert loaded.get("qualifier", "exact" if claim.value is not None else "range") == (
            claim.qualifier.value
        )
        assert (loaded.get("low"), loaded.get("high")) == (claim.low, claim.high)
        assert loaded.get("text") == claim.text
        assert loaded.get("note") == claim.note


# --- a large file read on two cores: the same result wherever the cut falls -----------------------


def _every_cut(document: bytes) -> tuple[int, list[int]]:
    """Where the claims list starts, and the start of every line that begins with "  - "."""
    key = two_cores._CLAIMS_KEY.search(document)
    assert key is not None
    cuts = [m.start() + 1 for m in re.finditer(rb"\n  - ", document) if m.start() >= key.end()]
    return key.end(), cuts


def _same_read(split: object, whole: object) -> None:
    assert split == whole
    if split is not None and whole is not None:
        (a, column_a), (b, column_b) = split, whole  # type: ignore[misc]
        assert column_a == column_b
        assert [c.location for c in a.claims] == [c.location for c in b.claims]


@given(
    st.lists(claims(), min_size=2, max_size=6),
    st.booleans(),
    st.sampled_from(["", "\n# a comment between claims\n", "settings:\n  about: 0.3\n"]),
    st.booleans(),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_file_read_in_two_reads_as_one_wherever_it_is_cut(
    made: list[Claim], with_header: bool, after: str, crlf: bool
) -> None:
    body = "claims:\n" + "".join(claim_yaml(claim) for claim in made)
    text = (HEADER if with_header else "") + body + after
    document = (text.replace("\n", "\r\n") if crlf else text).encode("utf-8")
    whole = fast_reader.read_clean(document, "f")
    header_end, cuts = _every_cut(document)
    assert cuts
    for cut in cuts:
        _same_read(two_cores.read_split(document, "f", header_end, cut), whole)


def test_cuts_that_cannot_be_trusted_fall_back_to_one_reader() -> None:
    quoted = HEADER + textwrap.dedent(
        """\
        claims:
          - metric: deaths
            value: 10
            source: UN
            date: 2026-01-01
            text: "a text over two lines
          - that looks like a claim"
          - metric: held
            value: 12
            source: UN
            date: 2026-01-02
        """
    )
    registry_after = textwrap.dedent(
        """\
        claims:
          - metric: killed
            value: 10
            source: UN
            date: 2026-01-01
          - metric: killed
            value: 12
            source: UN
            date: 2026-01-02
        metrics:
          deaths:
            aliases: [killed]
        """
    )
    same_id = textwrap.dedent(
        """\
        claims:
          - id: one
            metric: deaths
            value: 10
            source: UN
            date: 2026-01-01
          - id: one
            metric: deaths
            value: 12
            source: UN
            date: 2026-01-02
        """
    )
    ended = [  # the claims list ends before the cut: the whole file does not read
        same_id.replace("  - id: one\n    metric: deaths\n    value: 12", between)
        for between in (
            "...\n  - id: two\n    metric: deaths\n    value: 12",
            "version: 1\n  - id: two\n    metric: deaths\n    value: 12",
            "sources: {}\n  - id: two\n    metric: deaths\n    value: 12",
        )
    ]
    for text in ended:
        assert text != same_id
        assert fast_reader.read_clean(text.encode(), "f") is None, text
    for text in (quoted, registry_after, same_id, *ended):
        document = text.encode()
        whole = fast_reader.read_clean(document, "f")
        header_end, cuts = _every_cut(document)
        for cut in cuts:
            _same_read(two_cores.read_split(document, "f", header_end, cut), whole)
    after = fast_reader.read_clean(registry_after.encode(), "f")
    assert after is not None and set(after[0].claims.columns["metric"]) == {"deaths"}
    assert fast_reader.read_clean(same_id.encode(), "f") is None


def test_a_large_file_is_cut_at_a_claim_near_the_middle(monkeypatch: pytest.MonkeyPatch) -> None:
    document = claims_yaml(400).encode()
    header_end, cut = two_cores._split(document) or (0, 0)
    assert document[header_end - len("claims:\n") : header_end] == b"claims:\n"
    assert document[cut : cut + 4] == b"  - "
    # the first claim after the middle, less what this process reads less than the other
    start = header_end + max(0, (len(document) - header_end) // 2 - two_cores._HEAD_START)
    assert cut == document.find(b"\n  - ", start) + 1
    monkeypatch.setattr(two_cores, "PARALLEL_BYTES", 0)
    _same_read(two_cores.read_in_two(document, "f"), fast_reader.read_clean(document, "f"))
    lone_cr = document.replace(b"version: 1\n", b"version: 1\r", 1)
    assert two_cores._split(lone_cr) is None


@pytest.mark.parametrize(
    "written",
    ["0", "7", "1850", "007", "0x1f", "1_000", "12.5", "٣", "１２", "1e3", "9" * 20, "9" * 309],
)
def test_figures_read_as_the_full_reader_reads_them(written: str) -> None:
    document = (
        f"claims:\n  - metric: m\n    value: {written}\n    source: s\n    date: 2026-01-01\n"
    )
    full, problems = read_everything(document.encode(), "f")
    clean = read_clean(document.encode(), "f")
    if problems:
        assert clean is None
    else:
        assert clean == full
        assert clean is not None and clean.claims[0].value == full.claims[0].value


@pytest.mark.parametrize("failing", ["pipe", "fork"])
def test_without_a_second_process_the_file_is_read_in_one(
    monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    def refuse() -> None:
        raise OSError(11, "Resource temporarily unavailable")

    document = claims_yaml(400).encode()
    header_end, cut = two_cores._split(document) or (0, 0)
    before = len(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(os, failing, refuse)
    read = two_cores.read_split(document, "f", header_end, cut)
    _same_read(read, fast_reader.read_clean(document, "f"))
    assert read is not None
    assert len(os.listdir("/proc/self/fd")) == before  # no pipe left open


@given(st.lists(claims(), min_size=2, max_size=6), st.booleans())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_appended_claims_read_in_two_read_as_one_wherever_cut(
    made: list[Claim], crlf: bool
) -> None:
    start = HEADER + "claims:\n" + claim_yaml(made[0])
    grown = "".join(claim_yaml(claim) for claim in made[1:])
    if crlf:
        start, grown = start.replace("\n", "\r\n"), grown.replace("\n", "\r\n")
    read = fast_reader.read_clean(start.encode(), "f")
    assume(read is not None)
    assert read is not None
    first_line = start.count("\n") + 1
    tail = grown.encode()
    whole = fast_reader.read_appended(read[0], tail, first_line, 2)
    cuts = [m.start() + 1 for m in re.finditer(rb"\n  - ", tail)]
    for cut in cuts:
        _same_read(two_cores.read_appended_split(read[0], tail, first_line, 2, cut), whole)


def test_appended_cuts_that_cannot_be_trusted_fall_back_to_one_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start = claim_yaml(_bench_claims(1)[0]).replace("  - ", "claims:\n  - ", 1)
    read = fast_reader.read_clean(start.encode(), "f")
    assert read is not None
    tails = [
        textwrap.indent(textwrap.dedent(tail), "  ")
        for tail in (
            """\
            - id: b
              metric: deaths
              value: 2
              source: UN
              date: 2026-01-02
              text: "a text over two lines
            - that looks like a claim"
            - id: c
              metric: deaths
              value: 3
              source: UN
              date: 2026-01-03
            """,
            """\
            - id: b
              metric: deaths
              value: 2
              source: UN
              date: 2026-01-02
            - id: b
              metric: deaths
              value: 3
              source: UN
              date: 2026-01-03
            """,
            """\
            - id: b
              metric: deaths
              value: 2
              source: UN
              date: 2026-01-02
              note: |
                a block text
            - id: c
              metric: deaths
              value: 3
              source: UN
              date: 2026-01-03
            """,
        )
    ]
    for text in tails:
        tail = text.encode()
        whole = fast_reader.read_appended(read[0], tail, 7, 2)
        for cut in [m.start() + 1 for m in re.finditer(rb"\n  - ", tail)]:
            _same_read(two_cores.read_appended_split(read[0], tail, 7, 2, cut), whole)
    monkeypatch.setattr(two_cores, "PARALLEL_BYTES", 0)
    tail = "".join(claim_yaml(claim) for claim in _bench_claims(50)).encode()
    _same_read(
        two_cores.read_appended_in_two(read[0], tail, 7, 2),
        fast_reader.read_appended(read[0], tail, 7, 2),
    )


def _bench_claims(count: int) -> list[Claim]:
    return [
        Claim(id=f"n{number}", metric="deaths", source="UN", date=dt.date(2026, 2, 1), value=number)
        for number in range(count)
    ]
