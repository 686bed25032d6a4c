"""Write articles of every shape `figcheck extract` must read in linear time, 1 MB each.

python bench/articles.py /tmp/articles [--size 1000000]

One file per shape; `extract` on any of them finishes in under 10 s (issue 11). `bench/run.py`
times them, `tests/test_extract_linear.py` reads the same shapes.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from pathlib import Path

MB = 1_000_000


def _repeat(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def _no_full_stops(size: int, rng: random.Random) -> str:
    clause = "the ministry said 1,200 people and 300 more were displaced while others said 4 000 "
    return _repeat(clause, size)


def _one_line(size: int, rng: random.Random) -> str:
    words = ["officials", "said", "at", "least", "people", "were", "killed", "and", "about"]
    parts: list[str] = []
    length = 0
    while length < size:
        part = rng.choice(words) if rng.random() < 0.7 else f"{rng.randint(1, 99_999):,}"
        parts.append(part)
        length += len(part) + 1
    return " ".join(parts)[:size]


def _table_of_numbers(size: int, rng: random.Random) -> str:
    rows = (
        "| " + " | ".join(str(rng.randint(1, 9999)) for _ in range(8)) + " |"
        for _ in range(size // 40 + 1)
    )
    return "\n".join(rows)[:size]


def _nested_html(size: int, rng: random.Random) -> str:
    depth = size // 40
    paragraph = "<p>At least 40 died, the UN said.</p>"
    body = _repeat(paragraph, size - depth * 11)
    return "<div>" * depth + body + "</div>" * depth


def _dense_reporting(size: int, rng: random.Random) -> str:
    """The densest reporting: a source and two figures a sentence."""
    return "\n\n".join(
        f"According to Agency {i}, {1000 + i % 9000} killed, about {i % 900 + 10} injured, "
        f"as of {1 + i % 28} January 2025."
        for i in range(size // 60)
    )[:size]


def _organisation_lines(size: int, rng: random.Random) -> str:
    """Short lines naming an organisation and a figure, no full stops."""
    return _repeat("UN 1,200\n", size)


def _markdown_table(size: int, rng: random.Random) -> str:
    """A Markdown table of 20,000 rows (each a source and two figures), padded to the size."""
    rows = [
        f"| Agency {i} | {1000 + i % 9000} | about {i % 900} | {'.' * 8} |" for i in range(20_000)
    ]
    text = "| Source | Killed | Injured | Note |\n|---|---|---|---|\n" + "\n".join(rows)
    pad = max(0, -(-(size - len(text)) // len(rows)))
    if pad:
        text = "| Source | Killed | Injured | Note |\n|---|---|---|---|\n" + "\n".join(
            row[:-1] + " " * pad + "|" for row in rows
        )
    return text[:size]


def _only_figures(size: int, rng: random.Random) -> str:
    return " ".join(f"{rng.randint(1, 9_999_999):,}" for _ in range(size // 6))[:size]


SHAPES: dict[str, Callable[[int, random.Random], str]] = {
    "no full stops": _no_full_stops,
    "one line": _one_line,
    "a table of numbers": _table_of_numbers,
    "deeply nested HTML": _nested_html,
    "dense reporting": _dense_reporting,
    "'ORG N' lines": _organisation_lines,
    "a Markdown table of 20,000 rows": _markdown_table,
    "all figures, no words": _only_figures,
}

SUFFIXES = {"deeply nested HTML": ".html", "a Markdown table of 20,000 rows": ".md"}


def file_name(shape: str) -> str:
    stem = "".join(c if c.isalnum() else "-" for c in shape.lower()).strip("-")
    while "--" in stem:
        stem = stem.replace("--", "-")
    return stem + SUFFIXES.get(shape, ".txt")


def article(shape: str, size: int = MB) -> str:
    """The text of one shape, ``size`` characters long (the same text on every call)."""
    return SHAPES[shape](size, random.Random(11))


def write_articles(folder: Path, size: int = MB) -> dict[str, Path]:
    """Write one file per shape into ``folder``; returns the path of each shape."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for shape in SHAPES:
        path = folder / file_name(shape)
        path.write_text(article(shape, size), encoding="utf-8")
        paths[shape] = path
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--size", type=int, default=MB)
    arguments = parser.parse_args()
    for shape, path in write_articles(arguments.folder, arguments.size).items():
        print(f"{path}\t{shape}")


if __name__ == "__main__":
    main()
