"""Options many commands share, and what they mean: the output format, moments, filters."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from figcheck.errors import UsageError

if TYPE_CHECKING:
    from figcheck.analysis import Filters
    from figcheck.model import ClaimsFile


class Format(enum.StrEnum):
    """How a command prints data: a Rich table for people, or a machine format."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


FormatOption = Annotated[
    Format, typer.Option("--format", help="Output: a table for people, or json, csv, markdown.")
]
MetricOption = Annotated[
    str | None, typer.Option(help="Only this metric (its name or an alias).", show_default=False)
]


def moment_option(value: str | None) -> str | None:
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


def day_of(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def parse_filters(
    claims_file: ClaimsFile,
    metric: str | None,
    since: str | None,
    until: str | None,
    latest: bool = False,
    source: str | None = None,
    as_of: str | None = None,
) -> Filters:
    from figcheck.analysis import Filters

    if since is not None and until is not None and since > end_of(until):
        raise UsageError(f"--since {since} is after --until {until}: no claim can be in between")
    return Filters(
        metric=_metric(claims_file, metric) if metric is not None else None,
        source=source,
        since=since,
        until=None if until is None else end_of(until),
        latest=latest,
        as_of=None if as_of is None else end_of(as_of),
    )


def end_of(moment: str) -> str:
    """A moment that ends a range: a day alone covers the whole day."""
    return moment if "T" in moment else f"{moment}T99"


def _metric(claims_file: ClaimsFile, name: str) -> str:
    """A metric as the user named it, resolved through the registry; unknown ones are an error."""
    from figcheck.metrics import resolve

    return resolve(name, claims_file)


def emit(records: list[dict[str, Any]], columns: list[str], output: Format, stream: Any) -> None:
    from figcheck import report

    if output is Format.json:
        report.write_json(records, stream)
    elif output is Format.csv:
        report.write_csv(records, columns, stream, terminal=stream.isatty())
    else:
        report.write_markdown(records, columns, stream)


QualifierOption = Annotated[
    str | None,
    typer.Option(
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
