"""The contract's rules, each written once, for one number or for a whole numpy column.

Nothing here imports numpy or pandas: the arithmetic is written so that it works the same on a float
and on an array (the callers pass whichever they hold).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any, TypeVar

from figcheck.model import Qualifier, fold_source

INF = math.inf
DEFAULT_WINDOW = 7
STATUSES = ("divergent", "consistent", "single")  # the report's order of statuses
STATUS_ORDER = {status: rank for rank, status in enumerate(STATUSES)}

Number = TypeVar("Number")  # a float, or a numpy array of them

# contract section 2: (lo, hi) of a qualifier from the point value v and "about" a
_BOUNDS: dict[Qualifier, tuple[Callable[[Any, float], Any], Callable[[Any, float], Any]]] = {
    Qualifier.EXACT: (lambda v, a: v, lambda v, a: v),
    Qualifier.ABOUT: (lambda v, a: v * (1 - a), lambda v, a: v * (1 + a)),
    Qualifier.AT_LEAST: (lambda v, a: v, lambda v, a: v * 0 + INF),
    Qualifier.MORE_THAN: (lambda v, a: v, lambda v, a: v * 0 + INF),
    Qualifier.AT_MOST: (lambda v, a: v * 0, lambda v, a: v),
    Qualifier.UP_TO: (lambda v, a: v * 0, lambda v, a: v),
    Qualifier.FEWER_THAN: (lambda v, a: v * 0, lambda v, a: v),
    Qualifier.NEARLY: (lambda v, a: v * (1 - a), lambda v, a: v),
}


def derived_bounds(qualifier: Qualifier, point: Number, about: float) -> tuple[Number, Number]:
    """The interval a qualifier gives a point value (``range`` has none: its low and high say)."""
    lo, hi = _BOUNDS[qualifier]
    return lo(point, about), hi(point, about)


def interval(
    qualifier: Qualifier, value: float | None, low: float | None, high: float | None, about: float
) -> tuple[float, float]:
    """The interval ``[lo, hi]`` one claim allows (contract section 2): explicit ``low``/``high``
    override the bounds its qualifier derives from its point value."""
    if qualifier is Qualifier.RANGE:
        derived: tuple[float, float] = (0.0, INF)
    else:
        derived = derived_bounds(qualifier, point_value(value, low, high), about)
    lo = derived[0] if low is None else low
    hi = derived[1] if high is None else high
    return float(lo), float(hi)


def point_value(value: float | None, low: float | None, high: float | None) -> float:
    """A claim's single figure: its value, else the midpoint of its low and high."""
    if value is not None:
        return value
    assert low is not None and high is not None
    return (low + high) / 2


def diverges(largest_lo: Any, smallest_hi: Any, tolerance: float) -> Any:
    """Whether claims cannot all hold at once: ``L > H·(1+t)`` (contract section 3); on numbers
    a bool, on numpy columns a column of them."""
    return largest_lo > smallest_hi * (1 + tolerance)


def ratio(top: float, bottom: float) -> float | None:
    """``top/bottom`` when both are finite and ``bottom`` is positive, else None."""
    if math.isfinite(top) and math.isfinite(bottom) and bottom > 0:
        return top / bottom
    return None


def source_key(source: str, registry: dict[str, str]) -> str:
    """Who a source is: its registry entry's key, else its text folded (contract section 3)."""
    folded = fold_source(source)
    return registry.get(folded, folded)


def day_number(moment: str) -> int:
    """The day of a moment (ISO text) as a count of days, for windows in whole days."""
    return dt.date.fromisoformat(moment[:10]).toordinal()


def end_of_day(day: dt.date) -> str:
    """The latest moment of a day, as ISO text (every time of that day sorts before it)."""
    return f"{day.isoformat()}T99"
