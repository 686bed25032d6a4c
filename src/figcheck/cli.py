"""The ``figcheck`` command: parse options, call the core, print what it returns.

Heavy modules (pandas, yaml, rich tables) are imported inside the commands that need them, so that
``--help`` and ``--version`` start fast.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import gc
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from figcheck import __version__
from figcheck.errors import FigcheckError, UsageError
from figcheck.model import ClaimTable

if TYPE_CHECKING:
    from rich.console import Console

    from figcheck.analysis import Filters
    from figcheck.model import ClaimsFile


class Format(enum.StrEnum):
    """How a command prints data: a Rich table for people, or a machine format."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class _Group(TyperGroup):
    """Translates figcheck's named errors into one line on stderr and the contract's exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FigcheckError as error:
            _fail(str(error), error.exit_code)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (``| head``): not an error
            raise typer.Exit(0) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as error:
            if ctx.obj is not None and ctx.obj.get("debug"):
                raise
            _fail(f"internal error: {type(error).__name__}: {error} (run with --debug)", 3)


def _fail(message: str, code: int) -> NoReturn:
    _say(f"figcheck: {message}")
    raise typer.Exit(code)


def _say(message: str) -> None:
    """A diagnostic: one plain line on stderr, with anything from the file made visible."""
    from figcheck.safety import visible

    sys.stderr.write("\n".join(visible(line) for line in message.split("\n")) + "\n")


def _stdout() -> Console:
    from rich.console import Console

    return Console(highlight=False)


app = typer.Typer(
    cls=_Group,
    name="figcheck",
    help="Record figures with their sources and see which truly contradict each other.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"figcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Option(
            "--file",
            "-f",
            help="Claims file ('-' for standard input). Default: $FIGCHECK_FILE, "
            "else data/claims.yaml here or in the nearest parent folder.",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an internal error.")
    ] = False,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = None,
) -> None:
    """Record figures with their sources and see which truly contradict each other."""
    ctx.obj = {"file": file, "debug": debug}


# --- shared options -----------------------------------------------------------------------------

FormatOption = Annotated[
    Format, typer.Option("--format", help="Output: a table for people, or json, csv, markdown.")
]
MetricOption = Annotated[
    str | None, typer.Option(help="Only this metric (its name or an alias).", show_default=False)
]


def _moment_option(value: str | None) -> str | None:
    """A DATE (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM) given to an option."""
    if value is None:
        return None
    from figcheck.parsing import Invalid, moment_text

    try:
        return moment_text(value, "the date")
    except Invalid as error:
        raise typer.BadParameter(str(error)) from None


SinceOption = Annotated[
    str | None,
    typer.Option(
        metavar="DATE",
        callback=_moment_option,
        help="Only claims about this day or later (YYYY-MM-DD, or YYYY-MM-DDTHH:MM).",
        show_default=False,
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        metavar="DATE",
        callback=_moment_option,
        help="Only claims about this day or earlier (YYYY-MM-DD, or YYYY-MM-DDTHH:MM).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        callback=_moment_option,
        help="The verdict as it stood on this day: the claims in force then (YYYY-MM-DD).",
        show_default=False,
    ),
]
LatestOption = Annotated[
    bool, typer.Option("--latest", help="Keep only each source's newest claims per metric.")
]


def _path(ctx: typer.Context) -> str:
    from figcheck.store import find_claims_file

    given: str | None = ctx.obj["file"] if ctx.obj else None
    return find_claims_file(given)


def _load(ctx: typer.Context) -> ClaimsFile:
    return _load_path(_path(ctx))


class _LoadProgress:
    """A progress bar on stderr for a read that takes over a second; nothing when not a terminal."""

    def __init__(self) -> None:
        import time

        self.clock = time.monotonic
        self.start = self.clock()
        self.bar: Any = None

    def __call__(self, share: float) -> None:
        if self.bar is None:
            if not sys.stderr.isatty() or self.clock() - self.start < 1.0:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("reading the claims", total=1.0)
        self.bar.update(self.task, completed=share)

    def __enter__(self) -> _LoadProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def _filters(
    claims_file: ClaimsFile,
    metric: str | None,
    since: str | None,
    until: str | None,
    latest: bool = False,
    source: str | None = None,
    as_of: str | None = None,
) -> Filters:
    from figcheck.analysis import Filters

    if since is not None and until is not None and since > _until(until):
        raise UsageError(f"--since {since} is after --until {until}: no claim can be in between")
    return Filters(
        metric=_metric(claims_file, metric) if metric is not None else None,
        source=source,
        since=since,
        until=None if until is None else _until(until),
        latest=latest,
        as_of=None if as_of is None else _until(as_of),
    )


def _until(moment: str) -> str:
    """A moment that ends a range: a day alone covers the whole day."""
    return moment if "T" in moment else f"{moment}T99"


def _metric(claims_file: ClaimsFile, name: str) -> str:
    """A metric as the user named it, resolved through the registry; unknown ones are an error."""
    from figcheck.metrics import resolve

    return resolve(name, claims_file)


def _emit(records: list[dict[str, Any]], columns: list[str], output: Format, stream: Any) -> None:
    from figcheck import report

    if output is Format.json:
        report.write_json(records, stream)
    elif output is Format.csv:
        report.write_csv(records, columns, stream, terminal=stream.isatty())
    else:
        report.write_markdown(records, columns, stream)


# --- commands -----------------------------------------------------------------------------------

_TEMPLATE = """\
# figcheck claims file: one entry per figure, with who said it and when.
# Check it with `figcheck check`; see which figures disagree with `figcheck compare`.
version: 1

settings:
  tolerance: 0.10   # relative slack before two figures count as contradictory
  about: 0.10       # "about 50" allows 45-55

metrics:            # what is counted; claims name a metric or one of its aliases
  # political_prisoners:
  #   description: People held for political reasons
  #   unit: people
  #   kind: level   # level, or cumulative for a running total that can only grow
  #   aliases: [political prisoners]

claims:
  # - metric: political_prisoners
  #   value: 800
  #   qualifier: about  # exact about at_least more_than at_most up_to fewer_than nearly range
  #   source: human rights groups
  #   date: 2026-01-12
"""


@app.command()
def init(
    ctx: typer.Context,
    git: Annotated[
        bool, typer.Option("--git", help="Also make git merge the file with figcheck's driver.")
    ] = False,
) -> None:
    """Create a claims file (data/claims.yaml, or --file, or $FIGCHECK_FILE) with a template."""
    given: str | None = ctx.obj["file"] if ctx.obj else None
    target = Path(given or os.environ.get("FIGCHECK_FILE") or "data/claims.yaml")
    if str(target) == "-":
        raise UsageError("init writes a file; '-' (standard input) cannot be created")
    if not (git and target.is_file()):  # with --git, an existing file is left as it is
        _create(target)
    if git:
        from figcheck import gitsetup

        for line in gitsetup.set_up(str(target)):
            _say(line)


def _create(target: Path) -> None:
    if target.exists() or target.is_symlink():
        raise UsageError(f"{target} already exists; init never overwrites a file")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{target}: cannot create: {error.strerror}") from None
    try:
        with target.open("x", encoding="utf-8") as stream:
            stream.write(_TEMPLATE)
    except FileExistsError:
        raise UsageError(f"{target} already exists; init never overwrites a file") from None
    except OSError as error:
        raise UsageError(f"{target}: cannot create: {error.strerror}") from None
    _say(f"created {target}")


@app.command("list")
def list_claims(
    ctx: typer.Context,
    metric: MetricOption = None,
    source: Annotated[
        str | None, typer.Option(help="Only this source.", show_default=False)
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output: FormatOption = Format.table,
) -> None:
    """List the claims, with the interval each one allows."""
    claims_file = _load(ctx)  # first: pandas is imported while a large file is still read
    from figcheck import analysis, render, report

    frame = analysis.claims_frame(
        claims_file, _filters(claims_file, metric, since, until, source=source)
    )
    if output is Format.table:
        # a pipe or a file gets whole lines (FORCE_COLOR too), a terminal what fits
        _stdout().print(render.claims_table(frame), crop=sys.stdout.isatty())
        return
    _emit(report.claim_records(frame), list(report.CLAIM_FIELDS), output, sys.stdout)


@app.command()
def compare(
    ctx: typer.Context,
    metric: MetricOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    latest: LatestOption = False,
    as_of: AsOfOption = None,
    tolerance: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="Relative slack before figures contradict (default: the file's, else 0.10).",
            show_default=False,
        ),
    ] = None,
    only_divergent: Annotated[
        bool, typer.Option("--only-divergent", help="Show only metrics whose sources disagree.")
    ] = False,
    fail_on_divergence: Annotated[
        bool, typer.Option("--fail-on-divergence", help="Exit 1 when any metric is divergent.")
    ] = False,
    output: FormatOption = Format.table,
) -> None:
    """One row per metric: do its sources agree? Divergent metrics first."""
    verdicts, says = _compare_report(ctx, metric, since, until, latest, tolerance, as_of)
    if only_divergent:
        verdicts = [row for row in verdicts if row["status"] == "divergent"]
    if output is Format.table:
        from figcheck import render

        options = (metric, since, until, as_of)
        filtered = only_divergent or latest or any(o is not None for o in options)
        empty = "No metric matches these options." if filtered else render.NO_CLAIMS
        _stdout().print(render.compare_table(verdicts, says, empty), crop=False)
    else:
        from figcheck import report

        _emit(verdicts, list(report.VERDICT_FIELDS), output, sys.stdout)
    if fail_on_divergence and any(row["status"] == "divergent" for row in verdicts):
        raise typer.Exit(1)


def _compare_report(
    ctx: typer.Context,
    metric: str | None = None,
    since: str | None = None,
    until: str | None = None,
    latest: bool = False,
    tolerance: float | None = None,
    as_of: str | None = None,
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The compare report's records and who said what in each conflict.

    With the default options it is cached for the file's exact bytes, so a second run needs
    neither the claims nor pandas.
    """
    from figcheck import store

    snap = store.snapshot(_path(ctx))
    key = f"compare:latest={latest}"
    plain = all(option is None for option in (metric, since, until, tolerance, as_of))
    cached = store.cached_report(snap, key) if plain else None
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    with _LoadProgress() as progress:
        claims_file = store.load_snapshot(snap, progress, _import_analysis)
    from figcheck import analysis, render, report

    filters = _filters(claims_file, metric, since, until, latest, as_of=as_of)
    wide = analysis.widened(claims_file, filters)
    frame = analysis.claims_frame(claims_file, wide, analysis.VERDICT_INPUT)
    verdicts = report.verdict_records(analysis.verdicts_of(frame, claims_file, filters, tolerance))
    computed = (verdicts, render.speakers(frame, verdicts))
    if plain:
        store.keep_report(snap, key, computed)
    return computed


@app.command()
def show(
    ctx: typer.Context,
    metric: Annotated[str, typer.Argument(help="The metric (its name or an alias).")],
    since: SinceOption = None,
    until: UntilOption = None,
    latest: LatestOption = False,
    as_of: AsOfOption = None,
    output: FormatOption = Format.table,
    png: Annotated[
        Path | None, typer.Option("--png", help="Also save the chart as a PNG image.")
    ] = None,
    svg: Annotated[
        Path | None, typer.Option("--svg", help="Also save the chart as an SVG image.")
    ] = None,
    force: ForceOption = False,
) -> None:
    """Every claim of one metric drawn on a common axis, with the verdict."""
    claims_file = _load(ctx)
    from figcheck import analysis, render, report

    filters = _filters(claims_file, metric, since, until, latest, as_of=as_of)
    wide = analysis.claims_frame(claims_file, analysis.widened(claims_file, filters))
    verdicts = report.verdict_records(analysis.verdicts_of(wide, claims_file, filters, None))
    frame = wide[(wide["metric"] == filters.metric).to_numpy()]
    if frame.empty:
        raise UsageError(f"no claims of metric '{filters.metric}' pass the filters")
    verdict = verdicts[0]
    for image, suffix in ((png, ".png"), (svg, ".svg")):
        if image is not None:
            if image.suffix.lower() != suffix:
                raise UsageError(f"--{suffix[1:]} saves a {suffix} file, not {image}")
            _check_output(ctx, str(image), suffix[1:].upper(), force)
    for image in (png, svg):
        if image is not None:
            _save_chart(ctx, claims_file, str(filters.metric), frame, verdict, image, force)
    if output is Format.table:
        alone = _alone(claims_file, str(filters.metric), frame, verdict)
        page = render.show(str(filters.metric), frame, verdict, verdicts[1:], alone)
        _stdout().print(page)
        _stdout().print(render.claims_table(frame, with_metric=False), crop=sys.stdout.isatty())
    elif output is Format.json:
        document = {
            "verdict": verdict,
            "relations": verdicts[1:],
            "claims": report.claim_records(frame),
        }
        import json

        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _emit(report.claim_records(frame), list(report.CLAIM_FIELDS), output, sys.stdout)


def _alone(claims_file: ClaimsFile, metric: str, frame: Any, verdict: dict[str, Any]) -> list[str]:
    """The ids of a level metric's claims never held against another claim."""
    if verdict["kind"] != "level" or not verdict["uncompared"]:
        return []
    from figcheck.reconcile import one_metric, reference

    stated = one_metric.stated(frame.to_dict("records"))[metric]
    compared = reference.held_against_another(reference.corrected(stated), verdict["window"])
    return [claim_id for claim_id in frame["id"] if claim_id not in compared]


def _save_chart(
    ctx: typer.Context,
    claims_file: ClaimsFile,
    metric: str,
    frame: Any,
    verdict: dict[str, Any],
    image: Path,
    force: bool,
) -> None:
    from figcheck import charts

    _usual_collection()

    unit = next((entry.unit for entry in claims_file.metrics if entry.name == metric), None)
    data = charts.image(metric, frame, verdict, image.suffix, unit=unit)
    _write_output(ctx, str(image), data, image.suffix[1:].upper(), force)
    _say(f"saved the chart of {metric} to {image}")


_EXTENSIONS = {
    ".csv": Format.csv,
    ".json": Format.json,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
}
_OUTPUT_KINDS = {Format.csv: "CSV", Format.json: "JSON", Format.markdown: "MARKDOWN"}
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help="Replace an existing file that holds something else (never a claims file)."
    ),
]


def _export_format(path: str, given: Format | None) -> Format:
    """The format ``export`` writes: as given, else by the extension; CSV for no extension or
    ``.txt`` (said on stderr); any other extension is refused rather than guessed."""
    if given is not None:
        if given is Format.table:
            raise UsageError("export writes csv, json or markdown, not a table")
        return given
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if suffix == ".txt":
        _say(f"figcheck: writing CSV to {path} (.csv, .json or .md choose the format)")
    elif suffix:
        raise UsageError(
            f"export writes .csv, .json or .md, not '{suffix}': "
            "rename the file or give --format csv|json|markdown"
        )
    return Format.csv


@app.command()
def export(
    ctx: typer.Context,
    path: Annotated[
        str, typer.Argument(help="Where to write the report ('-' for standard output).")
    ],
    claims: Annotated[
        bool, typer.Option("--claims", help="Export the claims instead of the compare report.")
    ] = False,
    output: Annotated[
        Format | None,
        typer.Option(
            "--format",
            help="csv, json or markdown (default: from the extension, else csv).",
            show_default=False,
        ),
    ] = None,
    latest: LatestOption = False,
    as_of: AsOfOption = None,
    force: ForceOption = False,
) -> None:
    """Write the compare report (or the claims) as CSV, JSON or Markdown."""
    from figcheck import report

    if path != "-":
        _check_output(ctx, path, None, force)  # a claims file is refused before all else
    chosen = _export_format(path, output)
    if path != "-":
        _check_output(ctx, path, _OUTPUT_KINDS[chosen], force)
    if claims:
        claims_file = _load(ctx)
        from figcheck import analysis

        filters = _filters(claims_file, None, None, None, latest, as_of=as_of)
        records = report.claim_records(analysis.claims_frame(claims_file, filters))
        columns = list(report.CLAIM_FIELDS)
    else:
        records = _compare_report(ctx, latest=latest, as_of=as_of)[0]
        columns = list(report.VERDICT_FIELDS)
    if path == "-":
        _emit(records, columns, chosen, sys.stdout)
        return
    text = io.StringIO(newline="")
    _emit(records, columns, chosen, text)
    _write_output(ctx, path, text.getvalue().encode("utf-8"), _OUTPUT_KINDS[chosen], force)
    _say(f"wrote {len(records)} rows to {path}")


def _check_output(ctx: typer.Context, path: str, kind: str | None, force: bool) -> None:
    """Refuse at once a path that must not be written (before any work is done)."""
    from figcheck.output_files import OutputKind, check_target

    wanted = None if kind is None else OutputKind[kind]
    check_target(path, wanted, protected=[_path(ctx)], force=force)


def _write_output(ctx: typer.Context, path: str, data: bytes, kind: str, force: bool) -> None:
    """Write a report, export or chart: atomically, never over the claims file read."""
    from figcheck.output_files import OutputKind, write_output

    write_output(path, data, OutputKind[kind], protected=[_path(ctx)], force=force)


@app.command()
def check(ctx: typer.Context) -> None:
    """Validate the claims file: every problem with file:line; silent and exit 0 when clean."""
    from figcheck.store import check_file

    path = _path(ctx)
    _, problems = check_file(path)
    _merge_driver_hint(path)
    if not problems:
        return
    from figcheck.safety import visible

    sys.stdout.writelines(visible(str(problem)) + "\n" for problem in problems)
    count = len(problems)
    _say(f"{count} problem{'s' if count != 1 else ''}")
    raise typer.Exit(1)


def _merge_driver_hint(path: str) -> None:
    """One line on stderr when the claims file is in a git repository that merges it by lines."""
    if path == "-":
        return
    from figcheck.gitsetup import setup_hint

    hint = setup_hint(path)
    if hint is not None:
        _say(f"figcheck: {hint}")


QualifierOption = Annotated[
    str | None,
    typer.Option(
        help="exact, about, at_least, more_than, at_most, up_to, fewer_than, nearly or range.",
        show_default=False,
    ),
]


@app.command()
def add(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(
            help='The claim in shorthand, e.g. "~50 released (UN)".', show_default=False
        ),
    ] = None,
    metric: Annotated[
        str | None, typer.Option(help="What is counted (wins over the text).")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Who said it.")] = None,
    date: Annotated[
        dt.datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="When the source said it (default: today).",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            callback=_moment_option,
            help="The day (or YYYY-MM-DDTHH:MM) the figure describes, when not --date.",
            show_default=False,
        ),
    ] = None,
    qualifier: QualifierOption = None,
    value: Annotated[
        float | None, typer.Option(min=0, help="The figure.", show_default=False)
    ] = None,
    low: Annotated[
        float | None, typer.Option(min=0, help="Lower bound (a range, or overriding).")
    ] = None,
    high: Annotated[
        float | None, typer.Option(min=0, help="Upper bound (a range, or overriding).")
    ] = None,
    unit: Annotated[str | None, typer.Option(help="Unit, when not the metric's.")] = None,
    url: Annotated[str | None, typer.Option(help="Where the claim was read.")] = None,
    note: Annotated[str | None, typer.Option(help="Anything worth keeping with it.")] = None,
    wording: Annotated[
        str | None,
        typer.Option("--text", help="The wording as read (default: TEXT).", show_default=False),
    ] = None,
    new_metric: Annotated[
        bool, typer.Option("--new-metric", help="Start a new metric even if one has a close name.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Record it even if the same claim is there.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be written.")] = False,
    from_json: Annotated[
        bool, typer.Option("--json", help="Read the claim as a JSON object from standard input.")
    ] = False,
) -> None:
    """Record a claim: parse TEXT, let options override it, check it, and append it."""
    from figcheck import recording, shorthand, store, writing
    from figcheck.model import Qualifier, slugify

    path = _writable_path(ctx)
    before = store.snapshot(path)
    with _LoadProgress() as progress:
        claims_file = store.load_snapshot(before, progress)
    if from_json:
        given = recording.given_from_json(sys.stdin.read())
    else:
        try:
            chosen = Qualifier(slugify(qualifier)) if qualifier else None
        except ValueError:
            raise UsageError(f"unknown qualifier '{qualifier}'; see figcheck add --help") from None
        given = recording.Given(
            metric,
            source,
            _day(date),
            chosen,
            value,
            low,
            high,
            unit,
            url,
            note,
            wording,
            as_of=as_of,
        )
    try:
        draft = recording.draft(
            text, given, claims_file, today=dt.date.today(), new_metric=new_metric
        )
    except shorthand.ShorthandError as error:
        _fail(shorthand.format_error(error), 2)
    if draft.missing and _interactive():
        draft = draft.with_answers(_ask_missing(draft, claims_file))
    claim = recording.claim_of(draft, claims_file, force=force)
    if dry_run:
        sys.stdout.write(writing.claim_yaml(claim))
        _say("dry run: nothing written")
        return
    stored = writing.append_claim(path, claim, force=force)
    _print_recorded("added", stored, path, before=(before, claims_file))


@app.command()
def rm(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The id of the claim to remove.")],
) -> None:
    """Remove one claim by its id (see figcheck list), leaving the rest of the file as it was."""
    from figcheck import writing

    path = _writable_path(ctx)
    removed = writing.remove_claim(path, claim_id)
    _print_recorded("removed", removed, path)


def _writable_path(ctx: typer.Context) -> str:
    path = _path(ctx)
    if path == "-":
        raise UsageError("standard input cannot be written to; pass the claims file with --file")
    return path


def _load_path(path: str, *, for_analysis: bool = True) -> ClaimsFile:
    from figcheck.store import load

    with _LoadProgress() as progress:
        return load(path, progress, _import_analysis if for_analysis else None)


def _import_analysis() -> None:
    """What a command does with the claims it read needs pandas: imported while a large file's
    last part is still being read on another core."""
    import figcheck.analysis  # noqa: F401


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask_missing(draft: Any, claims_file: ClaimsFile) -> dict[str, Any]:
    """Ask for each missing part, offering the most similar recent claim's as the default."""
    from figcheck import recording

    like = recording.similar_claim(claims_file, draft.fields)
    answers: dict[str, Any] = {}
    for part in draft.missing:
        default = getattr(like, part, None) if like is not None and part != "value" else None
        choices = sorted({str(getattr(claim, part)) for claim in claims_file.claims})
        answer = _prompt(part, default, choices)
        if part == "value":
            try:
                answers[part] = float(answer.replace(",", ""))
            except ValueError:
                raise UsageError(f"value must be a number, not {answer!r}") from None
        elif part == "metric":
            answers[part] = recording.resolve_metric(answer, claims_file)
        else:
            answers[part] = answer
    return answers


def _prompt(part: str, default: str | None, choices: list[str]) -> str:
    """One line of input, with tab completion of the known values."""
    try:
        import readline
    except ImportError:  # pragma: no cover - not on every platform
        readline = None  # type: ignore[assignment]
    if readline is not None:
        readline.set_completer(
            lambda start, state: ([c for c in choices if c.startswith(start)] + [None])[state]
        )
        readline.set_completer_delims("")
        readline.parse_and_bind("tab: complete")
    shown = f" [{default}]" if default else ""
    try:
        answer = input(f"{part}{shown}: ").strip() or (default or "")
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\n")
        raise UsageError("stopped: nothing was written") from None
    if not answer:
        raise UsageError(f"{part} is needed")
    return answer


def _print_recorded(
    action: str, claim: Any, path: str, before: tuple[Any, ClaimsFile] | None = None
) -> None:
    """The claim as stored, then its metric's verdict with it (or without it, after rm).

    ``before`` (the file's snapshot and claims before an add) lets the cached compare report be
    brought up to date for this one metric, so the next compare need not redo every metric.
    """
    from rich.text import Text

    from figcheck import render, report, store, wording
    from figcheck.reconcile import one_metric

    after = store.snapshot(path)
    claims_file = store.load_snapshot(after)
    moment = _until(claim.moment) if action == "added" else None  # add: at the claim's moment
    rows, verdicts = one_metric.metric_report(claims_file, claim.metric, as_of=moment)
    row = one_metric.claim_rows(dataclasses.replace(claims_file, claims=(claim,)))[0]
    console = _stdout()
    whole = not sys.stdout.isatty()  # one line per record into a pipe or a log, whatever the width
    console.print(
        Text(f"{action} {claim.id}  ")
        + render.cell(claim.metric, "bold")
        + Text(f"  {wording.figure(row)}  {wording.interval(row['lo'], row['hi'])}  ")
        + render.cell(claim.source)
        + Text(f"  {claim.date.isoformat()}"),
        soft_wrap=whole,
    )
    records = report.verdict_records(verdicts)
    if not records or records[0]["metric"] != claim.metric:
        console.print(Text(f"{claim.metric} has no claims left", style="dim"), soft_wrap=whole)
        return
    console.print(render.verdict_sentence(records[0], rows), soft_wrap=whole)
    if before is not None:
        snap, old = before
        expected = ClaimTable.of(old.claims, old.path).with_claim(claim)
        if dataclasses.replace(old, claims=expected) == claims_file:  # nothing else changed
            fresh = report.verdict_records(one_metric.metric_report(claims_file, claim.metric)[1])
            involved = one_metric.claim_rows(claims_file, _involved(claims_file, claim.metric))
            says = render.speakers(involved, fresh)
            key = "compare:latest=False"
            store.update_report(
                snap, after, key, claim.metric, fresh, says, one_metric.with_verdicts
            )


def _involved(claims_file: ClaimsFile, metric: str) -> set[str]:
    """A metric and the metrics of every relation it is in."""
    from figcheck.reconcile.reference import related

    return {metric, *(name for r in related(claims_file, metric) for name in (r.whole, *r.parts))}


@app.command("report")
def html_report(
    ctx: typer.Context,
    path: Annotated[
        str, typer.Argument(help="Where to write the HTML report ('-' for standard output).")
    ] = "figcheck-report.html",
    latest: LatestOption = False,
    as_of: AsOfOption = None,
    force: ForceOption = False,
) -> None:
    """Write a self-contained HTML report: verdicts, a chart per metric, and the claims."""
    from figcheck.store import display_name

    _usual_collection()
    source = _path(ctx)
    if path != "-":
        _check_output(ctx, path, "HTML", force)
    claims_file = _load_path(source)
    from figcheck import analysis, html_report, report

    filters = _filters(claims_file, None, None, None, latest, as_of=as_of)
    frame = analysis.claims_frame(claims_file, filters)
    verdicts = report.verdict_records(analysis.verdicts(frame, claims_file))
    page = html_report.render_report(
        claims_file,
        frame,
        verdicts,
        generated=dt.datetime.now(dt.UTC),
        source_path=display_name(source),
    )
    if path == "-":
        sys.stdout.write(page)
        return
    _write_output(ctx, path, page.encode("utf-8"), "HTML", force)
    relations = sum(row["kind"] in ("part", "parts") for row in verdicts)
    shown = _counted(len(verdicts) - relations, "metric")
    if relations:
        shown += f" and {_counted(relations, 'relation')}"
    _say(f"wrote the report on {shown} to {path}")


def _counted(count: int, noun: str) -> str:
    """``1 metric``, ``6 metrics``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


class ExtractFormat(enum.StrEnum):
    """How extract prints its candidates."""

    table = "table"
    json = "json"
    yaml = "yaml"


@app.command()
def extract(
    ctx: typer.Context,
    source_file: Annotated[
        str, typer.Argument(metavar="FILE", help="An article: text, Markdown or HTML ('-': stdin).")
    ],
    output: Annotated[
        ExtractFormat, typer.Option("--format", help="table for people; json or yaml for scripts.")
    ] = ExtractFormat.table,
    add_them: Annotated[
        bool, typer.Option("--add", help="Go through the candidates and record those you accept.")
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", help="With --add: take every attributed candidate, no asking.")
    ] = False,
    min_confidence: Annotated[
        float, typer.Option(min=0, max=1, help="With --yes: only candidates this confident.")
    ] = 0.8,
    date: Annotated[
        dt.datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="Date of the claims (default: a date in the text's first lines, else today).",
            show_default=False,
        ),
    ] = None,
    percent: Annotated[bool, typer.Option("--percent", help="Also propose percentages.")] = False,
    money: Annotated[bool, typer.Option("--money", help="Also propose amounts of money.")] = False,
) -> None:
    """Find the figures in an article, with who said them, and propose them as claims."""
    from figcheck import extract as extracting
    from figcheck import render

    text = _article(source_file)
    when = _day(date) or extracting.find_date(text)
    if when is None and add_them:
        _say(f"no date in the article's first lines: claims are dated today, {dt.date.today()}")
    candidates = extracting.extract(text, percent=percent, money=money, date=when)
    if add_them:
        _add_candidates(
            ctx,
            candidates,
            when or dt.date.today(),
            yes=yes,
            min_confidence=min_confidence,
            article=source_file,
        )
    elif output is ExtractFormat.table:
        _stdout().print(render.candidates_table(candidates))
    else:
        from figcheck import report

        records = [report.plain_record(extracting.as_record(c)) for c in candidates]
        if output is ExtractFormat.json:
            report.write_json(records, sys.stdout)
        else:
            import yaml

            yaml.safe_dump(records, sys.stdout, allow_unicode=True, sort_keys=False)


def _article(name: str) -> str:
    """The article's text: Markdown and HTML stripped to text."""
    from figcheck import extract as extracting
    from figcheck.store import read_bytes

    data = read_bytes(name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{name}: not UTF-8 text") from None
    if (
        Path(name).suffix.lower() in {".md", ".markdown", ".html", ".htm"}
        or text.lstrip()[:1] == "<"
    ):
        return extracting.to_text(text)
    return text


def _add_candidates(
    ctx: typer.Context,
    candidates: list[Any],
    when: dt.date,
    *,
    yes: bool,
    min_confidence: float,
    article: str = "",
) -> None:
    """Record the candidates the user accepts (all confident, attributed ones with --yes), each
    with the article's sentence as its text and the article's name as its note."""
    from figcheck import extract as extracting
    from figcheck import recording, writing

    path = _writable_path(ctx)
    if not yes and not _interactive():
        raise UsageError("--add asks about each candidate in a terminal; use --yes in scripts")
    added = skipped = 0
    for candidate in candidates:
        claims_file = _load_path(path, for_analysis=False)
        shorthand_text = extracting.as_shorthand(candidate)
        if yes:
            if candidate.source is None or candidate.confidence < min_confidence:
                skipped += 1
                continue
        else:
            _stdout().print(_plain_text(f"\n{candidate.sentence}\n→ {shorthand_text}"))
            answer = _prompt("record it? [y]es, [e]dit, [s]kip", "y", ["y", "e", "s"])
            if answer.startswith("s"):
                skipped += 1
                continue
            if answer.startswith("e"):
                shorthand_text = _prompt("claim", shorthand_text, [])
        dated = candidate.as_of if candidate.as_of and candidate.as_of[:10] <= str(when) else None
        given = recording.Given(
            date=when,
            text=" ".join(candidate.sentence.split()),
            note=f"from {article}" if article and article != "-" else None,
            as_of=dated,  # the moment the sentence gives the figure, when the text says
        )
        draft = recording.draft(shorthand_text, given, claims_file, today=when, new_metric=True)
        if draft.missing and not yes:
            draft = draft.with_answers(_ask_missing(draft, claims_file))
        try:
            claim = recording.claim_of(draft, claims_file)
            stored = writing.append_claim(path, claim)
        except writing.DuplicateClaim:
            skipped += 1
            continue
        _print_recorded("added", stored, path)
        added += 1
    _say(f"{added} added, {skipped} skipped")


def _plain_text(message: str) -> Any:
    from rich.text import Text

    from figcheck.safety import visible

    return Text(visible(message))


@app.command("merge-driver")
def merge_driver(
    base: Annotated[str, typer.Argument(help="The common ancestor's version (git's %O).")],
    ours: Annotated[str, typer.Argument(help="Our version, where the result goes (git's %A).")],
    theirs: Annotated[str, typer.Argument(help="Their version (git's %B).")],
    marker_size: Annotated[
        int, typer.Option("--marker-size", min=1, help="Length of conflict markers (git's %L).")
    ] = 7,
    path: Annotated[
        str | None,
        typer.Option(
            "--path", help="The file's place in the work tree (git's %P).", show_default=False
        ),
    ] = None,
) -> None:
    """Git merge driver: merge three versions of a claims file by claim id (see init --git)."""
    from figcheck import merging

    result = merging.merge_files(base, ours, theirs, marker_size, path)
    if result.fallback is not None:
        _say(f"figcheck merge-driver: {result.fallback}; left git's line merge")
    if result.conflicts:
        count = result.conflicts
        _say(
            f"figcheck merge-driver: {count} conflict{'s' if count != 1 else ''} marked in the "
            "claims file (something both sides changed); keep one side and commit"
        )
        raise typer.Exit(1)


@app.command("import")
def import_file(
    ctx: typer.Context,
    table: Annotated[
        str, typer.Argument(metavar="FILE", help="A .csv, .tsv, .xlsx or .jsonl file of claims.")
    ],
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="COLUMN=FIELD: which claim field a column gives (FIELD empty: "
            "leave the column out).",
            show_default=False,
        ),
    ] = None,
    metric: Annotated[str | None, typer.Option(help="The metric of rows that give none.")] = None,
    source: Annotated[str | None, typer.Option(help="The source of rows that give none.")] = None,
    date: Annotated[
        dt.datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"], help="The date of rows that give none.", show_default=False
        ),
    ] = None,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Import the good rows and list the bad ones.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be added.")] = False,
) -> None:
    """Import claims from a spreadsheet: every row checked first, then one locked append."""
    from figcheck import importing, writing

    constants = importing.Constants(metric, source, _day(date))
    outcome = importing.import_table(
        _writable_path(ctx),
        table,
        importing.parse_mapping(mapping or []),
        constants,
        skip_bad=skip_bad,
        dry_run=dry_run,
    )
    if dry_run:
        sys.stdout.writelines(writing.claim_yaml(claim) for claim in outcome.added)
    for line in importing.summary(outcome, table, dry_run=dry_run):
        _say(line)


_DEFAULT_COLLECTION = gc.get_threshold()


def _usual_collection() -> None:
    """Charts make many short-lived reference cycles: collected as often as Python usually does."""
    gc.set_threshold(*_DEFAULT_COLLECTION)


def main() -> NoReturn:
    """Entry point of the ``figcheck`` console script.

    Once a command is done and its output flushed, the process ends at once: a large file leaves
    millions of small objects, and freeing them one by one at exit took ~80 ms at 100,000 claims.
    Nothing figcheck runs needs the interpreter's clean-up (no atexit work, no open files).
    The cycle collector runs rarely: a command makes millions of objects that are not cycles,
    and the default (a pass every 700) took a quarter of a cached compare of 1,000,000 claims.
    """
    gc.set_threshold(100_000, 50, 100)
    try:
        app()
        code: Any = 0
    except SystemExit as stop:
        code = stop.code
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message"): shown on stderr, status 1
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        # the reader went away (``| head``), or the stream is closed: nothing more to show
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(code)
