"""Where things are in a claims file's text, and that text with claims appended or one removed.

The file is never re-serialised. A new claim's text is appended to the ``claims:`` list and a
removed claim's lines are cut out, so comments, key order, quoting and blank lines everywhere else
survive byte for byte.

What :func:`removed_text` removes: the claim's own lines, from its ``- `` line to the line of its
last value (comments on those lines go with it). Comment lines above or below a claim are kept,
since they may head a group of claims; a blank line that separated the claim from its neighbours is
not doubled.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from figcheck.claimsfile.line_breaks import has_odd_breaks
from figcheck.claimsfile.refusals import UnsupportedLayout
from figcheck.claimsfile.yaml_nodes import yaml_loader
from figcheck.claimsfile.yaml_text import claim_yaml
from figcheck.model import Claim, ClaimsFile, ClaimTable


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
    if has_odd_breaks(text):
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


# --- the new text ------------------------------------------------------------------------


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


def _nested_column(text: str, entry: int, column: int) -> int:
    """The indentation of the keys inside the metric entry at ``entry`` (else two more)."""
    for line in text[_line_after(text, entry) :].splitlines()[:20]:
        stripped = line.lstrip(" ")
        if stripped and not stripped.startswith("#"):
            indent = len(line) - len(stripped)
            return indent if indent > column else column + 2
    return column + 2
