"""Time this checkout against another one side by side: alternating runs on the same claims file.

python bench/against.py ../figcheck-previous/src claims-100k.yaml [--runs 3]

Each run is a fresh process; cold runs start from an empty cache of their own. Prints the medians
of cold and warm ``compare``, of ``add`` (each checkout adds to its own copy of the file) and of
``--help`` (start-up alone), and the ratio of this checkout to the other.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("other", help="the other checkout's src folder")
    parser.add_argument("file", help="a claims file both can read")
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="figcheck-against-"))
    sources = {"other": str(Path(arguments.other).resolve()), "this": str(HERE)}
    try:
        for name in sources:
            shutil.copy(arguments.file, folder / f"{name}.yaml")
        for mode in ("cold", "warm", "add", "help"):
            times: dict[str, list[float]] = {name: [] for name in sources}
            for number in range(arguments.runs + 1):
                for name, src in sources.items():
                    took = _run(folder, name, src, mode, number)
                    if number:  # the first round only fills the caches
                        times[name].append(took)
            other, this = (statistics.median(times[name]) for name in sources)
            print(
                f"{mode:5} other {other * 1000:7.0f} ms  this {this * 1000:7.0f} ms  "
                f"this/other {this / other:.2f}"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(folder: Path, name: str, src: str, mode: str, number: int) -> float:
    cache = folder / f"cache-{name}"
    env = dict(os.environ, PYTHONPATH=src, FIGCHECK_CACHE_DIR=str(cache))
    if mode == "cold":
        shutil.rmtree(cache, ignore_errors=True)
    args = [sys.executable, "-m", "figcheck", "-f", str(folder / f"{name}.yaml"), "compare"]
    if mode == "add":
        args[-1:] = [
            "add",
            f"{number + 1} arrested (bench source)",
            "--date",
            "2026-01-12",
            "--new-metric",
        ]
    elif mode == "help":
        args[-1:] = ["--help"]
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
