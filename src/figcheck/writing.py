"""Writing a claims file: append one claim, remove one claim, and never lose data doing it.

The file is never re-serialised. A new claim's text is appended to the ``claims:`` list and a
removed claim's lines are cut out, so comments, key order, quoting and blank lines everywhere else
survive byte for byte. Every write:

- holds an exclusive lock on ``.NAME.lock`` beside the data (not on the data file, which the rename
  replaces); the lock file is removed when the write is done, and the lock dies with its process, so
  a killed writer never blocks the next one;
- reads and checks the file under that lock, builds the new text, and reads the new text back
  with :func:`figcheck.parsing.read_claims`: it must be clean and hold exactly the old claims plus
  the new one (or minus the removed one), with settings and registries unchanged; otherwise nothing
  is written;
- writes a temporary file in the same folder, fsyncs it, renames it over the old file and fsyncs the
  folder, so a crash at any moment leaves the old file or the new one, never a mix. The file keeps
  its permission bits, and a claims file that is a symbolic link stays a link (its target is
  replaced).

What :func:`remove_claim` removes: the claim's own lines, from its ``- `` line to the line of its
last value (comments on those lines go with it). Comment lines above or below a claim are kept,
since they may head a group of claims; a blank line that separated the claim from its neighbours is
not doubled.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import difflib
import functools
import io
import math
import os
import re
import stat
import sys
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from figcheck import metrics
from figcheck.errors import FigcheckError, UnusableFile
from figcheck.model import (
    TABLE_COLUMNS,
    Claim,
    ClaimsFile,
    ClaimTable,
    Location,
    Problem,
    Qualifier,
    content_id,
    slugify,
)
from figcheck.output_files import replace_atomically, temp_name_pattern
from figcheck.parsing import CLAIM_KEYS, claim_interval, yaml_loader
from figcheck.store import read_bytes, read_claims_cached, read_for_append

LOCK_TIMEOUT = 30.0
"""Seconds a write waits for another writer to finish before giving up."""

_CLOEXEC: int = getattr(os, "O_CLOEXEC", 0)


# --- what can go wrong ----------------------------------------------------------------------------


class WriteRefused(FigcheckError):
    """A write was refused; the claims file was left exactly as it was."""


class UnsupportedLayout(WriteRefused):
    """The layout does not allow a clean append or removal; the message says how to fix it."""


class ProblemsInFile(WriteRefused):
    """The claims file already has problems; they must be fixed before it is written to."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(
            f"{problems[0]}{more}; fix the file before changing it "
            "('figcheck check' lists every problem)"
        )


class InvalidResult(WriteRefused):
    """The file after the write would have problems, or would not say what was asked."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}; nothing was written")


class DuplicateClaim(WriteRefused):
    """A claim with the same metric, source, date and interval is already recorded."""

    def __init__(self, existing: Claim) -> None:
        self.existing = existing
        where = f" at {existing.location}" if existing.location else ""
        super().__init__(
            f"the same claim is already recorded as {existing.id}{where} (same metric, source, "
            "date and interval); use --force to add it anyway"
        )


class UnknownClaim(WriteRefused):
    """No claim in the file has the id that was asked for."""


class FileBusy(WriteRefused):
    """Another figcheck process kept the claims file locked for too long."""


# --- one claim as YAML text -----------------------------------------------------------------------

_STR = "tag:yaml.org,2002:str"
_resolver = yaml.resolver.Resolver()
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_SHORT_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


def _needs_escape(char: str) -> bool:
    return unicodedata.category(char) in _ESCAPED_CATEGORIES


_SIMPLE = re.compile(r"[A-Za-z][A-Za-z0-9_ ]*[A-Za-z0-9_]\Z|[A-Za-z]\Z")  # words and spaces


def _plain_ok(text: str) -> bool:
    """Whether ``text`` can be written unquoted and be read back, by YAML 1.1, as the same text."""
    if _SIMPLE.match(text):  # the usual source or metric: only the resolver can object
        tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        return bool(tag == _STR)
    if not text or text != text.strip() or text[0] in _INDICATORS or text.endswith(":"):
        return False
    if ": " in text or " #" in text or any(_needs_escape(char) for char in text):
        return False
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag != _STR:
        return False
    emitter = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
    analysis = emitter.analyze_scalar(text)
    return bool(analysis.allow_block_plain and not analysis.multiline)


def _double_quoted(text: str) -> str:
    """``text`` as one double-quoted YAML line; control, format and bidi characters escaped."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif not _needs_escape(char):
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


@functools.lru_cache(maxsize=4096)  # sources, metrics and units repeat over many claims
def scalar_yaml(text: str) -> str:
    """A text value as YAML: plain when that is safe, else double-quoted.

    Anything YAML 1.1 would read as something else (``NO``, ``yes``, ``null``, ``2024``, ``1_000``),
    or that holds ``: `` or `` #``, starts with an indicator, or spans lines, is quoted.
    """
    return text if _plain_ok(text) else _double_quoted(text)


def number_yaml(number: float) -> str:
    """A number as plain YAML: whole numbers as integers, others as YAML 1.1 floats."""
    if not math.isfinite(number):
        return str(number)  # never valid; the check after writing refuses it
    if float(number).is_integer() and abs(number) < 1e16:
        return str(int(number))
    text = repr(float(number))
    mantissa, e, exponent = text.partition("e")
    if e and "." not in mantissa:
        text = f"{mantissa}.0e{exponent}"
    return text


def _date_yaml(date: dt.date) -> str:
    return f"{date.year:04d}-{date.month:02d}-{date.day:02d}"


def claim_yaml(claim: Claim, *, dash_column: int = 2, key_column: int | None = None) -> str:
    """One claim as a block-style list item, ending in a newline.

    The item's ``-`` sits at ``dash_column`` and its keys at ``key_column`` (default two further
    in). Fields that are None are left out, and so is the default qualifier ``exact``; the id is
    always written, quoted (the content id when the claim has none).
    """
    keys_at = dash_column + 2 if key_column is None else key_column
    if keys_at < dash_column + 2:
        raise ValueError(f"key_column {keys_at} must be at least dash_column {dash_column} + 2")
    values: dict[str, str] = {"id": _double_quoted(claim.id or content_id(claim))}
    for key in CLAIM_KEYS[1:]:
        value = getattr(claim, key)
        if value is None or (key == "qualifier" and value is Qualifier.EXACT):
            continue
        if isinstance(value, Qualifier):
            values[key] = value.value
        elif isinstance(value, dt.date):
            values[key] = _date_yaml(value)
        elif isinstance(value, int | float):
            values[key] = number_yaml(value)
        else:
            values[key] = scalar_yaml(str(value))
    first = " " * dash_column + "-" + " " * (keys_at - dash_column - 1)
    lines = [
        (first if number == 0 else " " * keys_at) + f"{key}: {value}"
        for number, (key, value) in enumerate(values.items())
    ]
    return "\n".join(lines) + "\n"


# --- where things are in the file -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    start: int  # character index where the item's mapping starts (its first key)
    end: int  # character index just after its last value
    key_column: int


@dataclass(slots=True)
class _Layout:
    key_column: int = 0  # column of the top-level keys
    last_key: str | None = None
    has_claims: bool = False
    claims_line: int = 0
    flow: bool = False  # claims: [...] with items
    empty_span: tuple[int, int] | None = None  # the text of ``[]`` or ``~`` after an empty claims:
    dash_column: int | None = None
    items: list[_Item] = dataclasses.field(default_factory=list)
    explicit_end: bool = False


def _start(event: Any) -> Any:
    return event.start_mark


def _end(event: Any) -> Any:
    return event.end_mark


def _skip(event: Any, events: Iterator[Any]) -> int:
    """Consume one node's events; the character index just after its last character."""
    if not isinstance(event, yaml.CollectionStartEvent):
        return int(_end(event).index)
    end = int(_end(event).index)
    child = next(events)
    while not isinstance(child, yaml.CollectionEndEvent):
        end = _skip(child, events)
        child = next(events)
    # a block collection's end mark points at whatever follows; a flow one's just after ``]``/``}``
    return int(_end(child).index) if event.flow_style else end


def _layout(text: str, path: str) -> _Layout:
    """Where the top-level keys and the claims are. ``text`` must already read cleanly."""
    layout = _Layout()
    events: Iterator[Any] = yaml.parse(text, Loader=yaml_loader())
    next(events)  # StreamStart
    if not isinstance(next(events), yaml.DocumentStartEvent):
        return layout  # no document at all: only comments, or nothing
    root = next(events)
    if isinstance(root, yaml.MappingStartEvent):
        if root.flow_style:
            raise UnsupportedLayout(
                f"{path}:{_start(root).line + 1}: the file is one {{...}} mapping (flow style); "
                "write its sections as 'key:' lines so claims can be added"
            )
        layout.key_column = _start(root).column
        event = next(events)
        while not isinstance(event, yaml.MappingEndEvent):
            key = str(event.value)
            value = next(events)
            layout.last_key = key
            if key == "claims":
                layout.has_claims = True
                layout.claims_line = _start(event).line + 1
                _claims_layout(value, events, layout)
            else:
                _skip(value, events)
            event = next(events)
    else:
        _skip(root, events)
    end = next(events)
    layout.explicit_end = bool(getattr(end, "explicit", False))
    return layout


def _layout_at_end(text: str, path: str, dash_column: int, last_line: int) -> _Layout | None:
    """The layout read from the last claim alone (its ``-`` line to the end), or None.

    ``last_line`` is where the reader found the last claim; from its line up to the nearest ``-``
    line at ``dash_column`` is where it starts, and that claim and what follows are read as a list
    of their own. Where YAML would count line breaks other than ``\n``, None.
    """
    if _odd_breaks(text):
        return None
    begin = _nth_line_start(text, last_line)
    while not text[begin : text.find("\n", begin)].lstrip(" ").startswith("-") and begin > 0:
        begin = _line_start(text, begin - 1)
    if not text.startswith(" " * dash_column + "-", begin):
        return None
    prefix = "claims:\n"
    try:
        layout = _layout(prefix + text[begin:], path)
    except (yaml.YAMLError, UnsupportedLayout):
        return None
    if layout.last_key != "claims" or layout.dash_column != dash_column or len(layout.items) != 1:
        return None
    if layout.flow or layout.explicit_end:
        return None
    item = layout.items[0]
    shift = begin - len(prefix)
    layout.items = [_Item(item.start + shift, item.end + shift, item.key_column)]
    return layout


def _claims_layout(value: Any, events: Iterator[Any], layout: _Layout) -> None:
    if isinstance(value, yaml.ScalarEvent):  # empty, ~ or null: a file with no claims yet
        layout.empty_span = (_start(value).index, _end(value).index)
        return
    start = _start(value).index
    end = _skip_items(value, events, layout)
    if value.flow_style:
        if layout.items:
            layout.flow = True
        else:
            layout.empty_span = (start, end)
        layout.items = []
    else:
        layout.dash_column = _start(value).column


def _skip_items(sequence: Any, events: Iterator[Any], layout: _Layout) -> int:
    event = next(events)
    end = int(_end(sequence).index)
    while not isinstance(event, yaml.SequenceEndEvent):
        start, column = _start(event).index, _start(event).column
        end = _skip(event, events)
        layout.items.append(_Item(start, end, column))
        event = next(events)
    return int(_end(event).index) if sequence.flow_style else end


# --- building the new text ------------------------------------------------------------------------


def _newline(text: str) -> str:
    """The file's line ending: CRLF when its first or last line break is one (a large file is
    not searched whole)."""
    for found in (text.find("\n"), text.rfind("\n")):
        if found > 0 and text[found - 1] == "\r":
            return "\r\n"
    return "\n"


def _cut_span(text: str, span: tuple[int, int]) -> str:
    """``text`` without ``span`` (``[]`` or ``~``), and without the spaces before it at line end."""
    start, end = span
    if start == end:
        return text
    return text[:start].rstrip(" ") + text[end:]


def appended_text(
    text: str,
    claim: Claim,
    path: str = "<claims>",
    dash_column: int | None = None,
    claims_file: ClaimsFile | None = None,
) -> str:
    """``text`` (a clean claims file) with ``claim`` appended to its claims list: at the end of
    the file, or, when other sections follow the claims, at the end of the claims list (the
    arguments: :func:`appended_claims_text`)."""
    return appended_claims_text(text, (claim,), path, dash_column, claims_file)


def appended_claims_text(
    text: str,
    claims: Sequence[Claim],
    path: str = "<claims>",
    dash_column: int | None = None,
    claims_file: ClaimsFile | None = None,
) -> str:
    """``text`` (a clean claims file) with ``claims`` appended to its claims list, in order.

    ``dash_column``, when the reader knows the claims list is the file's last section, in block
    style, with its ``-`` at that column, and ``claims_file`` (what the reader found, with the
    lines of the claims) spare reading the whole file again for its layout.
    """
    last_line = _last_line(claims_file)
    layout = None
    if dash_column is not None and last_line is not None:
        layout = _layout_at_end(text, path, dash_column, last_line)
    layout = layout or _layout(text, path)
    line = f"{path}:{layout.claims_line}"
    if layout.explicit_end:
        raise UnsupportedLayout(
            f"{path}: the file ends its document with '...'; "
            "delete that line so claims can be added"
        )
    if layout.flow:
        raise UnsupportedLayout(
            f"{line}: claims is written in flow style ([...]); write it as a block list, "
            "one '- ' item per claim, so claims can be added"
        )
    newline = _newline(text)
    if layout.empty_span is not None:
        text = _cut_span(text, layout.empty_span)
    if text and not text.endswith(("\n", "\r")):
        text += newline
    if not layout.has_claims:
        text += " " * layout.key_column + "claims:" + newline
    after = ""  # the sections after claims, when claims is not the last one
    if layout.has_claims and layout.last_key != "claims":
        if layout.items:
            cut = _line_after(text, layout.items[-1].end)
        else:
            cut = _nth_line_start(text, layout.claims_line + 1)
        text, after = text[:cut], text[cut:]
        if text and not text.endswith(("\n", "\r")):
            text += newline
    dash = layout.dash_column
    if dash is None:
        dash = layout.key_column + 2
    key_column = layout.items[-1].key_column if layout.items else dash + 2
    if key_column < dash + 2:
        key_column = dash + 2
    spaced = bool(layout.items) and _spaced(text, layout.items[-1])
    items = [claim_yaml(claim, dash_column=dash, key_column=key_column) for claim in claims]
    if spaced:  # claims here are separated by a blank line: keep doing so
        items = [item if number == 0 else "\n" + item for number, item in enumerate(items)]
        if not _ends_with_blank_line(text):
            items[0] = "\n" + items[0]
    added = "".join(items)
    return text + (added if newline == "\n" else added.replace("\n", newline)) + after


def _odd_breaks(text: str) -> bool:
    """Whether the text has line breaks YAML counts besides ``\n`` (a lone CR, NEL, LS, PS)."""
    if any(mark in text for mark in ("\x85", "\u2028", "\u2029")):
        return True
    return "\r" in text and "\r" in text.replace("\r\n", "")


def _last_line(claims_file: ClaimsFile | None) -> int | None:
    if claims_file is None or not claims_file.claims:
        return None
    lines = ClaimTable.of(claims_file.claims, claims_file.path).columns["line"]
    return lines[-1] if isinstance(lines[-1], int) else None


def _nth_line_start(text: str, number: int) -> int:
    """Where 1-based line ``number`` starts (the end of the text past the last line); counted from
    whichever end of the text is nearer."""
    total = text.count("\n")
    if number - 1 > total:
        return len(text)
    at = len(text)
    if total - (number - 1) < number - 1:
        for _ in range(total - (number - 1) + 1):
            at = text.rfind("\n", 0, at)
        return at + 1
    at = 0
    for _ in range(number - 1):
        at = text.find("\n", at) + 1
    return at


def _spaced(text: str, item: _Item) -> bool:
    """Whether a blank line comes before the item's ``-`` line (comment lines between allowed)."""
    end = _dash_line_start(text, item, 0)  # the lines above it, from the nearest up
    while end > 0:
        start = text.rfind("\n", 0, end - 1) + 1
        line = text[start : end - 1]
        if not line.lstrip().startswith("#"):
            return not line.strip()
        end = start
    return False


def _ends_with_blank_line(text: str) -> bool:
    """Whether the last line before the final line break is blank."""
    last = text.rfind("\n")
    before = text.rfind("\n", 0, last) if last > 0 else -1
    return before >= 0 and not text[before + 1 : last].strip()


def _line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def _line_after(text: str, index: int) -> int:
    """The index just after the line break that ends the line holding ``index``."""
    if index > 0 and text[index - 1] == "\n":
        return index  # the value (a block scalar) already ended with its line break
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _dash_line_start(text: str, item: _Item, floor: int) -> int:
    """Where the item's ``- `` line starts: its own first line, or the nearest above with ``-``."""
    start = _line_start(text, item.start)
    while not text[start : item.start].lstrip().startswith("-") and start > floor:
        start = _line_start(text, start - 1)
    return start


def _lines(text: str) -> list[str]:
    """``text`` cut after each ``\\n`` (``splitlines`` would also cut at U+2028 and others)."""
    return re.findall(r"[^\n]*\n|[^\n]+\Z", text)


def _is_blank(line: str) -> bool:
    return not line.strip()


def removed_text(text: str, index: int, path: str = "<claims>") -> str:
    """``text`` (a clean claims file) without the lines of its claim number ``index`` (0-based)."""
    layout = _layout(text, path)
    if layout.flow:
        raise UnsupportedLayout(
            f"{path}:{layout.claims_line}: claims is written in flow style ([...]); write it as a "
            "block list, one '- ' item per claim, so claims can be removed"
        )
    item = layout.items[index]
    previous_end = layout.items[index - 1].end if index > 0 else 0
    # the item's '- ' line: its own first line, or the nearest line above that starts with '-'
    start = _dash_line_start(text, item, previous_end)
    end = _line_after(text, item.end)
    before = _lines(text[:start])
    after = _lines(text[end:])
    blank_before = bool(before) and _is_blank(before[-1])
    if blank_before and after and _is_blank(after[0]):
        while after and _is_blank(after[0]):
            after.pop(0)
    elif blank_before and not after:
        while before and _is_blank(before[-1]):
            before.pop()
    return "".join(before) + "".join(after)


# --- checks ---------------------------------------------------------------------------------------


def _normalised(
    claim: Claim, claims_file: ClaimsFile, names: dict[str, str] | None = None
) -> Claim:
    """The claim as the reader would give it back: metric resolved, text fields stripped.
    ``names``: the file's metric names, when they are already at hand."""
    slug = slugify(claim.metric)
    known = claims_file.metric_names() if names is None else names
    changes: dict[str, Any] = {"metric": known.get(slug, slug)}
    for key in ("id", "source", "unit", "text", "url", "note"):
        value = getattr(claim, key)
        if isinstance(value, str):
            optional = key not in ("id", "source")
            changes[key] = (value.strip() or None) if optional else value.strip()
    normal = dataclasses.replace(claim, **changes)
    if not normal.id:
        normal = dataclasses.replace(normal, id=content_id(normal))
    return normal


def _registry_metric(claims_file: ClaimsFile, slug: str) -> str:
    """The registry metric a slug names (itself or through an alias), else the slug itself."""
    return claims_file.metric_names().get(slug, slug)


def find_duplicate(claims_file: ClaimsFile, claim: Claim) -> Claim | None:
    """An existing claim with the same metric, source, date, moment and interval, if any."""
    about = claims_file.settings.about
    metric = _registry_metric(claims_file, slugify(claim.metric))
    wanted = _recorded_key(dataclasses.replace(claim, metric=metric), about)
    table = ClaimTable.of(claims_file.claims, claims_file.path)
    for row in table.rows_where(metric=metric, date=claim.date.isoformat()):
        existing = table[row]
        if _recorded_key(existing, about) == wanted:
            return existing
    return None


def _recorded_key(claim: Claim, about: float) -> tuple[Any, ...]:
    """What makes two claims (their metrics resolved) the same claim recorded twice: metric,
    source, date, moment and interval."""
    source = claim.source.strip().casefold()
    interval = claim_interval(claim, about)
    return (claim.metric, source, claim.date.isoformat(), claim.moment, interval)


def new_claims(
    claims_file: ClaimsFile, claims: Sequence[Claim], *, as_read: bool = False
) -> tuple[list[Claim], int]:
    """``claims`` as they would be stored (see :func:`append_claim`), less those already recorded
    in the file or earlier in ``claims``: the new ones, and how many were left out.
    ``as_read``: the claims were read by the reader with this file's registry (already in the form
    it gives back)."""
    about = claims_file.settings.about
    names = claims_file.metric_names()
    wanted = list(claims) if as_read else [_normalised(c, claims_file, names) for c in claims]
    moments = {(claim.metric, claim.date.isoformat()) for claim in wanted}
    table = ClaimTable.of(claims_file.claims, claims_file.path)
    columns = table.columns
    seen = {
        _recorded_key(table[row], about)
        for row, moment in enumerate(zip(columns["metric"], columns["date"], strict=True))
        if moment in moments
    }
    fresh: list[Claim] = []
    for claim in wanted:
        key = _recorded_key(claim, about)
        if key not in seen:
            seen.add(key)
            fresh.append(claim)
    return fresh, len(wanted) - len(fresh)


def _differences(expected: Claim, stored: Claim) -> str:
    changed = [
        f"{key} {getattr(expected, key)!r} would be read back as {getattr(stored, key)!r}"
        for key in ("id", *CLAIM_KEYS[1:])
        if getattr(expected, key) != getattr(stored, key)
    ]
    return "; ".join(changed)


def _check_result(data: bytes, path: str, target: Path, expected: ClaimsFile) -> ClaimsFile:
    """Read the new file's bytes back: they must be clean and hold exactly ``expected``."""
    result, problems = read_claims_cached(data, path, target)
    if problems:
        raise InvalidResult(problems)
    if result == expected:
        return result
    line = 1
    message = "the write would change the file in a way that was not asked for"
    if result.claims[:-1] == expected.claims[:-1] and len(result.claims) == len(expected.claims):
        stored = result.claims[-1]
        line = stored.location.line if stored.location else line
        message = "the claim cannot be stored as given: " + _differences(
            expected.claims[-1], stored
        )
    raise InvalidResult([Problem(Location(path, line), message)])


# --- the safe write -------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(target: Path, timeout: float) -> Iterator[None]:
    """Hold the exclusive lock for ``target``: ``.NAME.lock`` in its folder."""
    lock_path = target.with_name(f".{target.name}.lock")
    if sys.platform == "win32":  # pragma: no cover - no fcntl there
        import filelock

        try:
            with filelock.FileLock(str(lock_path), timeout=timeout):
                yield
        except filelock.Timeout:
            raise _busy(target, lock_path, timeout) from None
        return
    import fcntl

    deadline = time.monotonic() + timeout
    pause = 0.001
    while True:
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | _CLOEXEC, 0o666)
        except OSError as error:
            raise UnusableFile(f"{target}: cannot lock: {error.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() > deadline:
                raise _busy(target, lock_path, timeout) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.005)
            continue
        # The previous holder unlinks the lock file as it lets go: make sure this is still it.
        try:
            current = os.stat(lock_path)
        except FileNotFoundError:
            os.close(fd)
            continue
        mine = os.fstat(fd)
        if (current.st_dev, current.st_ino) == (mine.st_dev, mine.st_ino):
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(lock_path)
        os.close(fd)


def _busy(target: Path, lock_path: Path, timeout: float) -> FileBusy:
    return FileBusy(
        f"{target}: another figcheck has been writing it for {timeout:g} s "
        f"(lock {lock_path}); try again"
    )


def _remove_stale_temps(target: Path) -> None:
    """Delete temporary files left by writers that were killed. Only called under the lock."""
    pattern = temp_name_pattern(target)
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if pattern.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


@dataclass(frozen=True, slots=True)
class _Current:
    """The file as it is under the lock: its text, what it says, and its status."""

    text: str
    claims_file: ClaimsFile
    status: os.stat_result
    append_column: int | None  # where the claims' "-" goes, when the reader knows it


def _read_current(target: Path, path: str) -> _Current:
    data = read_bytes(path)
    try:
        status = os.stat(target)
    except OSError as error:
        raise UnusableFile(f"{path}: cannot read: {error.strerror}") from None
    if not os.access(target, os.W_OK):
        raise UnusableFile(f"{path}: the file is read-only; nothing was written")
    claims_file, problems, append_column = read_for_append(data, path, target)
    if problems:
        raise ProblemsInFile(problems)
    return _Current(data.decode("utf-8"), claims_file, status, append_column)


def _nested_column(text: str, entry: int, column: int) -> int:
    """The indentation of the keys inside the metric entry at ``entry`` (else two more)."""
    for line in text[_line_after(text, entry) :].splitlines()[:20]:
        stripped = line.lstrip(" ")
        if stripped and not stripped.startswith("#"):
            indent = len(line) - len(stripped)
            return indent if indent > column else column + 2
    return column + 2


def _with_metric(current: _Current, metric: str, kind: str, path: str, target: Path) -> _Current:
    """The file as it would be with ``metric`` declared as ``kind``: read back, it must be clean,
    hold the same claims and declare the metric so."""
    text = declared_metric_text(current.text, metric, kind, path)
    claims_file, problems = read_claims_cached(text.encode("utf-8"), path, target)
    if problems:
        raise InvalidResult(problems)
    old = current.claims_file
    declared = metrics.is_new(old, metric) and not metrics.is_new(claims_file, metric)
    if (
        not declared
        or claims_file.kind_of(metric) != kind
        or len(claims_file.claims) != len(old.claims)
    ):
        raise InvalidResult(
            [Problem(Location(path, 1), f"the metric {metric} cannot be declared as {kind} here")]
        )
    return _Current(text, claims_file, current.status, None)


def _write(target: Path, path: str, data: bytes, old: os.stat_result) -> None:
    try:
        _remove_stale_temps(target)
        replace_atomically(
            target, data, mode=stat.S_IMODE(old.st_mode), owner=(old.st_uid, old.st_gid)
        )
    except OSError as error:
        raise UnusableFile(f"{path}: cannot write: {error.strerror}") from None


def _target(path: str) -> Path:
    """The real file behind ``path``: a symbolic link is followed, so the link stays a link."""
    return Path(os.path.realpath(path))


def write_file(path: str, data: bytes) -> None:
    """Make the existing file at ``path`` hold ``data``, whole or not at all (a synced temporary
    file renamed over it; a link stays a link, the permission bits stay)."""
    target = _target(path)
    try:
        status = os.stat(target)
    except OSError as error:
        raise UnusableFile(f"{path}: cannot read: {error.strerror}") from None
    _write(target, path, data, status)


def append_claim(
    path: str,
    claim: Claim,
    *,
    force: bool = False,
    timeout: float = LOCK_TIMEOUT,
    kind: str | None = None,
) -> Claim:
    """Append ``claim`` to the claims file at ``path``; the claim as stored (with its location).

    The claim is first put in the form the reader gives back (metric resolved through the registry,
    text stripped, the content id when it has none). Refused, with the file untouched, when the file
    has problems (:class:`ProblemsInFile`), its layout does not allow a clean append
    (:class:`UnsupportedLayout`), the same claim is recorded (:class:`DuplicateClaim`, unless
    ``force``), or the result would not read back cleanly as the old claims plus this one
    (:class:`InvalidResult`, e.g. an id already in use).

    ``kind``, for a claim that starts a new metric, declares that metric under ``metrics:`` with
    this kind in the same write.
    """
    target = _target(path)
    with _locked(target, timeout):
        current = _read_current(target, path)
        if kind is not None and metrics.is_new(
            current.claims_file, _normalised(claim, current.claims_file).metric
        ):
            current = _with_metric(current, claim.metric, kind, path, target)
        stored = _normalised(claim, current.claims_file)
        if not force:
            duplicate = find_duplicate(current.claims_file, stored)
            if duplicate is not None:
                raise DuplicateClaim(duplicate)
        data = appended_text(
            current.text, stored, path, current.append_column, current.claims_file
        ).encode("utf-8")
        table = ClaimTable.of(current.claims_file.claims, path)
        expected = dataclasses.replace(current.claims_file, claims=table.with_claim(stored))
        result = _check_result(data, path, target, expected)
        _write(target, path, data, current.status)
    return result.claims[-1]


def append_claims(
    path: str, claims: Sequence[Claim], *, as_read: bool = False, timeout: float = LOCK_TIMEOUT
) -> tuple[list[Claim], int]:
    """Append ``claims`` in one write, leaving out those already recorded (see
    :func:`new_claims`): the claims as stored, and how many were left out.

    Refused, with the file untouched, as :func:`append_claim` is (but a claim already recorded
    is left out, not refused).
    """
    target = _target(path)
    with _locked(target, timeout):
        current = _read_current(target, path)
        fresh, recorded = new_claims(current.claims_file, claims, as_read=as_read)
        if not fresh:
            return [], recorded
        data = appended_claims_text(
            current.text, fresh, path, current.append_column, current.claims_file
        ).encode("utf-8")
        old = ClaimTable.of(current.claims_file.claims, path).columns
        new = ClaimTable.of(fresh, path).columns
        table = ClaimTable({name: old[name] + new[name] for name in TABLE_COLUMNS}, path)
        expected = dataclasses.replace(current.claims_file, claims=table)
        result = _check_result(data, path, target, expected)
        _write(target, path, data, current.status)
    return list(result.claims[len(old["id"]) :]), recorded


def remove_claim(path: str, claim_id: str, *, timeout: float = LOCK_TIMEOUT) -> Claim:
    """Remove the claim with id ``claim_id`` from the claims file at ``path``; the removed claim.

    Refused, with the file untouched, when no claim has that id (:class:`UnknownClaim`), the file
    has problems (:class:`ProblemsInFile`), the claims are in flow style
    (:class:`UnsupportedLayout`), or the result would not be the other claims unchanged
    (:class:`InvalidResult`).
    """
    target = _target(path)
    with _locked(target, timeout):
        current = _read_current(target, path)
        claims = current.claims_file.claims
        ids = ClaimTable.of(claims, path).columns["id"]
        wanted = claim_id.strip()
        if wanted not in ids:
            raise UnknownClaim(_unknown_message(path, wanted, ids))
        index = ids.index(wanted)
        data = removed_text(current.text, index, path).encode("utf-8")
        table = ClaimTable.of(claims, path)
        expected = dataclasses.replace(current.claims_file, claims=table.without(index))
        _check_result(data, path, target, expected)
        _write(target, path, data, current.status)
    return claims[index]


def _unknown_message(path: str, claim_id: str, ids: list[str]) -> str:
    starting = [known for known in ids if claim_id and known.startswith(claim_id)]
    close = starting or difflib.get_close_matches(claim_id, ids, n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(close[:3])}?)" if close else ""
    return f"{path}: no claim has id '{claim_id}'{hint}; 'figcheck list' shows the ids"


# --- declaring a new metric's kind ----------------------------------------------------------------


def declared_metric_text(text: str, metric: str, kind: str, path: str = "<claims>") -> str:
    """``text`` (a clean claims file) with ``metric`` declared under ``metrics:`` as ``kind``.

    The entry goes after the last metric of a block ``metrics:`` section, indented as its
    entries are; a file without one gets a ``metrics:`` section just before ``claims:`` (or at
    the end). Nothing else in the text changes. Refused (:class:`UnsupportedLayout`) when the
    section is written in flow style, or the file is not a mapping of sections.
    """
    newline = _newline(text)
    events: Iterator[Any] = yaml.parse(text, Loader=yaml_loader())
    next(events)  # StreamStart
    root = next(events)
    if isinstance(root, yaml.DocumentStartEvent):
        root = next(events)
    if not isinstance(root, yaml.MappingStartEvent) or root.flow_style:
        raise UnsupportedLayout(f"{path}: the file is not a list of 'key:' sections")
    column = _start(root).column
    before_claims: int | None = None
    event = next(events)
    while not isinstance(event, yaml.MappingEndEvent):
        key, value = str(event.value), next(events)
        if key == "claims" and before_claims is None:
            before_claims = _line_start(text, int(_start(event).index))
        if key == "metrics" and isinstance(value, yaml.ScalarEvent) and value.value == "":
            line = _line_after(text, int(_end(event).index))  # ``metrics:`` with nothing under it
            nested = " " * (column + 4)
            entry = f"{' ' * (column + 2)}{metric}:{newline}{nested}kind: {kind}{newline}"
            head = text[:line] if text[:line].endswith(("\n", "\r")) else text[:line] + newline
            return head + entry + text[line:]
        if key == "metrics" and not isinstance(value, yaml.MappingStartEvent):
            raise UnsupportedLayout(
                f"{path}:{_start(value).line + 1}: metrics is not a list of 'name:' entries; "
                f"declare '{metric}' with 'kind: {kind}' there yourself"
            )
        if key == "metrics":
            if value.flow_style:
                raise UnsupportedLayout(
                    f"{path}:{_start(value).line + 1}: metrics is written in flow style "
                    f"({{...}}); declare '{metric}: {{kind: {kind}}}' there yourself"
                )
            entry_column = _start(value).column
            nested = " " * _nested_column(text, int(_start(value).index), entry_column)
            end = _skip(value, events)
            entry = f"{' ' * entry_column}{metric}:{newline}{nested}kind: {kind}{newline}"
            cut = _line_after(text, end)
            head = text[:cut] if text[:cut].endswith(("\n", "\r")) else text[:cut] + newline
            return head + entry + text[cut:]
        _skip(value, events)
        event = next(events)
    indent = " " * column
    section = f"{indent}metrics:{newline}{indent}  {metric}:{newline}{indent}    kind: {kind}"
    if before_claims is not None:
        return text[:before_claims] + section + newline + newline + text[before_claims:]
    head = text if not text or text.endswith(("\n", "\r")) else text + newline
    return head + section + newline
