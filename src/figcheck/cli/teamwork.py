"""Commands for working as a team: import from a spreadsheet, and git's merge driver."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated

import typer

from figcheck.cli.files import ToOption, command_cache, load_files, writable_path, write_target
from figcheck.cli.options import date_option
from figcheck.cli.terminal import say


def merge_driver(
    base: Annotated[
        str, typer.Argument(metavar="BASE", help="The common ancestor's version (git's %O).")
    ],
    ours: Annotated[
        str,
        typer.Argument(metavar="OURS", help="Our version, where the result goes (git's %A)."),
    ],
    theirs: Annotated[str, typer.Argument(metavar="THEIRS", help="Their version (git's %B).")],
    marker_size: Annotated[
        int,
        typer.Option(
            "--marker-size", min=1, metavar="N", help="Length of conflict markers (git's %L)."
        ),
    ] = 7,
    path: Annotated[
        str | None,
        typer.Option(
            "--path",
            metavar="PATH",
            help="The file's place in the work tree (git's %P).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Git merge driver: merge three versions of a claims file by claim id (see init --git)."""
    from figcheck import merging

    result = merging.merge_files(base, ours, theirs, marker_size, path)
    if result.fallback is not None:
        say(f"figcheck merge-driver: {result.fallback}; left git's line merge")
    if result.conflicts:
        count = result.conflicts
        say(
            f"figcheck merge-driver: {count} conflict{'s' if count != 1 else ''} marked in the "
            "claims file (something both sides changed); keep one side and commit"
        )
        raise typer.Exit(1)


def import_file(
    ctx: typer.Context,
    table: Annotated[
        str, typer.Argument(metavar="FILE", help="A .csv, .tsv, .xlsx or .jsonl file of claims.")
    ],
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD",
            help="Which claim field a column gives (FIELD empty: leave the column out); "
            "give it once per column.",
            show_default=False,
        ),
    ] = None,
    metric: Annotated[
        str | None, typer.Option(metavar="METRIC", help="The metric of rows that give none.")
    ] = None,
    source: Annotated[
        str | None, typer.Option(metavar="SOURCE", help="The source of rows that give none.")
    ] = None,
    date: Annotated[
        dt.date | None, date_option("The date of rows that give none, YYYY-MM-DD.")
    ] = None,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Import the good rows and list the bad ones.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be added.")] = False,
    to: ToOption = None,
) -> None:
    """Import claims from a spreadsheet: every row checked first, then one locked append."""
    from figcheck import importing
    from figcheck.claimsfile.yaml_text import claim_yaml

    constants = importing.Constants(metric, source, date)
    writable_path(ctx)  # standard input is refused before it is read
    found = load_files(ctx, for_analysis=False)
    outcome = importing.import_table(
        write_target(found, to),
        table,
        importing.parse_mapping(mapping or []),
        constants,
        skip_bad=skip_bad,
        dry_run=dry_run,
        found=found,
        cache=command_cache(ctx),
    )
    if dry_run:
        sys.stdout.writelines(claim_yaml(claim) for claim in outcome.added)
    for line in importing.summary(outcome, table, dry_run=dry_run):
        say(line)
