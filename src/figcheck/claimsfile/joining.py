"""Several claims files as one: where an ``include:`` leads, and the files' contents joined.

Each file is read (and cached) on its own by :func:`figcheck.claimsfile.reading.read`;
:func:`figcheck.claimsfile.reading.read_files` follows the includes and hands what each file says
to :func:`join`, which checks what no single file can: a claim id used in two files, a metric,
source or setting defined differently in two files. Every problem names the file and line it is
at, and the other place it clashes with.
"""

from __future__ import annotations

import dataclasses
import glob
import os
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from figcheck.claimsfile.full_reader import claim_interval, relate
from figcheck.model import (
    TABLE_COLUMNS,
    ClaimsFile,
    ClaimTable,
    Include,
    Kind,
    Location,
    Metric,
    Problem,
    Settings,
    Source,
    content_id_of,
    fold_source,
    slugify,
)

_GLOB = frozenset("*?[")
_Entry = TypeVar("_Entry", Metric, Source)


def included_paths(include: Include, parent: str) -> tuple[list[str], str | None]:
    """The files an ``include:`` entry of the file ``parent`` names (as the user would write
    them: relative to the current folder when ``parent`` is), sorted, without ``parent`` itself;
    or why it names none."""
    folder = os.path.dirname(parent) if parent != "-" else ""
    joined = os.path.normpath(os.path.join(folder, os.path.expanduser(include.pattern)))
    if not _GLOB & set(include.pattern):
        if os.path.isdir(joined):
            return [], f"include '{include.pattern}' is a folder ({joined}); give files or *.yaml"
        if not os.path.isfile(joined):
            return [], f"include '{include.pattern}': no such file ({joined})"
        return [joined], None
    own = os.path.realpath(parent) if parent != "-" else None
    found = sorted(
        path
        for path in glob.glob(joined, recursive=True)
        if os.path.isfile(path) and os.path.realpath(path) != own
    )
    if not found:
        return [], f"include '{include.pattern}' matches no file ({joined})"
    return found, None


def real_path(path: str) -> Path:
    return Path(os.path.realpath(path))


def join(
    files: Sequence[ClaimsFile], reported: Collection[Problem] = ()
) -> tuple[ClaimsFile, list[Problem]]:
    """The files as one claims file (named as the first), and what clashes between them.

    Claims follow each other in the files' order; registries and settings merge, the first file
    that gives an entry or a setting giving it; an entry or setting given differently by a later
    file, or a claim id already used, is a problem at the later place. A claim whose metric is an
    alias only another file's registry declares is resolved through the joined registry (and its
    derived id follows, as if the registry were its own file's). Parts and wholes are checked
    in the joined registry (:func:`related`), so a metric may be part of one another file
    declares; what the files' own reads found (``reported``) is not said again.
    """
    problems: list[Problem] = []
    settings = _settings(files, problems)
    metrics = _metrics(files, problems)
    places: dict[str, Location] = {}
    for part in files:
        for entry in part.metrics:
            places.setdefault(entry.name, _place(part.path, entry.line))
    metrics, relation_problems = related(metrics, places, reported)
    problems += relation_problems
    sources = _sources(files, problems)
    names = ClaimsFile(files[0].path, metrics=metrics).metric_names()
    tables = [resolved(ClaimTable.of(part.claims, part.path), names) for part in files]
    for part, table in zip(files, tables, strict=True):
        if part.settings.about != settings.about:
            _check_bounds(table, settings.about, problems)
    columns: dict[str, list[Any]] = {name: [] for name in TABLE_COLUMNS}
    ends: list[tuple[int, str]] = []
    for table in tables:
        for name in TABLE_COLUMNS:
            columns[name].extend(table.columns[name])
        ends.append((len(columns["id"]), table.path))
    claims = ClaimTable(columns, files[0].path, tuple(ends))
    problems += _repeated_ids(claims)
    joined = ClaimsFile(files[0].path, claims, metrics, sources, settings)
    return joined, problems


def related(
    metrics: tuple[Metric, ...],
    places: Mapping[str, Location],
    reported: Collection[Problem] = (),
) -> tuple[tuple[Metric, ...], list[Problem]]:
    """The registry of the files read with its parts and wholes checked across them (each
    metric at its place): a ``part_of`` or ``parts`` naming no metric of any file, a metric
    part of itself through metrics of several files, a part whose kind or unit differs from its
    whole's in another file; a part that declares no kind takes its whole's, wherever that is.
    What a file's own read already said (``reported``) is not said again."""
    if not any(entry.part_of or entry.parts for entry in metrics):
        return metrics, []
    checked, problems = relate(metrics, lambda entry: places[entry.name], every_name_known=True)
    said = set(reported)
    return checked, [problem for problem in problems if problem not in said]


def _place(path: str, line: int | None) -> Location:
    return Location(path, line or 1)


def _settings(files: Sequence[ClaimsFile], problems: list[Problem]) -> Settings:
    chosen: dict[str, tuple[Any, Location]] = {}
    for part in files:
        for key, line in part.settings.given:
            value = getattr(part.settings, key)
            here = Location(part.path, line)
            if key not in chosen:
                chosen[key] = (value, here)
            elif chosen[key][0] != value:
                first, there = chosen[key]
                problems.append(
                    Problem(
                        here,
                        f"settings.{key} is {_shown(value)} here but {_shown(first)} at {there}; "
                        "give each setting in one file",
                    )
                )
    return Settings(**{key: value for key, (value, _) in chosen.items()})


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple):
        return "[" + ", ".join(f"{word}: [{low:g}, {high:g}]" for word, low, high in value) + "]"
    return str(value)


def _metrics(files: Sequence[ClaimsFile], problems: list[Problem]) -> tuple[Metric, ...]:
    return _registry(
        [(part.path, part.metrics) for part in files],
        "metric",
        lambda entry: entry.name,
        lambda entry: [
            (name, name) for name in (entry.name, *(slugify(alias) for alias in entry.aliases))
        ],
        problems,
        _as_written,
    )


def _as_written(entry: Metric) -> object:
    """A metric as its file writes it: a kind it does not declare is the default, ``level``,
    except for a part, whose kind is then its whole's, not the one its read filled in (the
    whole's, when the whole is in the same file)."""
    undeclared = None if entry.part_of else Kind.LEVEL
    return (
        dataclasses.replace(entry, kind=Kind.LEVEL),
        entry.kind if entry.declared_kind else undeclared,
    )


def _sources(files: Sequence[ClaimsFile], problems: list[Problem]) -> tuple[Source, ...]:
    return _registry(
        [(part.path, part.sources) for part in files],
        "source",
        lambda entry: entry.key,
        lambda entry: [
            (fold_source(spelling), spelling)
            for spelling in (entry.key, entry.name, *entry.aliases)
            if spelling is not None
        ],
        problems,
    )


def _registry(
    parts: Sequence[tuple[str, Sequence[_Entry]]],
    kind: str,
    key_of: Callable[[_Entry], str],
    names_of: Callable[[_Entry], list[tuple[str, str]]],
    problems: list[Problem],
    written: Callable[[_Entry], object] = lambda entry: entry,
) -> tuple[_Entry, ...]:
    """One registry (``metrics`` or ``sources``) from every file's, in file order: an entry
    defined the same in two files is kept once; defined differently, or a name (an alias, a
    folded spelling) that names two entries, is a problem naming both places. ``names_of``
    gives each name an entry answers to, as compared and as shown; ``written`` what of an
    entry is compared (what its file says)."""
    merged: dict[str, tuple[_Entry, Location]] = {}
    owner: dict[str, tuple[str, Location]] = {}  # every name -> its entry's key, where
    for path, entries in parts:
        for entry in entries:
            here = _place(path, entry.line)
            key = key_of(entry)
            if key in merged:
                first, there = merged[key]
                if written(first) != written(entry):
                    problems.append(
                        Problem(
                            here,
                            f"{kind} '{key}' is defined differently at {there}; "
                            f"define each {kind} in one file (or the same in both)",
                        )
                    )
                continue
            merged[key] = (entry, here)
            for name, shown in names_of(entry):
                other, there = owner.setdefault(name, (key, here))
                if other != key:
                    says = f"'{shown}' names {kind} '{key}' here but '{other}' at {there}"
                    problems.append(Problem(here, says))
    return tuple(entry for entry, _ in merged.values())


def resolved(table: ClaimTable, names: dict[str, str]) -> ClaimTable:
    """The table with each metric that the joined registry names otherwise (an alias declared in
    another file) resolved, and the derived ids of those claims derived again."""
    metrics = table.columns["metric"]
    changed = {used: names[used] for used in set(metrics) if names.get(used, used) != used}
    if not changed:
        return table
    c = dict(table.columns)
    c["metric"], c["id"] = list(metrics), list(c["id"])
    for row, metric in enumerate(metrics):
        if metric not in changed:
            continue
        parts = (c["source"][row], c["date"][row], c["value"][row], c["qualifier"][row])
        rest = (c["low"][row], c["high"][row], c["unit"][row], c["text"][row], c["as_of"][row])
        if c["id"][row] == content_id_of(metric, *parts, *rest):
            c["id"][row] = content_id_of(changed[metric], *parts, *rest)
        c["metric"][row] = changed[metric]
    return ClaimTable(c, table.path, table.files)


def _check_bounds(table: ClaimTable, about: float, problems: list[Problem]) -> None:
    """A claim of a file whose own ``about`` differs from the joined one may allow no value."""
    c = table.columns
    for row in range(len(table)):
        if c["low"][row] is None and c["high"][row] is None:
            continue
        claim = table[row]
        low, high = claim_interval(claim, about)
        if low > high:
            problems.append(
                Problem(
                    _place(table.path, c["line"][row]),
                    f"with settings.about {about:g} (of another file) this claim allows no value "
                    f"(from {low:g} to {high:g})",
                )
            )


def _repeated_ids(claims: ClaimTable) -> list[Problem]:
    """A problem at each claim whose id a claim of an earlier file already has."""
    ids = claims.columns["id"]
    if len(set(ids)) == len(ids):
        return []
    first: dict[str, int] = {}
    problems: list[Problem] = []
    lines = claims.columns["line"]
    for row, claim_id in enumerate(ids):
        if claim_id not in first:
            first[claim_id] = row
            continue
        there = _place(claims.path_of(first[claim_id]), lines[first[claim_id]])
        problems.append(
            Problem(
                _place(claims.path_of(row), lines[row]),
                f"duplicate id {claim_id} (also at {there}); ids are unique across the files "
                "read (a claim without id: the same claim recorded twice, remove one)",
            )
        )
    return problems
