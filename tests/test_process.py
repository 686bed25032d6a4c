"""The installed ``figcheck`` as a real process: exit codes, streams, colour, imports."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHIPPED

COLOUR = re.compile(r"\x1b\[(?:[0-9]+;)*(?:3[0-8]|9[0-7])(?:;[0-9]+)*m")
FIGCHECK = shutil.which("figcheck", path=str(Path(sys.executable).parent)) or "figcheck"


def _keyboard_interrupts() -> None:
    """In a child process about to be interrupted: Ctrl-C interrupts, as at a keyboard, even when
    the tests run in the background (a shell without job control starts a background command
    with Ctrl-C ignored, and children inherit that)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def figcheck(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    environment.update(env)
    return subprocess.run(
        [FIGCHECK, *args], capture_output=True, text=True, env=environment, timeout=60
    )


def test_compare_on_the_shipped_file() -> None:
    result = figcheck("-f", str(SHIPPED), "compare", "--fail-on-divergence")
    assert result.returncode == 1
    assert "political_prisoners" in result.stdout
    assert result.stderr == ""


def test_errors_go_to_stderr_with_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "claims.yaml"
    bad.write_text("claims:\n  - metric: a\n    value: 1\n    source: x\n    date: 2026-02-30\n")
    result = figcheck("-f", str(bad), "compare")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"figcheck: {bad}:5: date 2026-02-30 is not a real date")
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2() -> None:
    result = figcheck("compare", "--no-such-option")
    assert result.returncode == 2
    assert result.stdout == ""


def test_colour_only_when_forced_and_never_with_no_color() -> None:
    forced = figcheck("-f", str(SHIPPED), "compare", FORCE_COLOR="1", COLUMNS="160")
    assert COLOUR.search(forced.stdout)
    plain = figcheck("-f", str(SHIPPED), "compare", FORCE_COLOR="1", NO_COLOR="1", COLUMNS="160")
    assert not COLOUR.search(plain.stdout)  # bold may stay: NO_COLOR is about colour
    assert "political_prisoners" in plain.stdout


def test_machine_output_is_never_coloured() -> None:
    result = figcheck("-f", str(SHIPPED), "compare", "--format", "json", FORCE_COLOR="1")
    assert "\x1b" not in result.stdout


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "figcheck", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.startswith("figcheck ")


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["init", "--help"]])
def test_help_and_version_import_neither_pandas_nor_yaml(args: list[str]) -> None:
    code = (
        "import sys; from figcheck.cli import app\n"
        f"sys.argv = ['figcheck', *{args!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted({'pandas', 'yaml', 'numpy'} & set(sys.modules))\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stderr.endswith("[]"), result.stderr


CLAIMS = """\
version: 1
claims:
  - id: first
    metric: arrested
    value: 10
    source: city police
    date: 2026-01-10
  - id: second
    metric: arrested
    value: 14
    source: a monitor
    date: 2026-01-11
"""


@pytest.mark.parametrize(
    "command", [["add", "12 arrested (city police)", "--date", "2026-01-12"], ["rm", "first"]]
)
def test_add_and_rm_do_not_import_pandas(tmp_path: Path, command: list[str]) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text(CLAIMS)
    code = (
        "import sys; from figcheck.cli import app\n"
        f"sys.argv = ['figcheck', '-f', {str(claims)!r}, *{command!r}]\n"
        "try:\n    app()\nexcept SystemExit as stop:\n    assert not stop.code, stop.code\n"
        "heavy = sorted({'pandas', 'numpy'} & set(sys.modules))\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stderr.endswith("[]"), result.stderr
    assert "arrested" in result.stdout


def test_output_is_whole_when_the_process_ends_at_once(tmp_path: Path) -> None:
    """main() ends the process without the interpreter's clean-up: what was printed must all be
    there, in a pipe and in a file."""
    from bench.generate import claims_yaml

    claims = tmp_path / "claims.yaml"
    claims.write_text(claims_yaml(3000))
    piped = figcheck("-f", str(claims), "list", "--format", "csv")
    assert piped.returncode == 0
    assert len(piped.stdout.splitlines()) == 3001
    saved = tmp_path / "out.csv"
    with saved.open("w") as stream:
        status = subprocess.run(
            [FIGCHECK, "-f", str(claims), "list", "--format", "csv"], stdout=stream, timeout=60
        ).returncode
    assert status == 0
    assert saved.read_text() == piped.stdout


def test_a_reader_that_goes_away_is_not_an_error() -> None:
    with subprocess.Popen(
        [FIGCHECK, "-f", str(SHIPPED), "list", "--format", "csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # like `| head -0`
        errors = process.stderr.read()
        assert process.wait(timeout=60) == 0
    assert b"Traceback" not in errors and b"Exception" not in errors


def _processes_reading(path: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(path).encode() in command:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(sys.platform != "linux", reason="the two-process read is Linux only")
def test_ctrl_c_during_a_two_process_read_stops_both(tmp_path: Path) -> None:
    import signal
    import time

    from bench.generate import claims_yaml

    claims = tmp_path / "claims.yaml"
    claims.write_text(claims_yaml(40_000))  # ~7 MB: read on two cores
    environment = {**os.environ, "FIGCHECK_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [FIGCHECK, "-f", str(claims), "compare"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment,
        preexec_fn=_keyboard_interrupts,
    )
    deadline = time.monotonic() + 20
    while len(_processes_reading(claims)) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)  # until the second reader is there
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 130  # interrupted, as shells report it
    assert process.stderr is not None and b"Traceback" not in process.stderr.read()
    process.stderr.close()
    time.sleep(0.2)
    assert _processes_reading(claims) == []
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").glob("*.tmp"))


def test_forced_colour_into_a_file_loses_no_claim(tmp_path: Path) -> None:
    from bench.generate import claims_yaml

    claims = tmp_path / "claims.yaml"
    claims.write_text(claims_yaml(2100))  # more than a Rich table is used for
    environment = {"FIGCHECK_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "80"}
    result = figcheck("-f", str(claims), "list", FORCE_COLOR="1", **environment)
    assert result.returncode == 0
    assert result.stdout.count("(generated)") == 2100


class _Terminal:
    """figcheck run in a pseudo-terminal, as a person at a keyboard runs it."""

    def __init__(self, *args: str, cwd: Path) -> None:
        import pty

        self.master, follower = pty.openpty()
        self.process = subprocess.Popen(
            [FIGCHECK, *args],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            cwd=cwd,
            env={**os.environ, "COLUMNS": "200", "TERM": "dumb"},
            preexec_fn=_keyboard_interrupts,
        )
        os.close(follower)
        self.seen = ""
        self.cursor = 0

    def _read(self, timeout: float) -> bool:
        """What the process wrote within ``timeout`` seconds; False once it has ended."""
        import select

        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                data = os.read(self.master, 4096)
            except OSError:  # the process ended and its side of the terminal closed
                return False
            self.seen += data.decode("utf-8", "replace")
            return bool(data)
        return True

    def wait_for(self, text: str) -> None:
        """Until the process writes ``text`` (after what was waited for before)."""
        import time

        deadline = time.monotonic() + 30
        while (found := self.seen.find(text, self.cursor)) < 0:
            assert time.monotonic() < deadline and self._read(0.2), f"no {text!r} in {self.seen!r}"
        self.cursor = found + len(text)

    def type(self, line: str) -> None:
        os.write(self.master, f"{line}\n".encode())

    def close(self) -> int:
        """The exit status, once everything the process wrote is read."""
        code = self.process.wait(timeout=30)
        for _ in range(50):
            if not self._read(0.2):
                break
        os.close(self.master)
        return code


@pytest.mark.skipif(sys.platform != "linux", reason="a pseudo-terminal as Linux gives it")
def test_add_in_a_terminal_asks_again_and_ctrl_c_exits_130(tmp_path: Path) -> None:
    import signal

    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "claims:\n  - {metric: prisoners_released, value: 50, source: UN, date: 2026-01-12}\n",
        encoding="utf-8",
    )
    before = claims.read_bytes()
    terminal = _Terminal("-f", str(claims), "add", cwd=tmp_path)
    terminal.wait_for("metric [prisoners_released]: ")
    terminal.type("prisoners relased")
    terminal.wait_for("did you mean prisoners_released? [Y/n]: ")
    terminal.type("y")
    terminal.wait_for("source [UN]: ")
    terminal.type("")
    terminal.wait_for("value: ")
    terminal.type("about 2.6 milion")  # a typo: asked again
    terminal.wait_for("did you mean 'million'?")
    terminal.wait_for("value: ")
    for _ in range(40):  # again if the first came before the process waited for the key
        terminal.process.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            terminal.process.wait(timeout=0.5)
            break
    assert terminal.close() == 130
    assert "stopped: nothing was written" in terminal.seen
    assert "Traceback" not in terminal.seen
    assert claims.read_bytes() == before
    terminal = _Terminal("-f", str(claims), "add", "--date", "2026-01-20", cwd=tmp_path)
    for question, answer in (("metric", ""), ("source", ""), ("value: ", "about 2.6 million")):
        terminal.wait_for(question)
        terminal.type(answer)
    assert terminal.close() == 0
    assert "added " in terminal.seen
    assert "value: 2600000" in claims.read_text(encoding="utf-8")
