"""Machine output: verdicts and claims as JSON, CSV and Markdown, written to a stream.

Numbers stay numbers (whole numbers without ``.0``), dates are ISO 8601, infinity and missing values
are ``null`` in JSON and empty in CSV. A number is the exact value (to the 15 significant digits a
float keeps), in CSV and Markdown written without an exponent (``0.000005``, not ``5e-06``). Text
cells in CSV cannot start a spreadsheet formula.
"""

from __future__ import annotations

import csv
import decimal
import json
import math
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

from figcheck.reconcile.verdict import COLUMNS, CSV_COLUMNS, Verdict
from figcheck.safety import spreadsheet_safe, visible

if TYPE_CHECKING:
    import pandas as pd

VERDICT_FIELDS = (*CSV_COLUMNS, "conflict_sources")
"""The columns of the compare report in CSV and Markdown: the verdict's, then who disagrees."""
_NUMBER_COLUMNS = ("min", "max", "median", "range_low", "range_high", "ratio")
NOT_APPLICABLE = "NA"
"""``range_low`` and ``range_high`` in CSV and Markdown for a row with no range (an empty
``range_high`` is an open bound)."""

Record = dict[str, Any]

CLAIM_FIELDS = (
    "id",
    "metric",
    "value",
    "qualifier",
    "low",
    "high",
    "lo",
    "hi",
    "unit",
    "source",
    "date",
    "as_of",
    "text",
    "url",
    "note",
)


def _plain(value: Any) -> Any:
    """A frame cell as a plain JSON value: no NaN, no infinity, whole floats as ints."""
    if value is None or type(value) is str or type(value) is int:
        return value  # the most frequent cells, plain already
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return int(value)  # a whole number of 15 digits or fewer is exact as it is
        if not math.isfinite(value):
            return None
        value = float(f"{value:.15g}")  # 800 * 1.1 is 880, not 880.0000000000001
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing values
        return None
    return value


def plain_record(record: Record) -> Record:
    """A record with plain JSON values (no NaN, no infinity, whole floats as ints)."""
    return {
        key: value
        if value is None or type(value) is str or type(value) is int or type(value) is list
        else _plain(value)
        for key, value in record.items()
    }


def _records(frame: pd.DataFrame, columns: Sequence[str]) -> list[Record]:
    lists = {name: frame[name].astype(object).tolist() for name in columns}
    return [{name: _plain(lists[name][row]) for name in columns} for row in range(len(frame))]


def verdict_records(verdicts: Iterable[Verdict]) -> list[Record]:
    """The compare report, one record per metric or relation (JSON keys in the report's order),
    with ``conflict`` as a list of claim ids."""
    return [verdict_record(verdict) for verdict in verdicts]


def verdict_record(verdict: Verdict) -> Record:
    """One verdict as a report record: plain values, ``conflict`` as a list of claim ids."""
    record = verdict.record()
    for name in _NUMBER_COLUMNS:  # the other columns hold plain text, whole numbers or None
        value = record[name]
        if isinstance(value, float):
            record[name] = _plain(value)
    record["conflict"] = list(verdict.conflict)
    assert tuple(record) == COLUMNS
    return record


def claim_records(frame: pd.DataFrame) -> list[Record]:
    """Every stored field of each claim, with its id and interval; ``as_of`` is the claim's
    moment (its ``as_of``, else its ``date``)."""
    return _records(frame.assign(as_of=frame["moment"]), CLAIM_FIELDS)


def name_conflicts(records: list[Record], source_of: dict[str, str]) -> None:
    """Add ``conflict_sources`` to each compare record: who said each claim of its conflict, in
    the conflict's order (``source_of`` maps claim ids to their source)."""
    for record in records:
        record["conflict_sources"] = [source_of[claim] for claim in record["conflict"]]


def _flat(record: Record) -> Record:
    """A compare record as its CSV row: the conflict spread over ``conflict_a`` and
    ``conflict_b``, who disagrees joined by ``; ``, and ``NA`` for the range of a row that has
    none (a divergence, a relation), so that an empty ``range_high`` is only ever an open bound."""
    if "conflict" not in record:
        return record
    flat = {key: value for key, value in record.items() if key != "conflict"}
    ids = list(record["conflict"])
    flat["conflict_a"] = ids[0] if ids else None
    flat["conflict_b"] = " ".join(ids[1:]) or None  # the other ids, when a relation has more
    flat["conflict_sources"] = "; ".join(record.get("conflict_sources") or ()) or None
    if record["status"] == "divergent" or record["kind"] in ("part", "parts"):
        flat["range_low"] = flat["range_high"] = NOT_APPLICABLE
    return flat


def positional(value: float) -> str:
    """A float as its shortest exact text, never with an exponent: ``6999999.3``, ``0.000005``."""
    text = repr(value)
    if "e" not in text:
        return text
    return f"{decimal.Decimal(text):f}"


def write_json(
    records: Iterable[Record],
    stream: IO[str],
    *,
    repeated: str | None = None,
    listed: str | None = None,
) -> None:
    """The records as ``json.dumps(records, indent=2)`` writes them. ``repeated`` names a text
    that records one after another often hold (the same object: an article's sentence, given
    with each of its figures); it is then encoded once for them all. ``listed`` names a list of
    texts a record may hold (a candidate's alternatives): the records are then still written
    the fast way."""
    # one write: json.dump writes each of its millions of small pieces to the stream on its own
    records = list(records)
    if all(type(record) is dict and _flat_values(record, listed) for record in records):
        stream.write(_flat_json(records, repeated, listed))
    else:
        stream.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")


_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)
_SCALARS_OR_LIST = _SCALAR_TYPES | {list}
_TEXT = frozenset({str})
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",\n    ", ": "))
"""Without ``indent``, json encodes in C; a flat record's items, each on its own line, are then
what ``indent=2`` writes (the pure-Python encoder ``indent`` needs is several times slower)."""


def _flat_values(record: Record, listed: str | None = None) -> bool:
    """Whether a record's values are plain scalars, but for a list of texts under ``listed``."""
    if _SCALAR_TYPES.issuperset(map(type, record.values())):
        return True
    texts = record.get(listed) if listed is not None else None
    if type(texts) is not list:
        return False
    kinds = list(map(type, record.values()))
    return (
        kinds.count(list) == 1
        and _SCALARS_OR_LIST.issuperset(kinds)
        and _TEXT.issuperset(map(type, texts))
    )


def _flat_json(
    records: list[Record], repeated: str | None = None, listed: str | None = None
) -> str:
    """Records whose values are all plain scalars (but for a list of texts under ``listed``)
    as ``json.dumps(records, indent=2)`` writes them, byte for byte. A text under ``repeated``
    is encoded once for the records after it that hold it too: each is encoded with null there,
    and the null replaced (in a flat record, an unescaped quote is a key's or a text's own, so
    ``"key": null`` can only be that key's); so is a list under ``listed`` that is not empty
    (an empty one is ``[]`` as it is), before the long text goes in."""
    if not records:
        return "[]\n"
    lines = []
    key = _ONE_LINE.encode(repeated) if repeated is not None else ""
    named = f"{_ONE_LINE.encode(listed)}: " if listed is not None else ""
    shared, encoded = None, ""
    for record in records:
        texts = record.get(listed) if listed is not None else None
        if type(texts) is not list:
            texts = None  # a scalar under the name: written as it is
        text = record.get(repeated) if repeated is not None else None
        long = type(text) is str and len(text) > 80
        if not texts and not long:
            items = _ONE_LINE.encode(record)[1:-1]
            lines.append(f"  {{\n    {items}\n  }}" if record else "  {}")
            continue
        blank = dict(record)
        if texts:
            blank[listed] = None  # type: ignore[index]
        if long:
            blank[repeated] = None  # type: ignore[index]
        items = _ONE_LINE.encode(blank)[1:-1]
        if texts:  # its key opens a line: never the end of a longer key ('x"y', 'y')
            written = named + "[\n" + ",\n".join(f"      {_ONE_LINE.encode(t)}" for t in texts)
            written += "\n    ]"
            if items.startswith(named + "null"):
                items = written + items[len(named) + 4 :]
            else:
                items = items.replace(f",\n    {named}null", f",\n    {written}", 1)
        if long:
            if text is not shared:
                shared, encoded = text, _ONE_LINE.encode(text)
            items = items.replace(f"{key}: null", f"{key}: {encoded}", 1)
        lines.append(f"  {{\n    {items}\n  }}")
    return "[\n" + ",\n".join(lines) + "\n]\n"


def write_csv(
    records: Iterable[Record], columns: Sequence[str], stream: IO[str], *, terminal: bool = False
) -> None:
    """CSV whose text cells cannot run as formulas; for a ``terminal``, with controls visible.

    A row with a carriage return in a cell is written with every cell quoted (the csv module
    quotes only for the line ending it writes, and a reader takes a bare CR for the end of a row).
    """
    writer = csv.writer(stream, lineterminator="\n")
    quoted = csv.writer(stream, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(columns)
    shown = visible if terminal else str
    for record in records:
        flat = _flat(record)
        row = [
            spreadsheet_safe(shown(v))
            if isinstance(v, str)
            else positional(v)
            if isinstance(v, float)
            else v
            for v in (flat[c] for c in columns)
        ]
        carriage_return = any(isinstance(cell, str) and "\r" in cell for cell in row)
        (quoted if carriage_return else writer).writerow(row)


def _markdown_cell(value: Any) -> str:
    if value is None:
        return ""
    text = positional(value) if isinstance(value, float) else visible(str(value))
    return text.replace("\\", "\\\\").replace("|", "\\|")


def write_markdown(records: Iterable[Record], columns: Sequence[str], stream: IO[str]) -> None:
    stream.write("| " + " | ".join(columns) + " |\n")
    stream.write("|" + "---|" * len(columns) + "\n")
    for record in records:
        flat = _flat(record)
        stream.write("| " + " | ".join(_markdown_cell(flat[c]) for c in columns) + " |\n")
