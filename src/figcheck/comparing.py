"""The compare use case: a claims file's compare report for some options, cached for its bytes.

``compare``, ``export`` and ``report`` ask for it; ``add`` keeps the cached default report up to
date (:mod:`figcheck.changes`). Nothing here prints: the command renders the record it gets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from figcheck.errors import UsageError
from figcheck.wording import counted

if TYPE_CHECKING:
    from figcheck.analysis import Filters
    from figcheck.charts import SvgCache
    from figcheck.claimsfile.cache import Cache
    from figcheck.claimsfile.locate import Snapshot
    from figcheck.claimsfile.reading import Progress
    from figcheck.model import ClaimsFile

Records = list[dict[str, Any]]
Speakers = Callable[[Any, Records], dict[str, str]]  # claims and verdicts -> who said what


def end_of(moment: str) -> str:
    """A moment that ends a range: a day alone covers the whole day."""
    return moment if "T" in moment else f"{moment}T99"


def report_key(latest: bool) -> str:
    """The name the default report (every metric, the file's tolerance) is cached under."""
    return f"compare:latest={latest}"


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Which claims a command looks at, as the user gave them (moments as ISO text)."""

    metric: str | None = None
    since: str | None = None
    until: str | None = None
    latest: bool = False
    tolerance: float | None = None
    as_of: str | None = None
    source: str | None = None

    @property
    def narrowed(self) -> bool:
        """Whether these options can leave metrics out of the report."""
        return self.latest or any(
            given is not None for given in (self.metric, self.source, self.since, self.until)
        )

    @property
    def cache_key(self) -> str | None:
        """The name the report is cached under; None when it is not cached for these options."""
        given = (self.metric, self.source, self.since, self.until, self.tolerance, self.as_of)
        return report_key(self.latest) if all(option is None for option in given) else None

    def filters(self, claims_file: ClaimsFile) -> Filters:
        """The filters of the analysis: the metric resolved, each range's end covering its day."""
        from figcheck.analysis import Filters
        from figcheck.metrics import resolve

        since, until, as_of = self.since, self.until, self.as_of
        if since is not None and until is not None and since > end_of(until):
            raise UsageError(
                f"--since {since} is after --until {until}: no claim can be in between"
            )
        return Filters(
            metric=resolve(self.metric, claims_file) if self.metric is not None else None,
            source=self.source,
            since=since,
            until=None if until is None else end_of(until),
            latest=self.latest,
            as_of=None if as_of is None else end_of(as_of),
        )


@dataclass(frozen=True, slots=True)
class CompareReport:
    """The compare report's records (divergent first) and who said what in each conflict."""

    verdicts: Records
    says: dict[str, str]
    file_tolerance: float = 0.10  # settings.tolerance (kept in the cache only when above 1)
    files: tuple[str, ...] = ()  # the claims files read (includes included)
    mixed_units: tuple[str, ...] = ()  # the metrics whose claims are in different units

    def mixed_units_shown(self, verdicts: Records) -> list[str]:
        """The metrics of ``verdicts`` whose claims are in different units."""
        shown = {row["metric"] for row in verdicts}
        return [metric for metric in self.mixed_units if metric in shown]

    def divergent(self) -> Records:
        return [row for row in self.verdicts if row["status"] == "divergent"]


def compare_report(
    sources: Snapshot | Sequence[Snapshot],
    options: CompareOptions,
    speakers: Speakers,
    cache: Cache,
    progress: Progress | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> CompareReport:
    """The compare report of these files (and those they include) with these options.

    With the default options the report is cached for the files' exact bytes, so a second run
    needs neither the claims nor pandas: for one file that includes none, under its bytes (a
    report is kept so only for such a file: the same bytes then still include none); for several
    files, with each file's hash and includes, checked file by file (includes matched again).
    ``speakers`` words who said what (arguments: the claims frame and the verdicts); ``cache`` is
    the command's, and ``progress`` and ``meanwhile`` are
    :func:`figcheck.claimsfile.reading.load`'s.
    """
    if not isinstance(sources, Sequence):  # one file's snapshot
        sources = [sources]
    key = options.cache_key
    snap = sources[0]
    cached = cache.report(snap, key) if key is not None and len(sources) == 1 else None
    if cached is not None:
        verdicts, says = cached
        tolerance = cache.report(snap, _TOLERANCE) or 0.10
        mixed = cache.report(snap, _MIXED_UNITS) or ()
        return CompareReport(verdicts, says, tolerance, (snap.path,), mixed)
    from figcheck.claimsfile import reading

    kept = reading.kept_report(sources, cache, key) if key is not None else None
    if kept is not None:
        (verdicts, says, tolerance, mixed), paths = kept
        return CompareReport(verdicts, says, tolerance, tuple(paths), mixed)
    found = reading.load_files(sources, cache, progress=progress, meanwhile=meanwhile)
    claims_file = found.claims_file
    from figcheck import analysis, report

    filters = options.filters(claims_file)
    wide = analysis.widened(claims_file, filters)
    frame = analysis.claims_frame(claims_file, wide, analysis.VERDICT_INPUT)
    verdicts = report.verdict_records(
        analysis.verdicts_of(frame, claims_file, filters, options.tolerance)
    )
    report.name_conflicts(verdicts, sources_of(frame, verdicts))
    tolerance = claims_file.settings.tolerance
    mixed = mixed_units_of(claims_file)
    says = speakers(frame, verdicts)
    computed = CompareReport(verdicts, says, tolerance, tuple(found.paths), mixed)
    if key is not None and len(found.files) == 1:
        keep_warnings(cache, snap, claims_file)
        cache.keep_report(snap, key, (computed.verdicts, computed.says))
    elif key is not None:
        reading.keep_report(sources, found, cache, key, (verdicts, says, tolerance, mixed))
    return computed


_TOLERANCE = "settings:tolerance"
_MIXED_UNITS = "claims:mixed_units"


def mixed_units_of(claims_file: ClaimsFile) -> tuple[str, ...]:
    """The metrics whose claims are in different units (``check`` names the claims)."""
    from figcheck.units import mixed_units

    return tuple(mixed.metric for mixed in mixed_units(claims_file))


def keep_warnings(cache: Cache, snap: Snapshot, claims_file: ClaimsFile) -> None:
    """Keep beside the report of one file's bytes what the next compare read from the cache
    warns of: a tolerance above 1, metrics whose claims are in different units (each kept only
    when there is something to say)."""
    if claims_file.settings.tolerance > 1:
        cache.keep_report(snap, _TOLERANCE, claims_file.settings.tolerance)
    if mixed := mixed_units_of(claims_file):
        cache.keep_report(snap, _MIXED_UNITS, mixed)


def sources_of(claims: Any, verdicts: Records) -> dict[str, str]:
    """Who said each claim in the verdicts' conflicts, by id; ``claims`` a claims frame (pandas)
    or its rows."""
    ids = {claim for row in verdicts for claim in row["conflict"]}
    if isinstance(claims, list):
        return {row["id"]: str(row["source"]) for row in claims if row["id"] in ids}
    named = claims.loc[claims["id"].isin(ids), ["id", "source"]]
    return dict(zip(named["id"].tolist(), map(str, named["source"].tolist()), strict=True))


@dataclass(frozen=True, slots=True)
class MetricView:
    """One metric's claims that pass the options, its verdict and those of its relations."""

    metric: str
    claims: Any  # the claims frame (pandas), as list and show print it
    verdict: dict[str, Any]
    relations: Records

    def alone(self) -> list[str]:
        """The ids of a level metric's claims never held against another claim."""
        if self.verdict["kind"] != "level" or not self.verdict["uncompared"]:
            return []
        from figcheck.reconcile import one_metric, reference

        stated = one_metric.stated(self.claims.to_dict("records"))[self.metric]
        window = self.verdict["window"]
        compared = reference.held_against_another(reference.corrected(stated), window)
        return [claim_id for claim_id in self.claims["id"] if claim_id not in compared]

    def document(self) -> dict[str, Any]:
        """What ``show --format json`` prints."""
        from figcheck import report

        claims = report.claim_records(self.claims)
        return {"verdict": self.verdict, "relations": self.relations, "claims": claims}


def metric_view(claims_file: ClaimsFile, options: CompareOptions) -> MetricView:
    """The claims and verdicts of ``options.metric``; an error when no claim of it passes."""
    from figcheck import analysis, report

    filters = options.filters(claims_file)
    wide = analysis.claims_frame(claims_file, analysis.widened(claims_file, filters))
    verdicts = report.verdict_records(analysis.verdicts_of(wide, claims_file, filters, None))
    frame = wide[(wide["metric"] == filters.metric).to_numpy()]
    if frame.empty:
        raise UsageError(f"no claims of metric '{filters.metric}' pass the filters")
    return MetricView(str(filters.metric), frame, verdicts[0], verdicts[1:])


def claims_frame(claims_file: ClaimsFile, options: CompareOptions) -> Any:
    """The claims that pass the options, with their intervals (what list and export print)."""
    from figcheck import analysis

    return analysis.claims_frame(claims_file, options.filters(claims_file))


@dataclass(frozen=True, slots=True)
class HtmlReport:
    """The HTML report's page and the verdicts it shows."""

    page: str
    verdicts: Records

    @property
    def scope(self) -> str:
        """What the report covers: ``3 metrics and 1 relation``."""
        relations = sum(row["kind"] in ("part", "parts") for row in self.verdicts)
        shown = counted(len(self.verdicts) - relations, "metric")
        return f"{shown} and {counted(relations, 'relation')}" if relations else shown


def html_page(
    claims_file: ClaimsFile,
    options: CompareOptions,
    source_path: str,
    generated: dt.datetime,
    chart_cache: SvgCache | None = None,
) -> HtmlReport:
    """The self-contained HTML report of the claims that pass the options (with the charts
    ``chart_cache`` kept, drawing only the others, and keeping them there)."""
    from figcheck import analysis, html_report, report

    frame = claims_frame(claims_file, options)
    verdicts = report.verdict_records(analysis.verdicts(frame, claims_file))
    page = html_report.render_report(
        claims_file,
        frame,
        verdicts,
        generated=generated,
        source_path=source_path,
        chart_cache=chart_cache,
    )
    return HtmlReport(page, verdicts)
