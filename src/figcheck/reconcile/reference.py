"""The verdict of one metric or one relation, claim by claim in plain Python (contract section 3).

This is the contract's section 3 as it is written: at each moment, the claims in force; for a
running total, every ordered pair. It is what ``add`` and ``rm`` print (no pandas to import) and the
definition that :mod:`figcheck.analysis`, which does every metric at once on whole columns, is
tested against.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from figcheck.model import ClaimsFile, Kind, slugify
from figcheck.reconcile.rules import INF, day_number, diverges, ratio
from figcheck.reconcile.verdict import Verdict


@dataclass(frozen=True, slots=True)
class Stated:
    """A claim as the rules see it: who said it, about which moment, when, and what it allows.

    ``order`` is the claim's place in the file (ties go to the claim listed first).
    """

    id: str
    metric: str
    source: str  # as written
    source_key: str  # who it is (case folded, through the sources registry)
    moment: str  # ISO date or date and time
    date: str  # ISO date the source stated it
    order: int
    lo: float
    hi: float
    point: float


def corrected(claims: Iterable[Stated]) -> list[Stated]:
    """Of one source's claims about one moment, those stated on the latest date."""
    claims = list(claims)
    latest: dict[tuple[str, str, str], str] = {}
    for claim in claims:
        key = (claim.metric, claim.source_key, claim.moment)
        if claim.date > latest.get(key, ""):
            latest[key] = claim.date
    return [c for c in claims if c.date == latest[(c.metric, c.source_key, c.moment)]]


class _Sources:
    """One metric's claims by source, to find the claims in force at a moment."""

    def __init__(self, claims: Sequence[Stated], window: int) -> None:
        self.window = window
        self.moments: dict[str, list[str]] = {}
        self.claims: dict[tuple[str, str], list[Stated]] = {}
        for claim in claims:
            self.claims.setdefault((claim.source_key, claim.moment), []).append(claim)
        for source, moment in sorted(self.claims):
            self.moments.setdefault(source, []).append(moment)

    def in_force(self, moment: str) -> list[Stated]:
        """For every source, its claims of its latest moment at or before ``moment``, when that
        moment's day is at most ``window`` days before ``moment``'s day."""
        day = day_number(moment)
        held: list[Stated] = []
        for source, moments in self.moments.items():
            at = bisect.bisect_right(moments, moment)
            if at and day - day_number(moments[at - 1]) <= self.window:
                held.extend(self.claims[(source, moments[at - 1])])
        return held


def _rank(claims: Iterable[Stated]) -> dict[str, int]:
    return {moment: rank for rank, moment in enumerate(sorted({c.moment for c in claims}))}


def _lo_setter(claims: Sequence[Stated], rank: dict[str, int]) -> Stated:
    """The claim that sets the largest lo; ties to the later moment, then the first listed."""
    return min(claims, key=lambda c: (-c.lo, -rank[c.moment], c.order))


def _hi_setter(claims: Sequence[Stated], rank: dict[str, int]) -> Stated:
    """The claim that sets the smallest hi; ties to the later moment, then the first listed."""
    return min(claims, key=lambda c: (c.hi, -rank[c.moment], c.order))


@dataclass(frozen=True, slots=True)
class _Outcome:
    status: str
    as_of: str
    range_low: float | None
    range_high: float | None
    ratio: float | None
    conflict: tuple[str, ...]
    uncompared: int


def _bounds(low: float, high: float, divergent: bool) -> tuple[float | None, float | None]:
    if divergent:
        return None, None
    return min(low, high), max(low, high)


def held_against_another(claims: Sequence[Stated], window: int) -> set[str]:
    """The ids of a level metric's claims that were in force at some moment with another claim."""
    sources = _Sources(claims, window)
    compared: set[str] = set()
    for moment in sorted({c.moment for c in claims}):
        held = sources.in_force(moment)
        if len(held) > 1:
            compared.update(c.id for c in held)
    return compared


@dataclass(frozen=True, slots=True)
class HeldAt:
    """A level metric at one of its moments: the claims in force then, the claims that set the
    largest lo and the smallest hi among them, and whether those two diverge."""

    moment: str
    held: tuple[Stated, ...]
    lo: Stated
    hi: Stated
    divergent: bool


def level_moments(claims: Sequence[Stated], window: int, tolerance: float) -> list[HeldAt]:
    """A level metric's moments in order, each with the claims in force then compared."""
    rank = _rank(claims)
    sources = _Sources(claims, window)
    moments = []
    for moment in sorted(rank):
        held = sources.in_force(moment)
        lo, hi = _lo_setter(held, rank), _hi_setter(held, rank)
        moments.append(HeldAt(moment, tuple(held), lo, hi, bool(diverges(lo.lo, hi.hi, tolerance))))
    return moments


def spoken_of(moments: Sequence[HeldAt]) -> HeldAt:
    """The moment a level verdict speaks of: the last at which claims diverge, else the last."""
    return ([m for m in moments if m.divergent] or list(moments))[-1]


def _level(claims: Sequence[Stated], window: int, tolerance: float) -> _Outcome:
    compared = held_against_another(claims, window)
    chosen = spoken_of(level_moments(claims, window, tolerance))
    lo, hi, divergent = chosen.lo, chosen.hi, chosen.divergent
    status = "divergent" if divergent else "consistent" if compared else "single"
    low, high = _bounds(lo.lo, hi.hi, divergent)
    return _Outcome(
        status,
        chosen.moment,
        low,
        high,
        ratio(lo.lo, hi.hi) if len(chosen.held) > 1 and status != "single" else None,
        (lo.id, hi.id) if divergent else (),
        sum(1 for c in claims if c.id not in compared),
    )


def _fixed(claims: Sequence[Stated], tolerance: float) -> _Outcome:
    rank = _rank(claims)
    lo, hi = _lo_setter(claims, rank), _hi_setter(claims, rank)
    divergent = bool(diverges(lo.lo, hi.hi, tolerance))
    single = len(claims) == 1
    low, high = _bounds(lo.lo, hi.hi, divergent)
    return _Outcome(
        "divergent" if divergent else "single" if single else "consistent",
        max(rank),
        low,
        high,
        None if single else ratio(lo.lo, hi.hi),
        (lo.id, hi.id) if divergent else (),
        1 if single else 0,
    )


def _pair_score(earlier: Stated, later: Stated) -> float | None:
    """How far an earlier claim's lo is above a later claim's hi: ``lo/hi`` (infinite when hi is
    0 and lo is not), None when the pair has no ratio (hi infinite, or both 0)."""
    if later.hi == 0:
        return INF if earlier.lo > 0 else None
    return ratio(earlier.lo, later.hi) if later.hi != INF else None


def _cumulative(claims: Sequence[Stated], tolerance: float) -> _Outcome:
    """Every pair A, B of distinct claims with moment(A) <= moment(B): for each B, the A with the
    largest lo (the first listed of equals) among the claims up to B's moment but B itself."""
    rank = _rank(claims)
    by_moment: dict[str, list[Stated]] = {}
    for claim in claims:
        by_moment.setdefault(claim.moment, []).append(claim)
    best: tuple[tuple[float, int, int, int], Stated, Stated] | None = None
    before: list[Stated] = []  # the two claims with the largest lo before this moment
    crossed = False  # some pair with lo(A) > hi(B)·(1+t), as the contract multiplies
    for moment in sorted(by_moment):
        group = by_moment[moment]
        top = sorted([*before, *group], key=lambda c: (-c.lo, c.order))[:2]
        for later in group:
            candidates = [c for c in top if c.id != later.id]
            if not candidates:
                continue
            earlier = candidates[0]
            crossed |= bool(diverges(earlier.lo, later.hi, tolerance))
            score = _pair_score(earlier, later)
            if score is None:
                continue
            key = (score, rank[moment], -earlier.order, -later.order)
            if best is None or key > best[0]:
                best = (key, earlier, later)
        before = top
    latest = max(rank)
    if best is None:  # one claim, or no pair with a ratio: nothing diverges
        divergent, as_of, score = False, latest, None
    else:
        score = best[0][0]
        divergent = crossed
        as_of = best[2].moment if divergent else latest
    low = max(c.lo for c in claims)
    high = min(c.hi for c in claims if c.moment >= as_of)
    single = len(claims) == 1
    pair = (best[1].id, best[2].id) if divergent and best is not None else ()
    return _Outcome(
        "divergent" if divergent else "single" if single else "consistent",
        as_of,
        *_bounds(low, high, divergent),
        None if score is None or score == INF or single else score,
        pair,
        1 if single else 0,
    )


def metric_verdict(
    metric: str, kind: Kind, claims: Sequence[Stated], *, window: int, tolerance: float
) -> Verdict | None:
    """The verdict of one metric from its claims (filters already applied), None with none."""
    claims = corrected(claims)
    if not claims:
        return None
    if kind is Kind.LEVEL:
        outcome = _level(claims, window, tolerance)
    elif kind is Kind.CUMULATIVE:
        outcome = _cumulative(claims, tolerance)
    else:
        outcome = _fixed(claims, tolerance)
    points = [c.point for c in claims]
    return Verdict(
        metric=metric,
        status=outcome.status,
        claims=len(claims),
        sources=len({c.source_key for c in claims}),
        min=min(points),
        max=max(points),
        median=float(statistics.median(points)),
        range_low=outcome.range_low,
        range_high=outcome.range_high,
        ratio=outcome.ratio,
        kind=kind.value,
        conflict=outcome.conflict,
        as_of=outcome.as_of,
        window=window if kind is Kind.LEVEL else None,
        uncompared=outcome.uncompared,
    )


@dataclass(frozen=True, slots=True)
class Relation:
    """A declared relation: ``parts`` (one for ``part_of``) never more than ``whole``, together.

    ``kind`` is ``part`` (from a ``part_of``) or ``parts`` (from a ``parts`` list).
    """

    kind: str
    whole: str
    parts: tuple[str, ...]

    @property
    def name(self) -> str:
        """The relation in words, as the report's ``metric`` column shows it."""
        return f"{' + '.join(self.parts)} ≤ {self.whole}"


def _held_sum(
    parts: Sequence[Sequence[Stated]], rank: dict[str, int]
) -> tuple[float, tuple[str, ...]]:
    """The sum of each part's largest lo (0 for a part with no claim) and the claims that set
    them, in the order of the parts."""
    total, setters = 0.0, []
    for claims in parts:
        if claims:
            setter = _lo_setter(claims, rank)
            total += setter.lo
            setters.append(setter.id)
    return total, tuple(setters)


def relation_verdict(
    relation: Relation,
    kind: Kind,
    claims: Mapping[str, Sequence[Stated]],
    windows: Mapping[str, int],
    tolerance: float,
) -> Verdict | None:
    """The verdict of one relation from the claims of its metrics (filters already applied); None
    when none of its metrics has a claim."""
    whole = corrected(claims.get(relation.whole, ()))
    parts = [corrected(claims.get(part, ())) for part in relation.parts]
    everything = [*whole, *(c for part in parts for c in part)]
    if not everything:
        return None
    rank = _rank(everything)
    # each held moment: (moment, whole claims held, each part's claims held)
    held: list[tuple[str, list[Stated], list[list[Stated]]]] = []
    if kind is Kind.LEVEL:
        whole_sources = _Sources(whole, windows[relation.whole])
        part_sources = [_Sources(c, windows[p]) for c, p in zip(parts, relation.parts, strict=True)]
        for moment in sorted(rank):
            in_whole = whole_sources.in_force(moment)
            in_parts = [sources.in_force(moment) for sources in part_sources]
            if in_whole and any(in_parts):
                held.append((moment, in_whole, in_parts))
    elif kind is Kind.FIXED:
        if whole and any(parts):
            held.append((max(rank), whole, parts))
    else:  # cumulative: each whole claim against the parts' claims at the same or an earlier moment
        for moment in sorted({c.moment for c in whole}):
            before = [[c for c in part if c.moment <= moment] for part in parts]
            if any(before):
                held.append((moment, [c for c in whole if c.moment == moment], before))
    compared: set[str] = set()
    best: tuple[str, tuple[str, ...]] | None = None  # the latest conflicting moment and its ids
    top_ratio: float | None = None
    for moment, in_whole, in_parts in held:
        compared.update(c.id for c in in_whole)
        compared.update(c.id for part in in_parts for c in part)
        setter = _hi_setter(in_whole, rank)
        total, part_setters = _held_sum(in_parts, rank)
        bounded = [c.hi for c in in_whole if 0 < c.hi < INF]  # the ratio's whole claims
        if bounded:
            score = total / min(bounded)
            top_ratio = score if top_ratio is None else max(top_ratio, score)
        if diverges(total, setter.hi, tolerance):
            best = (moment, (setter.id, *part_setters))
    if best is not None:
        status, (as_of, ids) = "divergent", best
    else:
        status = "consistent" if held else "single"
        as_of = held[-1][0] if held else max(rank)
        ids = ()
    return Verdict(
        metric=relation.name,
        status=status,
        claims=len(everything),
        sources=len({c.source_key for c in everything}),
        min=None,
        max=None,
        median=None,
        range_low=None,
        range_high=None,
        ratio=top_ratio if status != "single" else None,
        kind=relation.kind,
        conflict=ids,
        as_of=as_of,
        window=windows[relation.whole] if kind is Kind.LEVEL else None,
        uncompared=sum(1 for c in everything if c.id not in compared),
    )


def declared_relations(claims_file: ClaimsFile) -> list[Relation]:
    """Every relation the registry declares: each ``part_of``, then each ``parts`` list."""
    names = claims_file.metric_names()

    def named(name: str) -> str:
        return names.get(slugify(name), slugify(name))

    relations = [
        Relation("part", named(entry.part_of), (entry.name,))
        for entry in claims_file.metrics
        if entry.part_of
    ]
    relations += [
        Relation("parts", entry.name, tuple(named(part) for part in entry.parts))
        for entry in claims_file.metrics
        if entry.parts
    ]
    return relations


def related(claims_file: ClaimsFile, metric: str) -> list[Relation]:
    """The declared relations a metric is in."""
    return [r for r in declared_relations(claims_file) if metric in (r.whole, *r.parts)]
