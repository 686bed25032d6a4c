"""The app: its global options, its commands in the order ``--help`` lists them, and its error edge.

The edge is here and nowhere else: figcheck's named errors become one line on stderr and the
exit code their class carries; anything else is an internal error (exit 3, traceback with --debug).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from figcheck import __version__
from figcheck.cli.articles import extract
from figcheck.cli.editing import add, init, rm
from figcheck.cli.exporting import export, html_report
from figcheck.cli.inspecting import check, compare, list_claims, show
from figcheck.cli.teamwork import import_file, merge_driver
from figcheck.cli.terminal import fail
from figcheck.errors import FigcheckError


class _Group(TyperGroup):
    """Translates figcheck's named errors into one line on stderr and the contract's exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FigcheckError as error:
            fail(str(error), error.exit_code)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (``| head``): not an error
            raise typer.Exit(0) from None
        except typer.TyperException as error:  # a usage error: No such option: -f
            name = str(getattr(error, "option_name", "")).partition("=")[0]
            if name in _GLOBAL_OPTIONS:
                error.message += _global_hint(name, getattr(error, "ctx", None))
            raise
        except (typer.Exit, typer.Abort):
            raise
        except Exception as error:
            if ctx.obj is not None and ctx.obj.get("debug"):
                raise
            fail(f"internal error: {type(error).__name__}: {error} (run with --debug)", 3)


_GLOBAL_OPTIONS = {"-f": "FILE", "--file": "FILE", "--debug": ""}


def _global_hint(name: str, command_ctx: Any) -> str:
    """Where a global option given after the command goes: ``figcheck -f FILE add …``."""
    command = command_ctx.info_name if command_ctx is not None else "COMMAND"
    value = f" {_GLOBAL_OPTIONS[name]}" if _GLOBAL_OPTIONS[name] else ""
    return (
        f" ({name} is an option of figcheck itself and goes before the command: "
        f"figcheck {name}{value} {command} …)"
    )


app = typer.Typer(
    cls=_Group,
    name="figcheck",
    help="Record figures with their sources and see which truly contradict each other.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"figcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    file: Annotated[
        list[str] | None,
        typer.Option(
            "--file",
            "-f",
            metavar="FILE",
            help="Claims file ('-' for standard input); give it again to read several as one. "
            "Default: $FIGCHECK_FILE, else data/claims.yaml here or in the nearest parent folder.",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an internal error.")
    ] = False,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = None,
) -> None:
    """Record figures with their sources and see which truly contradict each other."""
    ctx.obj = {"file": file, "debug": debug}


def main() -> NoReturn:
    """Entry point of the ``figcheck`` console script.

    Once a command is done and its output flushed, the process ends at once: a large file leaves
    millions of small objects, and freeing them one by one at exit took ~80 ms at 100,000 claims.
    Nothing figcheck runs needs the interpreter's clean-up (no atexit work, no open files).
    The cycle collector runs rarely: a command makes millions of objects that are not cycles,
    and the default (a pass every 700) took a quarter of a cached compare of 1,000,000 claims.
    """
    gc.set_threshold(100_000, 50, 100)
    try:
        app()
        code: Any = 0
    except SystemExit as stop:
        code = stop.code
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("message"): shown on stderr, status 1
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        # the reader went away (``| head``), or the stream is closed: nothing more to show
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(code)


class _Argument(TyperArgument):
    """An argument as ``git`` and ``gh`` name one in help: its metavar alone (``METRIC``), in
    brackets when optional (``[TEXT]``), without a type (``<str>``) or braces (``{metric}``)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        name = name if self.required else f"[{name}]"
        return f"{name}..." if self.nargs != 1 else name


class _Command(TyperCommand):
    """A command whose arguments are named as :class:`_Argument` names them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument


# name, function, the one-line summary of figcheck --help (it fits 60 columns), examples
COMMANDS = (
    ("init", init, "Create a claims file from a template.", (
        "figcheck init",
        "figcheck init --git          # and merge it by claim in git",
    )),
    ("list", list_claims, "List the claims and what each allows.", (
        "figcheck list --metric political_prisoners",
        "figcheck list --since 2026-01-01 --format csv > claims.csv",
    )),
    ("compare", compare, "Which figures disagree, per metric.", (
        "figcheck compare --only-divergent",
        "figcheck compare --format json --fail-on-divergence",
    )),
    ("show", show, "Every claim of one metric on one axis.", (
        "figcheck show political_prisoners",
        "figcheck show political_prisoners --as-of 2026-01-12 --svg prisoners.svg",
    )),
    ("export", export, "Write the report as CSV, JSON, Markdown.", (
        "figcheck export report.csv",
        "figcheck export --claims - --format json",
    )),
    ("check", check, "Check the claims file for problems.", (
        "figcheck check",
        "figcheck -f desk/claims.yaml check",
    )),
    ("add", add, "Record a claim written in shorthand.", (
        'figcheck add "about 800 political prisoners (Foro Penal)" --date 2026-01-14',
        'figcheck add --metric deaths --value 1500 --source "Interior Ministry"',
    )),
    ("rm", rm, "Remove one claim by its id.", (
        "figcheck rm 58130261",
    )),
    ("report", html_report, "Write the HTML report for an editor.", (
        "figcheck report",
        "figcheck report desk.html --as-of 2026-01-12",
    )),
    ("extract", extract, "Find the figures in an article.", (
        "figcheck extract article.txt",
        "figcheck extract article.html --add --yes --min-confidence 0.9",
    )),
    ("merge-driver", merge_driver, "Merge claims files in git, by claim.", (
        "figcheck init --git          # sets git up to run it",
    )),
    ("import", import_file, "Import claims from a spreadsheet.", (
        "figcheck import desk.csv --dry-run",
        "figcheck import desk.xlsx --map Figure=value --skip-bad",
    )),
)  # fmt: skip


def _examples(lines: tuple[str, ...]) -> str:
    """The examples at the end of a command's help, kept as written (click's ``\\b``)."""
    return "\b\nExamples:\n" + "\n".join(f"  $ {line}" for line in lines)


for _name, _command, _summary, _lines in COMMANDS:
    app.command(_name, cls=_Command, short_help=_summary, epilog=_examples(_lines))(_command)
