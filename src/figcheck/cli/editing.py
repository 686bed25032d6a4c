"""Commands that change the claims file: init, add, rm."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from figcheck.cli.completion import claim_ids, metric_names
from figcheck.cli.files import (
    ToOption,
    claims_paths,
    command_cache,
    load_files,
    writable_path,
    write_target,
)
from figcheck.cli.options import KindChoice, QualifierOption, date_option, moment_option
from figcheck.cli.prompts import ask_kind, ask_metric, ask_missing, interactive, settle_metric
from figcheck.cli.terminal import fail, say, speakers, stdout_console
from figcheck.errors import UsageError

if TYPE_CHECKING:
    from figcheck.changes import Change
    from figcheck.claimsfile.cache import Cache
    from figcheck.model import ClaimsFile, Qualifier
    from figcheck.recording import Draft, Given

_TEMPLATE = """\
# figcheck claims file: one entry per figure, with who said it and when.
# Check it with `figcheck check`; see which figures disagree with `figcheck compare`.
version: 1

settings:
  tolerance: 0.10   # relative slack before two figures count as contradictory
  about: 0.10       # "about 50" allows 45-55

metrics:            # what is counted; claims name a metric or one of its aliases
  # political_prisoners:
  #   description: People held for political reasons
  #   unit: people
  #   kind: level   # level, or cumulative for a running total that can only grow
  #   aliases: [political prisoners]

claims:
  # - metric: political_prisoners
  #   value: 800
  #   qualifier: about  # exact about at_least more_than at_most up_to fewer_than nearly range
  #   source: human rights groups
  #   date: 2026-01-12
"""


def init(
    ctx: typer.Context,
    git: Annotated[
        bool,
        typer.Option(
            "--git",
            help="Also make git merge the file (and those it includes) with figcheck's driver.",
        ),
    ] = False,
) -> None:
    """Create a claims file (data/claims.yaml, or --file, or $FIGCHECK_FILE) with a template."""
    files: list[str] | None = ctx.obj["file"] if ctx.obj else None
    if files and len(files) > 1:
        raise UsageError("init creates one claims file; give --file once")
    given = files[0] if files else None
    target = Path(given or os.environ.get("FIGCHECK_FILE") or "data/claims.yaml")
    if str(target) == "-":
        raise UsageError("init writes a file; '-' (standard input) cannot be created")
    if not (git and target.is_file()):  # with --git, an existing file is left as it is
        _create(target)
    if git:
        from figcheck import gitsetup

        for line in gitsetup.set_up(str(target), _included(ctx, str(target))):
            say(line)


def _included(ctx: typer.Context, path: str) -> list[str]:
    """The files the claims file at ``path`` includes (nested ones too), as they can be read."""
    from figcheck.claimsfile.locate import snapshot
    from figcheck.claimsfile.reading import read_files

    return read_files([snapshot(path)], command_cache(ctx)).paths[1:]


def _create(target: Path) -> None:
    from figcheck.safety import visible

    if visible(str(target)) != str(target):
        raise UsageError(
            f"{visible(str(target))}: a file name with a control character (a line break, a tab, "
            "a right-to-left mark) "
            "would be printed garbled in every message; choose another name"
        )
    if target.exists() or target.is_symlink():
        raise UsageError(f"{target} already exists; init never overwrites a file")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{target}: cannot create: {error.strerror}") from None
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise UsageError(f"{target} already exists; init never overwrites a file") from None
    except OSError as error:
        raise UsageError(f"{target}: cannot create: {error.strerror}") from None
    try:  # whole or not at all, even when interrupted (Ctrl-C)
        with os.fdopen(fd, "wb") as stream:
            stream.write(_TEMPLATE.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as error:
        target.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise UsageError(f"{target}: cannot create: {error.strerror}") from None
        raise
    say(f"created {target}")


def add(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="TEXT",
            help='The claim in shorthand, e.g. "~50 released (UN)".',
            show_default=False,
        ),
    ] = None,
    metric: Annotated[
        str | None,
        typer.Option(
            metavar="METRIC",
            help="What is counted (wins over the text).",
            autocompletion=metric_names,
        ),
    ] = None,
    source: Annotated[str | None, typer.Option(metavar="SOURCE", help="Who said it.")] = None,
    date: Annotated[
        dt.date | None, date_option("When the source said it, YYYY-MM-DD (default: today).")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            callback=moment_option,
            help="The day (or YYYY-MM-DDTHH:MM) the figure describes, when not --date.",
            show_default=False,
        ),
    ] = None,
    qualifier: QualifierOption = None,
    kind: Annotated[
        KindChoice | None,
        typer.Option(
            metavar="level|cumulative|fixed",
            help="A new metric's kind: level (rises and falls), cumulative (a running total) "
            "or fixed (one number). Asked in a terminal; else level.",
            show_default=False,
        ),
    ] = None,
    value: Annotated[
        str | None, typer.Option(metavar="NUMBER", help="The figure.", show_default=False)
    ] = None,
    low: Annotated[
        str | None,
        typer.Option(metavar="NUMBER", help="Lower bound (a range, or overriding)."),
    ] = None,
    high: Annotated[
        str | None,
        typer.Option(metavar="NUMBER", help="Upper bound (a range, or overriding)."),
    ] = None,
    unit: Annotated[
        str | None, typer.Option(metavar="UNIT", help="Unit, when not the metric's.")
    ] = None,
    url: Annotated[
        str | None, typer.Option(metavar="URL", help="Where the claim was read.")
    ] = None,
    note: Annotated[
        str | None, typer.Option(metavar="NOTE", help="Anything worth keeping with it.")
    ] = None,
    wording: Annotated[
        str | None,
        typer.Option(
            "--text",
            metavar="WORDING",
            help="The wording as read (default: TEXT).",
            show_default=False,
        ),
    ] = None,
    new_metric: Annotated[
        bool, typer.Option("--new-metric", help="Start a new metric even if one has a close name.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Record it even if the same claim is there.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be written.")] = False,
    from_json: Annotated[
        bool, typer.Option("--json", help="Read the claim as a JSON object from standard input.")
    ] = False,
    to: ToOption = None,
) -> None:
    """Record a claim: parse TEXT, let options override it, check it, and append it.

    TEXT is the shorthand [QUALIFIER] NUMBER [WHAT] [(SOURCE)]: "~50 released (UN)", "at least
    1,850 killed (HRANA)", "between 40 and 60 freed (Foro Penal)", "about 800 political
    prisoners, according to Provea". WHAT is matched against the metrics and their aliases.
    Options override what the text says. Missing parts (the metric, the source, the figure,
    and the date unless --date gives it) are asked for in a terminal; elsewhere they are an
    error, and the date is today. Every form is listed in docs/shorthand.md.
    """
    from figcheck import changes, recording
    from figcheck.claimsfile.yaml_text import claim_yaml

    writable_path(ctx)  # standard input is refused before it is read
    found = load_files(ctx, for_analysis=False)
    path = write_target(found, to)
    cache = command_cache(ctx)
    claims_file = found.claims_file
    before = found.files[0][0]
    if from_json:
        given = recording.given_from_json(sys.stdin.read())
    else:
        figure, lowest, highest = (_figure(typed, name) for name, typed in
                                   (("value", value), ("low", low), ("high", high)))  # fmt: skip
        parts = (metric, source, date, _qualifier(qualifier), figure, lowest, highest)
        given = recording.Given(*parts, unit, url, note, wording, as_of=as_of)
    if given.date is not None and given.date > dt.date.today():
        say(f"figcheck: warning: --date {given.date.isoformat()} is in the future (a typo?)")
    claim = recording.claim_of(
        _draft(text, given, claims_file, new_metric), claims_file, force=force
    )
    declared = _new_kind(claim.metric, kind, claims_file)
    if dry_run:
        sys.stdout.write(claim_yaml(claim))
        if declared is not None:
            say(f"would declare {claim.metric} under metrics: as {declared}")
        say("dry run: nothing written")
        return
    alone = len(found.files) == 1
    change = changes.record(
        path,
        claim,
        force=force,
        before=(before, claims_file) if alone else None,
        speakers=speakers,
        kind=declared,
        cache=cache,
        among=None if alone else (claims_paths(ctx), found.others(path)),
        files_before=None if alone else found,
    )
    print_change(change)


def _new_kind(metric: str, given: KindChoice | None, claims_file: ClaimsFile) -> str | None:
    """The kind to declare for ``metric`` when the claim starts it: ``--kind``, else asked in a
    terminal (None: not declared, so level). ``--kind`` on a known metric must be its kind."""
    from figcheck import metrics

    if not metrics.is_new(claims_file, metric):
        known = claims_file.kind_of(metric)
        if given is not None and given.value != known:
            raise UsageError(
                f"{metric} is a {known} metric; --kind only declares a new metric "
                f"(change its kind under metrics: in {claims_file.path})"
            )
        return None
    if given is not None:
        return given.value
    return ask_kind(metric) if interactive() else None


def _figure(typed: str | None, name: str) -> float | None:
    """A figure given as an option, read as the shorthand reads one (``1.200`` is refused)."""
    from figcheck import shorthand

    try:
        return None if typed is None else shorthand.typed_value(typed, f"--{name}")
    except shorthand.ShorthandError as error:
        raise UsageError(error.message) from None


def _qualifier(given: str | None) -> Qualifier | None:
    from figcheck.model import Qualifier, slugify

    try:
        return Qualifier(slugify(given)) if given else None
    except ValueError:
        raise UsageError(f"unknown qualifier '{given}'; see figcheck add --help") from None


def _draft(text: str | None, given: Given, claims_file: ClaimsFile, new_metric: bool) -> Draft:
    """The claim the text and options describe, with what is missing asked in a terminal (the
    date too, today by default, unless --date gave it), and a metric name close to a known one
    asked about there."""
    import dataclasses

    from figcheck import recording, shorthand
    from figcheck.metrics import CloseName, LongerName

    while True:
        try:
            draft = recording.draft(
                text, given, claims_file, today=dt.date.today(), new_metric=new_metric
            )
            break
        except (CloseName, LongerName) as question:
            if not interactive():
                raise
            known = question.known_metric if isinstance(question, LongerName) else None
            metric = settle_metric(question) or ask_metric(claims_file, known)
            given, new_metric = dataclasses.replace(given, metric=metric), True
        except shorthand.ShorthandError as error:
            fail(shorthand.format_error(error), 2)
    if draft.missing and interactive():
        asked = [*draft.missing, *(["date"] if given.date is None else [])]
        draft = ask_missing(draft, claims_file, asked)
    return draft


def rm(
    ctx: typer.Context,
    claim_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The id of the claim to remove.", autocompletion=claim_ids
        ),
    ],
) -> None:
    """Remove one claim by its id (see figcheck list), leaving the rest of its file as it was."""
    from figcheck import changes

    cache = command_cache(ctx)
    path = writable_path(ctx)
    given = claims_paths(ctx)
    if len(given) == 1 and not _includes(path, cache):
        print_change(changes.remove(path, claim_id, cache))
        return
    from figcheck.model import ClaimTable

    found = load_files(ctx, for_analysis=False)
    table = ClaimTable.of(found.claims_file.claims, found.claims_file.path)
    ids = table.columns["id"]
    wanted = claim_id.strip()
    if wanted in ids:  # else the first file's refusal words the ids it could have been
        path = write_target(found, table.path_of(ids.index(wanted)))
    print_change(changes.remove(path, claim_id, cache, read_from=given))


def _includes(path: str, cache: Cache) -> bool:
    """Whether the claims file at ``path`` includes others (read as every command reads it)."""
    from figcheck.claimsfile.locate import snapshot
    from figcheck.claimsfile.reading import read

    return bool(read(snapshot(path), cache).claims_file.includes)


def print_change(change: Change) -> None:
    """The claim as stored, then its metric's verdict with it (or without it, after rm)."""
    from rich.text import Text

    from figcheck import render, wording

    claim, row = change.claim, change.row
    console = stdout_console()
    whole = not sys.stdout.isatty()  # one line per record into a pipe or a log, whatever the width
    console.print(
        Text(f"{change.action} {claim.id}  ")
        + render.cell(claim.metric, "bold")
        + Text(f"  {wording.figure(row)}  {wording.interval(row['lo'], row['hi'])}  ")
        + render.cell(claim.source)
        + Text(f"  {claim.date.isoformat()}"),
        soft_wrap=whole,
    )
    if change.verdict is None:
        console.print(Text(f"{claim.metric} has no claims left", style="dim"), soft_wrap=whole)
    else:
        console.print(render.verdict_sentence(change.verdict, change.rows), soft_wrap=whole)
