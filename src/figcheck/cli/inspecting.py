"""Commands that read the claims and print: list, compare, show, check."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from figcheck.cli.completion import metric_names
from figcheck.cli.files import (
    LoadProgress,
    check_output,
    claims_path,
    claims_paths,
    command_cache,
    files_read,
    import_analysis,
    load_claims,
    usual_collection,
    write_output,
)
from figcheck.cli.options import (
    AsOfOption,
    ForceOption,
    Format,
    FormatOption,
    LatestOption,
    MetricOption,
    SinceOption,
    UntilOption,
    emit,
)
from figcheck.cli.terminal import say, speakers, stdout_console, warn_tolerance
from figcheck.comparing import CompareOptions
from figcheck.errors import UsageError

if TYPE_CHECKING:
    from figcheck.claimsfile.locate import Snapshot
    from figcheck.claimsfile.reading import FilesRead
    from figcheck.comparing import CompareReport, MetricView
    from figcheck.model import ClaimsFile


def list_claims(
    ctx: typer.Context,
    metric: MetricOption = None,
    source: Annotated[
        str | None, typer.Option(metavar="SOURCE", help="Only this source.", show_default=False)
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output: FormatOption = Format.table,
) -> None:
    """List the claims, with the interval each one allows."""
    claims_file = load_claims(ctx)  # first: pandas is imported while a large file is still read
    from figcheck import comparing, render, report

    frame = comparing.claims_frame(claims_file, CompareOptions(metric, since, until, source=source))
    if output is Format.table:
        # a pipe or a file gets whole lines (FORCE_COLOR too), a terminal what fits
        stdout_console().print(render.claims_table(frame), crop=sys.stdout.isatty())
        return
    emit(report.claim_records(frame), list(report.CLAIM_FIELDS), output, sys.stdout)


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
            metavar="FRACTION",
            help="Relative slack before figures contradict, 0.10 for 10% (default: the "
            "file's, else 0.10).",
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
    if tolerance is not None:
        warn_tolerance(tolerance, "--")
    options = CompareOptions(metric, since, until, latest, tolerance, as_of)
    found = compare_report(ctx, options)
    if tolerance is None:
        warn_tolerance(found.file_tolerance, f"{claims_path(ctx)}: settings: ")
    verdicts = found.divergent() if only_divergent else found.verdicts
    if output is Format.table:
        from figcheck import render, units

        if mixed := found.mixed_units_shown(verdicts):
            say(f"figcheck: warning: {units.note(mixed)}")

        narrowed = only_divergent or options.narrowed
        empty = "No metric matches these options." if narrowed else render.NO_CLAIMS
        stdout_console().print(render.compare_table(verdicts, found.says, empty), crop=False)
    else:
        from figcheck import report

        emit(verdicts, list(report.VERDICT_FIELDS), output, sys.stdout)
    if fail_on_divergence and any(row["status"] == "divergent" for row in verdicts):
        raise typer.Exit(1)


def compare_report(ctx: typer.Context, options: CompareOptions) -> CompareReport:
    """The compare report of the claims file, with a progress bar while a large one is read."""
    from figcheck import comparing
    from figcheck.claimsfile.locate import snapshot

    sources = [snapshot(path) for path in claims_paths(ctx)]
    cache = command_cache(ctx)
    with LoadProgress() as progress:
        found = comparing.compare_report(
            sources, options, speakers, cache, progress, import_analysis
        )
    files_read(ctx, list(found.files))
    return found


def show(
    ctx: typer.Context,
    metric: Annotated[
        str,
        typer.Argument(
            metavar="METRIC",
            help="The metric (its name or an alias).",
            autocompletion=metric_names,
        ),
    ],
    since: SinceOption = None,
    until: UntilOption = None,
    latest: LatestOption = False,
    as_of: AsOfOption = None,
    output: FormatOption = Format.table,
    png: Annotated[
        Path | None,
        typer.Option("--png", metavar="FILE", help="Also save the chart as a PNG image."),
    ] = None,
    svg: Annotated[
        Path | None,
        typer.Option("--svg", metavar="FILE", help="Also save the chart as an SVG image."),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Every claim of one metric drawn on a common axis, with the verdict."""
    from figcheck import comparing, render, report

    claims_file = load_claims(ctx)
    options = CompareOptions(metric, since, until, latest, as_of=as_of)
    view = comparing.metric_view(claims_file, options)
    _save_charts(ctx, claims_file, view, {".png": png, ".svg": svg}, force)
    if output is Format.table:
        whole = not sys.stdout.isatty()  # a pipe or a log: one line per record, whatever the width
        alone = view.alone()
        page = render.show(
            view.metric, view.claims, view.verdict, view.relations, alone, whole=whole
        )
        stdout_console(whole=whole).print(page, soft_wrap=whole)
        table = render.claims_table(view.claims, with_metric=False)
        stdout_console().print(table, crop=sys.stdout.isatty())
    elif output is Format.json:
        import json

        json.dump(view.document(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        emit(report.claim_records(view.claims), list(report.CLAIM_FIELDS), output, sys.stdout)


def _save_charts(
    ctx: typer.Context,
    claims_file: ClaimsFile,
    view: MetricView,
    images: dict[str, Path | None],
    force: bool,
) -> None:
    """Save the chart as each image asked for, once every path has been checked."""
    for suffix, image in images.items():
        if image is not None:
            if image.suffix.lower() != suffix:
                raise UsageError(f"--{suffix[1:]} saves a {suffix} file, not {image}")
            check_output(ctx, str(image), suffix[1:].upper(), force)
    for image in images.values():
        if image is not None:
            _save_chart(ctx, claims_file, view, image, force)


def _save_chart(
    ctx: typer.Context, claims_file: ClaimsFile, view: MetricView, image: Path, force: bool
) -> None:
    from figcheck import charts

    usual_collection()

    metric = view.metric
    unit = next((entry.unit for entry in claims_file.metrics if entry.name == metric), None)
    data = charts.image(metric, view.claims, view.verdict, image.suffix, unit=unit)
    write_output(ctx, str(image), data, image.suffix[1:].upper(), force)
    say(f"saved the chart of {metric} to {image}")


def check(ctx: typer.Context) -> None:
    """Validate the claims files: every problem with file:line; silent and exit 0 when clean."""
    from figcheck.claimsfile.locate import snapshot
    from figcheck.claimsfile.reading import read_files

    sources = [snapshot(path) for path in claims_paths(ctx)]
    found = read_files(sources, command_cache(ctx))
    claims_file, problems = found.claims_file, found.problems
    warn_tolerance(claims_file.settings.tolerance, f"{claims_file.path}: settings: ")
    from figcheck.units import mixed_units

    for mixed in mixed_units(claims_file):  # a warning: the contract lets each claim say its unit
        say(f"figcheck: warning: {mixed}")
    _merge_driver_hints(sources, found)
    if not problems:
        return
    from figcheck.safety import visible

    sys.stdout.writelines(visible(str(problem)) + "\n" for problem in problems)
    count = len(problems)
    say(f"{count} problem{'s' if count != 1 else ''}")
    raise typer.Exit(1)


def _merge_driver_hints(sources: list[Snapshot], found: FilesRead) -> None:
    """One line on stderr for each file given and git repository where some of the files read
    are merged by lines; standard input (and what it includes) is no file to set up."""
    from figcheck.gitsetup import setup_hints

    given = {source.real: source.path for source in sources if source.real is not None}
    files: list[tuple[str, str]] = []
    root: str | None = None
    for source, _ in found.files:
        root = None if source.real is None else given.get(source.real, root)
        if source.real is not None and root is not None:
            files.append((source.path, root))
    for hint in setup_hints(files):
        say(f"figcheck: {hint}")
