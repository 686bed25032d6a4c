"""A verdict: what the compare report says of one metric or one relation between metrics."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any

from figcheck.reconcile.rules import STATUS_ORDER


@dataclass(frozen=True, slots=True)
class Verdict:
    """One row of the compare report; its fields are the report's columns, in order.

    Numbers are floats (``inf`` for an open upper bound), None where a column does not apply.
    ``conflict`` holds claim ids (empty unless divergent): for a metric the claims that set the
    largest lower and the smallest upper bound; for a relation the whole's claim first.
    """

    metric: str
    status: str
    claims: int
    sources: int
    min: float | None
    max: float | None
    median: float | None
    range_low: float | None
    range_high: float | None
    ratio: float | None
    kind: str
    conflict: tuple[str, ...]
    as_of: str | None
    window: int | None
    uncompared: int

    def record(self) -> dict[str, Any]:
        """The report's record: plain values, ``conflict`` as a list."""
        record = {name: getattr(self, name) for name in COLUMNS}
        record["conflict"] = list(self.conflict)
        return record

    @property
    def is_relation(self) -> bool:
        """Whether this row is a relation between metrics (``part`` or ``parts``)."""
        return self.kind in ("part", "parts")


COLUMNS = tuple(field.name for field in fields(Verdict))
"""The compare report's columns (JSON keys, in order)."""

CSV_COLUMNS = tuple(
    name
    for column in COLUMNS
    for name in (("conflict_a", "conflict_b") if column == "conflict" else (column,))
)
"""The CSV report's columns: ``conflict`` spread over ``conflict_a`` and ``conflict_b``."""


def sort_key(verdict: Verdict) -> tuple[bool, int, float, str]:
    """The report's order (contract section 3): metrics before relations; divergent first, the
    highest ratio first (a null ratio counts as infinite), then consistent, then single; ties and
    other statuses by the ``metric`` text."""
    ratio = 0.0
    if verdict.status == "divergent":
        ratio = math.inf if verdict.ratio is None else verdict.ratio
    return (verdict.is_relation, STATUS_ORDER[verdict.status], -ratio, verdict.metric)


def in_report_order(verdicts: list[Verdict]) -> list[Verdict]:
    """The verdicts in the report's order (see :func:`sort_key`)."""
    return sorted(verdicts, key=sort_key)
