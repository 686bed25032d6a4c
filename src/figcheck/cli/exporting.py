"""Commands that write a report to a file: export (CSV, JSON, Markdown) and report (HTML)."""

from __future__ import annotations

import datetime as dt
import enum
import io
import sys
from pathlib import Path
from typing import Annotated

import typer

from figcheck.cli.files import (
    check_output,
    claims_path,
    load_claims,
    load_files,
    usual_collection,
    write_output,
)
from figcheck.cli.inspecting import compare_report
from figcheck.cli.options import (
    AsOfOption,
    ForceOption,
    Format,
    LatestOption,
    emit,
)
from figcheck.cli.terminal import say
from figcheck.comparing import CompareOptions, Records
from figcheck.errors import UsageError

_EXTENSIONS = {
    ".csv": Format.csv,
    ".json": Format.json,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
}
_OUTPUT_KINDS = {Format.csv: "CSV", Format.json: "JSON", Format.markdown: "MARKDOWN"}


class ExportFormat(enum.StrEnum):
    """What export writes: the machine formats (a table is for the terminal)."""

    csv = "csv"
    json = "json"
    markdown = "markdown"


def _export_format(path: str, given: Format | None) -> Format:
    """The format ``export`` writes: as given, else by the extension; CSV for no extension or
    ``.txt`` (said on stderr); any other extension is refused rather than guessed."""
    if given is not None:
        return given
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if suffix == ".txt":
        say(f"figcheck: writing CSV to {path} (.csv, .json or .md choose the format)")
    elif suffix:
        raise UsageError(
            f"export writes .csv, .json or .md, not '{suffix}': "
            "rename the file or give --format csv|json|markdown"
        )
    return Format.csv


def export(
    ctx: typer.Context,
    path: Annotated[
        str,
        typer.Argument(metavar="FILE", help="Where to write the report ('-' for standard output)."),
    ],
    claims: Annotated[
        bool, typer.Option("--claims", help="Export the claims instead of the compare report.")
    ] = False,
    output: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            metavar="csv|json|markdown",
            help="csv, json or markdown (default: from the extension, else csv).",
            show_default=False,
        ),
    ] = None,
    latest: LatestOption = False,
    as_of: AsOfOption = None,
    force: ForceOption = False,
) -> None:
    """Write the compare report (or the claims) as CSV, JSON or Markdown."""
    chosen = _checked_format(ctx, path, None if output is None else Format(output.value), force)
    options = CompareOptions(latest=latest, as_of=as_of)
    records, columns = _claims(ctx, options) if claims else _verdicts(ctx, options)
    if path == "-":
        emit(records, columns, chosen, sys.stdout)
        return
    text = io.StringIO(newline="")
    emit(records, columns, chosen, text)
    write_output(ctx, path, text.getvalue().encode("utf-8"), _OUTPUT_KINDS[chosen], force)
    say(f"wrote {len(records)} rows to {path}")


def _checked_format(ctx: typer.Context, path: str, given: Format | None, force: bool) -> Format:
    """The format to write, once the path is known to be one export may write."""
    if path != "-":
        check_output(ctx, path, None, force)  # a claims file is refused before all else
    chosen = _export_format(path, given)
    if path != "-":
        check_output(ctx, path, _OUTPUT_KINDS[chosen], force)
    return chosen


def _claims(ctx: typer.Context, options: CompareOptions) -> tuple[Records, list[str]]:
    from figcheck import comparing, report

    claims_file = load_claims(ctx)
    frame = comparing.claims_frame(claims_file, options)
    return report.claim_records(frame), list(report.CLAIM_FIELDS)


def _verdicts(ctx: typer.Context, options: CompareOptions) -> tuple[Records, list[str]]:
    from figcheck import report

    return compare_report(ctx, options).verdicts, list(report.VERDICT_FIELDS)


def html_report(
    ctx: typer.Context,
    path: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="Where to write the HTML report ('-' for standard output)."
        ),
    ] = "figcheck-report.html",
    latest: LatestOption = False,
    as_of: AsOfOption = None,
    force: ForceOption = False,
) -> None:
    """Write a self-contained HTML report: verdicts, a chart per metric, and the claims."""
    from figcheck import charts, comparing
    from figcheck.claimsfile.locate import display_name

    usual_collection()
    source = claims_path(ctx)
    if path != "-":
        check_output(ctx, path, "HTML", force)
    claims_file = load_files(ctx).claims_file
    options = CompareOptions(latest=latest, as_of=as_of)
    now = dt.datetime.now(dt.UTC)
    kept = charts.SvgCache.of_claims_file(source)
    made = comparing.html_page(claims_file, options, display_name(source), now, kept)
    if path == "-":
        sys.stdout.write(made.page)
        return
    write_output(ctx, path, made.page.encode("utf-8"), "HTML", force)
    say(f"wrote the report on {made.scope} to {path}")
