"""Commands that write a report to a file: export (CSV, JSON, Markdown) and report (HTML)."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from typing import Annotated

import typer

from figcheck.cli.files import (
    check_output,
    claims_path,
    load_claims,
    load_path,
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
from figcheck.comparing import CompareOptions
from figcheck.errors import UsageError

_EXTENSIONS = {
    ".csv": Format.csv,
    ".json": Format.json,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
}
_OUTPUT_KINDS = {Format.csv: "CSV", Format.json: "JSON", Format.markdown: "MARKDOWN"}


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
        check_output(ctx, path, None, force)  # a claims file is refused before all else
    chosen = _export_format(path, output)
    if path != "-":
        check_output(ctx, path, _OUTPUT_KINDS[chosen], force)
    if claims:
        claims_file = load_claims(ctx)
        from figcheck import analysis

        filters = CompareOptions(latest=latest, as_of=as_of).filters(claims_file)
        records = report.claim_records(analysis.claims_frame(claims_file, filters))
        columns = list(report.CLAIM_FIELDS)
    else:
        records = compare_report(ctx, CompareOptions(latest=latest, as_of=as_of)).verdicts
        columns = list(report.VERDICT_FIELDS)
    if path == "-":
        emit(records, columns, chosen, sys.stdout)
        return
    text = io.StringIO(newline="")
    emit(records, columns, chosen, text)
    write_output(ctx, path, text.getvalue().encode("utf-8"), _OUTPUT_KINDS[chosen], force)
    say(f"wrote {len(records)} rows to {path}")


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

    usual_collection()
    source = claims_path(ctx)
    if path != "-":
        check_output(ctx, path, "HTML", force)
    claims_file = load_path(source)
    from figcheck import analysis, html_report, report

    filters = CompareOptions(latest=latest, as_of=as_of).filters(claims_file)
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
    write_output(ctx, path, page.encode("utf-8"), "HTML", force)
    relations = sum(row["kind"] in ("part", "parts") for row in verdicts)
    shown = _counted(len(verdicts) - relations, "metric")
    if relations:
        shown += f" and {_counted(relations, 'relation')}"
    say(f"wrote the report on {shown} to {path}")


def _counted(count: int, noun: str) -> str:
    """``1 metric``, ``6 metrics``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
