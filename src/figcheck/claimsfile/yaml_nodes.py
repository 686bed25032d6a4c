"""YAML text to a tree of nodes with line numbers: the first step of reading a claims file.

The YAML is parsed by PyYAML's safe parser (libyaml's C parser when present) into a stream of
events; figcheck builds its own small node tree from them, so that it can keep line numbers,
refuse anchors, aliases and tags before anything is expanded, notice duplicate keys, and read
plain scalars with its own schema instead of trusting YAML 1.1 (which turns a source named
``NO`` into ``false``). The rules of YAML text that the writer needs too live here once: the
YAML 1.1 tag a plain scalar resolves to (what counts as a line break is in ``line_breaks``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from figcheck.claimsfile.line_breaks import LINE_BREAK
from figcheck.model import Location, Problem

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

STR = "tag:yaml.org,2002:str"
_resolver = yaml.resolver.Resolver()
_resolved: dict[str, str] = {}


def resolved_tag(text: str) -> str:
    """The YAML 1.1 tag a plain scalar would get (``NO`` is a bool), remembered per text."""
    tag = _resolved.get(text)
    if tag is None:
        if len(_resolved) > 100_000:
            _resolved.clear()
        tag = _resolved[text] = _resolver.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, text, (True, False)
        )
    return tag


def yaml_loader() -> Any:
    """PyYAML's safe loader, in C when libyaml is there: it never builds Python objects."""
    return _Loader


_MAX_DEPTH = 32  # a claims file needs 4 levels; deeper is hostile (and would exhaust the stack)
# --- a node tree with line numbers -------------------------------------------------------------


@dataclass(slots=True)
class Scalar:
    text: str
    tag: str  # the YAML 1.1 tag it would resolve to (``str`` when quoted)
    line: int
    plain: bool


@dataclass(slots=True)
class Sequence:
    items: list[Node]
    line: int
    flow: bool


@dataclass(slots=True)
class Mapping:
    pairs: dict[str, tuple[Scalar, Node]]
    line: int
    flow: bool


Node = Scalar | Sequence | Mapping


class _TooDeep(Exception):
    """Nesting deeper than any claims file needs; the line where it went too deep."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _shown_tag(tag: str) -> str:
    """A tag as it is usually written: ``!!python/object`` rather than its full form."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag.removeprefix(prefix) if tag.startswith(prefix) else tag


class Composer:
    """Build a node tree from PyYAML events, collecting problems instead of expanding aliases."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.seen: set[Problem] = set()
        self.depth = 0

    def problem(self, line: int, message: str) -> None:
        problem = Problem(Location(self.path, line), message)
        if problem not in self.seen:  # an alias bomb repeats itself: say it once a line
            self.seen.add(problem)
            self.problems.append(problem)

    def compose(self, text: str) -> Node | None:
        events = yaml.parse(text, Loader=_Loader)
        next(events)  # StreamStart
        event = next(events)
        root: Node | None = None
        documents = 0
        while isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            start: Any = event.start_mark
            node = self.node(next(events), events)
            if documents == 1:
                root = node
            else:
                self.problem(
                    start.line + 1,
                    "a second YAML document ('---'); a claims file holds one: remove it",
                )
            next(events)  # DocumentEnd
            event = next(events)
        return root

    def node(self, event: Any, events: Iterator[Any]) -> Node:
        line: int = event.start_mark.line + 1
        if self.depth >= _MAX_DEPTH:
            raise _TooDeep(line)
        if isinstance(event, yaml.AliasEvent):
            self.problem(line, f"alias *{event.anchor} is not allowed; write the value out in full")
            return Scalar("", "tag:yaml.org,2002:null", line, plain=True)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.problem(line, f"anchor &{anchor} is not allowed; write the value out in full")
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.ScalarEvent):
            plain = event.implicit[0] and tag is None
            if tag is not None and tag != "!":
                self.problem(line, f"tag {_shown_tag(tag)} is not allowed; remove it")
            return Scalar(event.value, resolved_tag(event.value) if plain else STR, line, plain)
        if tag is not None:
            self.problem(line, f"tag {_shown_tag(tag)} is not allowed; remove it")
        self.depth += 1
        try:
            return self._collection(event, events, line)
        finally:
            self.depth -= 1

    def _collection(self, event: Any, events: Iterator[Any], line: int) -> Node:
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Node] = []
            seq = Sequence(items, line, bool(event.flow_style))
            event = next(events)
            while not isinstance(event, yaml.SequenceEndEvent):
                items.append(self.node(event, events))
                event = next(events)
            return seq
        assert isinstance(event, yaml.MappingStartEvent)
        pairs: dict[str, tuple[Scalar, Node]] = {}
        mapping = Mapping(pairs, line, bool(event.flow_style))
        event = next(events)
        while not isinstance(event, yaml.MappingEndEvent):
            key = self.node(event, events)
            value = self.node(next(events), events)
            if not isinstance(key, Scalar):
                self.problem(key.line, "a key must be plain text")
            elif key.text in pairs:
                first = pairs[key.text][0].line
                self.problem(
                    key.line, f"duplicate key '{key.text}' (first at line {first}); keep only one"
                )
            else:
                pairs[key.text] = (key, value)
            event = next(events)
        return mapping


# --- pre-checks on the raw bytes -----------------------------------------------------------------


# Characters YAML refuses to read (it allows tab, line breaks, and printable Unicode).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def _line_at(text: str, index: int) -> int:
    """The 1-based line of a character, counting line breaks as YAML does."""
    return sum(1 for _ in LINE_BREAK.finditer(text, 0, index)) + 1


def _decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """The file as text, or the problems that stop it being read as YAML at all."""
    if data.startswith(b"\xef\xbb\xbf"):
        message = "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM"
        return None, [Problem(Location(path, 1), message)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8")
        line = _line_at(before, len(before))
        byte = data[error.start]
        message = f"not UTF-8: byte 0x{byte:02x}; save the file as UTF-8"
        return None, [Problem(Location(path, line), message)]
    problems: list[Problem] = []
    for number, row in enumerate(LINE_BREAK.split(text), start=1):
        if "\t" in row[: len(row) - len(row.lstrip(" \t"))]:
            message = "tab in indentation; indent with spaces"
            problems.append(Problem(Location(path, number), message))
        control = _CONTROL.search(row)
        if control is None:
            continue
        char = control.group()
        if char == "\x00":
            message = "NUL character; this is not a text file"
        else:
            message = f"invisible control character U+{ord(char):04X}; delete it"
        problems.append(Problem(Location(path, number), message))
    return (None if problems else text), problems


def compose(data: bytes, path: str) -> tuple[Node | None, list[Problem]]:
    """Parse YAML bytes into a node tree, with every problem found on the way."""
    text, problems = _decode(data, path)
    if text is None:
        return None, problems
    composer = Composer(path)
    last_line = _line_at(text, len(text.rstrip()))
    try:
        root = composer.compose(text)
    except _TooDeep as error:
        message = f"nested more than {_MAX_DEPTH} levels deep; a claims file needs 4 at most"
        return None, [*composer.problems, Problem(Location(path, error.line), message)]
    except yaml.MarkedYAMLError as error:
        mark: Any = error.problem_mark or error.context_mark
        line = 1 if mark is None else min(mark.line + 1, last_line)
        what = error.problem or error.context or "not valid YAML"
        context: Any = error.context_mark
        if error.problem and error.context and context is not None and context.line + 1 < line:
            what = f"{what} {error.context} at line {context.line + 1}"
        message = f"YAML syntax: {what}; check the indentation, colons and quotes"
        return None, [*composer.problems, Problem(Location(path, line), message)]
    except yaml.YAMLError as error:  # pragma: no cover - _decode refuses what the reader refuses
        first = str(error).splitlines()[0] if str(error) else "not valid YAML"
        return None, [*composer.problems, Problem(Location(path, 1), f"YAML: {first}")]
    return root, composer.problems
