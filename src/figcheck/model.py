"""The records figcheck works with: claims, metrics, settings and problems.

Records are frozen dataclasses (a :class:`ClaimTable` holds many claims column by column and is
never changed in place). A claim carries the place in the file it came from, so any problem found
later can still be reported as ``file:line``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload


class Qualifier(enum.StrEnum):
    """How a source hedged its figure (contract section 2)."""

    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    UP_TO = "up_to"
    FEWER_THAN = "fewer_than"
    NEARLY = "nearly"
    RANGE = "range"


class Kind(enum.StrEnum):
    """Which claims of a metric are held against each other (contract section 3).

    ``level``: a quantity that rises and falls, compared only among the claims in force at the same
    moment; ``cumulative``: a running total that can only grow; ``fixed``: one number that does not
    change once it happened, every claim against every other.
    """

    LEVEL = "level"
    CUMULATIVE = "cumulative"
    FIXED = "fixed"


MAX_VALUE = 10**15
"""The largest figure a claim holds: every whole number up to it is kept exactly."""


def value_problem(written: str) -> str | None:
    """Why a number, as written (``1850``, ``2.5``, ``1.0e+24``), cannot be a claim's figure, or
    None when it can: beyond :data:`MAX_VALUE`, or with more digits than a stored number keeps
    (it would be changed)."""
    digits = written.strip().lstrip("+-").replace("_", "")
    if digits.isdigit() and len(digits) <= 15:
        return None  # the usual figure: no need for decimal arithmetic (nor its import)
    from decimal import Decimal, InvalidOperation

    try:
        number = Decimal(digits)
    except InvalidOperation:
        return "is not a number"
    if not number.is_finite():
        return "is not a finite number"
    if number > MAX_VALUE:
        return "is beyond 10^15, more than any count figcheck can keep exactly"
    if Decimal(repr(float(number))) != number:
        return "has more digits than figcheck can keep exactly (15 significant digits always are)"
    return None


def tolerance_warning(tolerance: float) -> str | None:
    """A tolerance above 1 is relative: 5 means 500 %, almost surely meant as 5 % (0.05)."""
    if tolerance <= 1:
        return None
    shown = f"{tolerance:g}"
    return (
        f"tolerance {shown} means {tolerance * 100:g} % (it is relative); "
        f"for {shown} % write {tolerance / 100:g}"
    )


@dataclass(frozen=True, slots=True)
class Location:
    """Where something was read: a file name (as given by the user) and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the claims file, found while reading it."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure, stated by one source on one date, about a moment (``as_of``, else ``date``).

    ``as_of`` is ISO text: a date (``2026-01-10``) or a date and time (``2026-01-10T18:00``).
    """

    id: str
    metric: str
    source: str
    date: dt.date
    value: float | None = None
    qualifier: Qualifier = Qualifier.EXACT
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    text: str | None = None
    url: str | None = None
    note: str | None = None
    as_of: str | None = None
    location: Location | None = field(default=None, compare=False)

    @property
    def moment(self) -> str:
        """The moment the figure describes, as sortable ISO text: ``as_of``, else ``date``."""
        return self.as_of if self.as_of is not None else self.date.isoformat()

    @property
    def point(self) -> float:
        """The claim's single figure: its value, or the middle of its range."""
        if self.value is not None:
            return self.value
        assert self.low is not None and self.high is not None
        return (self.low + self.high) / 2


@dataclass(frozen=True, slots=True)
class Metric:
    """A registry entry: what is counted, in which unit, and under which other names."""

    name: str
    description: str | None = None
    unit: str | None = None
    kind: Kind = Kind.LEVEL
    aliases: tuple[str, ...] = ()
    window: int | None = None  # level only: days a figure stays in force (else settings.window)
    part_of: str | None = None  # a subset of this whole
    parts: tuple[str, ...] = ()  # disjoint subsets of this metric
    declared_kind: bool = field(default=False, compare=False)  # the registry gave ``kind``
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Source:
    """A ``sources:`` registry entry: one source under its key, display name and aliases."""

    key: str
    name: str | None = None
    aliases: tuple[str, ...] = ()
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Settings:
    """File-wide settings: tolerance before claims contradict, the width of "about", and the days
    a level figure stays in force."""

    tolerance: float = 0.10
    about: float = 0.10
    vague: tuple[tuple[str, float, float], ...] = ()
    window: int = 7
    given: tuple[tuple[str, int], ...] = field(default=(), compare=False)  # each key, its line


@dataclass(frozen=True, slots=True)
class Include:
    """An ``include:`` entry: a path or glob pattern, relative to the file that names it."""

    pattern: str
    line: int


@dataclass(frozen=True, slots=True)
class ClaimsFile:
    """Everything read from a claims file."""

    path: str
    claims: Sequence[Claim] = ()  # a tuple, or a ClaimTable from the fast reader or the cache
    metrics: tuple[Metric, ...] = ()
    sources: tuple[Source, ...] = ()
    settings: Settings = Settings()
    includes: tuple[Include, ...] = ()  # the other files this one names (not read by it)

    def kind_of(self, metric: str) -> Kind:
        """The kind of a metric, level when it has no registry entry."""
        for entry in self.metrics:
            if entry.name == metric:
                return entry.kind
        return Kind.LEVEL

    def window_of(self, metric: str) -> int:
        """The days a level metric's figure stays in force: the metric's, else the file's."""
        for entry in self.metrics:
            if entry.name == metric and entry.window is not None:
                return entry.window
        return self.settings.window

    def kinds(self) -> dict[str, Kind]:
        """Each registered metric's kind (:meth:`kind_of` for many metrics at once)."""
        return {entry.name: entry.kind for entry in self.metrics}

    def windows(self) -> dict[str, int]:
        """Each registered metric's window, where it has its own (else ``settings.window``)."""
        return {entry.name: entry.window for entry in self.metrics if entry.window is not None}

    def source_keys(self) -> dict[str, str]:
        """Every folded name of a registered source (key, name, aliases) mapped to its key."""
        keys: dict[str, str] = {}
        for entry in self.sources:
            for name in (entry.key, entry.name, *entry.aliases):
                if name is not None:
                    keys.setdefault(fold_source(name), entry.key)
        return keys

    def source_names(self) -> dict[str, str]:
        """The registry's display name of each source key that has one."""
        return {entry.key: entry.name for entry in self.sources if entry.name}

    def used_metrics(self) -> set[str]:
        """The metrics that claims name (after the registry resolved them)."""
        return set(ClaimTable.of(self.claims, self.path).columns["metric"])

    def metric_names(self) -> dict[str, str]:
        """Every slug that names a metric (its own name and its aliases) mapped to the metric."""
        names: dict[str, str] = {}
        for entry in self.metrics:
            names[entry.name] = entry.name
            for alias in entry.aliases:
                names.setdefault(slugify(alias), entry.name)
        return names


_NOT_SLUG = re.compile(r"[^0-9a-z]+")


def fold_source(name: str) -> str:
    """A source's text as compared: case and surrounding spaces ignored (contract section 3)."""
    return name.strip().casefold()


def slugify(name: str) -> str:
    """A metric name as a snake_case slug: ``"Political prisoners"`` -> ``political_prisoners``."""
    return _NOT_SLUG.sub("_", name.casefold()).strip("_")


def _number_text(number: float | None) -> str:
    if number is None:
        return ""
    return repr(float(number))


def content_id(claim: Claim) -> str:
    """A stable id derived from what a claim says, so reordering a file never changes ids."""
    return content_id_of(
        claim.metric,
        claim.source,
        claim.date.isoformat(),
        claim.value,
        claim.qualifier.value,
        claim.low,
        claim.high,
        claim.unit,
        claim.text,
        claim.as_of,
    )


def content_id_of(
    metric: str,
    source: str,
    date: str,
    value: float | None,
    qualifier: str,
    low: float | None,
    high: float | None,
    unit: str | None,
    text: str | None,
    as_of: str | None = None,
) -> str:
    """:func:`content_id` from the parts themselves (the date as ISO text); ``as_of`` counts only
    when given, so the ids of claims without one are those of earlier versions."""
    parts = (
        metric,
        source,
        date,
        _number_text(value),
        qualifier,
        _number_text(low),
        _number_text(high),
        unit or "",
        text or "",
        *(() if as_of is None else (as_of,)),
    )
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=4)
    return digest.hexdigest()


TABLE_COLUMNS = (
    "id",
    "metric",
    "source",
    "date",
    "value",
    "qualifier",
    "low",
    "high",
    "unit",
    "text",
    "url",
    "note",
    "as_of",
    "line",
)


class ClaimTable(Sequence[Claim]):
    """Claims kept column by column (dates as ISO text), as the fast reader and the cache hold them.

    It is a sequence of :class:`Claim` like any other (a claim is made when it is asked for), and
    the analysis reads its columns directly, so a large file never becomes a claim object per row.
    """

    __slots__ = ("columns", "files", "path")

    def __init__(
        self,
        columns: dict[str, list[Any]],
        path: str,
        files: tuple[tuple[int, str], ...] = (),
    ) -> None:
        self.columns = columns
        self.path = path
        # claims read from several files: (the row after the file's last claim, the file), in
        # order; empty when every claim is ``path``'s
        self.files = files

    def path_of(self, row: int) -> str:
        """The file the claim at ``row`` was read from."""
        if not self.files:
            return self.path
        if row < 0:
            row += len(self)
        return self.files[bisect.bisect_right(self.files, row, key=lambda part: part[0])][1]

    @classmethod
    def of(cls, claims: Sequence[Claim], path: str) -> ClaimTable:
        """The table of any sequence of claims (itself, when it is one already)."""
        if isinstance(claims, ClaimTable):
            return claims
        columns: dict[str, list[Any]] = {name: [] for name in TABLE_COLUMNS}
        for claim in claims:
            for name in TABLE_COLUMNS[:-1]:
                columns[name].append(getattr(claim, name))
            columns["line"].append(claim.location.line if claim.location else None)
        columns["date"] = [date.isoformat() for date in columns["date"]]
        columns["qualifier"] = [str(qualifier) for qualifier in columns["qualifier"]]
        return cls(columns, path)

    def __len__(self) -> int:
        return len(self.columns["id"])

    @overload
    def __getitem__(self, index: int) -> Claim: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Claim, ...]: ...

    def __getitem__(self, index: int | slice) -> Claim | tuple[Claim, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        c = self.columns
        line = c["line"][index]
        return Claim(
            id=c["id"][index],
            metric=c["metric"][index],
            source=c["source"][index],
            date=dt.date.fromisoformat(c["date"][index]),
            value=c["value"][index],
            qualifier=Qualifier(c["qualifier"][index]),
            low=c["low"][index],
            high=c["high"][index],
            unit=c["unit"][index],
            text=c["text"][index],
            url=c["url"][index],
            note=c["note"][index],
            as_of=c["as_of"][index],
            location=None
            if line is None
            else Location(self.path_of(index) if self.files else self.path, line),
        )

    def __iter__(self) -> Iterator[Claim]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ClaimTable):  # column by column: no claim objects made
            mine, theirs = self.columns, other.columns
            return all(mine[name] == theirs[name] for name in TABLE_COLUMNS[:-1])
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def with_claim(self, claim: Claim) -> ClaimTable:
        """A new table: these claims and one more (of the last file)."""
        row = ClaimTable.of((claim,), self.path).columns
        files = (*self.files[:-1], (self.files[-1][0] + 1, self.files[-1][1])) if self.files else ()
        return ClaimTable(
            {name: self.columns[name] + row[name] for name in TABLE_COLUMNS}, self.path, files
        )

    def without(self, index: int) -> ClaimTable:
        """A new table: these claims but the one at ``index``."""
        columns = {
            name: values[:index] + values[index + 1 :] for name, values in self.columns.items()
        }
        files = tuple((end - (end > index), path) for end, path in self.files)
        return ClaimTable(columns, self.path, files)

    def rows_where(self, **wanted: object) -> list[int]:
        """The rows whose columns hold these values (``metric="deaths", date="2026-01-12"``)."""
        rows: list[int] | None = None
        for name, value in wanted.items():
            column = self.columns[name]
            if rows is None:
                rows = [row for row, held in enumerate(column) if held == value]
            else:
                rows = [row for row in rows if column[row] == value]
        return list(range(len(self))) if rows is None else rows

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"ClaimTable({len(self)} claims from {self.path})"
