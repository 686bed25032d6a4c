"""The files a command works on: the claims file it reads or writes, and the files it saves."""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING, Any

import typer

from figcheck.errors import UsageError

if TYPE_CHECKING:
    from figcheck.claimsfile.cache import Cache
    from figcheck.model import ClaimsFile


def claims_path(ctx: typer.Context) -> str:
    from figcheck.claimsfile.locate import find_claims_file

    given: str | None = ctx.obj["file"] if ctx.obj else None
    return find_claims_file(given)


def command_cache(ctx: typer.Context) -> Cache:
    """The command's cache of what claims files say: created once, handed to every read."""
    from figcheck.claimsfile.cache import Cache

    cache: Cache | None = ctx.meta.get("figcheck.cache")
    if cache is None:
        cache = ctx.meta["figcheck.cache"] = Cache.for_user()
    return cache


def load_claims(ctx: typer.Context) -> ClaimsFile:
    return load_path(claims_path(ctx), command_cache(ctx))


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
    check_target(path, wanted, protected=[claims_path(ctx)], force=force)


def write_output(ctx: typer.Context, path: str, data: bytes, kind: str, force: bool) -> None:
    """Write a report, export or chart: atomically, never over the claims file read."""
    from figcheck.output_files import OutputKind, write_output

    write_output(path, data, OutputKind[kind], protected=[claims_path(ctx)], force=force)


def writable_path(ctx: typer.Context) -> str:
    path = claims_path(ctx)
    if path == "-":
        raise UsageError("standard input cannot be written to; pass the claims file with --file")
    return path


def load_path(path: str, cache: Cache, *, for_analysis: bool = True) -> ClaimsFile:
    from figcheck.claimsfile.locate import snapshot
    from figcheck.claimsfile.reading import load

    meanwhile = import_analysis if for_analysis else None
    with LoadProgress() as progress:
        claims_file = load(snapshot(path), cache, progress=progress, meanwhile=meanwhile)
    from figcheck.cli.terminal import warn_tolerance

    warn_tolerance(claims_file.settings.tolerance, f"{claims_file.path}: settings: ")
    return claims_file


def import_analysis() -> None:
    """What a command does with the claims it read needs pandas: imported while a large file's
    last part is still being read on another core."""
    import figcheck.analysis  # noqa: F401


_DEFAULT_COLLECTION = gc.get_threshold()


def usual_collection() -> None:
    """Charts make many short-lived reference cycles: collected as often as Python usually does."""
    gc.set_threshold(*_DEFAULT_COLLECTION)
