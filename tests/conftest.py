"""Shared fixtures: a claims file written into a temporary folder, and the CLI runner."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from figcheck.claimsfile.cache import Cache
from figcheck.claimsfile.locate import Snapshot
from figcheck.claimsfile.reading import read_files
from figcheck.extract import extract
from figcheck.model import ClaimsFile, Problem

# No per-example deadline: a shared, busy machine must not turn a slow example into a failure.
settings.register_profile("figcheck", deadline=None)
settings.load_profile("figcheck")

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "claims.yaml"


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own cache folder: never the user's, never another test's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("FIGCHECK_CACHE_DIR", str(folder))
    return folder


def read_claims(data: bytes, path: str) -> tuple[ClaimsFile, list[Problem]]:
    """Claims-file text read through the one way in (as text that is no file: never cached)."""
    found = read_files([Snapshot(path, None, data)], Cache(None))
    return found.claims_file, found.problems


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def claims_file(tmp_path: Path) -> Callable[[str], Path]:
    """Write YAML (dedented) to ``tmp/data/claims.yaml`` and return its path."""

    def write(text: str) -> Path:
        path = tmp_path / "data" / "claims.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def source_of(text: str, value: float) -> str | None:
    """The source extract gives the first candidate whose figure (or range's low end) is
    ``value``; fails when there is none."""
    found = [c for c in extract(text) if value in (c.value, c.low)]
    assert found, [c.value for c in extract(text)]
    return found[0].source
