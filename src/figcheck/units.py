"""The units of a metric's claims: figures in different units are compared as if alike.

A claim's ``unit`` is optional free text. A claim without one is in the unit its metric declares
in the registry, when it declares one; otherwise its unit is not stated, and a figure whose unit is
not stated is never said to differ from one whose unit is (as a part's undeclared unit never
differs from its whole's). Units are compared ignoring case and surrounding spaces.
"""

from __future__ import annotations

from dataclasses import dataclass

from figcheck.model import ClaimsFile, ClaimTable
from figcheck.wording import counted

SHOWN_PLACES = 5  # claims named for each unit; the rest are counted


@dataclass(frozen=True, slots=True)
class MixedUnits:
    """One metric whose claims are in more than one unit: each unit (as first written) with the
    places (``file:line``) of the claims in it, the unit of the first claim first; ``declared``,
    the registry's unit of the metric, when it has one."""

    metric: str
    units: tuple[tuple[str, tuple[str, ...]], ...]
    declared: str | None = None

    def __str__(self) -> str:
        groups = []
        for unit, places in self.units:
            shown = ", ".join(places[:SHOWN_PLACES])
            if len(places) > SHOWN_PLACES:
                shown += f" and {len(places) - SHOWN_PLACES} more"
            label = f"'{unit}'"
            if self.declared is not None and _folded(unit) == _folded(self.declared):
                label += " (the metric's declared unit)"
            groups.append(f"{label} at {shown}" if places else label)
        # first the first claim in a unit other than the first claim's, else the first claim
        lead = [places[0] for _, places in (*self.units[1:], self.units[0]) if places][0]
        return f"{lead}: metric '{self.metric}' mixes units, compared as if alike: " + "; ".join(
            groups
        )


def _folded(unit: str) -> str:
    return unit.strip().casefold()


def mixed_units(claims_file: ClaimsFile) -> list[MixedUnits]:
    """The metrics whose claims (or claims and registry entry) name more than one unit, in the
    order their first claim appears."""
    declared = {entry.name: entry.unit for entry in claims_file.metrics if entry.unit}
    table = ClaimTable.of(claims_file.claims, claims_file.path)
    metrics, stated, lines = (table.columns[name] for name in ("metric", "unit", "line"))
    # the claims with a unit, stated or declared (most files have few or none: a large file's
    # compare pays only a scan of its units then)
    if not declared and not any(stated):
        return []
    rows = [row for row, unit in enumerate(stated) if unit]
    if declared:
        rows = sorted({*rows, *(row for row, metric in enumerate(metrics) if metric in declared)})
    # metric -> folded unit -> (unit as first written, places)
    found: dict[str, dict[str, tuple[str, list[str]]]] = {}
    for row in rows:
        metric, unit, line = metrics[row], stated[row], lines[row]
        if not unit or not unit.strip():
            unit = declared.get(metric)
            if unit is None:
                continue
        place = f"{table.path_of(row)}:{line}" if line is not None else table.path_of(row)
        units = found.setdefault(metric, {})
        units.setdefault(_folded(unit), (unit.strip(), []))[1].append(place)
    mixed = []
    for metric, units in found.items():
        registry = declared.get(metric)
        if registry is not None and _folded(registry) not in units:
            units[_folded(registry)] = (registry.strip(), [])  # every claim says another unit
        if len(units) > 1:
            groups = tuple((unit, tuple(places)) for unit, places in units.values())
            mixed.append(MixedUnits(metric, groups, registry))
    return mixed


def note(metrics: list[str]) -> str:
    """One line for ``compare``: which metrics' claims are in different units."""
    named = [f"'{metric}'" for metric in metrics[:3]]
    if len(metrics) > 3:
        named.append(counted(len(metrics) - 3, "more metric"))
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return (
        f"claims of {listed} are in different units, compared as if alike "
        "('figcheck check' names them)"
    )
