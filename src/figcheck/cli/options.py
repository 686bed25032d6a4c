"""Options many commands share, and what they mean: the output format, moments, filters."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Any

import typer

from figcheck.cli.completion import metric_names


class Format(enum.StrEnum):
    """How a command prints data: a Rich table for people, or a machine format."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        metavar="table|json|csv|markdown",
        help="Output: a table for people, or json, csv, markdown.",
    ),
]
MetricOption = Annotated[
    str | None,
    typer.Option(
        metavar="METRIC",
        help="Only this metric (its name or an alias).",
        show_default=False,
        autocompletion=metric_names,
    ),
]


def moment_option(value: str | None) -> str | None:
    """A DATE (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM) given to an option."""
    if value is None:
        return None
    from figcheck.claimsfile.full_reader import Invalid, moment_text

    try:
        return moment_text(value, "the date", why=True)
    except Invalid as error:
        raise typer.BadParameter(str(error)) from None


def day_option(value: str) -> dt.date:
    """A DATE (YYYY-MM-DD) given to an option: a real day, or a message that says what is wrong
    with it (``there is no month 13``)."""
    from figcheck.claimsfile.full_reader import Invalid, day_text

    try:
        return day_text(value)
    except Invalid as error:
        raise typer.BadParameter(str(error)) from None


def date_option(help_text: str) -> Any:
    """``--date DATE``: one day, as :func:`day_option` reads it."""
    return typer.Option(parser=day_option, metavar="DATE", help=help_text, show_default=False)


SinceOption = Annotated[
    str | None,
    typer.Option(
        metavar="DATE",
        callback=moment_option,
        help="Only claims about this day or later (YYYY-MM-DD, or YYYY-MM-DDTHH:MM).",
        show_default=False,
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        metavar="DATE",
        callback=moment_option,
        help="Only claims about this day or earlier (YYYY-MM-DD, or YYYY-MM-DDTHH:MM).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        callback=moment_option,
        help="The verdict as it stood on this day: the claims in force then (YYYY-MM-DD).",
        show_default=False,
    ),
]
LatestOption = Annotated[
    bool, typer.Option("--latest", help="Keep only each source's newest claims per metric.")
]


def emit(records: list[dict[str, Any]], columns: list[str], output: Format, stream: Any) -> None:
    from figcheck import report

    if output is Format.json:
        report.write_json(records, stream)
    elif output is Format.csv:
        report.write_csv(records, columns, stream, terminal=stream.isatty())
    else:
        report.write_markdown(records, columns, stream)


class KindChoice(enum.StrEnum):
    """The kinds a new metric can be declared as (contract section 3)."""

    LEVEL = "level"
    CUMULATIVE = "cumulative"
    FIXED = "fixed"


QualifierOption = Annotated[
    str | None,
    typer.Option(
        metavar="QUALIFIER",
        help="exact, about, at_least, more_than, at_most, up_to, fewer_than, nearly or range.",
        show_default=False,
    ),
]


ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help="Replace an existing file that holds something else (never a claims file)."
    ),
]
