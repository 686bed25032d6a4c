"""A large claims file, or several smaller ones, read on two cores: the same result as one
reader, sooner.

Parsing is most of a cold read, and libyaml runs one event at a time, so a large file's claims are
cut in two at a claim's "-" line: this process reads the file up to the cut, and a forked one
reads the file's first part (up to and including "claims:") followed by the claims after it. The
halves are joined only when both read cleanly with the same settings and registry and no id is
in both; anything else (a cut inside a quoted text, a section after the claims that changes how
they read) leaves the whole file to the one-process reader, which decides as it always does.
Several files that are each smaller than that are shared between the two processes by size
(:func:`divide`, :func:`run_in_two`): each file read whole, as one process reads it.
Read a file through :mod:`figcheck.claimsfile.reading`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import re
import signal
import sys
from collections.abc import Callable, Sequence
from typing import BinaryIO, TypeVar

from figcheck.claimsfile.fast_reader import (
    Walker,
    appended_rows,
    read_appended,
    read_clean,
    walk,
)
from figcheck.claimsfile.line_breaks import newlines
from figcheck.model import TABLE_COLUMNS, ClaimsFile, ClaimTable

PARALLEL_BYTES = 4 * 1024 * 1024  # smaller files are read faster than a process is forked
SEVERAL_BYTES = PARALLEL_BYTES  # and so are several files smaller than that in all
# This process reads that much less than half: the time it takes to read it is spent importing
# what comes after the reading (pandas, ~0.2 s) while the other process finishes.
_HEAD_START = 512 * 1024
Here = TypeVar("Here")
There = TypeVar("There")
_CLAIMS_KEY = re.compile(rb"^claims:[ ]*(?:#[^\r\n]*)?\r?\n", re.M)
_FIRST_ITEM = re.compile(rb"^(?:[ ]*(?:#[^\r\n]*)?\r?\n)*([ ]*)- ", re.M)


def read_in_two(
    data: bytes,
    path: str,
    progress: Callable[[float], None] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[ClaimsFile, int | None] | None:
    """:func:`~figcheck.claimsfile.fast_reader.read_clean`, on two cores when the file is large
    (the same result).
    ``meanwhile`` is run once this process has read its part (this part is the smaller one)."""
    split = _split(data) if len(data) >= PARALLEL_BYTES and _cores() >= 2 else None
    if split is None:
        return read_clean(data, path, progress)
    return read_split(data, path, *split, progress, meanwhile)


def read_split(
    data: bytes,
    path: str,
    header_end: int,
    cut: int,
    progress: Callable[[float], None] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[ClaimsFile, int | None] | None:
    """The file read in two processes, cut at ``cut`` (the start of a line), the claims list
    starting at ``header_end``: what :func:`read_clean` says of it, wherever the cut."""
    lines_skipped = data.count(b"\n", header_end, cut)

    def head_part() -> tuple[ClaimsFile, Walker] | None:
        head = walk(data[:cut], path, progress)
        if meanwhile is not None and head is not None:
            meanwhile()
        return head

    def tail_part() -> tuple[ClaimsFile, int | None] | None:
        return read_clean(data[:header_end] + data[cut:], path, line_offset=lines_skipped)

    both = _beside(head_part, tail_part)
    if both is None:  # no process to be had: one reader it is
        return read_clean(data, path, progress)
    head, tail = both
    # the first part must end with its claims list, or the cut was where the whole file reads
    # differently (a key or "..." after the claims, then more claims: a syntax error)
    if head is not None and head[1].claims_last:
        joined = _joined(head[0], tail)
        if joined is not None:
            return joined
    return read_clean(data, path, progress)


def _start(job: Callable[[], object]) -> tuple[int, BinaryIO] | None:
    """Fork a process that runs ``job`` and sends back what it returns; its id and the stream
    to read that from, or None when no process can be started."""
    try:
        reading, sending = os.pipe()
    except OSError:
        return None
    # Ctrl-C is held back while forking, and the reader ignores it: it must never run this
    # process's clean-up (the lock of an add). This process stops it instead (see _beside).
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        child = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        os.close(reading)
        os.close(sending)
        return None
    if child == 0:  # pragma: no cover - the forked reader (its result is checked by the parent)
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
            os.close(reading)
            found = job()
            with os.fdopen(sending, "wb") as out:
                pickle.dump(found, out, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(0)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    os.close(sending)
    return child, os.fdopen(reading, "rb")


def read_appended_in_two(
    claims_file: ClaimsFile, tail: bytes, first_line: int, column: int
) -> tuple[ClaimsFile, int | None] | None:
    """:func:`~figcheck.claimsfile.fast_reader.read_appended`, on two cores when the appended
    text is large (an import): the same result.

    The text is cut at a claim's ``-`` line (at ``column``) near its middle; another process
    reads the claims after the cut. The parts are joined only when the first part reads as
    claims that leave the list open at ``column`` (so the cut was between two claims, not in a
    text) and no id is in both; otherwise the text is read in one piece.
    """
    cut = -1
    if len(tail) >= PARALLEL_BYTES and _cores() >= 2:
        cut = tail.find(b"\n" + b" " * column + b"- ", len(tail) // 2)
    if cut < 0:
        return read_appended(claims_file, tail, first_line, column)
    return read_appended_split(claims_file, tail, first_line, column, cut + 1)


def read_appended_split(
    claims_file: ClaimsFile, tail: bytes, first_line: int, column: int, cut: int
) -> tuple[ClaimsFile, int | None] | None:
    """The appended text read in two processes, cut at ``cut`` (the start of a line): what
    :func:`~figcheck.claimsfile.fast_reader.read_appended` says of it, wherever the cut."""
    later_line = first_line + tail.count(b"\n", 0, cut)
    both = _beside(
        lambda: appended_rows(claims_file, tail[:cut], first_line, column),
        lambda: appended_rows(claims_file, tail[cut:], later_line, column),
    )
    if both is None:
        return read_appended(claims_file, tail, first_line, column)
    first, later = both
    if first is not None and first[1] == column and later is not None and later[0]["id"]:
        rows, after = later
        if set(first[0]["id"]).isdisjoint(rows["id"]):
            old = ClaimTable.of(claims_file.claims, claims_file.path).columns
            columns = {name: old[name] + first[0][name] + rows[name] for name in TABLE_COLUMNS}
            grown = dataclasses.replace(claims_file, claims=ClaimTable(columns, claims_file.path))
            return grown, after
    return read_appended(claims_file, tail, first_line, column)


def divide(sizes: Sequence[int]) -> tuple[list[int], list[int]] | None:
    """Files of these sizes (each under :data:`PARALLEL_BYTES`) shared between this process and
    another, so that both finish at about the same time: the positions each reads; None when one
    process reads them sooner (fewer than two, less than :data:`SEVERAL_BYTES` in all, or one
    core).

    The largest first, each to the process that has less to read; this process starts with
    :data:`_HEAD_START` bytes of its own, for the results it receives from the other."""
    if len(sizes) < 2 or sum(sizes) < SEVERAL_BYTES or _cores() < 2:
        return None
    loads = [_HEAD_START, 0]
    parts: tuple[list[int], list[int]] = ([], [])
    for position in sorted(range(len(sizes)), key=lambda at: -sizes[at]):
        taker = 0 if loads[0] <= loads[1] else 1
        parts[taker].append(position)
        loads[taker] += sizes[position]
    if not parts[0] or not parts[1]:
        return None
    return sorted(parts[0]), sorted(parts[1])


def run_in_two(
    here: Callable[[], Here],
    there: Callable[[], There],
    meanwhile: Callable[[], object] | None = None,
) -> tuple[Here, There | None]:
    """``here()`` in this process while another process runs ``there()``: what each returns
    (``there``'s None when no process could be started or it died: then the caller does that
    work itself). ``meanwhile`` is run once ``here`` is done, before waiting for the other.
    Ctrl-C stops the other process at once (it ignores Ctrl-C itself, see :func:`_start`)."""
    both = _beside(here, there, meanwhile)
    return (here(), None) if both is None else both


def _beside(
    here: Callable[[], Here],
    there: Callable[[], There],
    meanwhile: Callable[[], object] | None = None,
) -> tuple[Here, There | None] | None:
    """The one home of the two processes' dance: ``here()`` in this process while a forked one
    runs ``there()`` and sends back what it returns; ``meanwhile`` is run once ``here`` is
    done, before waiting for the other. None, with nothing run, when no process could be
    started; ``there``'s result None when the other process died without sending it. However
    this process stops (Ctrl-C, an error), the other is killed unless it has sent its result,
    and always waited for: no process and no pipe is left behind."""
    started = _start(there)
    if started is None:
        return None
    child, stream = started
    other: There | None = None
    received = False
    try:
        mine = here()
        if meanwhile is not None:
            meanwhile()
        try:
            other = pickle.load(stream)
            received = True
        except Exception:  # the other process died: its work is left to this one
            other = None
    finally:
        stream.close()  # first: a process still sending then stops instead of waiting for us
        if not received:  # stopped (Ctrl-C, an error): the other process is not waited for
            with contextlib.suppress(OSError):
                os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    return mine, other


def _cores() -> int:
    if not hasattr(os, "fork") or sys.platform != "linux":  # forking is only safe on Linux
        return 1
    return len(os.sched_getaffinity(0))


def _split(data: bytes) -> tuple[int, int] | None:
    """Where the line ``claims:`` ends, and the start of a claim's ``-`` line near the middle of
    the claims; None when the file is not laid out so (then it is read in one piece)."""
    key = _CLAIMS_KEY.search(data)
    if key is None or newlines(data) is None:
        return None
    first = _FIRST_ITEM.match(data, key.end())
    if first is None:
        return None
    dash = b"\n" + first.group(1) + b"- "
    middle = key.end() + max(0, (len(data) - key.end()) // 2 - _HEAD_START)
    cut = data.find(dash, middle)
    return None if cut < 0 else (key.end(), cut + 1)


def _joined(
    first: ClaimsFile, tail: tuple[ClaimsFile, int | None] | None
) -> tuple[ClaimsFile, int | None] | None:
    """The two parts as one read, or None when they cannot be trusted to be one."""
    if tail is None:
        return None
    second = tail[0]
    if dataclasses.replace(first, claims=()) != dataclasses.replace(second, claims=()):
        return None  # a section after the claims changed the settings or the registry
    before = ClaimTable.of(first.claims, first.path).columns
    after = ClaimTable.of(second.claims, second.path).columns
    if not after["id"] or not set(before["id"]).isdisjoint(after["id"]):
        return None
    columns = {name: before[name] + after[name] for name in TABLE_COLUMNS}
    return dataclasses.replace(first, claims=ClaimTable(columns, first.path)), tail[1]
