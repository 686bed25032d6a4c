"""The files a command works on: the claims file it reads or writes, and the files it saves."""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from figcheck.errors import UsageError

if TYPE_CHECKING:
    from figcheck.claimsfile.cache import Cache
    from figcheck.claimsfile.reading import FilesRead
    from figcheck.model import ClaimsFile


ToOption = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="FILE",
        help="The claims file to write: one of those read (-f, include:). Default: the first.",
        show_default=False,
    ),
]


def claims_paths(ctx: typer.Context) -> list[str]:
    """The claims files the command is given (``-f`` once or more), else the one found."""
    from figcheck.claimsfile.locate import find_claims_file

    given: list[str] | None = ctx.obj["file"] if ctx.obj else None
    if not given:
        return [find_claims_file(None)]
    return [find_claims_file(path) for path in given]


def claims_path(ctx: typer.Context) -> str:
    """The first claims file the command is given (or the one found)."""
    return claims_paths(ctx)[0]


def read_paths(ctx: typer.Context) -> list[str]:
    """The claims files the command has read (includes included), and those it is given."""
    read: list[str] | None = ctx.meta.get("figcheck.read")
    return [*claims_paths(ctx), *(read or [])]


def command_cache(ctx: typer.Context) -> Cache:
    """The command's cache of what claims files say: created once, handed to every read."""
    from figcheck.claimsfile.cache import Cache

    cache: Cache | None = ctx.meta.get("figcheck.cache")
    if cache is None:
        cache = ctx.meta["figcheck.cache"] = Cache.for_user()
    return cache


def load_claims(ctx: typer.Context) -> ClaimsFile:
    return load_files(ctx).claims_file


def load_files(ctx: typer.Context, *, for_analysis: bool = True) -> FilesRead:
    """The claims files the command is given and those they include, read as one (clean)."""
    from figcheck.claimsfile.locate import snapshot
    from figcheck.claimsfile.reading import load_files as load

    meanwhile = import_analysis if for_analysis else None
    sources = [snapshot(path) for path in claims_paths(ctx)]
    with LoadProgress() as progress:
        found = load(sources, command_cache(ctx), progress=progress, meanwhile=meanwhile)
    files_read(ctx, found.paths)
    from figcheck.cli.terminal import warn_tolerance

    claims_file = found.claims_file
    warn_tolerance(claims_file.settings.tolerance, f"{claims_file.path}: settings: ")
    return found


def files_read(ctx: typer.Context, paths: list[str]) -> None:
    """Note the claims files read, so that nothing the command writes replaces one."""
    ctx.meta["figcheck.read"] = [*ctx.meta.get("figcheck.read", []), *paths]


class LoadProgress:
    """A progress bar on stderr for a read that takes over a second; nothing when not a terminal."""

    def __init__(self) -> None:
        import time

        self.clock = time.monotonic
        self.start = self.clock()
        self.bar: Any = None

    def __call__(self, share: float) -> None:
        if self.bar is None:
            if not sys.stderr.isatty() or self.clock() - self.start < 1.0:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("reading the claims", total=1.0)
        self.bar.update(self.task, completed=share)

    def __enter__(self) -> LoadProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def check_output(ctx: typer.Context, path: str, kind: str | None, force: bool) -> None:
    """Refuse at once a path that must not be written (before any work is done)."""
    from figcheck.output_files import OutputKind, check_target

    wanted = None if kind is None else OutputKind[kind]
    check_target(path, wanted, protected=read_paths(ctx), force=force)


def write_output(ctx: typer.Context, path: str, data: bytes, kind: str, force: bool) -> None:
    """Write a report, export or chart: atomically, never over a claims file read (nor one it
    includes)."""
    from figcheck.output_files import OutputKind, write_output

    write_output(path, data, OutputKind[kind], protected=read_paths(ctx), force=force)


def write_target(found: FilesRead, to: str | None) -> str:
    """The claims file a command writes: ``--to`` (one of the files read), else the first."""
    part = found.files[0] if to is None else found.part(to)
    if part is None:
        listed = ", ".join(found.paths)
        raise UsageError(f"--to {to}: not one of the claims files read ({listed})")
    if part[0].real is None:
        raise UsageError("standard input cannot be written to; pass the claims file with --file")
    return part[0].path


def writable_path(ctx: typer.Context) -> str:
    path = claims_path(ctx)
    if path == "-":
        raise UsageError("standard input cannot be written to; pass the claims file with --file")
    return path


def import_analysis() -> None:
    """What a command does with the claims it read needs pandas: imported while a large file's
    last part is still being read on another core."""
    import figcheck.analysis  # noqa: F401


_DEFAULT_COLLECTION = gc.get_threshold()


def usual_collection() -> None:
    """Charts make many short-lived reference cycles: collected as often as Python usually does."""
    gc.set_threshold(*_DEFAULT_COLLECTION)
