"""figcheck.extract takes time in proportion to the text, whatever its shape (1 MB inputs)."""

from __future__ import annotations

import random
import time

import pytest

from figcheck.extract import extract, to_text

MB = 1_000_000
LIMIT = 60.0  # seconds: generous (about 10 s on a quiet machine); a quadratic step takes hours
# Seconds of this process's CPU time: on a machine shared with other test runs, the wall clock
# measures them too.


def _shapes() -> dict[str, str]:
    rng = random.Random(11)
    clause = "the ministry said 1,200 people and 300 more were displaced while others said 4 000 "
    return {
        "prose with no full stops": (clause * (MB // len(clause) + 1))[:MB],
        "one line of numbers": " ".join(str(rng.randint(1, 99_999)) for _ in range(200_000))[:MB],
        "a table of numbers": "\n".join(
            "| " + " | ".join(str(rng.randint(1, 9999)) for _ in range(8)) + " |"
            for _ in range(25_000)
        )[:MB],
        "one word": "x" * MB,
        "a Markdown table": (
            "| Source | Killed | Injured |\n|---|---|---|\n"
            + "\n".join(
                f"| Agency {i} | {rng.randint(1, 9999)} | about {rng.randint(1, 999)} |"
                for i in range(40_000)
            )
        )[:MB],
        "a line of bars": "|" * MB,
        "an HTML table": (
            "<p>Counts</p><table><tr><th>Source</th><th>Killed</th></tr>"
            + "".join(f"<tr><td>Agency {i}</td><td>{i * 3}</td></tr>" for i in range(40_000))
        )[:MB],
    }


@pytest.mark.slow
@pytest.mark.parametrize("shape", list(_shapes()))
def test_a_megabyte_of_any_shape_is_read_in_linear_time(shape: str) -> None:
    text = _shapes()[shape]
    started = time.process_time()
    extract(to_text(text) if shape in ("a Markdown table", "an HTML table") else text)
    assert time.process_time() - started < LIMIT, shape


@pytest.mark.slow
def test_deeply_nested_html_is_read_in_linear_time() -> None:
    html = "<div>" * 50_000 + "<p>At least 40 died (UN).</p>" * 25_000 + "</div>" * 50_000
    started = time.process_time()
    extract(to_text(html))
    assert time.process_time() - started < LIMIT


def _densest() -> dict[str, str]:
    return {
        "dense reporting": "\n\n".join(  # a source and two figures a sentence
            f"According to Agency {i}, {1000 + i % 9000} killed, about {i % 900 + 10} injured, "
            f"as of {1 + i % 28} January 2025."
            for i in range(MB // 60)
        )[:MB],
        "short lines naming an organisation": ("UN 1,200\n" * (MB // 9 + 1))[:MB],
    }


@pytest.mark.slow
@pytest.mark.parametrize("shape", list(_densest()))
def test_a_megabyte_of_the_densest_figures_is_read_in_linear_time(shape: str) -> None:
    """A figure every 9 to 30 characters, each attributed: the most work a megabyte can hold."""
    text = _densest()[shape]
    started = time.process_time()
    extract(text)
    assert time.process_time() - started < LIMIT, shape
