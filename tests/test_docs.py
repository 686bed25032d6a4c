"""The rules a user relies on are in the repository (docs/), complete for what the outputs hold."""

from __future__ import annotations

import re

import pytest

from figcheck import report
from figcheck.model import Kind, Qualifier
from figcheck.reconcile.verdict import COLUMNS
from tests.conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _anchor(heading: str) -> str:
    """A heading's anchor as GitHub makes it."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_link_to_the_repository_leads_somewhere(page: object) -> None:
    text = page.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    for target in re.findall(r"\]\(([^)#:]+)(#[^)]*)?\)", text):
        path, anchor = target
        linked = (page.parent / path).resolve()  # type: ignore[attr-defined]
        assert linked.exists(), f"{page}: {path}"
        if anchor:
            headings = re.findall(r"^#+ (.*)$", linked.read_text(encoding="utf-8"), re.M)
            assert anchor[1:] in {_anchor(h) for h in headings}, f"{page}: {path}{anchor}"


def test_the_readme_sends_readers_to_pages_they_have() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "contract" not in text.lower()  # not in the repository: docs/rules.md holds the rules
    assert "[docs/rules.md](docs/rules.md)" in text


def test_the_rules_page_describes_every_column_and_word_of_the_outputs() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_]+)`", text))
    missing = (
        set(COLUMNS)
        | set(report.VERDICT_FIELDS)
        | set(report.CLAIM_FIELDS)
        | {str(q) for q in Qualifier}
        | {str(k) for k in Kind}
        | {"part", "parts", "divergent", "consistent", "single"}
    ) - named
    assert not missing, missing
    for section in ("## 1. The claims file", "## 2.", "## 3. When estimates diverge", "## 4."):
        assert section in text
