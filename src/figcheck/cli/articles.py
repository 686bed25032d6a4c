"""The extract command: the figures in an article, proposed as claims and recorded if accepted."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from figcheck.cli.editing import print_change
from figcheck.cli.files import (
    claims_paths,
    command_cache,
    load_files,
    writable_path,
    write_target,
)
from figcheck.cli.options import KindChoice, date_option
from figcheck.cli.prompts import ask_kind, ask_missing, interactive, plain_text, prompt
from figcheck.cli.terminal import say, stdout_console
from figcheck.errors import Stopped, UsageError


class ExtractFormat(enum.StrEnum):
    """How extract prints its candidates."""

    table = "table"
    json = "json"
    yaml = "yaml"


def extract(
    ctx: typer.Context,
    source_file: Annotated[
        str, typer.Argument(metavar="FILE", help="An article: text, Markdown or HTML ('-': stdin).")
    ],
    output: Annotated[
        ExtractFormat,
        typer.Option(
            "--format",
            metavar="table|json|yaml",
            help="table for people; json or yaml for scripts.",
        ),
    ] = ExtractFormat.table,
    add_them: Annotated[
        bool,
        typer.Option(
            "--add",
            help="Go through the candidates and record those you accept, with the source "
            "proposed or, by its number, another the text offers.",
        ),
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", help="With --add: take every attributed candidate, no asking.")
    ] = False,
    min_confidence: Annotated[
        float,
        typer.Option(
            min=0, max=1, metavar="0-1", help="With --yes: only candidates this confident."
        ),
    ] = 0.8,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="FILE",
            help="With --add: the claims file to write (one of those read; default: the first).",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        dt.date | None,
        date_option(
            "Date of the claims, YYYY-MM-DD (default: a date in the text's first lines, "
            "else today)."
        ),
    ] = None,
    percent: Annotated[bool, typer.Option("--percent", help="Also propose percentages.")] = False,
    money: Annotated[bool, typer.Option("--money", help="Also propose amounts of money.")] = False,
    kind: Annotated[
        KindChoice | None,
        typer.Option(
            metavar="level|cumulative|fixed",
            help="With --add: the kind of each new metric a recorded claim starts (default: "
            "asked in a terminal, else level). Metrics already in the file keep theirs.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Find the figures in an article, with who said them, and propose them as claims."""
    from figcheck import extract as extracting
    from figcheck import render

    article = _article(source_file)
    if kind is not None and not add_them:
        raise UsageError("--kind declares the new metrics of recorded claims: give it with --add")
    if article.rows_left:
        say(
            f"{article.rows_left:,} table rows beyond the first {extracting.TABLE_ROWS:,} were "
            "read as plain text; 'figcheck import' reads a table row by row"
        )
    when = date or extracting.find_date(_without_rows(article))
    if when is None:
        say(f"no date in the article's first lines: claims are dated today, {dt.date.today()}")
    candidates = extracting.extract(
        article.text, percent=percent, money=money, date=when, rows=article.rows
    )
    day = when or dt.date.today()
    if add_them:
        _add_candidates(
            ctx,
            candidates,
            day,
            yes=yes,
            min_confidence=min_confidence,
            article=source_file,
            kind=kind,
            to=to,
        )
    elif output is ExtractFormat.table:
        stdout_console().print(render.candidates_table(candidates, day))
    else:
        _print_records(candidates, output, day)


def _print_records(candidates: list[Any], output: ExtractFormat, day: dt.date) -> None:
    """The candidates as JSON or YAML records, each with the date a recorded claim gets."""
    from figcheck import extract as extracting
    from figcheck import report

    records = [report.plain_record(extracting.as_record(c, day)) for c in candidates]
    if output is ExtractFormat.json:
        report.write_json(records, sys.stdout, repeated="sentence", listed="alternatives")
    else:
        import yaml

        yaml.safe_dump(records, sys.stdout, allow_unicode=True, sort_keys=False)


def _without_rows(article: Any) -> Any:
    """The article's text with its tables' rows blanked: a date in a row is that row's moment,
    not the article's dateline."""
    pieces, position = [], 0
    for row in article.rows:
        pieces += [article.text[position : row.start], " " * (row.end - row.start)]
        position = row.end
    return "".join([*pieces, article.text[position:]])


def _article(name: str) -> Any:
    """The article: Markdown and HTML stripped to text (:func:`figcheck.extract.read_article`),
    plain text as it is; a terminal's escape sequences dropped from both."""
    from figcheck import extract as extracting
    from figcheck.claimsfile.locate import read_bytes

    data = read_bytes(name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{name}: not UTF-8 text") from None
    if (
        Path(name).suffix.lower() in {".md", ".markdown", ".html", ".htm"}
        or text.lstrip()[:1] == "<"
    ):
        return extracting.read_article(text)
    return extracting.Article(extracting.without_controls(text))


def _add_candidates(
    ctx: typer.Context,
    candidates: list[Any],
    when: dt.date,
    *,
    yes: bool,
    min_confidence: float,
    article: str = "",
    kind: KindChoice | None = None,
    to: str | None = None,
) -> None:
    """Record the candidates the user accepts (all confident, attributed ones with --yes), each
    with the article's sentence as its text and the article's name as its note. A source the user
    edits is proposed for the later candidates found with the same source. A claim that starts a
    new metric declares it: with ``kind``, else with the kind asked in a terminal."""
    from figcheck import changes, metrics
    from figcheck import extract as extracting
    from figcheck.claimsfile.refusals import DuplicateClaim

    writable_path(ctx)  # standard input is refused before anything is asked
    cache = command_cache(ctx)
    if not yes and not interactive():
        raise UsageError("--add asks about each candidate in a terminal; use --yes in scripts")
    added = skipped = 0
    # a source as found -> as the user edited it (how a name is written); never a source chosen
    # by its number (which speaker gave a figure) nor one given a figure found with none
    corrected: dict[str, str | None] = {}
    try:
        for candidate in candidates:
            found = load_files(ctx, for_analysis=False)
            claims_file = found.claims_file
            path = write_target(found, to)
            proposed = candidate
            if not yes and candidate.source is not None and candidate.source in corrected:
                proposed = dataclasses.replace(candidate, source=corrected[candidate.source])
            shorthand_text = extracting.as_shorthand(proposed)
            answer: str | int = "yes"
            chosen: str | None = None
            if yes:
                if candidate.source is None or candidate.confidence < min_confidence:
                    skipped += 1
                    continue
            else:
                context = " ".join(candidate.sentence.split())  # no marks for line breaks
                dated = _dated(candidate, when)
                console = stdout_console()
                console.print()  # each line made visible apart: a line break is no mark
                console.print(plain_text(context))
                console.print(plain_text(f"→ {shorthand_text}  ({dated})"))
                others = _other_sources(candidate, proposed)
                if others:
                    console.print(plain_text(_numbered(others)))
                if proposed is not candidate:
                    was = candidate.source or "unattributed"
                    say(f"the source as you edited it above (found: {was})")
                answer = _record_it(len(others))
                if isinstance(answer, int):
                    chosen = others[answer - 1]
                    shorthand_text = extracting.as_shorthand(
                        dataclasses.replace(proposed, source=chosen)
                    )
                    console.print(plain_text(f"→ {shorthand_text}"))
                elif answer.startswith("s"):
                    skipped += 1
                    continue
                elif answer.startswith("e"):
                    shorthand_text = prompt("claim", shorthand_text, [])
            claim = _candidate_claim(
                candidate, shorthand_text, when, claims_file, yes, article, source=chosen
            )
            edited = answer == "edit" and claim.source != proposed.source
            if edited and candidate.source is not None:
                corrected[candidate.source] = claim.source  # proposed for it below
            declared = None
            if metrics.is_new(claims_file, claim.metric):
                declared = kind.value if kind is not None else None
                if declared is None and not yes:
                    declared = ask_kind(claim.metric)
            try:
                among = (claims_paths(ctx), found.others(path))
                change = changes.record(path, claim, kind=declared, cache=cache, among=among)
            except DuplicateClaim:
                say(f"already recorded: {shorthand_text}")
                skipped += 1
                continue
            print_change(change)
            added += 1
    except Stopped as error:
        if added:  # the claims accepted are written
            message = f"stopped: {added} added before; nothing else was written"
            raise Stopped(message, interrupted=error.interrupted) from None
        raise
    say(f"{added} added, {skipped} skipped")


def _dated(candidate: Any, when: dt.date) -> str:
    """The date (and moment) an accepted candidate is stored with, and its unit, in words."""
    from figcheck.extract.candidates import stored_as_of

    moment = stored_as_of(candidate, when)
    words = f"dated {when}" + (f", as of {moment}" if moment else "")
    return words + (f", unit {candidate.unit}" if candidate.unit else "")


def _other_sources(candidate: Any, proposed: Any) -> list[str]:
    """The other sources the text offers the candidate, best first, without the one proposed:
    the source found first when an edited one is proposed in its place."""
    from figcheck.extract.attribution import source_key

    found = [] if proposed is candidate or candidate.source is None else [candidate.source]
    return [
        name
        for name in dict.fromkeys([*found, *candidate.alternatives])
        if source_key(name) != source_key(proposed.source)
    ]


def _numbered(others: list[str]) -> str:
    """The other sources as the line that numbers them for the record-it question."""
    return "other sources in the text: " + " · ".join(
        f"{number} {name}" for number, name in enumerate(others, start=1)
    )


def _record_it(others: int = 0) -> str | int:
    """The answer to "record it?": yes, edit or skip (no counts as skip), or the number of one of
    the ``others`` sources listed (1 to ``others``), asked until it is one."""
    answers = {"y": "yes", "yes": "yes", "e": "edit", "edit": "edit", "s": "skip", "skip": "skip"}
    answers |= {"n": "skip", "no": "skip"}
    numbers = f"1-{others}" if others > 1 else "1"
    question = "record it? [y]es, [e]dit, [s]kip"
    reasons = "y records it, e edits it first, s skips it"
    if others:
        question += f", or {numbers} with that source"
        reasons += f", {numbers} records it with that source"
    while True:
        typed = prompt(question, "y", ["yes", "edit", "skip"]).lower()
        if typed in answers:
            return answers[typed]
        if others and typed.isdecimal():
            if 1 <= int(typed) <= others:
                return int(typed)
            say(f"there is no source {typed} here: the other sources are numbered {numbers}")
            continue
        say(f"'{typed}' is not an answer here: {reasons}")


def _candidate_claim(
    candidate: Any,
    text: str,
    when: dt.date,
    claims_file: Any,
    yes: bool,
    article: str,
    *,
    source: str | None = None,
) -> Any:
    """The claim an accepted candidate makes, the article's sentence as its text, with ``source``
    when one is given (whatever the shorthand's parentheses read); a mistake in the edited
    shorthand is shown and the claim asked again (never in --yes)."""
    from figcheck import recording, shorthand
    from figcheck.errors import FigcheckError
    from figcheck.extract.candidates import stored_as_of

    given = recording.Given(
        source=source,
        date=when,
        text=" ".join(candidate.sentence.split()),
        note=f"from {article}" if article and article != "-" else None,
        as_of=stored_as_of(candidate, when),  # the moment the sentence gives, when it says
        unit=candidate.unit,  # "%" with --percent, the currency with --money
    )
    while True:
        try:
            draft = recording.draft(text, given, claims_file, today=when, new_metric=True)
            if draft.missing and not yes:
                draft = ask_missing(draft, claims_file, draft.missing)
            return recording.claim_of(draft, claims_file)
        except FigcheckError as error:
            if yes or isinstance(error, Stopped):
                raise
            if isinstance(error, shorthand.ShorthandError):
                say(shorthand.format_error(error))
            else:
                say(str(error))
            text = prompt("claim", text, [])
