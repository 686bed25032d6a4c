"""A smoke run of the benchmark at 1,000 claims: it runs and reports every row, untimed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def test_the_benchmark_runs_end_to_end() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--claims", "1000", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert rows[0].startswith("measurement")
    assert any(row.startswith("compare, 1,000 claims, warm") for row in rows)
    assert rows[-1] in {"every target met"} or rows[-1].endswith("target(s) missed")
