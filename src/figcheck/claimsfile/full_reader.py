"""The full reader: a claims file's node tree to claims, settings and registries, with every
problem found and worded at its line.

It reads every value with figcheck's own schema (a number written in digits, a date written
YYYY-MM-DD, a qualifier by name) and checks the file's sections. It is the reader that decides what
is wrong with a file; the fast reader (:mod:`figcheck.claimsfile.fast_reader`) reuses its rules for
every value and only ever decides that a file is clean. Read a file through
:mod:`figcheck.claimsfile.reading`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from typing import Any

from figcheck.claimsfile.yaml_nodes import STR, Mapping, Node, Scalar, Sequence, compose
from figcheck.model import (
    Claim,
    ClaimsFile,
    Include,
    Kind,
    Location,
    Metric,
    Problem,
    Qualifier,
    Settings,
    Source,
    content_id,
    fold_source,
    slugify,
    value_problem,
)
from figcheck.reconcile.rules import interval

# --- reading values with figcheck's schema -------------------------------------------------------

_TYPE_NAMES = {
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:null": "an empty value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:value": "a special value",
    "tag:yaml.org,2002:merge": "a merge key",
}
_DECIMAL_INT = re.compile(r"[0-9][0-9_]*\Z")
_DECIMAL_FLOAT = re.compile(r"[0-9][0-9_]*(\.[0-9_]*)?([eE][-+][0-9]+)?\Z|\.[0-9][0-9_]*\Z")
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\Z")
_EXPONENT = re.compile(r"[-+]?[0-9.]*[0-9][0-9.]*[eE][-+]?[0-9]+\Z")
_DIGIT_GROUP = re.compile(r"[0-9]{3}\Z")
_NUMBER_IN_TEXT = re.compile(r"[-+]?[0-9][0-9,_ ]*(\.[0-9]+)?\Z")


def _shown(number: float) -> str:
    """A number as a journalist writes it: ``1850000``, ``0.1``, never ``1.85e+06``."""
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.15g}"


class Invalid(Exception):
    """A value that cannot be read; the message says why."""


def _is_null(node: Node) -> bool:
    return isinstance(node, Scalar) and node.tag == "tag:yaml.org,2002:null"


def _text(node: Node, what: str) -> str:
    if not isinstance(node, Scalar):
        raise Invalid(
            f"{what} must be text, not a {'list' if isinstance(node, Sequence) else 'mapping'}"
        )
    if _is_null(node):
        raise Invalid(f"{what} is empty")
    if node.tag != STR:
        kind = _TYPE_NAMES.get(node.tag, "something other than text")
        raise Invalid(
            f'{what} {node.text!r} would be read by YAML as {kind}; put it in quotes: "{node.text}"'
        )
    return node.text


def _number(node: Node, what: str) -> float:
    if not isinstance(node, Scalar):
        raise Invalid(
            f"{what} must be a number, not a {'list' if isinstance(node, Sequence) else 'mapping'}"
        )
    text = node.text
    if node.tag == STR:
        if node.plain and _EXPONENT.match(text):
            raise Invalid(f"{what} {text} would be read by YAML as text; write it in decimal")
        if _NUMBER_IN_TEXT.match(text.strip()):
            digits = text.replace(",", "").replace(" ", "").replace("_", "")
            raise Invalid(
                f"{what} must be a number, not text: write {digits} without quotes or commas"
            )
        raise Invalid(f"{what} must be a number written in digits, not {text!r}")
    if node.tag == "tag:yaml.org,2002:int":
        body = text.lstrip("+-")
        if body.startswith(("0x", "0b")):
            raise Invalid(f"{what} {text} is not a decimal number; write it in decimal")
        if ":" in body:
            raise Invalid(f"{what} {text} would be read by YAML as base 60; write it in decimal")
        if len(body) > 1 and body.startswith("0"):
            raise Invalid(f"{what} {text} would be read by YAML as octal; drop the leading zero")
        if not _DECIMAL_INT.match(body):
            raise Invalid(f"{what} {text} is not a number")
    elif node.tag == "tag:yaml.org,2002:float":
        body = text.lstrip("+-")
        if body.lower() in {".inf", ".nan"}:
            raise Invalid(f"{what} must be a finite number, not {text}")
        if ":" in body or not _DECIMAL_FLOAT.match(body):
            raise Invalid(f"{what} {text} is not a plain decimal number; write it in decimal")
    else:
        raise Invalid(f"{what} must be a number, not {_TYPE_NAMES.get(node.tag, 'text')}")
    number = float(text.replace("_", ""))
    if not math.isfinite(number):
        raise Invalid(f"{what} must be a finite number, not {text}")
    if number < 0:
        raise Invalid(f"{what} must not be negative ({text})")
    return number


def _count(node: Node, what: str) -> float:
    """A claim's figure: a number (:func:`_number`) that a count can be, kept exactly."""
    number = _number(node, what)
    assert isinstance(node, Scalar)
    problem = value_problem(node.text)
    if problem is not None:
        raise Invalid(f"{what} {node.text} {problem}")
    return number


def _date(node: Node, what: str) -> dt.date:
    if not isinstance(node, Scalar) or node.tag not in {STR, "tag:yaml.org,2002:timestamp"}:
        shown = node.text if isinstance(node, Scalar) else "a list or mapping"
        raise Invalid(f"{what} must be a date written YYYY-MM-DD, not {shown}")
    match = _DATE.match(node.text.strip())
    if match is None:
        raise Invalid(f"{what} must be a date written YYYY-MM-DD, not {node.text!r}")
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Invalid(f"{what} {node.text} is not a real date") from None


_MOMENT = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?\Z"
)


def moment_text(text: str, what: str = "as_of", *, why: bool = False) -> str:
    """A moment as sortable ISO text: ``2026-01-10``, or with a time ``2026-01-10T18:00`` (seconds
    kept when not zero). Raises :class:`Invalid` for anything else, or an impossible date or time;
    with ``why``, an impossible date's message says what is wrong with it (``there is no month
    13``), as an option's or an answer's does.
    """
    match = _MOMENT.match(text.strip())
    if match is None:
        raise Invalid(
            f"{what} must be a date written YYYY-MM-DD, or a date and time YYYY-MM-DDTHH:MM, "
            f"not {text!r}"
        )
    year, month, day = (int(part) for part in match.groups()[:3])
    try:
        date = dt.date(year, month, day)
    except ValueError:
        reason = f" ({_why_not_a_date(year, month, day)})" if why else ""
        raise Invalid(f"{what} {text.strip()} is not a real date{reason}") from None
    if match.group(4) is None:
        return date.isoformat()
    hour, minute, second = int(match.group(4)), int(match.group(5)), int(match.group(6) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise Invalid(f"{what} {text.strip()} is not a real time of day")
    clock = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second else "")
    return f"{date.isoformat()}T{clock}"


def day_text(text: str, what: str = "the date") -> dt.date:
    """A day typed by a user (an option, an answer): ``YYYY-MM-DD``, and a real one; the
    message of :class:`Invalid` says what is wrong."""
    if _DATE.match(text.strip()) is None:
        raise Invalid(f"{what} must be written YYYY-MM-DD (such as 2026-01-12), not {text!r}")
    return dt.date.fromisoformat(moment_text(text, what, why=True))


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def _why_not_a_date(year: int, month: int, day: int) -> str:
    if year == 0:
        return "there is no year 0"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    if day == 0:
        return "there is no day 0"
    days = 31 if month == 12 else (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days
    return f"{_MONTHS[month - 1]} {year} has {days} days"


def _moment(node: Node, what: str) -> str:
    if not isinstance(node, Scalar) or node.tag not in {STR, "tag:yaml.org,2002:timestamp"}:
        shown = node.text if isinstance(node, Scalar) else "a list or mapping"
        raise Invalid(f"{what} must be a date written YYYY-MM-DD, not {shown}")
    return moment_text(node.text, what)


def _close_match(word: str, choices: list[str]) -> str:
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def _qualifier(node: Node) -> Qualifier:
    word = slugify(_text(node, "qualifier"))
    try:
        return Qualifier(word)
    except ValueError:
        names = [q.value for q in Qualifier]
        raise Invalid(
            f"unknown qualifier '{node.text if isinstance(node, Scalar) else word}'"
            f"{_close_match(word, names)}; use one of: {', '.join(names)}"
        ) from None


# --- the file's sections -------------------------------------------------------------------------

_TOP_KEYS = ("version", "include", "settings", "metrics", "sources", "claims")
_SETTINGS_KEYS = ("tolerance", "about", "vague", "window")
_METRIC_KEYS = ("description", "unit", "kind", "aliases", "window", "part_of", "parts")
_SOURCE_KEYS = ("name", "aliases", "url", "note")
CLAIM_KEYS = (
    "id",
    "metric",
    "value",
    "qualifier",
    "low",
    "high",
    "unit",
    "source",
    "date",
    "as_of",
    "text",
    "url",
    "note",
)
_REQUIRED = ("metric", "source", "date")


class Reader:
    """Turns a node tree into a ClaimsFile, collecting every problem."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.about = Settings().about  # the width of "about" claims, once settings are read

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(Location(self.path, line), message))

    def mapping(self, node: Node, what: str) -> Mapping | None:
        if isinstance(node, Mapping):
            return node
        if not _is_null(node):
            self.problem(node.line, f"{what} must be a mapping of keys to values")
        return None

    def known_keys(self, mapping: Mapping, allowed: tuple[str, ...], where: str) -> None:
        before: tuple[str, Node] | None = None
        for key, (key_node, value) in mapping.pairs.items():
            if key in allowed:
                pass
            elif key == "<<" and key_node.plain:
                self.problem(key_node.line, "merge key '<<' is not allowed; write the values out")
            elif (
                mapping.flow
                and _DIGIT_GROUP.match(key)
                and before is not None
                and isinstance(before[1], Scalar)
                and before[1].tag == "tag:yaml.org,2002:int"
            ):
                name, number = before[0], before[1].text
                split, whole = f"{number},{key}", f"{number}{key}"
                message = f"{name} {split} was split at the comma; write {whole}, no commas"
                self.problem(key_node.line, message)
            else:
                hint = _close_match(key, list(allowed)) or f"; use one of: {', '.join(allowed)}"
                self.problem(key_node.line, f"unknown key '{key}' in {where}{hint}")
            before = (key, value)

    def read(self, root: Node | None) -> ClaimsFile:
        if root is None or _is_null(root):
            return ClaimsFile(self.path)
        if not isinstance(root, Mapping):
            message = "the file must be a mapping of keys to values, starting with 'claims:'"
            self.problem(root.line, message)
            return ClaimsFile(self.path)
        top = root
        self.known_keys(top, _TOP_KEYS, "the file")
        pairs = top.pairs
        if "version" in pairs:
            node = pairs["version"][1]
            if not (isinstance(node, Scalar) and node.text == "1" and node.plain):
                shown = node.text if isinstance(node, Scalar) else "a list or mapping"
                self.problem(node.line, f"version must be 1 (without quotes), not {shown!r}")
        settings = self.settings(pairs["settings"][1]) if "settings" in pairs else Settings()
        self.about = settings.about
        metrics = self.metrics(pairs["metrics"][1]) if "metrics" in pairs else ()
        sources = self.sources(pairs["sources"][1]) if "sources" in pairs else ()
        names = ClaimsFile(self.path, metrics=metrics).metric_names()
        claims = self.claims(pairs["claims"][1], names) if "claims" in pairs else ()
        includes = self.includes(pairs["include"][1]) if "include" in pairs else ()
        return ClaimsFile(self.path, claims, metrics, sources, settings, includes)

    def includes(self, node: Node) -> tuple[Include, ...]:
        """``include:``: a path or glob pattern, or a list of them (relative to this file)."""
        if _is_null(node):
            return ()
        items = node.items if isinstance(node, Sequence) else [node]
        found: list[Include] = []
        for item in items:
            try:
                pattern = _text(item, "include").strip()
            except Invalid as error:
                self.problem(item.line, str(error))
                continue
            if not pattern:
                self.problem(item.line, "include is empty; give a file or a pattern such as *.yaml")
                continue
            found.append(Include(pattern, item.line))
        return tuple(found)

    def settings(self, node: Node) -> Settings:
        mapping = self.mapping(node, "settings")
        if mapping is None:
            return Settings()
        self.known_keys(mapping, _SETTINGS_KEYS, "settings")
        values: dict[str, Any] = {
            "given": tuple(
                (key, key_node.line)
                for key, (key_node, _) in mapping.pairs.items()
                if key in _SETTINGS_KEYS
            )
        }
        for key in ("tolerance", "about"):
            if key in mapping.pairs:
                value = mapping.pairs[key][1]
                try:
                    number = _number(value, key)
                except Invalid as error:
                    self.problem(value.line, str(error))
                    continue
                if key == "about" and number >= 1:
                    self.problem(
                        value.line, f"about must be below 1 (it is relative), not {_shown(number)}"
                    )
                    continue
                values[key] = number
        if "vague" in mapping.pairs:
            values["vague"] = self.vague(mapping.pairs["vague"][1])
        if "window" in mapping.pairs:
            window = self.window(mapping.pairs["window"][1], "window")
            if window is not None:
                values["window"] = window
        return Settings(**values)

    def window(self, node: Node, what: str) -> int | None:
        """A window in whole days (0 or more), or None after recording the problem."""
        try:
            number = _number(node, what)
        except Invalid as error:
            self.problem(node.line, str(error))
            return None
        if number < 0 or not number.is_integer():
            self.problem(node.line, f"{what} must be a whole number of days, not {_shown(number)}")
            return None
        return int(number)

    def vague(self, node: Node) -> tuple[tuple[str, float, float], ...]:
        mapping = self.mapping(node, "settings.vague")
        if mapping is None:
            return ()
        words: list[tuple[str, float, float]] = []
        for word, (_, value) in mapping.pairs.items():
            if not (isinstance(value, Sequence) and len(value.items) == 2):
                self.problem(value.line, f"vague word '{word}' needs [low, high]")
                continue
            bounds: list[float] = []
            for item in value.items:
                try:
                    bounds.append(_number(item, f"'{word}' bound"))
                except Invalid as error:
                    self.problem(item.line, str(error))
            if len(bounds) < 2:
                continue
            low, high = bounds
            if low > high:
                shown = f"low {_shown(low)} is above high {_shown(high)}"
                self.problem(value.line, f"vague word '{word}': {shown}; swap them")
                continue
            words.append((word.casefold(), low, high))
        return tuple(words)

    def metrics(self, node: Node) -> tuple[Metric, ...]:
        mapping = self.mapping(node, "metrics")
        if mapping is None:
            return ()
        metrics: list[Metric] = []
        owner: dict[str, str] = {}
        defined: dict[str, str] = {}
        for name, (key_node, value) in mapping.pairs.items():
            try:
                slug = slugify(_text(key_node, "metric name"))
            except Invalid as error:
                self.problem(key_node.line, str(error))
                continue
            if not slug:
                self.problem(key_node.line, f"metric name '{name}' has no letters or digits")
                continue
            if slug in defined:
                self.problem(
                    key_node.line,
                    f"metric '{name}' is the same metric as '{defined[slug]}'; merge the two",
                )
                continue
            defined[slug] = name
            fields: dict[str, Any] = {}
            entry = self.mapping(value, f"metric '{name}'")
            if entry is not None:
                self.known_keys(entry, _METRIC_KEYS, f"metric '{name}'")
                fields = self.metric_fields(entry)
            aliases = fields.get("aliases", ())
            for alias in (slug, *(slugify(a) for a in aliases)):
                if owner.get(alias, slug) != slug:
                    self.problem(
                        key_node.line, f"'{alias}' names both metric '{owner[alias]}' and '{slug}'"
                    )
                owner.setdefault(alias, slug)
            metrics.append(Metric(slug, line=key_node.line, **fields))
        return self.related(tuple(metrics))

    def related(self, metrics: tuple[Metric, ...]) -> tuple[Metric, ...]:
        """The registry with its parts and wholes checked (:func:`relate`); a metric another
        file declares is not known here, and is checked once the files are joined."""
        related, problems = relate(metrics, lambda entry: Location(self.path, entry.line or 1))
        self.problems += problems
        return related

    def metric_fields(self, entry: Mapping) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        if "window" in entry.pairs and not _is_null(entry.pairs["window"][1]):
            window = self.window(entry.pairs["window"][1], "window")
            if window is not None:
                fields["window"] = window
        if "part_of" in entry.pairs and not _is_null(entry.pairs["part_of"][1]):
            try:
                fields["part_of"] = _text(entry.pairs["part_of"][1], "part_of")
            except Invalid as error:
                self.problem(entry.pairs["part_of"][1].line, str(error))
        if "parts" in entry.pairs and not _is_null(entry.pairs["parts"][1]):
            fields["parts"] = self.texts(entry.pairs["parts"][1], "part")
        for key in ("description", "unit"):
            if key in entry.pairs and not _is_null(entry.pairs[key][1]):
                try:
                    fields[key] = _text(entry.pairs[key][1], key)
                except Invalid as error:
                    self.problem(entry.pairs[key][1].line, str(error))
        if "kind" in entry.pairs and not _is_null(entry.pairs["kind"][1]):
            node = entry.pairs["kind"][1]
            try:
                fields["kind"] = Kind(_text(node, "kind"))
                fields["declared_kind"] = True
            except Invalid as error:
                self.problem(node.line, str(error))
            except ValueError:
                shown = node.text if isinstance(node, Scalar) else "that"
                self.problem(
                    node.line, f"kind must be 'level', 'cumulative' or 'fixed', not '{shown}'"
                )
        if "aliases" in entry.pairs and not _is_null(entry.pairs["aliases"][1]):
            fields["aliases"] = self.texts(entry.pairs["aliases"][1], "alias")
        return fields

    def texts(self, node: Node, what: str) -> tuple[str, ...]:
        """A list of texts (or one text), each problem recorded."""
        items = node.items if isinstance(node, Sequence) else [node]
        texts: list[str] = []
        for item in items:
            try:
                texts.append(_text(item, what))
            except Invalid as error:
                self.problem(item.line, str(error))
        return tuple(texts)

    def sources(self, node: Node) -> tuple[Source, ...]:
        mapping = self.mapping(node, "sources")
        if mapping is None:
            return ()
        sources: list[Source] = []
        owner: dict[str, str] = {}
        for key, (key_node, value) in mapping.pairs.items():
            try:
                _text(key_node, "source")
            except Invalid as error:
                self.problem(key_node.line, str(error))
                continue
            name: str | None = None
            aliases: tuple[str, ...] = ()
            entry = self.mapping(value, f"source '{key}'")
            if entry is not None:
                self.known_keys(entry, _SOURCE_KEYS, f"source '{key}'")
                if "name" in entry.pairs and not _is_null(entry.pairs["name"][1]):
                    try:
                        name = _text(entry.pairs["name"][1], "name")
                    except Invalid as error:
                        self.problem(entry.pairs["name"][1].line, str(error))
                if "aliases" in entry.pairs and not _is_null(entry.pairs["aliases"][1]):
                    aliases = self.texts(entry.pairs["aliases"][1], "alias")
            for spelling in (key, name, *aliases):
                if spelling is None:
                    continue
                folded = fold_source(spelling)
                if owner.setdefault(folded, key) != key:
                    self.problem(
                        key_node.line,
                        f"'{spelling}' names both source '{owner[folded]}' and '{key}'",
                    )
            sources.append(Source(key, name, aliases, line=key_node.line))
        return tuple(sources)

    def claims(self, node: Node, names: dict[str, str]) -> tuple[Claim, ...]:
        if _is_null(node):
            return ()
        if not isinstance(node, Sequence):
            self.problem(node.line, "claims must be a list (each claim starting with '- ')")
            return ()
        claims: list[Claim] = []
        seen: dict[str, int] = {}
        for item in node.items:
            claim = self.claim(item, names)
            if claim is None:
                continue
            if claim.id in seen:
                first = seen[claim.id]
                if isinstance(item, Mapping) and "id" in item.pairs:
                    message = (
                        f"duplicate id {claim.id} (also at line {first}); give each claim its own"
                    )
                else:
                    message = f"the same claim as at line {first}; remove one"
                self.problem(item.line, message)
                continue
            seen[claim.id] = item.line
            claims.append(claim)
        return tuple(claims)

    def claim(self, node: Node, names: dict[str, str]) -> Claim | None:
        if not isinstance(node, Mapping):
            self.problem(
                node.line, "each claim must be a mapping (metric:, value:, source:, date:)"
            )
            return None
        before = len(self.problems)
        self.known_keys(node, CLAIM_KEYS, "claim")
        fields: dict[str, Any] = {}
        failed: set[str] = set()
        for key, (_, value) in node.pairs.items():
            if key not in CLAIM_KEYS or _is_null(value):
                continue
            try:
                fields[key] = self.claim_field(key, value)
            except Invalid as error:
                self.problem(value.line, str(error))
                failed.add(key)
        missing = [key for key in _REQUIRED if key not in fields and key not in failed]
        has_range = "low" in fields and "high" in fields
        if "value" not in fields and not has_range and not failed & {"value", "low", "high"}:
            missing.append("value (or low and high)")
        if missing:
            listed = ", ".join(missing[:-1]) + " and " if len(missing) > 1 else ""
            self.problem(node.line, f"claim is missing {listed}{missing[-1]}")
        if "metric" in fields:
            slug = slugify(fields["metric"])
            if not slug:
                message = f"metric name '{fields['metric']}' has no letters or digits"
                self.problem(node.pairs["metric"][1].line, message)
            fields["metric"] = names.get(slug, slug)
        if "qualifier" not in fields and "value" not in fields:
            fields["qualifier"] = Qualifier.RANGE
        if fields.get("qualifier") is Qualifier.RANGE and not has_range and "value" in fields:
            self.problem(node.line, "a range claim needs low and high (or another qualifier)")
        if ("value" in fields or has_range) and not failed & {"value", "low", "high", "qualifier"}:
            self.check_interval(node.line, fields)
        if (
            "as_of" in fields
            and "date" in fields
            and fields["as_of"][:10] > fields["date"].isoformat()
        ):
            self.problem(
                node.pairs["as_of"][1].line,
                f"as_of {fields['as_of']} is after the date {fields['date'].isoformat()} the "
                "source stated it; as_of is the moment the figure describes, date when it was said",
            )
        if len(self.problems) > before:
            return None
        given_id = fields.pop("id", None)
        claim = Claim(id="", location=Location(self.path, node.line), **fields)
        return dataclasses.replace(claim, id=given_id or content_id(claim))

    def check_interval(self, line: int, fields: dict[str, Any]) -> None:
        """A problem when the claim allows no value at all (low above high)."""
        keys = ("value", "qualifier", "low", "high")
        numbers = {key: fields[key] for key in keys if key in fields}
        stand_in = Claim(id="", metric="", source="", date=dt.date.min, **numbers)
        low, high = claim_interval(stand_in, self.about)
        if low <= high:
            return
        if "low" in fields and "high" in fields:
            message = f"low {_shown(low)} is above high {_shown(high)}; swap them"
        elif "low" in fields:
            message = f"low {_shown(low)} is above {_shown(high)}, the most this claim allows"
        else:
            message = f"high {_shown(high)} is below {_shown(low)}, the least this claim allows"
        self.problem(line, message)

    @staticmethod
    def claim_field(key: str, value: Node) -> Any:
        if key in {"value", "low", "high"}:
            return _count(value, key)
        if key == "date":
            return _date(value, key)
        if key == "as_of":
            return _moment(value, key)
        if key == "qualifier":
            return _qualifier(value)
        text = _text(value, key).strip()
        if not text:
            raise Invalid(f"{key} is empty")
        return text


def relate(
    metrics: tuple[Metric, ...],
    place: Callable[[Metric], Location],
    *,
    every_name_known: bool = False,
) -> tuple[tuple[Metric, ...], list[Problem]]:
    """The registry with parts and wholes checked (contract section 3, parts and wholes), and
    its problems, each at ``place`` of its metric: each ``part_of`` and ``parts`` names a
    registered metric (a name the registry does not know is a problem only when
    ``every_name_known``: one file of several may name a metric another declares), none is
    part of itself, a part has its whole's kind and unit; a part that declares no kind takes
    its whole's."""
    problems: list[Problem] = []
    names = ClaimsFile("", metrics=metrics).metric_names()
    by_name = {entry.name: entry for entry in metrics}
    wholes: dict[str, list[str]] = {}  # each metric's wholes, from part_of and parts lists
    for entry in metrics:
        related = [("part_of", entry.part_of)] if entry.part_of else []
        related += [("parts", part) for part in entry.parts]
        for key, name in related:
            target = names.get(slugify(name))
            if target is None:
                if every_name_known:
                    hint = _close_match(slugify(name), sorted(by_name))
                    message = (
                        f"{key} of metric '{entry.name}' names no metric '{name}'"
                        f"{hint}; add it to metrics: first"
                    )
                    problems.append(Problem(place(entry), message))
                continue
            part_name, whole_name = (
                (entry.name, target) if key == "part_of" else (target, entry.name)
            )
            if whole_name not in wholes.setdefault(part_name, []):  # said by part and whole
                wholes[part_name].append(whole_name)
    cycle = _part_cycle(wholes)
    if cycle:
        message = f"metric '{cycle[0]}' is part of itself: {' < '.join(cycle)}"
        return metrics, [*problems, Problem(place(by_name[cycle[0]]), message)]
    resolved = {entry.name: entry for entry in metrics}
    for name in _wholes_first(wholes, [entry.name for entry in metrics]):
        entry = resolved[name]
        for whole_name in wholes.get(name, []):
            whole = resolved[whole_name]
            here, there = place(entry), place(whole)
            shown = f"'{whole_name}'" + ("" if here.path == there.path else f" ({there})")
            if entry.declared_kind and entry.kind is not whole.kind:
                message = (
                    f"metric '{name}' is {entry.kind} but its whole {shown} is "
                    f"{whole.kind}; a part is counted the way its whole is"
                )
                problems.append(Problem(here, message))
            elif not entry.declared_kind:
                entry = resolved[name] = dataclasses.replace(entry, kind=whole.kind)
            if entry.unit and whole.unit and entry.unit != whole.unit:
                message = (
                    f"metric '{name}' is counted in {entry.unit} but its whole "
                    f"{shown} in {whole.unit}; give both the same unit"
                )
                problems.append(Problem(here, message))
    return tuple(resolved[entry.name] for entry in metrics), problems


def _part_cycle(wholes: dict[str, list[str]]) -> list[str]:
    """A chain of metrics that leads back to its first (``a < b < a``), or an empty list."""
    done: set[str] = set()
    path: list[str] = []

    def visit(name: str) -> list[str]:
        if name in path:
            return [*path[path.index(name) :], name]
        if name in done:
            return []
        path.append(name)
        for whole in wholes.get(name, []):
            found = visit(whole)
            if found:
                return found
        path.pop()
        done.add(name)
        return []

    for start in sorted(wholes):
        found = visit(start)
        if found:
            return found
    return []


def _wholes_first(wholes: dict[str, list[str]], names: list[str]) -> list[str]:
    """The metrics ordered so that each comes after its wholes (no cycle among them)."""
    ordered: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen:
            return
        seen.add(name)
        for whole in wholes.get(name, []):
            visit(whole)
        ordered.append(name)

    for name in names:
        visit(name)
    return ordered


def claim_interval(claim: Claim, about: float) -> tuple[float, float]:
    """The interval ``[lo, hi]`` of values a single claim allows (contract section 2)."""
    return interval(claim.qualifier, claim.value, claim.low, claim.high, about)


def read_everything(data: bytes, path: str) -> tuple[ClaimsFile, list[Problem]]:
    """The full reader: every problem, with its line, and the claims that could be read."""
    root, problems = compose(data, path)
    if root is None and problems:
        return ClaimsFile(path), problems
    reader = Reader(path)
    claims_file = reader.read(root)
    everything = sorted([*problems, *reader.problems], key=lambda p: p.location.line)
    return claims_file, everything
