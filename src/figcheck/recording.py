"""Turning what a user typed (shorthand, options, or a JSON object) into a claim to record.

Pure functions: the CLI asks for missing parts and writes; this module only decides.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from figcheck import metrics
from figcheck.claimsfile.full_reader import Invalid, day_text, moment_text
from figcheck.errors import FigcheckError, UsageError
from figcheck.model import (
    Claim,
    ClaimsFile,
    ClaimTable,
    Qualifier,
    content_id,
    slugify,
    value_problem,
)
from figcheck.shorthand import Reading, ShorthandError, moment_on, parse, typed_value

PARTS = ("metric", "source", "value")


@dataclass(frozen=True, slots=True)
class Given:
    """The parts of a claim given as options (or JSON keys); each overrides what the text says."""

    metric: str | None = None
    source: str | None = None
    date: dt.date | None = None
    qualifier: Qualifier | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    url: str | None = None
    note: str | None = None
    text: str | None = None
    id: str | None = None
    as_of: str | None = None  # the moment the figure describes (ISO date, or date and time)


class MissingParts(FigcheckError):
    """The claim lacks parts that neither the text nor the options gave."""

    def __init__(self, parts: list[str]) -> None:
        super().__init__(
            f"missing {', '.join(parts)}: give them in the text (e.g. '~50 released (UN)')"
            f" or as options ({', '.join('--' + part for part in parts)})"
        )
        self.parts = parts


@dataclass(frozen=True, slots=True)
class Draft:
    """A claim being put together: the parts known so far, and those still missing.

    ``said`` is the reading whose parentheses give the day the figure describes, when no option
    overrides it: that day is settled against the claim's date again when the date is answered.
    """

    fields: dict[str, Any]
    missing: list[str]
    said: Reading | None = None

    def default(self, part: str, claims_file: ClaimsFile) -> str | None:
        """What the question for ``part`` offers: the date so far (today unless given); the
        source of the newest claim of the metric (of that metric only, so none for a new one);
        the metric of the newest claim like this one (same source, else any)."""
        if part == "date":
            date: dt.date = self.fields["date"]
            return date.isoformat()
        if part == "source":
            metric = self.fields.get("metric")
            same = [claim for claim in claims_file.claims if claim.metric == metric]
            return max(same, key=lambda claim: claim.date).source if same else None
        if part == "metric":
            like = similar_claim(claims_file, self.fields)
            return like.metric if like is not None else None
        return None

    def choices(self, part: str, claims_file: ClaimsFile) -> list[str]:
        """The answers to complete the question for ``part`` with: the known metrics or sources."""
        if part == "metric":
            return sorted(set(metrics.known(claims_file).values()))
        if part == "source":
            return sorted({claim.source for claim in claims_file.claims})
        return []

    def answered(
        self, part: str, typed: str, claims_file: ClaimsFile, *, new_metric: bool = False
    ) -> Draft:
        """The draft with the answer ``typed`` for ``part`` (metric, source, value or date);
        a :class:`FigcheckError` says why an answer cannot be taken (``metrics.CloseName`` and
        ``metrics.LongerName`` name the metric it may mean)."""
        typed = typed.strip()
        if not typed:
            raise UsageError(f"a {part} is needed")
        fields = dict(self.fields)
        if part == "metric":
            fields["metric"] = resolve_metric(typed, claims_file, new_metric=new_metric)
        elif part == "source":
            fields["source"] = typed
        elif part == "value":
            fields.update(figure_answer(typed, claims_file, fields.get("qualifier")))
        else:
            assert part == "date", part
            fields["date"] = _typed_day(typed)
            _settle_day(self.said, fields)
        return Draft(fields, [missing for missing in self.missing if missing != part], self.said)


def _typed_day(typed: str) -> dt.date:
    try:
        return day_text(typed)
    except Invalid as error:
        raise UsageError(str(error)) from None


def _settle_day(said: Reading | None, fields: dict[str, Any]) -> None:
    """After the date is answered: the day the text gives, settled against it again, and the
    moment the figure describes never after the day the source said it."""
    date: dt.date = fields["date"]
    if said is not None and said.as_of is not None:
        fields.pop("as_of", None)
        settled = moment_on(said.as_of, date)
        if settled != date.isoformat():
            fields["as_of"] = settled
    as_of: str | None = fields.get("as_of")
    if as_of is not None and as_of[:10] > date.isoformat():
        raise UsageError(
            f"{as_of}, the moment the figure describes, is after {date.isoformat()}: the "
            "source said it on that day or later"
        )


def figure_answer(
    typed: str, claims_file: ClaimsFile, given: Qualifier | None = None
) -> dict[str, Any]:
    """The figure an answer gives, read as the shorthand reads one (``about 2.6 million``,
    ``at least 1,850``, ``40-60``, ``between 40 and 60``, ``several``), or as a number scripts
    write (``1e6``): its value, bounds and qualifier. A qualifier ``given`` as an option stays
    when the answer has none, and must agree with the answer's."""
    try:
        reading = parse(typed, {}, claims_file.settings.vague)
    except ShorthandError as error:
        try:
            return {"value": typed_value(typed)}
        except ShorthandError:
            raise error from None
    if reading.what is not None or reading.source is not None:
        raise UsageError(
            "only the figure is asked here, such as '2.6 million', 'about 800', 'at least 1,850' "
            f"or '40-60'; not '{typed}'"
        )
    qualifier = reading.qualifier
    if given is not None and qualifier is not given:
        if qualifier is not Qualifier.EXACT:
            raise UsageError(
                f"'{typed}' says {qualifier.value}, but --qualifier says {given.value}: "
                "give the figure alone"
            )
        qualifier = given
    answer: dict[str, Any] = {"qualifier": qualifier, "value": reading.value}
    answer |= {"low": reading.low, "high": reading.high}
    return {name: value for name, value in answer.items() if value is not None}


def resolve_metric(name: str, claims_file: ClaimsFile, *, new_metric: bool = False) -> str:
    """The metric a name means, or a new one (see :func:`figcheck.metrics.resolve`)."""
    return metrics.resolve(name, claims_file, new_allowed=True, new_metric=new_metric)


def draft(
    text: str | None,
    given: Given,
    claims_file: ClaimsFile,
    *,
    today: dt.date,
    new_metric: bool = False,
) -> Draft:
    """Read the shorthand (if any), let the options override it, and list what is missing."""
    reading = (
        parse(text, claims_file.metric_names(), claims_file.settings.vague)
        if text and text.strip()
        else None
    )
    overrides = {k: v for k, v in dataclasses.asdict(given).items() if v is not None}
    fields: dict[str, Any] = (
        _from_reading(reading, claims_file, new_metric, what="metric" not in overrides)
        if reading
        else {}
    )
    if text and text.strip():
        fields["text"] = text.strip()
    if "metric" in overrides:
        overrides["metric"] = resolve_metric(
            overrides["metric"], claims_file, new_metric=new_metric
        )
    if {"low", "high"} <= overrides.keys() and not {"value", "qualifier"} & overrides.keys():
        fields.pop("value", None)  # --low and --high alone: the claim is that range
        overrides["qualifier"] = Qualifier.RANGE
    fields.update(overrides)
    fields.setdefault("date", today)
    said = None
    if reading is not None and reading.as_of is not None and "as_of" not in overrides:
        said = reading
        _day_of(reading, fields)
    has_figure = "value" in fields or ("low" in fields and "high" in fields)
    missing = [
        part for part in PARTS if part not in fields and not (part == "value" and has_figure)
    ]
    return Draft(fields, missing, said)


def _day_of(reading: Reading, fields: dict[str, Any]) -> None:
    """The day the text's parentheses give, as the claim's ``as_of``: a day without a year is
    the latest one on or before the claim's date; one after it is refused."""
    assert reading.as_of is not None
    date: dt.date = fields["date"]
    as_of = moment_on(reading.as_of, date)
    if as_of > date.isoformat():
        raise ShorthandError(
            f"{as_of} is after the claim's date {date.isoformat()}: the day in the parentheses "
            "is the day the figure describes, so it cannot come after the day the source said "
            "it (give --date)",
            reading.text,
            reading.as_of_at,
        )
    if as_of != date.isoformat():
        fields["as_of"] = as_of


def _from_reading(
    reading: Reading, claims_file: ClaimsFile, new_metric: bool, *, what: bool = True
) -> dict[str, Any]:
    """The parts the text gives; its metric words resolved only when ``what`` (not when
    ``--metric`` names the metric)."""
    fields: dict[str, Any] = {"qualifier": reading.qualifier}
    for name in ("value", "low", "high", "source"):
        value = getattr(reading, name)
        if value is not None:
            fields[name] = value
    if reading.metric is not None:
        fields["metric"] = reading.metric
    elif reading.what and what:
        fields["metric"] = resolve_metric(reading.what, claims_file, new_metric=new_metric)
    return fields


def claim_of(draft_: Draft, claims_file: ClaimsFile, *, force: bool = False) -> Claim:
    """The claim a complete draft describes, with a content id (a fresh one when forced)."""
    if draft_.missing:
        raise MissingParts(draft_.missing)
    fields = dict(draft_.fields)
    given_id = fields.pop("id", None)
    fields.setdefault("qualifier", Qualifier.EXACT)
    if fields["qualifier"] is Qualifier.RANGE and ("low" not in fields or "high" not in fields):
        raise UsageError("a range needs both --low and --high")
    for name in ("value", "low", "high"):
        number = fields.get(name)
        if number is not None and (not math.isfinite(number) or number < 0):
            raise UsageError(f"{name} must be a finite number, zero or more (not {number:g})")
        if number is not None and (problem := value_problem(repr(number))):
            raise UsageError(f"{name} {number:g} {problem}")
    low, high = fields.get("low"), fields.get("high")
    if low is not None and high is not None and low > high:
        raise UsageError(f"low {low:g} is above high {high:g}")
    as_of = fields.get("as_of")
    if as_of is not None and as_of[:10] > fields["date"].isoformat():
        raise UsageError(
            f"--as-of {as_of} is after --date {fields['date'].isoformat()}: as_of is the moment "
            "the figure describes, date when the source stated it"
        )
    claim = Claim(id="", **fields)
    taken = set(ClaimTable.of(claims_file.claims, claims_file.path).columns["id"])
    claim_id = given_id or content_id(claim)
    if force and not given_id:
        suffix = 2
        while claim_id in taken:
            claim_id = f"{content_id(claim)}-{suffix}"
            suffix += 1
    return dataclasses.replace(claim, id=claim_id)


def similar_claim(claims_file: ClaimsFile, fields: dict[str, Any]) -> Claim | None:
    """The most recent claim most like the draft (same metric, else same source), for defaults."""
    claims = claims_file.claims
    for key in ("metric", "source"):
        if key in fields:
            matching = [claim for claim in claims if getattr(claim, key) == fields[key]]
            if matching:
                return max(matching, key=lambda claim: claim.date)
    return max(claims, key=lambda claim: claim.date) if claims else None


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_JSON_KEYS = {field.name for field in dataclasses.fields(Given)}


def given_from_json(document: str) -> Given:
    """A JSON object (as scripts send with ``figcheck add --json``) as the given parts."""
    try:
        data = json.loads(document)
    except json.JSONDecodeError as error:
        raise UsageError(f"<stdin>:{error.lineno}: not valid JSON: {error.msg}") from None
    if not isinstance(data, dict):
        raise UsageError('<stdin>: expected one JSON object, e.g. {"metric": ..., "value": ...}')
    unknown = sorted(set(data) - _JSON_KEYS)
    if unknown:
        hint = difflib.get_close_matches(unknown[0], sorted(_JSON_KEYS), n=1)
        more = f" (did you mean '{hint[0]}'?)" if hint else ""
        raise UsageError(f"<stdin>: unknown key '{unknown[0]}'{more}")
    values: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if key in {"value", "low", "high"}:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise UsageError(f"<stdin>: {key} must be a number, not {json.dumps(value)}")
            values[key] = float(value)
        elif key == "date":
            if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
                raise UsageError(f"<stdin>: date must be YYYY-MM-DD, not {value!r}")
            try:
                values[key] = day_text(value, "date")
            except Invalid as error:
                raise UsageError(f"<stdin>: {error}") from None
        elif key == "as_of":
            try:
                values[key] = moment_text(str(value), "as_of")
            except Invalid as error:
                raise UsageError(f"<stdin>: {error}") from None
        elif key == "qualifier":
            try:
                values[key] = Qualifier(slugify(str(value)))
            except ValueError:
                raise UsageError(f"<stdin>: unknown qualifier {value!r}") from None
        elif not isinstance(value, str):
            raise UsageError(f"<stdin>: {key} must be text, not {json.dumps(value)}")
        else:
            values[key] = value
    return Given(**values)
