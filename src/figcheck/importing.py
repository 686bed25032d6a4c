"""Claims from a spreadsheet: CSV, TSV, Excel (``.xlsx``) or JSON lines, checked row by row.

Columns are matched to claim fields by name (case, spaces, ``_`` and ``-`` ignored; common
synonyms such as *figure* for ``value`` or *outlet* for ``source``), or as ``--map`` says. Every
row is checked by the claims file's own reader: each row becomes a claim written as YAML, all of
them are read at once with the file's settings and registry, and every problem the reader finds is
reported at the row and column it came from (``people.csv:7:Figure: value must be ...``). Nothing
is written
unless every row is good (or the bad ones are to be skipped); then the claims are appended in one
locked write, and rows already recorded are skipped and counted.

A text column is read with the claim shorthand (``about 50 released (UN)``) when no column gives
the value. A CSV cell that ``figcheck export`` protected from running as a formula (a leading
``'``) gets its text back, so exporting claims and importing them again gives the same claims.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import functools
import io
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from figcheck.claimsfile.yaml_text import number_yaml, scalar_yaml
from figcheck.errors import FigcheckError, UsageError
from figcheck.model import Claim, ClaimsFile, ClaimTable, content_id
from figcheck.safety import FORMULA_START

if TYPE_CHECKING:
    from figcheck.claimsfile.cache import Cache
    from figcheck.claimsfile.reading import FilesRead

MAX_CELL = 100_000  # characters: a longer cell is not a claim
MAX_ROWS = 2_000_000  # rows read (blank ones included) before giving up


class UnreadableTable(FigcheckError):
    """The spreadsheet cannot be read at all (format, encoding, layout); nothing was written."""


class BadRows(FigcheckError):
    """Some rows cannot be claims; nothing was written. Each problem is on its own line."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        self.problems = tuple(problems)
        count = len(problems)
        listed = "\n".join(str(problem) for problem in problems[:_SHOWN])
        more = f"\n... and {count - _SHOWN} more" if count > _SHOWN else ""
        super().__init__(
            f"{count} bad row{'s' if count != 1 else ''}; nothing was written "
            f"(fix {'them' if count != 1 else 'it'}, or --skip-bad to import the others):"
            f"\n{listed}{more}"
        )


_SHOWN = 50


@dataclass(frozen=True, slots=True)
class RowProblem:
    """What is wrong with one row: ``file:row:column: message`` (column when known)."""

    path: str
    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.row}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.message}"


# --- columns --------------------------------------------------------------------------------------

_SYNONYMS = {
    "id": "id",
    "claim id": "id",
    "metric": "metric",
    "what": "metric",
    "measure": "metric",
    "indicator": "metric",
    "value": "value",
    "figure": "value",
    "number": "value",
    "count": "value",
    "amount": "value",
    "qualifier": "qualifier",
    "hedge": "qualifier",
    "low": "low",
    "min": "low",
    "minimum": "low",
    "high": "high",
    "max": "high",
    "maximum": "high",
    "unit": "unit",
    "units": "unit",
    "source": "source",
    "outlet": "source",
    "who": "source",
    "said by": "source",
    "according to": "source",
    "estimated by": "source",
    "reported by": "source",
    "counted by": "source",
    "claimed by": "source",
    "date": "date",
    "as of": "as_of",
    "asof": "as_of",
    "text": "text",
    "wording": "text",
    "quote": "text",
    "claim": "text",
    "url": "url",
    "link": "url",
    "source url": "url",
    "note": "note",
    "notes": "note",
    "comment": "note",
    "comments": "note",
}
_DERIVED = frozenset({"lo", "hi"})  # written by export (the interval), worked out again on reading
_NUMBER_FIELDS = frozenset({"value", "low", "high"})
_DATE_FIELDS = frozenset({"date", "as_of"})


def normal_name(name: str) -> str:
    """A column name as it is compared: case, spaces, ``_`` and ``-`` ignored."""
    return " ".join(re.sub(r"[_\-]+", " ", name).casefold().split())


def claim_fields() -> tuple[str, ...]:
    """The fields a claim can have in this figcheck (the reader's keys)."""
    from figcheck.claimsfile.full_reader import CLAIM_KEYS

    return CLAIM_KEYS


def column_field(column: str) -> str | None:
    """The claim field a column's name gives by itself (``Figure`` -> ``value``, ``Outlet`` ->
    ``source``), None when it names none. ``extract`` reads a table's columns with it too."""
    name = normal_name(column)
    return _SYNONYMS.get(name) or _SYNONYMS.get(name.replace(" ", ""))


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column gives which field; the columns left out."""

    fields: dict[int, str]  # column index -> claim field
    ignored: tuple[str, ...]


def match_columns(header: Sequence[str], mapping: dict[str, str], path: str) -> Columns:
    """Match the header's columns to claim fields (``mapping``: ``--map`` COLUMN=FIELD, FIELD ''
    to leave a column out)."""
    known = claim_fields()
    mapped = {normal_name(column): field for column, field in mapping.items()}
    unused = set(mapped)
    fields: dict[int, str] = {}
    ignored: list[str] = []
    for index, column in enumerate(header):
        name = normal_name(column)
        if name in mapped:
            unused.discard(name)
            field = mapped[name]
            if not field:
                continue
        elif name in _DERIVED or not name:
            continue
        else:
            field = column_field(column) or ""
            if not field:
                ignored.append(column)
                continue
        if field not in known:
            raise UsageError(
                f"{path}: column '{column}' would be the claim field '{field}', which this "
                f"figcheck does not know; --map '{column}'= leaves it out"
            )
        if field in fields.values():
            first = header[next(i for i, f in fields.items() if f == field)]
            raise UsageError(
                f"{path}: columns '{first}' and '{column}' both give {field}; "
                f"--map '{column}'=FIELD says what the second is, "
                f"or --map '{column}'= leaves it out"
            )
        fields[index] = field
    if unused:
        name = sorted(unused)[0]
        raise UsageError(f"{path}: --map names a column '{name}' that the file does not have")
    return Columns(fields, tuple(ignored))


def parse_mapping(pairs: Sequence[str]) -> dict[str, str]:
    """``--map`` options (``COLUMN=FIELD``) as a dict; the field checked and slugged."""
    known = claim_fields()
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, equals, field = pair.partition("=")
        if not equals or not column.strip():
            raise UsageError(f"--map takes COLUMN=FIELD (or COLUMN= to leave it out), not {pair!r}")
        field = normal_name(field).replace(" ", "_")
        if field and field not in known:
            raise UsageError(f"--map {pair}: '{field}' is not a claim field ({', '.join(known)})")
        mapping[column.strip()] = field
    return mapping


# --- reading the spreadsheet ----------------------------------------------------------------------

Cell = str | int | float | bool | dt.date | dt.datetime | None


@dataclass(frozen=True, slots=True)
class Table:
    """A spreadsheet's header and rows (each with its row number as the user sees it)."""

    path: str
    header: tuple[str, ...]
    rows: Sequence[tuple[int, Sequence[Any]]]
    quoted_formulas: bool  # text cells may carry export's protective leading "'"


def read_table(path: str, data: bytes) -> Table:
    """The spreadsheet at ``path`` (its bytes ``data``), by its extension."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, data)
    if suffix in (".jsonl", ".ndjson"):
        return _read_json_lines(path, _decoded(path, data))
    if suffix in (".csv", ".tsv", ".tab", ".txt"):
        text = _decoded(path, data)
        return _read_delimited(path, text, "\t" if suffix != ".csv" else _delimiter(text))
    raise UsageError(f"{path}: import reads .csv, .tsv, .xlsx and .jsonl files, not '{suffix}'")


def _decoded(path: str, data: bytes) -> str:
    """Text from UTF-8 (a BOM allowed) or UTF-16 with a BOM (Excel's "Unicode text")."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UnreadableTable(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x}); "
            "save it as CSV UTF-8 and import that"
        ) from None


def _delimiter(text: str) -> str:
    """``,`` unless the header line has none and has ``;`` (a CSV from a European spreadsheet)."""
    first = text.split("\n", 1)[0]
    return ";" if "," not in first and ";" in first else ","


def _read_delimited(path: str, text: str, delimiter: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, Sequence[Any]]] = []
    header: list[str] | None = None
    row_number = 0
    try:
        for record in reader:
            row_number += 1
            if row_number > MAX_ROWS:
                raise UnreadableTable(f"{path}: more than {MAX_ROWS:,} rows; split the file")
            if header is None:
                if not any(cell.strip() for cell in record):
                    continue  # blank lines above the header
                header = [cell.strip() for cell in record]
                continue
            if not any(record):
                continue
            rows.append((row_number, record))
    except csv.Error as error:
        message = str(error)
        if "field larger than field limit" in message:
            message = f"a cell longer than {csv.field_size_limit():,} characters"
        elif "unexpected end of data" in message:
            message = "a quoted cell is never closed (unexpected end of data)"
        raise UnreadableTable(f"{path}:{row_number + 1}: {message}") from None
    if header is None:
        raise UnreadableTable(f"{path}: no header row (column names) and no rows")
    return Table(path, tuple(header), rows, quoted_formulas=True)


def _read_json_lines(path: str, text: str) -> Table:
    rows: list[tuple[int, Sequence[Any]]] = []
    columns: dict[str, int] = {}
    objects: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            what = error.msg if isinstance(error, json.JSONDecodeError) else "nested too deep"
            raise UnreadableTable(f"{path}:{number}: not JSON: {what}") from None
        if not isinstance(value, dict):
            raise UnreadableTable(f"{path}:{number}: each line must be one JSON object {{...}}")
        for key in value:
            columns.setdefault(str(key), len(columns))
        objects.append((number, value))
    for number, value in objects:
        row: list[Any] = [None] * len(columns)
        for key, cell in value.items():
            row[columns[str(key)]] = cell
        rows.append((number, row))
    return Table(path, tuple(columns), rows, quoted_formulas=False)


def _read_xlsx(path: str, data: bytes) -> Table:
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a dependency, but an install may lack it
        raise UnreadableTable(
            f"{path}: reading .xlsx needs openpyxl (pip install openpyxl)"
        ) from None
    import warnings
    import zipfile

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise UnreadableTable(f"{path}: not an Excel .xlsx workbook ({error})") from None
    except Exception as error:  # a damaged workbook can fail anywhere inside the reader
        raise UnreadableTable(
            f"{path}: cannot read the workbook ({type(error).__name__})"
        ) from None
    try:
        sheet = book.worksheets[0]
        rows: list[tuple[int, Sequence[Any]]] = []
        header: tuple[str, ...] | None = None
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS:
                raise UnreadableTable(f"{path}: more than {MAX_ROWS:,} rows; split the sheet")
            if not any(cell is not None and str(cell).strip() for cell in values):
                continue
            if header is None:
                header = tuple("" if cell is None else str(cell).strip() for cell in values)
                continue
            rows.append((number, values))
    except UnreadableTable:
        raise
    except Exception as error:  # a damaged sheet can fail anywhere inside the reader
        raise UnreadableTable(f"{path}: cannot read the sheet ({type(error).__name__})") from None
    finally:
        book.close()
    if header is None:
        raise UnreadableTable(f"{path}: the first sheet has no header row and no rows")
    return Table(path, header, rows, quoted_formulas=False)


# --- rows as claims -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Constants:
    """``--metric``, ``--source``, ``--date``: for the rows that do not give them."""

    metric: str | None = None
    source: str | None = None
    date: dt.date | None = None


def unquoted(text: str) -> str:
    """A CSV cell as it was before export protected it: the inverse of
    :func:`figcheck.safety.spreadsheet_safe`."""
    if text.startswith("'") and text[1:].lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text


_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?\Z")
_DOTTED = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}\Z")  # "1.200": 1.2 or 1200?
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_ISO_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2})?\Z")


def _cell_yaml(
    field: str, cell: Any, quoted_formulas: bool, decimal_dots: bool = False
) -> str | None:
    """A cell as the YAML of a claim field (None when empty); what the reader makes of it
    decides whether it is good. ``1.200`` in a number column is refused as ambiguous (1.2 or
    1200) unless ``decimal_dots`` (a table figcheck exported: its dots are decimal points)."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        return scalar_yaml(str(cell).lower())  # text: the reader says a number was wanted
    if isinstance(cell, int | float):
        if field in _NUMBER_FIELDS and math.isfinite(cell):
            return number_yaml(cell)
        shown = number_yaml(cell) if math.isfinite(cell) else str(cell)
        return scalar_yaml(shown)
    if isinstance(cell, dt.datetime | dt.date):
        if field == "as_of" and isinstance(cell, dt.datetime) and cell.time() != dt.time():
            return cell.isoformat(timespec="seconds" if cell.second else "minutes")
        day = cell.date() if isinstance(cell, dt.datetime) else cell
        return day.isoformat() if field in _DATE_FIELDS else scalar_yaml(cell.isoformat())
    if isinstance(cell, list | dict):
        raise _CellError(f"{field} must be one value, not a JSON {type(cell).__name__}")
    text = str(cell)
    if len(text) > MAX_CELL:
        raise _CellError(f"a cell of {len(text):,} characters; a claim's {field} is shorter")
    if quoted_formulas:
        text = unquoted(text)
    if field in _NUMBER_FIELDS:
        text = text.strip()
        if not text:
            return None
        if _GROUPED.match(text):
            text = text.replace(",", "")
        elif _DOTTED.match(text) and not decimal_dots:
            from figcheck.shorthand import two_readings

            if ambiguous := two_readings(text):
                raise _CellError(ambiguous)
        if _NUMBER.match(text):
            number = float(text)
            return number_yaml(number) if math.isfinite(number) else scalar_yaml(text)
        return scalar_yaml(text)
    if field in _DATE_FIELDS:
        text = text.strip()
        if not text:
            return None
        return (
            text
            if _ISO_DATE.match(text) or field == "as_of" and _ISO_MOMENT.match(text)
            else (scalar_yaml(text))
        )
    if not text.strip():
        return None
    return scalar_yaml(text)


class _CellError(Exception):
    """A cell that cannot even be written as a field; the message says why."""


_FORMULA_CELL = re.compile(r"=[A-Za-z_(]")


@dataclass(frozen=True, slots=True)
class Plan:
    """What an import would do: the claims of the good rows (with their rows) and the problems."""

    claims: Sequence[Claim]  # located at their rows of the spreadsheet
    rows: tuple[int, ...]
    problems: tuple[RowProblem, ...]
    ignored: tuple[str, ...]  # columns left out
    source_rows: int  # rows read (not blank)


def plan_import(
    table: Table,
    claims_file: ClaimsFile,
    header_yaml: str,
    mapping: dict[str, str],
    constants: Constants,
) -> Plan:
    """Every row of ``table`` as a claim, checked by the reader together with ``header_yaml`` (the
    claims file's settings and registry as YAML); the problems of the rows that are not good."""
    from figcheck.claimsfile.locate import Snapshot
    from figcheck.claimsfile.reading import read as read_claims_file

    columns = match_columns(table.header, mapping, table.path)
    given = set(columns.fields.values())
    shorthand = "text" in given and not given & _NUMBER_FIELDS
    if not given & _NUMBER_FIELDS and not shorthand:
        raise UsageError(
            f"{table.path}: no column gives the figure (value, figure, number or count, or "
            "low and high), nor a text to read it from; name one with --map COLUMN=value"
        )
    problems: list[RowProblem] = []
    lines: list[str] = []
    at_line: list[tuple[int, str | None]] = []  # for each line of ``lines``: row, column
    first_line = header_yaml.count("\n") + 2  # after the header and "claims:"
    rows_written: list[int] = []
    for number, cells in table.rows:
        try:
            fields = _row_fields(table, columns, cells, constants, claims_file, shorthand)
        except _RowError as error:
            problems.append(RowProblem(table.path, number, error.column, error.message))
            continue
        if not fields:
            continue
        rows_written.append(number)
        for position, (field, (value, column)) in enumerate(fields.items()):
            lines.append(("  - " if position == 0 else "    ") + f"{field}: {value}\n")
            at_line.append((number, column))
    document = header_yaml + "claims:\n" + "".join(lines)
    checked = read_claims_file(Snapshot(table.path, None, document.encode("utf-8")))
    read, found = checked.claims_file, checked.problems
    bad_rows: set[int] = {problem.row for problem in problems}
    for problem in found:
        index = problem.location.line - first_line
        if 0 <= index < len(at_line):
            row, column = at_line[index]
            starts = lines[index].startswith("  - ")
            problems.append(
                RowProblem(table.path, row, None if starts else column, problem.message)
            )
            bad_rows.add(row)
        else:  # pragma: no cover - the header was read cleanly before
            raise UsageError(f"{claims_file.path}: {problem.message}")
    problems.sort(key=lambda problem: problem.row)
    read_rows = ClaimTable.of(read.claims, table.path).columns
    line_of_row: dict[int, int] = {}
    for index, (row, _) in enumerate(at_line):
        line_of_row.setdefault(row, index + first_line)
    place = {line: number for number, line in enumerate(read_rows["line"])}
    rows = [row for row in rows_written if row not in bad_rows and line_of_row[row] in place]
    picked = [place[line_of_row[row]] for row in rows]
    columns_read = {name: [values[i] for i in picked] for name, values in read_rows.items()}
    columns_read["line"] = rows  # each claim located at its row of the spreadsheet
    claims = ClaimTable(columns_read, table.path)
    return Plan(claims, tuple(rows), tuple(problems), columns.ignored, len(table.rows))


class _RowError(Exception):
    def __init__(self, column: str | None, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


@functools.lru_cache(maxsize=4)
def _exported(header: tuple[str, ...]) -> bool:
    """Whether a table is one ``figcheck export --claims`` wrote (it has the ``lo`` and ``hi``
    columns it derives), whose numbers are written with a decimal point."""
    return {normal_name(column) for column in header} >= _DERIVED


def _row_fields(
    table: Table,
    columns: Columns,
    cells: Sequence[Any],
    constants: Constants,
    claims_file: ClaimsFile,
    shorthand: bool,
) -> dict[str, tuple[str, str | None]]:
    """A row's fields as YAML, each with the column it came from; empty for an empty row."""
    fields: dict[str, tuple[str, str | None]] = {}
    for index, field in columns.fields.items():
        cell = cells[index] if index < len(cells) else None
        column = table.header[index]
        if isinstance(cell, str) and not table.quoted_formulas and _FORMULA_CELL.match(cell):
            raise _RowError(column, f"a formula ({cell[:40]}); paste its value instead")
        try:
            written = _cell_yaml(field, cell, table.quoted_formulas, _exported(table.header))
        except _CellError as error:
            raise _RowError(column, str(error)) from None
        if written is not None:
            fields[field] = (written, column)
    if not fields:
        return fields
    if shorthand and "text" in fields:
        fields = _from_shorthand(table, columns, cells, fields, constants, claims_file)
    for field in ("metric", "source", "date"):
        value = getattr(constants, field)
        if field not in fields and value is not None:
            shown = value.isoformat() if isinstance(value, dt.date) else scalar_yaml(value)
            fields[field] = (shown, f"--{field}")
    if "as_of" in fields and "date" in fields and fields["as_of"][0] == fields["date"][0]:
        del fields["as_of"]  # a moment equal to the date says nothing more (as export writes it)
    return fields


def _from_shorthand(
    table: Table,
    columns: Columns,
    cells: Sequence[Any],
    fields: dict[str, tuple[str, str | None]],
    constants: Constants,
    claims_file: ClaimsFile,
) -> dict[str, tuple[str, str | None]]:
    """The row's text read with the shorthand: its figure, metric and source."""
    from figcheck import recording, shorthand

    index = next(i for i, field in columns.fields.items() if field == "text")
    column = table.header[index]
    text = str(cells[index])
    if table.quoted_formulas:
        text = unquoted(text)
    try:
        reading = shorthand.parse(text, claims_file.metric_names(), claims_file.settings.vague)
    except shorthand.ShorthandError as error:
        raise _RowError(column, f"{error.message} (reading {text.strip()!r})") from None
    found: dict[str, Any] = {"qualifier": reading.qualifier.value}
    for name in ("value", "low", "high"):
        number = getattr(reading, name)
        if number is not None:
            found[name] = number
    if reading.source is not None:
        found["source"] = reading.source
    what = reading.metric or reading.what
    if what is not None:
        try:
            found["metric"] = reading.metric or recording.resolve_metric(
                what, claims_file, new_metric=True
            )
        except UsageError as error:
            raise _RowError(column, str(error)) from None
    if reading.as_of is not None and "as_of" not in fields:
        found["as_of"] = _day_of(reading.as_of, fields, constants, column)
    merged = dict(fields)
    for name, value in found.items():
        if name in merged:
            continue  # a column says it
        if name == "metric" and constants.metric is not None:
            continue
        if name == "source" and constants.source is not None:
            continue
        if value is None:
            continue
        shown = number_yaml(value) if isinstance(value, float) else scalar_yaml(str(value))
        merged[name] = (shown if name != "as_of" else value, column)
    return merged


def _day_of(
    as_of: str, fields: dict[str, tuple[str, str | None]], constants: Constants, column: str
) -> str | None:
    """The day a text's parentheses give ("(Foro Penal, 12 January)"), settled against the row's
    date (a day without a year is the latest one on or before it); None when there is no date
    to settle it against (the reader then asks for the date)."""
    from figcheck.shorthand import moment_on

    written = fields["date"][0] if "date" in fields else None
    try:
        date = dt.date.fromisoformat(written) if written else constants.date
    except ValueError:
        return None
    if date is None:
        return None if as_of.startswith("--") else as_of
    moment = moment_on(as_of, date)
    if moment > date.isoformat():
        raise _RowError(
            column,
            f"{moment} is after the date {date.isoformat()}: the day in the parentheses is the "
            "day the figure describes, not after the day the source said it",
        )
    return moment


# --- the import -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an import did (or, dry, would do)."""

    added: tuple[Claim, ...]
    recorded: int  # rows already in the claims file (or repeated in the spreadsheet): skipped
    bad: tuple[RowProblem, ...]  # rows left out (with --skip-bad)
    ignored: tuple[str, ...]  # columns left out
    rows: int  # rows read


def header_yaml(text: str) -> str:
    """The claims file's sections other than the claims, as YAML (settings and registry)."""
    from figcheck.merging import CannotSplit, split_sections

    try:
        sections = split_sections(text, len(text))  # the claims as one piece: not split
    except CannotSplit:
        return ""
    parts = [s.text for s in sections if s.key not in ("claims", "version") and s.key]
    return "".join(part if part.endswith("\n") else part + "\n" for part in parts)


def import_table(
    claims_path: str,
    table_path: str,
    mapping: dict[str, str],
    constants: Constants,
    *,
    skip_bad: bool = False,
    dry_run: bool = False,
    found: FilesRead | None = None,
    cache: Cache | None = None,
) -> Outcome:
    """Import the spreadsheet at ``table_path`` into the claims file at ``claims_path``.

    ``found``: the claims files read with it (``claims_path`` one of them), when already read;
    a row must then repeat none of their claims nor take one's id. Raises :class:`BadRows`
    (nothing written) when a row is bad, unless ``skip_bad``.
    """
    from figcheck.claimsfile import write
    from figcheck.claimsfile.cache import Cache
    from figcheck.claimsfile.joining import resolved
    from figcheck.claimsfile.locate import read_bytes, snapshot
    from figcheck.claimsfile.reading import load_files

    cache = Cache.for_user() if cache is None else cache
    if found is None:
        found = load_files([snapshot(claims_path)], cache)
    part = found.part(claims_path)
    assert part is not None, "the claims file imported into is one of those read"
    snap, claims_file, others = part[0], found.claims_file, found.others(claims_path)
    table = read_table(table_path, read_bytes(table_path))
    head = header_yaml(snap.data.decode("utf-8"))
    plan = plan_import(table, claims_file, head, mapping, constants)
    if others is not None:  # a metric named by an alias of another file's registry
        names = claims_file.metric_names()
        plan = dataclasses.replace(
            plan, claims=resolved(ClaimTable.of(plan.claims, table.path), names)
        )
    problems = list(plan.problems) + _taken_ids(plan, claims_file, table_path)
    if problems and not skip_bad:
        raise BadRows(sorted(problems, key=lambda problem: problem.row))
    bad_rows = {problem.row for problem in problems}
    claims = [
        claim for claim, row in zip(plan.claims, plan.rows, strict=True) if row not in bad_rows
    ]
    if dry_run:
        fresh, recorded = write.new_claims(claims_file, claims, as_read=True)
        added: tuple[Claim, ...] = tuple(fresh)
    else:
        stored, recorded = write.append_claims(
            snap.path, claims, as_read=True, cache=cache, others=others
        )
        added = tuple(stored)
    return Outcome(added, recorded, tuple(problems), plan.ignored, plan.source_rows)


def _taken_ids(plan: Plan, claims_file: ClaimsFile, path: str) -> list[RowProblem]:
    """Rows whose own id is already another claim's (in the file, or an earlier row)."""
    table = ClaimTable.of(claims_file.claims, claims_file.path)
    in_file = dict(zip(table.columns["id"], range(len(table)), strict=True))
    problems: list[RowProblem] = []
    seen: dict[str, tuple[int, Claim]] = {}
    for claim, row in zip(plan.claims, plan.rows, strict=True):
        if claim.id == content_id(claim):
            continue  # no id of its own: a repeat is a claim already recorded
        if claim.id in in_file and table[in_file[claim.id]] != claim:
            message = f"id {claim.id} is already another claim's in {claims_file.path}"
            problems.append(RowProblem(path, row, "id", message))
        elif claim.id in seen and seen[claim.id][1] != claim:
            message = f"id {claim.id} is also row {seen[claim.id][0]}'s, a different claim"
            problems.append(RowProblem(path, row, "id", message))
        seen.setdefault(claim.id, (row, claim))
    return problems


def summary(outcome: Outcome, path: str, *, dry_run: bool = False) -> list[str]:
    """What the import did, in a few lines: the bad rows left out, then the counts."""
    lines = [f"left out {problem}" for problem in outcome.bad]
    if outcome.ignored:
        listed = ", ".join(f"'{column}'" for column in outcome.ignored)
        lines.append(f"columns not imported: {listed} (--map COLUMN=FIELD imports one)")
    verb = "would add" if dry_run else "added"
    counts = [f"{verb} {len(outcome.added):,} claim{'s' if len(outcome.added) != 1 else ''}"]
    if outcome.recorded:
        counts.append(f"{outcome.recorded:,} already recorded")
    if outcome.bad:
        counts.append(
            f"{len(outcome.bad):,} bad row{'s' if len(outcome.bad) != 1 else ''} left out"
        )
    lines.append(f"{', '.join(counts)} (from {outcome.rows:,} rows of {path})")
    if dry_run:
        lines.append("dry run: nothing written")
    return lines
