"""Shell completion of metric names and claim ids from the claims file."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

Write = Callable[[str], Path]

# what a shell runs on Tab: figcheck with the words typed so far (bash's protocol), its answer
# one completion a line; and whether the answer needed pandas
_COMPLETE = """
import sys
from figcheck.cli import app
try:
    app(prog_name="figcheck")
except SystemExit:
    pass
sys.stderr.write(f"pandas imported: {'pandas' in sys.modules}")
"""


def completed(words: list[str], cwd: Path | None = None) -> tuple[list[str], str]:
    """The completions of the last word, and what was said on stderr."""
    env = {
        **os.environ,
        "_FIGCHECK_COMPLETE": "complete_bash",
        "COMP_WORDS": " ".join(["figcheck", *words]),
        "COMP_CWORD": str(len(words)),
    }
    env.pop("FIGCHECK_FILE", None)
    done = subprocess.run(
        [sys.executable, "-c", _COMPLETE], env=env, cwd=cwd, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    return done.stdout.split(), done.stderr


def complete(args: list[str], incomplete: str, cwd: Path | None = None) -> list[str]:
    values, said = completed([*args, incomplete], cwd)
    assert said == "pandas imported: False", said  # fast: no pandas, nothing on stderr
    return values


CLAIMS = """\
metrics:
  political_prisoners:
    aliases: [remain]
  prisoners_released: {}
claims:
  - id: 3f2a9c1e
    metric: remain
    value: 800
    source: Foro Penal
    date: 2026-01-12
  - id: 3f77aa01
    metric: killed
    value: 12
    source: police
    date: 2026-01-12
"""


def test_metric_names_complete_as_an_argument_and_an_option(claims_file: Write) -> None:
    path = str(claims_file(CLAIMS))
    assert complete(["-f", path, "show"], "pol") == ["political_prisoners"]
    assert complete(["-f", path, "show"], "") == [
        "killed",
        "political_prisoners",
        "prisoners_released",
    ]
    assert complete(["-f", path, "compare", "--metric"], "pri") == ["prisoners_released"]
    assert complete(["-f", path, "list", "--metric"], "k") == ["killed"]


def test_claim_ids_complete_for_rm(claims_file: Write) -> None:
    path = str(claims_file(CLAIMS))
    assert complete(["-f", path, "rm"], "3f") == ["3f2a9c1e", "3f77aa01"]
    assert complete(["-f", path, "rm"], "3f2") == ["3f2a9c1e"]


def test_the_file_is_found_as_commands_find_it(claims_file: Write, tmp_path: Path) -> None:
    claims_file(CLAIMS)  # tmp/data/claims.yaml
    assert complete(["rm"], "3f7", cwd=tmp_path) == ["3f77aa01"]


def test_a_missing_or_broken_file_completes_nothing(claims_file: Write, tmp_path: Path) -> None:
    assert complete(["-f", str(tmp_path / "none.yaml"), "show"], "") == []
    assert complete(["show"], "", cwd=tmp_path) == []  # no claims file here or above
    broken = claims_file("claims:\n  - id: [unclosed\n")
    assert complete(["-f", str(broken), "rm"], "") == []
    assert complete(["-f", "-", "show"], "") == []


class _Root:
    """The root context as completion sees it: the global options typed so far."""

    def __init__(self, file: str | None) -> None:
        self.params = {"file": file}

    def find_root(self) -> _Root:
        return self


def test_the_completion_functions_in_process(claims_file: Write, tmp_path: Path) -> None:
    from figcheck.cli.completion import claim_ids, metric_names

    path = str(claims_file(CLAIMS))
    assert metric_names(_Root(path), "po") == ["political_prisoners"]
    assert claim_ids(_Root(path), "3f7") == [("3f77aa01", "killed, police")]
    for nothing in (str(tmp_path / "none.yaml"), "-"):
        assert metric_names(_Root(nothing), "") == [] and claim_ids(_Root(nothing), "") == []
