"""The fast reader: a clean claims file straight into columns.

A large file is thousands of claims of the same shape. This reader walks libyaml's event stream once
and appends each claim's fields to column lists, reading every distinct value (a source, a date, a
number) once and remembering it. It reuses the full reader's rules for every value and for the parts
of the file before and after the claims, and it gives up (returns ``None``) at the first thing it
does not expect: anything unusual is left to :mod:`figcheck.claimsfile.full_reader`, which finds and
words every problem. So the fast reader never decides that a file is wrong, only that it is clean.
Read a file through :mod:`figcheck.claimsfile.reading`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import yaml

from figcheck.claimsfile import full_reader
from figcheck.claimsfile.yaml_nodes import (
    STR,
    Composer,
    Mapping,
    Node,
    Scalar,
    resolved_tag,
    yaml_loader,
)
from figcheck.model import (
    TABLE_COLUMNS,
    ClaimsFile,
    ClaimTable,
    Qualifier,
    content_id_of,
    slugify,
)

# Anything here sends the file to the full reader: a control character, a tab in indentation.
_SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|^[ ]*\t", re.M)
_NULL = object()
_NOTHING = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\r?\n?)*")  # blank lines and comments
_TEXT_KEYS = frozenset({"id", "metric", "source", "unit", "text", "url", "note"})
_NUMBER_KEYS = frozenset({"value", "low", "high"})
_OPTIONAL = ("unit", "text", "url", "note", "as_of")  # TABLE_COLUMNS between "high" and "line"
assert TABLE_COLUMNS[8:] == (*_OPTIONAL, "line")


def _is_whole(text: str) -> bool:
    """Plain decimal digits with no leading zero: YAML reads an int, and the full reader its
    float (the figures of most claims; anything else goes through the reader's own rules)."""
    return (
        len(text) <= 15  # exactly a float (a longer one may overflow: the reader's rules decide)
        and text.isascii()
        and text.isdigit()
        and (text[0] != "0" or len(text) == 1)
    )


class _GiveUp(Exception):
    """Not the usual shape: let the full reader look at this file."""


def read_clean(
    data: bytes,
    path: str,
    progress: Callable[[float], None] | None = None,
    line_offset: int = 0,
) -> tuple[ClaimsFile, int | None] | None:
    """The claims file, when it is clean and of the usual shape, with the column of the claims'
    ``-`` when text appended to the file would extend the claims list (claims last, in block
    style, no ``...`` end), else None; ``None`` to use the full reader. ``progress`` is told the
    share read now and then; ``line_offset`` is added to the claims' lines (text left out between
    the header and them)."""
    walked = walk(data, path, progress, line_offset)
    return None if walked is None else (walked[0], walked[1].append_column)


def walk(
    data: bytes,
    path: str,
    progress: Callable[[float], None] | None = None,
    line_offset: int = 0,
) -> tuple[ClaimsFile, Walker] | None:
    """:func:`read_clean`, with the walker that read it (what it saw of the file's end)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _SUSPECT.search(text):
        return None
    length = len(text)
    del text  # libyaml reads the bytes themselves: a large file is not held twice more in memory
    walker = Walker(path, line_offset=line_offset, progress=progress)
    try:
        return walker.read(data, length), walker
    except (_GiveUp, yaml.YAMLError, StopIteration):
        return None


def read_appended(
    claims_file: ClaimsFile, tail: bytes, first_line: int, column: int
) -> tuple[ClaimsFile, int | None] | None:
    """``claims_file`` with the claims in ``tail``, text appended to its file at line
    ``first_line``, read on their own; ``None`` when the tail is anything but more claims at
    ``column`` (then the whole file must be read again)."""
    appended = appended_rows(claims_file, tail, first_line, column)
    if appended is None:
        return None
    rows, after = appended
    old = ClaimTable.of(claims_file.claims, claims_file.path)
    columns = {name: old.columns[name] + rows[name] for name in TABLE_COLUMNS}
    return dataclasses.replace(claims_file, claims=ClaimTable(columns, claims_file.path)), after


def appended_rows(
    claims_file: ClaimsFile, tail: bytes, first_line: int, column: int
) -> tuple[dict[str, list[Any]], int | None] | None:
    """The claims in ``tail`` (see :func:`read_appended`) alone, as columns, with the column
    where claims appended after them go (None: read the whole file again then)."""
    try:
        text = tail.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _SUSPECT.search(text):
        return None
    walker = Walker(claims_file.path, line_offset=first_line - 2)
    try:
        walker.read_tail("claims:\n" + text, claims_file, column)
    except (_GiveUp, yaml.YAMLError, StopIteration):
        return None
    after = column if walker.append_column is not None or not walker.columns["id"] else None
    return walker.columns, after


class Walker:
    def __init__(
        self, path: str, line_offset: int = 0, progress: Callable[[float], None] | None = None
    ) -> None:
        self.path = path
        self.progress = progress  # told the share of the text read, now and then
        self.line_offset = line_offset  # added to every line: for a tail read on its own
        self.append_column: int | None = None
        self.ends_in_block = False  # the last claim's last value is a block text (| or >)
        self.claims_last = False  # the claims list ends the file (no key after it, no "...")
        self.length = 0  # of the text being read
        self.memo: dict[tuple[str, str, bool], Any] = {}
        self.columns: dict[str, list[Any]] = {name: [] for name in TABLE_COLUMNS}
        # each claim's cells are appended through these, in TABLE_COLUMNS' order
        appends = {name: self.columns[name].append for name in TABLE_COLUMNS}
        self.leading = [appends[name] for name in TABLE_COLUMNS[:8]]  # id ... high
        self.optional = [(appends[name], name) for name in _OPTIONAL]
        self.add_line = appends["line"]
        self.bounded: list[int] = []  # rows with an explicit low or high

    def read(self, data: bytes, length: int) -> ClaimsFile:
        """Read a whole file (valid UTF-8, ``length`` characters)."""
        self.length = length
        loader = yaml_loader()(data)
        events: Iterator[Any] = iter(loader.get_event, None)  # no generator between us and libyaml
        _expect(next(events), yaml.StreamStartEvent)
        _expect(next(events), yaml.DocumentStartEvent)
        root = _plain_event(next(events), yaml.MappingStartEvent)
        composer = Composer(self.path)
        pairs: dict[str, tuple[Scalar, Node]] = {}
        event = next(events)
        while not isinstance(event, yaml.MappingEndEvent):
            key = composer.node(_plain_event(event, yaml.ScalarEvent), events)
            if not isinstance(key, Scalar) or key.text in pairs:
                raise _GiveUp
            self.append_column = None
            self.claims_last = key.text == "claims"
            if key.text == "claims":
                self.append_column = self.claims(events)
                pairs["claims"] = (key, Scalar("", _NULL_TAG, key.line, plain=True))
            else:
                pairs[key.text] = (key, composer.node(next(events), events))
            event = next(events)
        if _expect(next(events), yaml.DocumentEndEvent).explicit:
            self.append_column = None
            self.claims_last = False
        _expect(next(events), yaml.StreamEndEvent)
        if composer.problems:
            raise _GiveUp
        reader = full_reader.Reader(self.path)
        header = reader.read(Mapping(pairs, root.start_mark.line + 1, flow=False))
        if reader.problems:
            raise _GiveUp
        self.resolve_metrics(header)
        self.check_bounds(header.settings.about)
        return dataclasses.replace(header, claims=ClaimTable(self.columns, self.path))

    def claims(self, events: Iterator[Any]) -> int | None:
        """Read the claims list; the column of its ``-`` when it is a block list of claims."""
        event = next(events)
        if isinstance(event, yaml.ScalarEvent):
            if event.anchor is None and event.tag is None and event.value in ("", "~", "null"):
                return None
            raise _GiveUp
        start = _plain_event(event, yaml.SequenceStartEvent)
        seen: set[str] = set()
        event = next(events)
        while not isinstance(event, yaml.SequenceEndEvent):
            _plain_event(event, yaml.MappingStartEvent)
            self.claim(event.start_mark.line + 1 + self.line_offset, events, seen)
            if self.progress is not None and len(self.columns["id"]) % 4096 == 0:
                self.progress(event.start_mark.index / max(1, self.length))
            event = next(events)
        appendable = not start.flow_style and bool(self.columns["id"]) and not self.ends_in_block
        return int(start.start_mark.column) if appendable else None

    def read_tail(self, text: str, claims_file: ClaimsFile, column: int) -> None:
        """Claims appended to ``claims_file``'s file, read from ``claims:`` plus the new text,
        into ``columns`` (they alone); ``append_column`` says afterwards whether more text could
        be read this way again."""
        events: Iterator[Any] = iter(yaml_loader()(text).get_event, None)
        _expect(next(events), yaml.StreamStartEvent)
        _expect(next(events), yaml.DocumentStartEvent)
        _plain_event(next(events), yaml.MappingStartEvent)
        key = _plain_event(next(events), yaml.ScalarEvent)
        self.append_column = self.claims(events)
        if key.value != "claims":
            raise _GiveUp
        if self.append_column is None:  # no block list: only blank and comment lines will do
            if not _NOTHING.fullmatch(text.removeprefix("claims:\n")):
                raise _GiveUp
        elif self.append_column != column:
            raise _GiveUp
        _expect(next(events), yaml.MappingEndEvent)
        if _expect(next(events), yaml.DocumentEndEvent).explicit:
            raise _GiveUp
        _expect(next(events), yaml.StreamEndEvent)
        old = ClaimTable.of(claims_file.claims, claims_file.path)
        self.resolve_metrics(claims_file, taken=old.columns["id"])
        self.check_bounds(claims_file.settings.about)

    def claim(self, line: int, events: Iterator[Any], seen: set[str]) -> None:
        memo = self.memo
        fields: dict[str, Any] = {}
        scalar = yaml.ScalarEvent
        key = next(events)
        value = None
        while type(key) is scalar:
            value = next(events)
            if (
                type(value) is not scalar
                or key.anchor is not None
                or key.tag is not None
                or value.anchor is not None
                or value.tag is not None
                or key.value in fields
            ):
                raise _GiveUp
            if not value.implicit[0] and key.value in _TEXT_KEYS:  # quoted text: nothing to resolve
                field = value.value.strip()
                if not field:
                    raise _GiveUp
                fields[key.value] = field
                key = next(events)
                continue
            if key.value in _NUMBER_KEYS and value.implicit[0] and _is_whole(value.value):
                fields[key.value] = float(value.value)  # what the full reader makes of it
                key = next(events)
                continue
            remembered = (key.value, value.value, value.implicit[0])
            field = memo.get(remembered, memo)
            if field is memo:
                field = memo[remembered] = _field(*remembered, line)
            if field is not _NULL:
                fields[key.value] = field
            key = next(events)
        _expect(key, yaml.MappingEndEvent)
        # a block text (| or >) last would take in text appended after it: see claims()
        self.ends_in_block = value is not None and value.style in ("|", ">")
        self.add(line, fields, seen)

    def add(self, line: int, fields: dict[str, Any], seen: set[str]) -> None:
        get = fields.get
        metric, source, date = get("metric"), get("source"), get("date")
        value, low, high = get("value"), get("low"), get("high")
        if metric is None or source is None or date is None:
            raise _GiveUp
        has_range = low is not None and high is not None
        qualifier = get("qualifier")
        if qualifier is None:
            qualifier = Qualifier.EXACT if value is not None else Qualifier.RANGE
        if value is None and not has_range:
            raise _GiveUp
        if qualifier is Qualifier.RANGE and not has_range:
            raise _GiveUp
        as_of = get("as_of")
        if as_of is not None and as_of[:10] > date.isoformat():
            raise _GiveUp  # the full reader words it
        if low is not None or high is not None:
            self.bounded.append(len(self.columns["id"]))  # checked once settings.about is known
        claim_id = get("id")
        if claim_id is not None:
            if claim_id in seen:
                raise _GiveUp
            seen.add(claim_id)
        # an id of None is derived from the content once the metrics are resolved
        row = (claim_id, metric, source, date.isoformat(), value, qualifier.value, low, high)
        for append, cell in zip(self.leading, row, strict=True):
            append(cell)
        for append, name in self.optional:
            append(get(name))
        self.add_line(line)

    def check_bounds(self, about: float) -> None:
        """Give up on a claim whose explicit low or high leaves it no possible value."""
        table = ClaimTable(self.columns, self.path)
        for row in self.bounded:
            low, high = full_reader.claim_interval(table[row], about)
            if low > high:
                raise _GiveUp

    def resolve_metrics(self, header: ClaimsFile, taken: Sequence[str] = ()) -> None:
        """Metric names through the registry, then the ids of claims that have none; give up on
        a repeated id (``taken``: the ids of claims read before)."""
        names = header.metric_names()
        resolved: dict[str, str] = {}
        for written in set(self.columns["metric"]):
            slug = slugify(written)
            if not slug:
                raise _GiveUp
            resolved[written] = names.get(slug, slug)
        c = self.columns
        c["metric"] = [resolved[written] for written in c["metric"]]
        missing = [row for row, claim_id in enumerate(c["id"]) if claim_id is None]
        seen = {claim_id for claim_id in c["id"] if claim_id is not None}
        if len(seen) != len(c["id"]) - len(missing):
            raise _GiveUp
        for row in missing:
            claim_id = content_id_of(
                c["metric"][row],
                c["source"][row],
                c["date"][row],
                c["value"][row],
                c["qualifier"][row],
                c["low"][row],
                c["high"][row],
                c["unit"][row],
                c["text"][row],
                c["as_of"][row],
            )
            if claim_id in seen:
                raise _GiveUp
            seen.add(claim_id)
            c["id"][row] = claim_id
        if taken and _overlap(seen, taken):
            raise _GiveUp


def _overlap(new: set[str], taken: Sequence[str]) -> bool:
    """Whether an id of ``new`` is among ``taken``: a few appended claims are looked up one by one
    (no set of every id in a large file)."""
    if len(new) <= 8:
        return any(claim_id in taken for claim_id in new)
    return not new.isdisjoint(taken)


_NULL_TAG = "tag:yaml.org,2002:null"


def _field(key: str, text: str, plain: bool, line: int) -> Any:
    """One claim field read by the full reader's own rules; give up on anything it would refuse."""
    if key not in full_reader.CLAIM_KEYS:
        raise _GiveUp
    node = Scalar(text, resolved_tag(text) if plain else STR, line, plain)
    if node.tag == _NULL_TAG:
        return _NULL
    try:
        return full_reader.Reader.claim_field(key, node)
    except full_reader.Invalid:
        raise _GiveUp from None


def _expect(event: Any, kind: type) -> Any:
    if not isinstance(event, kind):
        raise _GiveUp
    return event


def _plain_event(event: Any, kind: type) -> Any:
    """An event of that kind with no anchor and no tag."""
    _expect(event, kind)
    if getattr(event, "anchor", None) is not None or getattr(event, "tag", None) is not None:
        raise _GiveUp
    return event
