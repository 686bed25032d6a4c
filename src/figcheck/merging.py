"""Merging three versions of a claims file the way git asks a merge driver to: by claim id.

Git calls ``figcheck merge-driver BASE OURS THEIRS`` when both branches changed the claims file.
A line-by-line merge would see two claims appended at the same place as a conflict; this merge
sees the file as what it is:

- top-level sections (``version``, ``settings``, ``metrics``, ``sources``, ``claims`` ...),
- inside ``settings``, ``metrics`` and ``sources``, one entry per key,
- inside ``claims``, one block per claim, keyed by its id (the content id when it has none).

Each piece is text, taken byte for byte from the version it comes from, with the comment and blank
lines just above it. A piece changed on one side only takes that side; the same change on both
sides is taken once; pieces added on either side are all kept, ours first, then theirs; a piece
removed on one side and untouched on the other is removed. A piece changed differently on both
sides becomes a conflict: standard conflict markers around just that piece.

The result is read back with the full reader before it is written: it must be a clean claims file
(when there are conflicts: once each is resolved as ours) holding the claims it was made of.
Anything this merge cannot split, or a result that would not read back, leaves the merge to
``git merge-file`` (git's own line merge, with its conflicts). The pieces are found by scanning
lines, never by parsing the whole file as YAML, so that a large file merges quickly: only the
claims that differ between the versions are parsed, and the result once.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from figcheck.claimsfile.line_breaks import has_odd_breaks
from figcheck.model import Claim

MARKER_SIZE = 7


@dataclass(frozen=True, slots=True)
class Conflict:
    """A piece both sides changed differently: ours and theirs (empty when a side removed it)."""

    ours: str
    theirs: str


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What the merge made of three versions."""

    text: str  # the merged file, with conflict markers when there are conflicts
    conflicts: int  # how many conflicts are marked in ``text``
    resolved: str = ""  # ``text`` with every conflict resolved as ours (what is read back)
    expected: tuple[Claim | None, ...] | None = None  # the claims ``resolved`` should hold, in
    # order (None for a block that is the same in every version); None: nothing to check
    fallback: str | None = None  # why git's line merge was used instead


class CannotSplit(Exception):
    """The file is not laid out so that it can be merged piece by piece; the message says why."""


# --- finding the pieces -------------------------------------------------------------------------

_TOP_KEY_LINE = re.compile(r"\n(?=[^ \t\r\n#-]|-[^ \t\r\n])")  # a line at column 0 follows
_PREFIX = "\x00prefix"  # the key of the claims every version starts with, kept as one piece
_KEY = re.compile(r"""[ ]*("[^"\n]*"|'[^'\n]*'|[^\s#'"{\[][^:\n]*?)[ ]*:(?:[ \t]|\r?\n|\Z)""")
_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")
_SPLIT_SECTIONS = frozenset({"settings", "metrics", "sources"})


@dataclass(frozen=True, slots=True)
class _Section:
    """One top-level section: its key, its whole text, and its entries when they can be split."""

    key: str
    text: str
    head: str = ""  # comments above, and the key line
    children: tuple[tuple[str, str], ...] | None = None  # (key, text); claims: ("", text)
    trailer: str = ""  # comment and blank lines after the last entry
    prefix_column: int = 0  # the column of the claims' "-" when the first entry is the prefix


def _is_loose(line: str, column: int) -> bool:
    """A blank line, or a comment line indented at most ``column``: it goes with what follows."""
    stripped = line.strip()
    if not stripped:
        return True
    return stripped.startswith("#") and len(line) - len(line.lstrip(" ")) <= column


def _key_of(line: str) -> str | None:
    match = _KEY.match(line)
    if match is None:
        return None
    key = match.group(1).strip()
    return key[1:-1] if key[:1] in "\"'" and len(key) > 1 else key


def _back_over_loose(text: str, start: int, floor: int, column: int) -> int:
    """``start`` (a line start) moved up over the loose lines just above it, not above ``floor``."""
    while start > floor:
        above = text.rfind("\n", floor, start - 1) + 1
        if above < floor or not _is_loose(text[above:start], column):
            break
        start = above
    return max(start, floor)


def _starts_a_key(text: str, at: int) -> bool:
    char, after = text[at : at + 1], text[at + 1 : at + 2]
    return bool(char) and (char not in " \t\r\n#-" or (char == "-" and after not in " \t\r\n"))


def key_lines(text: str, common: int = 0, known: Sequence[int] = ()) -> list[int]:
    """Where the lines at column 0 start; ``known``: those of a text that starts with the same
    ``common`` characters (only the rest of this one is searched)."""
    if common > 0:
        starts = [start for start in known if start < common]
        starts += [m.start() + 1 for m in _TOP_KEY_LINE.finditer(text, common - 1)]
        return starts
    starts = [0] if _starts_a_key(text, 0) else []
    return starts + [match.start() + 1 for match in _TOP_KEY_LINE.finditer(text)]


def split_sections(
    text: str, common: int = 0, starts: Sequence[int] | None = None
) -> list[_Section]:
    """The file's top-level sections in order; :class:`CannotSplit` when it has another shape.

    ``common``: how much of the text the other versions start with too (the claims listed there
    are kept as one piece, not split); ``starts``: where its lines at column 0 start, when known.
    """
    if "\t" in text[:1] or text.startswith(("---", "%", "...")):
        raise CannotSplit("the file starts with a YAML directive or document marker")
    if starts is None:
        starts = key_lines(text)
    if not starts:
        return [_Section("", text)] if text else []
    bounds = [0] + [_back_over_loose(text, start, 0, 0) for start in starts[1:]] + [len(text)]
    sections: list[_Section] = []
    seen: set[str] = set()
    for number, start in enumerate(starts):
        line_end = text.find("\n", start)
        key = _key_of(text[start : len(text) if line_end < 0 else line_end + 1])
        if key is None or key in seen:
            what = "a line that is not a key" if key is None else f"the key '{key}' twice"
            raise CannotSplit(f"the file has {what} at the top level")
        seen.add(key)
        whole = text[bounds[number] : bounds[number + 1]]
        shared = common - bounds[number]
        sections.append(_with_children(key, whole, start - bounds[number], shared))
    return sections


def _with_children(key: str, whole: str, key_at: int, shared: int = 0) -> _Section:
    """A section with its entries split out, when its value is a block list or mapping."""
    line_end = whole.find("\n", key_at)
    if line_end < 0:
        return _Section(key, whole, whole, (), "")
    head, body = whole[: line_end + 1], whole[line_end + 1 :]
    after_colon = whole[key_at:line_end].split(":", 1)[1].strip()
    value = after_colon.split(" #", 1)[0].strip()
    if key == "claims" and value in ("[]", "~", "null") and not body.strip():
        return _Section(key, whole, whole, (), "")  # no claims yet
    if after_colon and not after_colon.startswith("#"):
        return _Section(key, whole)  # a value on the key's line: ``claims: []``, ``{...}``
    if key != "claims" and key not in _SPLIT_SECTIONS:
        return _Section(key, whole)
    prefix, count = _common_items(body, shared - len(head)) if key == "claims" else ("", 0)
    split = _entries(body[len(prefix) :], dashes=key == "claims")
    if split is None:
        return _Section(key, whole)
    children, trailer = split
    if prefix:
        children = ((_PREFIX, prefix), *children)
    return _Section(key, whole, head, children, trailer, count)


_ITEM_START = re.compile(r"\n( *)-(?=[ \r\n])")


def _common_items(body: str, shared: int) -> tuple[str, int]:
    """The claims at the start of ``body`` that lie within its first ``shared`` characters (the
    text every version starts with), as one piece, and the column of their ``-``."""
    if shared <= 0:
        return "", 0
    first = None
    for match in _LINE.finditer(body):
        if not _is_loose(match.group(), 10**9):
            first = match
            break
    if first is None:
        return "", 0
    line = first.group()
    column = len(line) - len(line.lstrip(" "))
    mark = "\n" + " " * column + "-"
    at = body.rfind(mark, first.start(), shared)
    while at >= 0 and (at + len(mark) >= shared or body[at + len(mark)] not in " \r\n"):
        at = body.rfind(mark, first.start(), at)
    if at < 0:
        return "", 0
    cut = _back_over_loose(body, at + 1, first.start(), column)
    if cut <= first.start():
        return "", 0
    return body[:cut], column


def _entries(body: str, *, dashes: bool) -> tuple[tuple[tuple[str, str], ...], str] | None:
    """A section's body cut into entries (each with the loose lines above it) and a trailer.

    Entries start at the column of the body's first line that is not loose: ``- `` items when
    ``dashes``, else ``key:`` lines. None when the body is not like that.
    """
    first = None
    for match in _LINE.finditer(body):
        if not _is_loose(match.group(), 10**9):
            first = match
            break
    if first is None:
        return (), body
    line = first.group()
    column = len(line) - len(line.lstrip(" "))
    rest = line[column:]
    if dashes != (rest.startswith("-") and rest[1:2] in (" ", "\r", "\n", "")):
        return None
    pattern = rf"\n {{{column}}}-(?=[ \r\n])" if dashes else rf"\n {{{column}}}(?=[^ \t\r\n#-])"
    later = re.compile(pattern).finditer(body, first.end() - 1)
    starts = [first.start()] + [match.start() + 1 for match in later]
    cuts = [0]
    for number, start in enumerate(starts[1:], start=1):
        cuts.append(_back_over_loose(body, start, starts[number - 1], column))
    last = body[starts[-1] :]
    lines = _LINE.findall(last)
    keep = len(lines)
    while keep > 1 and _is_loose(lines[keep - 1], column):
        keep -= 1
    trailer = "".join(lines[keep:])
    cuts.append(len(body) - len(trailer))
    entries: list[tuple[str, str]] = []
    for number, start in enumerate(starts):
        piece = body[cuts[number] : cuts[number + 1]]
        if dashes:
            entries.append(("", piece))
        else:
            end = body.find("\n", start)
            key = _key_of(body[start : len(body) if end < 0 else end + 1])
            if key is None:
                return None
            entries.append((key, piece))
    if not dashes and len({key for key, _ in entries}) != len(entries):
        return None
    return tuple(entries), trailer


# --- merging keyed pieces -----------------------------------------------------------------------

Merged = list[tuple[str, "str | Conflict"]]


def merge_pieces(
    base: Sequence[tuple[str, str]],
    ours: Sequence[tuple[str, str]],
    theirs: Sequence[tuple[str, str]],
    same: Callable[[str], bool] = lambda key: False,
) -> Merged:
    """Three versions of a list of keyed pieces merged: ours' order, theirs' additions after.

    ``same(key)`` tells whether ours' and theirs' differing texts for ``key`` say the same thing
    (the same claim added on both sides with other spacing): then ours' is kept.
    A piece theirs added goes after the piece it follows in theirs, past the pieces ours added
    there, so that where both sides added, ours' come first.
    """
    in_base, in_ours, in_theirs = dict(base), dict(ours), dict(theirs)

    def resolve(key: str) -> str | Conflict | None:
        was, mine, other = in_base.get(key), in_ours.get(key), in_theirs.get(key)
        if mine == other:
            return mine
        if mine == was:
            return other
        if other == was:
            return mine
        if mine is not None and other is not None and same(key):
            return mine
        return Conflict(mine or "", other or "")

    kept: Merged = []
    for key, _ in ours:
        resolved = resolve(key)
        if resolved is not None:
            kept.append((key, resolved))
    kept_keys = {key for key, _ in kept}
    added: dict[str | None, Merged] = {}
    anchor: str | None = None
    for key, _ in theirs:
        if key in in_ours:
            if key in kept_keys:
                anchor = key
            continue
        resolved = resolve(key)
        if resolved is not None:
            added.setdefault(anchor, []).append((key, resolved))
    if not added:
        return kept
    merged: Merged = []
    waiting: Merged = list(added.get(None, []))
    for key, piece in kept:
        if key in in_base and waiting:
            merged += waiting
            waiting = []
        merged.append((key, piece))
        waiting += added.get(key, [])
    return merged + waiting


def _merge_text(base: str, ours: str, theirs: str) -> str | Conflict:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return Conflict(ours, theirs)


# --- the claims: keyed by id ----------------------------------------------------------------------


def _claims_of(sections: list[_Section], items: list[str], path: str) -> list[Claim] | None:
    """The claims ``items`` hold, read with the file's other sections; None when they do not read
    cleanly as exactly one claim each."""
    from figcheck.claimsfile.locate import Snapshot
    from figcheck.claimsfile.reading import read

    parts = [section.text for section in sections if section.key != "claims"]
    parts = [part if part.endswith("\n") else part + "\n" for part in parts]
    body = "".join(item if item.endswith("\n") else item + "\n" for item in items)
    document = "".join(parts) + "claims:\n" + body
    reading = read(Snapshot(path, None, document.encode("utf-8")))
    claims_file, problems = reading.claims_file, reading.problems
    if problems or len(claims_file.claims) != len(items):
        return None
    return list(claims_file.claims)


@dataclass(slots=True)
class _Version:
    name: str
    sections: list[_Section]
    claims: _Section | None
    keyed: list[tuple[str, str]]  # (key, text) of each claim block
    parsed: dict[str, Claim]  # the claims of the blocks that are not in every version, by key


_COMMON = "\x00"  # the key of a block found, the same text, in every version


def _key_claims(versions: list[_Version]) -> str | None:
    """Give each claim block its key: its claim id, or its text when every version has that text.

    Only the blocks that differ somewhere are parsed (those of versions with the same sections
    besides the claims, together). Returns why not, when a version's differing blocks do not read
    as one clean claim each.
    """
    texts = [
        [text for key, text in v.claims.children or () if key != _PREFIX]
        for v in versions
        if v.claims
    ]
    everywhere = set(texts[0]).intersection(*texts[1:]) if len(texts) == 3 else set()
    differing: dict[str, list[str]] = {}
    groups: dict[str, list[_Version]] = {}
    for version in versions:
        if version.claims is None or version.claims.children is None:
            continue
        differing[version.name] = [
            text
            for key, text in version.claims.children
            if key != _PREFIX and text not in everywhere
        ]
        header = "".join(s.text for s in version.sections if s.key != "claims")
        groups.setdefault(header, []).append(version)
    parsed: dict[str, list[Claim]] = {}
    for group in groups.values():
        blocks = [text for version in group for text in differing[version.name]]
        claims = _claims_of(group[0].sections, blocks, group[0].name) if blocks else []
        if claims is not None:
            for version in group:
                count = len(differing[version.name])
                parsed[version.name], claims = claims[:count], claims[count:]
            continue
        for version in group:  # one at a time: the same claim may differ between versions
            blocks = differing[version.name]
            alone = _claims_of(version.sections, blocks, version.name) if blocks else []
            if alone is None:
                return f"the claims changed in {version.name} do not read as clean claims"
            parsed[version.name] = alone
    for version in versions:
        if version.claims is None or version.claims.children is None:
            continue
        ids = iter(parsed[version.name])
        keyed: list[tuple[str, str]] = []
        for key, text in version.claims.children:
            if key == _PREFIX or text in everywhere:
                keyed.append((key if key == _PREFIX else _COMMON + text, text))
            else:
                claim = next(ids)
                keyed.append((claim.id, text))
                version.parsed[claim.id] = claim
        if len({key for key, _ in keyed}) != len(keyed):
            return f"{version.name} has the same claim twice"
        version.keyed = keyed
    return None


def _pair_edits(base: _Version, side: _Version) -> None:
    """A claim without an id gets a new content id when it is edited. Where one side has such a
    claim in the place of one of base's that it no longer has, it is that claim, edited: it takes
    base's key, so an edit on both sides is a conflict and not two claims."""
    in_side = {key for key, _ in side.keyed}
    base_keys = [key for key, _ in base.keyed]
    following: dict[str | None, str] = {}
    previous: str | None = None
    for key in base_keys:
        following[previous] = key
        previous = key
    in_base = set(base_keys)
    previous = None
    renamed: list[tuple[str, str]] = []
    for number, (key, text) in enumerate(side.keyed):
        if key in in_base:
            previous = key
            continue
        was = following.get(previous)
        if was is None or was in in_side or not _derived(base, was) or not _derived(side, key):
            continue
        side.keyed[number] = (was, text)
        side.parsed[was] = side.parsed.pop(key)
        in_side.add(was)
        renamed.append((key, was))
        previous = was


def _derived(version: _Version, key: str) -> bool:
    """Whether the claim under ``key`` has no id of its own (its id is its content id)."""
    from figcheck.model import content_id

    claim = version.parsed.get(key)
    return claim is not None and claim.id == content_id(claim)


# --- the whole file -----------------------------------------------------------------------------


def _newline(text: str) -> str:
    found = text.find("\n")
    return "\r\n" if found > 0 and text[found - 1] == "\r" else "\n"


def _ended(text: str, newline: str) -> str:
    return text if not text or text.endswith("\n") else text + newline


def _in_style(text: str, newline: str) -> str:
    """``text`` with the line breaks of the file it goes into."""
    if newline == "\r\n":
        return re.sub(r"(?<!\r)\n", "\r\n", text) if "\n" in text.replace("\r\n", "") else text
    return text.replace("\r\n", "\n") if "\r" in text else text


class _Writer:
    """Assembles the merged text: pieces, and conflicts between markers."""

    def __init__(self, newline: str, marker_size: int) -> None:
        self.newline = newline
        self.marker = marker_size
        self.parts: list[str] = []
        self.resolved: list[str] = []  # the same text with every conflict resolved as ours
        self.conflicts = 0
        self.expected: list[Claim | None] = []

    def add(self, piece: str | Conflict) -> None:
        if not piece:
            return
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts[-1] += self.newline  # a piece that ended its file is followed by more
        if self.resolved and not self.resolved[-1].endswith("\n"):
            self.resolved[-1] += self.newline
        if isinstance(piece, str):
            piece = _in_style(piece, self.newline)
            self.parts.append(piece)
            self.resolved.append(piece)
            return
        self.conflicts += 1
        nl = self.newline
        ours = _ended(_in_style(piece.ours, nl), nl)
        theirs = _ended(_in_style(piece.theirs, nl), nl)
        self.parts += [
            "<" * self.marker + " ours" + nl,
            ours,
            "=" * self.marker + nl,
            theirs,
            ">" * self.marker + " theirs" + nl,
        ]
        self.resolved.append(ours)

    def result(self) -> MergeResult:
        return MergeResult(
            "".join(self.parts), self.conflicts, "".join(self.resolved), tuple(self.expected)
        )


def merge_texts(base: str, ours: str, theirs: str, marker_size: int = MARKER_SIZE) -> MergeResult:
    """The three versions merged; :class:`CannotSplit` when a version cannot be split.

    The result is not checked here: :func:`merge_files` reads it back.
    """
    if ours == theirs or theirs == base:
        return MergeResult(ours, 0, ours)
    if ours == base:
        return MergeResult(theirs, 0, theirs)
    if any(has_odd_breaks(text) for text in (base, ours, theirs)):
        raise CannotSplit("a version has line breaks other than \\n and \\r\\n")
    common = _common_prefix(base, ours, theirs)
    known = key_lines(ours)
    versions = [
        _Version(name, sections, _claims_section(sections), [], {})
        for name, sections in (
            ("base", split_sections(base, common, key_lines(base, common, known))),
            ("ours", split_sections(ours, common, known)),
            ("theirs", split_sections(theirs, common, key_lines(theirs, common, known))),
        )
    ]
    if any(v.claims is not None and v.claims.children is None for v in versions):
        raise CannotSplit("the claims are not a block list of '- ' items")
    problem = _key_claims(versions)
    if problem is not None:
        raise CannotSplit(problem)
    for side in versions[1:]:
        _pair_edits(versions[0], side)
    writer = _Writer(_newline(ours), marker_size)
    listed = [[(s.key, s.text) for s in v.sections] for v in versions]
    sections = merge_pieces(listed[0], listed[1], listed[2])
    by_key = [{s.key: s for s in v.sections} for v in versions]
    for key, piece in sections:
        split = [found.get(key) for found in by_key]
        if key == "claims" and split[1] is not None and split[2] is not None:
            _merge_claims(versions, writer)
        elif isinstance(piece, Conflict) and all(s is not None and s.children for s in split):
            old, mine, other = (s for s in split if s is not None)
            _merge_entries(old, mine, other, writer)
        else:
            if key == "claims":  # a claims section only one side has: its blocks as they are
                writer.expected += [None] * _block_count(piece)
            writer.add(piece)
    return writer.result()


def _block_count(piece: str | Conflict) -> int:
    text = piece.ours if isinstance(piece, Conflict) else piece
    found = _with_children("claims", text, text.find("claims")) if text else None
    return len(found.children or ()) if found is not None else 0


def _common_prefix(*texts: str) -> int:
    """How many characters every text starts with (compared a block at a time)."""
    first, others = texts[0], texts[1:]
    end = min(len(text) for text in texts)
    done, step = 0, 1 << 16
    while done < end:
        upto = min(done + step, end)
        if any(other[done:upto] != first[done:upto] for other in others):
            break
        done, step = upto, min(step * 2, 1 << 22)
    low, high = done, min(done + step, end)  # the first difference is in [low, high)
    while low < high:
        middle = (low + high) // 2
        if any(other[low : middle + 1] != first[low : middle + 1] for other in others):
            high = middle
        else:
            low = middle + 1
    return low


def _claims_section(sections: list[_Section]) -> _Section | None:
    return next((section for section in sections if section.key == "claims"), None)


def _merge_entries(old: _Section, mine: _Section, other: _Section, writer: _Writer) -> None:
    writer.add(_merge_text(old.head, mine.head, other.head))
    for _, piece in merge_pieces(old.children or (), mine.children or (), other.children or ()):
        writer.add(piece)
    writer.add(_merge_text(old.trailer, mine.trailer, other.trailer))


def _merge_claims(versions: list[_Version], writer: _Writer) -> None:
    old, mine, other = versions
    assert mine.claims is not None and other.claims is not None
    was = old.claims or _Section("claims", "")
    writer.add(_merge_text(was.head, mine.claims.head, other.claims.head))

    def same(key: str) -> bool:
        return key in mine.parsed and mine.parsed.get(key) == other.parsed.get(key)

    for key, piece in merge_pieces(old.keyed, mine.keyed, other.keyed, same):
        writer.add(piece)
        if key == _PREFIX and isinstance(piece, str):
            writer.expected += [None] * _claims_in(piece, mine.claims.prefix_column)
        elif not (isinstance(piece, Conflict) and not piece.ours):  # else resolved as removed
            writer.expected.append(mine.parsed.get(key) or other.parsed.get(key))
    writer.add(_merge_text(was.trailer, mine.claims.trailer, other.claims.trailer))


def _claims_in(prefix: str, column: int) -> int:
    """How many claims a piece of the claims list holds (each starts a line with ``-``)."""
    mark = "\n" + " " * column + "-"
    first = 1 if prefix.startswith(mark[1:]) else 0
    return first + sum(prefix.count(mark + after) for after in (" ", "\r", "\n"))


# --- the merge driver -----------------------------------------------------------------------------


def _read_back(result: MergeResult, path: str, real: Path | None) -> str | None:
    """Why the merged text (conflicts resolved as ours) is not a clean claims file holding the
    claims it was made of; None when it is.

    ``real``: the claims file in the work tree (git's ``%P``). When figcheck has read it as it is
    on our side, its cache proves that part clean, and only what the merge added is read.
    """
    from figcheck.claimsfile.locate import Snapshot
    from figcheck.claimsfile.reading import read

    reading = read(Snapshot(path, real, result.resolved.encode("utf-8")))
    claims_file, problems = reading.claims_file, reading.problems
    if problems:
        return f"the merged file would not read cleanly ({problems[0].message})"
    if result.expected is None:
        return None
    if len(claims_file.claims) != len(result.expected):
        return "the merged file would not hold the claims of both sides"
    for number, expected in enumerate(result.expected):
        if expected is not None and not _same_claim(claims_file.claims[number], expected):
            return f"claim {expected.id} would not read back as it was written"
    return None


def _same_claim(read: Claim, written: Claim) -> bool:
    """The same claim, but for what the registry resolves (the other side may have changed it)."""
    return dataclasses.replace(read, metric="", id="") == dataclasses.replace(
        written, metric="", id=""
    )


def merge_file_fallback(
    base: str, ours: str, theirs: str, marker_size: int = MARKER_SIZE
) -> tuple[bytes, int] | None:
    """git's own line merge of the three files: its text and number of conflicts (None when git
    could not be run)."""
    command = [
        "git",
        "merge-file",
        "-p",
        f"--marker-size={marker_size}",
        "-L",
        "ours",
        "-L",
        "base",
        "-L",
        "theirs",
        ours,
        base,
        theirs,
    ]
    try:
        done = subprocess.run(command, capture_output=True, check=False)
    except OSError:
        return None
    if done.returncode < 0 or done.returncode > 127:
        return None
    return done.stdout, done.returncode


def merge_files(
    base: str,
    ours: str,
    theirs: str,
    marker_size: int = MARKER_SIZE,
    claims_path: str | None = None,
) -> MergeResult:
    """Merge the claims files at ``base``, ``ours`` and ``theirs`` and write the result to ``ours``
    (atomically): by claim id, or else with git's own line merge (``fallback`` says why).
    ``claims_path``: the file's place in the work tree (git's ``%P``), whose cache may spare
    reading the whole result again."""
    from figcheck.claimsfile.locate import read_bytes
    from figcheck.claimsfile.write import write_file

    texts: list[str] = []
    reason: str | None = None
    for path in (base, ours, theirs):
        try:
            texts.append(read_bytes(path).decode("utf-8"))
        except UnicodeDecodeError:
            reason = f"{path} is not UTF-8 text"
            break
    if reason is None:
        try:
            result = merge_texts(texts[0], texts[1], texts[2], marker_size)
        except CannotSplit as error:
            reason = str(error)
        else:
            if result.expected is not None:
                reason = _read_back(result, claims_path or ours, _real(claims_path))
            if reason is None:
                if result.text != texts[1]:
                    write_file(ours, result.text.encode("utf-8"))
                return result
    fallback = merge_file_fallback(base, ours, theirs, marker_size)
    if fallback is None:
        return MergeResult(texts[1] if len(texts) > 1 else "", 1, fallback=reason)
    data, conflicts = fallback
    write_file(ours, data)
    return MergeResult(data.decode("utf-8", "replace"), max(conflicts, 1), fallback=reason)


def _real(claims_path: str | None) -> Path | None:
    """The work tree's claims file, when there is one to key the cache by."""
    if not claims_path:
        return None
    real = Path(os.path.realpath(claims_path))
    return real if real.is_file() else None
