"""The ``figcheck`` command: parse options, call the core, print what it returns.

Heavy modules (pandas, yaml, rich tables) are imported inside the commands that need them, so that
``--help`` and ``--version`` start fast.
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from figcheck import __version__
from figcheck.errors import FigcheckError, UsageError

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
    _stderr().print(_plain_text(f"figcheck: {message}"))
    raise typer.Exit(code)


def _plain_text(message: str) -> Any:
    from rich.text import Text

    from figcheck.safety import visible

    return Text(visible(message))


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


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
    debug: Annotated[bool, typer.Option(help="Show the traceback of an internal error.")] = False,
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
SinceOption = Annotated[
    dt.datetime | None,
    typer.Option(
        formats=["%Y-%m-%d"], help="Only claims dated on or after this day.", show_default=False
    ),
]
UntilOption = Annotated[
    dt.datetime | None,
    typer.Option(
        formats=["%Y-%m-%d"], help="Only claims dated on or before this day.", show_default=False
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
    from figcheck.store import load

    return load(_path(ctx))


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def _filters(
    claims_file: ClaimsFile,
    metric: str | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    latest: bool = False,
    source: str | None = None,
) -> Filters:
    from figcheck.analysis import Filters

    return Filters(
        metric=_metric(claims_file, metric) if metric is not None else None,
        source=source,
        since=_day(since),
        until=_day(until),
        latest=latest,
    )


def _metric(claims_file: ClaimsFile, name: str) -> str:
    """A metric as the user named it, resolved through the registry; unknown ones are an error."""
    import difflib

    from figcheck.model import slugify

    names = claims_file.metric_names()
    names.update({claim.metric: claim.metric for claim in claims_file.claims})
    slug = slugify(name)
    if slug in names:
        return names[slug]
    close = difflib.get_close_matches(slug, sorted(names), n=1)
    hint = f" (did you mean '{names[close[0]]}'?)" if close else ""
    raise UsageError(f"no metric '{name}' in {claims_file.path}{hint}")


def _emit(records: list[dict[str, Any]], columns: list[str], output: Format, stream: Any) -> None:
    from figcheck import report

    if output is Format.json:
        report.write_json(records, stream)
    elif output is Format.csv:
        report.write_csv(records, columns, stream)
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
def init(ctx: typer.Context) -> None:
    """Create a claims file (data/claims.yaml, or --file) with a commented template."""
    given: str | None = ctx.obj["file"] if ctx.obj else None
    target = Path(given or "data/claims.yaml")
    if str(target) == "-":
        raise UsageError("init writes a file; '-' (standard input) cannot be created")
    if target.exists():
        raise UsageError(f"{target} already exists; figcheck init never overwrites a file")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as stream:
            stream.write(_TEMPLATE)
    except FileExistsError:
        raise UsageError(
            f"{target} already exists; figcheck init never overwrites a file"
        ) from None
    _stderr().print(_plain_text(f"created {target}"))


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
    from figcheck import analysis, render, report

    claims_file = _load(ctx)
    frame = analysis.claims_frame(
        claims_file, _filters(claims_file, metric, since, until, source=source)
    )
    if output is Format.table:
        _stdout().print(render.claims_table(frame))
        return
    _emit(report.claim_records(frame), list(report.CLAIM_FIELDS), output, sys.stdout)


@app.command()
def compare(
    ctx: typer.Context,
    metric: MetricOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    latest: LatestOption = False,
    tolerance: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="Relative slack before figures contradict (default: the file's, else 0.10).",
            show_default=False,
        ),
    ] = None,
    only_divergent: Annotated[
        bool, typer.Option(help="Show only metrics whose sources disagree.")
    ] = False,
    fail_on_divergence: Annotated[
        bool, typer.Option(help="Exit 1 when any metric is divergent.")
    ] = False,
    output: FormatOption = Format.table,
) -> None:
    """One row per metric: do its sources agree? Divergent metrics first."""
    from figcheck import analysis, render, report

    claims_file = _load(ctx)
    filters = _filters(claims_file, metric, since, until, latest)
    frame = analysis.claims_frame(claims_file, filters)
    slack = claims_file.settings.tolerance if tolerance is None else tolerance
    kinds = {entry.name: entry.kind for entry in claims_file.metrics}
    verdicts = analysis.verdicts(frame, kinds, slack)
    if only_divergent:
        verdicts = verdicts[verdicts["status"] == "divergent"]
    if output is Format.table:
        _stdout().print(render.compare_table(verdicts, frame))
    else:
        records = report.verdict_records(verdicts)
        _emit(
            records, report.columns_of(records, list(analysis.VERDICT_COLUMNS)), output, sys.stdout
        )
    if fail_on_divergence and (verdicts["status"] == "divergent").any():
        raise typer.Exit(1)


@app.command()
def show(
    ctx: typer.Context,
    metric: Annotated[str, typer.Argument(help="The metric (its name or an alias).")],
    since: SinceOption = None,
    until: UntilOption = None,
    latest: LatestOption = False,
    output: FormatOption = Format.table,
) -> None:
    """Every claim of one metric drawn on a common axis, with the verdict."""
    from figcheck import analysis, render, report

    claims_file = _load(ctx)
    filters = _filters(claims_file, metric, since, until, latest)
    frame = analysis.claims_frame(claims_file, filters)
    if frame.empty:
        raise UsageError(f"no claims of metric '{filters.metric}' pass the filters")
    kinds = {entry.name: entry.kind for entry in claims_file.metrics}
    verdicts = analysis.verdicts(frame, kinds, claims_file.settings.tolerance)
    verdict: dict[str, Any] = verdicts.to_dict("records")[0]  # type: ignore[assignment]
    if output is Format.table:
        _stdout().print(render.show(str(filters.metric), frame, verdict))
        _stdout().print(render.claims_table(frame))
    elif output is Format.json:
        document = {
            "verdict": report.verdict_records(verdicts)[0],
            "claims": report.claim_records(frame),
        }
        import json

        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _emit(report.claim_records(frame), list(report.CLAIM_FIELDS), output, sys.stdout)


_EXTENSIONS = {".csv": Format.csv, ".json": Format.json, ".md": Format.markdown}


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
) -> None:
    """Write the compare report (or the claims) as CSV, JSON or Markdown."""
    from figcheck import analysis, report

    chosen = output or _EXTENSIONS.get(Path(path).suffix.lower(), Format.csv)
    if chosen is Format.table:
        raise UsageError("export writes csv, json or markdown, not a table")
    claims_file = _load(ctx)
    frame = analysis.claims_frame(claims_file, _filters(claims_file, None, None, None, latest))
    if claims:
        records = report.claim_records(frame)
        columns = list(report.CLAIM_FIELDS)
    else:
        kinds = {entry.name: entry.kind for entry in claims_file.metrics}
        verdicts = analysis.verdicts(frame, kinds, claims_file.settings.tolerance)
        records = report.verdict_records(verdicts)
        columns = report.columns_of(records, list(analysis.VERDICT_COLUMNS))
    if path == "-":
        _emit(records, columns, chosen, sys.stdout)
        return
    _write_report(Path(path), lambda stream: _emit(records, columns, chosen, stream))
    _stderr().print(_plain_text(f"wrote {len(records)} rows to {path}"))


def _write_report(path: Path, write: Any) -> None:
    import os
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise UsageError(f"{path}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            write(stream)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@app.command()
def check(ctx: typer.Context) -> None:
    """Validate the claims file: every problem with file:line; silent and exit 0 when clean."""
    from figcheck.store import check_file

    _, problems = check_file(_path(ctx))
    if not problems:
        return
    console = _stdout()
    for problem in problems:
        console.print(_plain_text(str(problem)), soft_wrap=True)
    count = len(problems)
    _stderr().print(f"{count} problem{'s' if count != 1 else ''}")
    raise typer.Exit(1)


def main() -> None:
    """Entry point of the ``figcheck`` console script."""
    app()
