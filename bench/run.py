"""Measure figcheck's start-up and scale against floors measured side by side, in one run.

    python bench/run.py              # 100,000 claims (and the shipped file)
    python bench/run.py --big        # also 1,000,000 claims (slow: generates ~240 MB)
    python bench/run.py --claims 1000 --repeat 1   # a smoke run

Every figure is the median wall time of --repeat runs of a fresh process. Ratios divide by a floor
measured in the same run, so they stay meaningful on a busy machine.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
FIGCHECK = [PYTHON, "-m", "figcheck"]
MINIMAL_TYPER = """
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "world") -> None:
    \"\"\"Say hello.\"\"\"
    print(name)
app()
"""

# What the HTML report does for each chart, once, in a fresh process: the floor of report rows
CHART = """
import io
from matplotlib.figure import Figure
figure = Figure(figsize=(8.0, 2.3), layout="constrained")
axes = figure.add_subplot()
axes.plot([800, 1020], [0, 1], marker="o")
axes.set_yticks([0, 1], ["human rights groups", "officials"])
figure.savefig(io.StringIO(), format="svg")
"""


@dataclass
class Timing:
    seconds: float
    peak_mb: float


def timed(
    command: list[str],
    *,
    repeat: int,
    before: Callable[[], None] | None = None,
    tree: bool = False,
) -> Timing:
    """Median wall time (and largest peak memory) of ``repeat`` runs of a command; with ``tree``,
    the peak is of the memory of the command and its child processes together (sampled)."""
    times: list[float] = []
    peak = 0.0
    for _ in range(repeat):
        if before is not None:
            before()
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
            sampler = _TreeMemory(process.pid) if tree else None
            _, status, usage = os.wait4(process.pid, 0)
            times.append(time.perf_counter() - start)
            if sampler is not None:
                peak = max(peak, sampler.stop())
            process.returncode = code = os.waitstatus_to_exitcode(status)
            if code not in (0, 1):
                errors.seek(0)
                message = errors.read()[-500:].decode(errors="replace")
                raise SystemExit(f"{' '.join(command)} failed ({code}): {message}")
        peak = max(peak, usage.ru_maxrss / 1024)
    return Timing(statistics.median(times), peak)


class _TreeMemory:
    """The largest sum of resident memory of a process and its children, sampled every 20 ms
    (Linux; pages the processes share are counted in each, so this is an upper bound)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.wait(0.02):
            total = sum(_rss_kb(pid) for pid in (self.pid, *_children(self.pid)))
            self.peak_kb = max(self.peak_kb, total)

    def stop(self) -> float:
        self.done.set()
        self.thread.join()
        return self.peak_kb / 1024


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


CACHE = Path(tempfile.mkdtemp(prefix="figcheck-bench-cache-"))
os.environ["FIGCHECK_CACHE_DIR"] = str(CACHE)  # the bench's own cache, cleared for cold runs


def clear_cache(path: Path) -> Callable[[], None]:
    def clear() -> None:
        shutil.rmtree(CACHE, ignore_errors=True)

    return clear


@dataclass
class Row:
    name: str
    timing: Timing
    floor: str | None = None
    target: float | None = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--big", action="store_true", help="also measure 1,000,000 claims")
    arguments = parser.parse_args()
    repeat = arguments.repeat
    folder = Path(tempfile.mkdtemp(prefix="figcheck-bench-"))
    try:
        rows = measure(folder, arguments.claims, repeat, arguments.big)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(CACHE, ignore_errors=True)
    report(rows)


def measure(folder: Path, count: int, repeat: int, big: bool) -> list[Row]:
    minimal = folder / "minimal.py"
    minimal.write_text(MINIMAL_TYPER)
    shipped = folder / "shipped" / "claims.yaml"
    shipped.parent.mkdir()
    shutil.copy(ROOT / "data" / "claims.yaml", shipped)
    large = folder / "large" / "claims.yaml"
    large.parent.mkdir()
    generate(count, large)
    n = f"{count:,}"
    rows = [
        Row("python -c pass", timed([PYTHON, "-c", "pass"], repeat=repeat)),
        Row("minimal Typer app --help", timed([PYTHON, str(minimal), "--help"], repeat=repeat)),
        Row(
            "import typer, yaml, pandas, rich.table",
            timed([PYTHON, "-c", "import typer, yaml, pandas, rich.table"], repeat=repeat),
        ),
    ]
    load = f"import yaml; yaml.load(open({str(large)!r}), Loader=yaml.CSafeLoader)"
    rows.append(Row(f"yaml.load(CSafeLoader), {n} claims", timed([PYTHON, "-c", load], repeat=1)))
    help_floor = "minimal Typer app --help"
    import_floor = "import typer, yaml, pandas, rich.table"
    yaml_floor = f"yaml.load(CSafeLoader), {n} claims"
    rows += [
        Row("figcheck --help", timed([*FIGCHECK, "--help"], repeat=repeat), help_floor, 1.2),
        Row("figcheck --version", timed([*FIGCHECK, "--version"], repeat=repeat), help_floor, 1.2),
        Row(
            "compare, shipped file",
            timed([*FIGCHECK, "-f", str(shipped), "compare"], repeat=repeat),
            import_floor,
            1.3,
        ),
    ]
    counter = iter(range(10**9))

    def add(path: Path) -> list[str]:
        text = f"{next(counter) + 1} arrested (bench source)"
        return [*FIGCHECK, "-f", str(path), "add", text, "--date", "2026-01-12", "--new-metric"]

    rows.append(Row("add, shipped file", _timed_add(add, shipped, repeat), import_floor, 1.3))
    compare = [*FIGCHECK, "-f", str(large), "compare"]
    rows.append(
        Row(
            f"compare, {n} claims, cold (no cache)",
            timed(compare, repeat=max(1, repeat // 2), before=clear_cache(large)),
            yaml_floor,
            0.15,
        )
    )
    timed(compare, repeat=1)  # make sure the cache is there
    rows.append(Row(f"compare, {n} claims, warm", timed(compare, repeat=repeat), import_floor, 1.5))
    rows.append(Row(f"add, {n} claims", _timed_add(add, large, repeat), import_floor, 1.6))
    rows.append(
        Row(
            f"compare after add, {n} claims",
            _compare_after_add(add, large, repeat),
            import_floor,
            1.6,
        )
    )
    export = [*FIGCHECK, "-f", str(large), "export", str(folder / "report.csv")]
    rows.append(
        Row(f"export csv, {n} claims, warm", timed(export, repeat=repeat), import_floor, 1.5)
    )
    level = folder / "level" / "claims.yaml"
    level.parent.mkdir()
    generate(count, level, "--one-level")
    one_metric = [*FIGCHECK, "-f", str(level), "compare", "--metric", "held"]
    timed(one_metric, repeat=1)  # the claims cache
    rows.append(
        Row(
            f"compare --metric, one level metric of {n} claims, warm",
            timed(one_metric, repeat=repeat),
            import_floor,
            2.0,
        )
    )
    rows += _team_rows(folder, large, count, repeat, import_floor)
    rows += _several_files_rows(folder, large, count, repeat)
    rows += _report_rows(folder, min(200, max(2, count // 200)), repeat)
    rows += _extract_rows(folder, 1_000_000 if count >= 100_000 else 50_000)
    if big:
        huge = folder / "huge" / "claims.yaml"
        huge.parent.mkdir()
        generate(1_000_000, huge)
        compare_huge = [*FIGCHECK, "-f", str(huge), "compare"]
        cold = timed(compare_huge, repeat=1, before=clear_cache(huge), tree=True)
        rows.append(Row("compare, 1,000,000 claims, cold (target < 20 s, < 1.5 GB)", cold))
        warm = timed(compare_huge, repeat=3)
        rows.append(Row("compare, 1,000,000 claims, warm", warm, import_floor, 3.0))
    return rows


def _extract_rows(folder: Path, size: int) -> list[Row]:
    """``extract`` on an article of each shape :mod:`articles` writes (1 MB each; a smoke run
    reads small ones): whatever its shape, it finishes in under 10 s."""
    from articles import write_articles

    paths = write_articles(folder / "articles", size)
    return [
        Row(
            f"extract, {size:,} bytes: {shape} (target < 10 s)",
            timed([*FIGCHECK, "extract", str(path), "--format", "json"], repeat=1),
        )
        for shape, path in paths.items()
    ]


def _team_rows(folder: Path, large: Path, count: int, repeat: int, floor: str) -> list[Row]:
    """The merge driver on the large file with a few claims added on each side, and an import of
    as many CSV rows as the file has claims (a file restored, and its cache warm, before each run:
    as after any figcheck command on it)."""
    n = f"{count:,}"
    team = folder / "team"
    team.mkdir()
    work_tree = team / "claims.yaml"  # the work tree's file: our side, as figcheck last read it
    base = large.read_text(encoding="utf-8")
    (team / "base.yaml").write_text(base, encoding="utf-8")
    ours = base + "".join(_bench_claim(f"ours-{n}", n) for n in range(3))
    theirs = base + "".join(_bench_claim(f"theirs-{n}", n) for n in range(3))
    (team / "ours.yaml").write_text(ours, encoding="utf-8")
    (team / "theirs.yaml").write_text(theirs, encoding="utf-8")
    warm_cache = team / "cache"

    def restore(source: Path, target: Path) -> Callable[[], None]:
        def before() -> None:
            shutil.copy(source, target)
            shutil.rmtree(CACHE, ignore_errors=True)
            shutil.copytree(warm_cache, CACHE)

        return before

    shutil.copy(team / "ours.yaml", work_tree)
    shutil.rmtree(CACHE, ignore_errors=True)
    subprocess.run([*FIGCHECK, "-f", str(work_tree), "check"], check=True, capture_output=True)
    shutil.copytree(CACHE, warm_cache)
    merge = [
        *FIGCHECK,
        "merge-driver",
        str(team / "base.yaml"),
        str(team / "merged.yaml"),
        str(team / "theirs.yaml"),
        "--path",
        str(work_tree),
    ]
    merged = timed(merge, repeat=repeat, before=restore(team / "ours.yaml", team / "merged.yaml"))
    rows = [Row(f"merge-driver, {n} claims, 3 added on each side", merged, floor, 2.0)]
    table = team / "rows.csv"
    _bench_rows(count, table)
    target = team / "target.yaml"
    shutil.copy(large, target)
    shutil.rmtree(CACHE, ignore_errors=True)
    subprocess.run([*FIGCHECK, "-f", str(target), "check"], check=True, capture_output=True)
    shutil.rmtree(warm_cache)
    shutil.copytree(CACHE, warm_cache)
    imported = timed(
        [*FIGCHECK, "-f", str(target), "import", str(table)],
        repeat=max(1, repeat // 2),
        before=restore(large, target),
    )
    cold = f"compare, {n} claims, cold (no cache)"
    rows.append(Row(f"import {n} CSV rows into {n} claims", imported, cold, 3.0))
    return rows


def _several_files_rows(folder: Path, large: Path, count: int, repeat: int) -> list[Row]:
    """Ten files of a tenth of the claims each, included by one file that keeps the registry,
    against the same claims in one file: cold and warm, each round running both, one after the
    other (so that both meet the same load), at least two rounds."""
    n, tenth = f"{count:,}", f"{count // 10:,}"
    split = folder / "split"
    (split / "parts").mkdir(parents=True)
    text = large.read_text(encoding="utf-8")
    head, claims = text.split("\nclaims:\n", 1)
    items = [found.start() for found in re.finditer(r"^  - ", claims, re.M)] + [len(claims)]
    total = len(items) - 1
    for number in range(10):
        part = claims[items[number * total // 10] : items[(number + 1) * total // 10]]
        (split / "parts" / f"part{number:02d}.yaml").write_text("claims:\n" + part)
    root = split / "claims.yaml"
    root.write_text(f"{head}\ninclude:\n  - parts/*.yaml\n", encoding="utf-8")
    one = [*FIGCHECK, "-f", str(large), "compare"]
    ten = [*FIGCHECK, "-f", str(root), "compare"]
    names = {
        "cold": (
            f"compare, {n} claims in one file, cold",
            f"compare, ten included files of {tenth} claims, cold",
        ),
        "warm": (
            f"compare, {n} claims in one file, warm",
            f"compare, ten included files of {tenth} claims, warm",
        ),
    }
    rows = []
    for state, (floor, name) in names.items():
        before = clear_cache(large) if state == "cold" else None
        rounds = max(2, repeat // 2) if state == "cold" else max(2, repeat)
        if before is None:
            timed(one, repeat=1)
            timed(ten, repeat=1)
        pairs = [
            (timed(one, repeat=1, before=before), timed(ten, repeat=1, before=before))
            for _ in range(rounds)
        ]
        rows.append(Row(floor, _median(first for first, _ in pairs)))
        rows.append(Row(name, _median(second for _, second in pairs), floor, 1.2))
    return rows


def _median(runs: Iterable[Timing]) -> Timing:
    kept = list(runs)
    return Timing(statistics.median(r.seconds for r in kept), max(r.peak_mb for r in kept))


def _report_rows(folder: Path, metrics: int, repeat: int) -> list[Row]:
    """The HTML report of ``metrics`` metrics of 5 claims each, cold (no cache) and right after
    one claim was added (the charts of the other metrics kept from the report before), against
    one small chart drawn in a fresh process."""
    floor = "one small matplotlib chart to SVG"
    rows = [Row(floor, timed([PYTHON, "-c", CHART], repeat=repeat))]
    claims = folder / "report" / "claims.yaml"
    claims.parent.mkdir()
    generate(metrics, claims, "--report")
    report = [*FIGCHECK, "-f", str(claims), "report", str(folder / "report" / "report.html")]
    cold = timed(report, repeat=max(1, repeat // 2), before=clear_cache(claims))
    rows.append(Row(f"report, {metrics} metrics of 5 claims, cold (no cache)", cold, floor, 25))
    runs = []
    for number in range(repeat):
        added = f"{1000 + number} (bench desk)"
        metric = f"metric_{number * 7 % metrics}"
        add = ["add", added, "--metric", metric, "--date", "2026-01-12"]
        subprocess.run([*FIGCHECK, "-f", str(claims), *add], check=True, capture_output=True)
        runs.append(timed(report, repeat=1))
    after = Timing(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))
    rows.append(Row(f"report after one add, {metrics} metrics", after, floor, 5))
    return rows


def _bench_claim(claim_id: str, number: int) -> str:
    return (
        f'  - id: "{claim_id}"\n    metric: metric_{number}\n    value: {100 + number}\n'
        f"    source: bench desk\n    date: 2026-01-20\n"
    )


def _bench_rows(count: int, path: Path) -> None:
    """A spreadsheet of ``count`` claims, as a newsroom keeps one."""
    import csv
    import random

    rng = random.Random(11)
    qualifiers = ["", "about", "at least", "more than", "up to", "nearly"]
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Metric", "Figure", "Qualifier", "Outlet", "Date", "Notes"])
        for number in range(count):
            writer.writerow(
                [
                    f"metric_{rng.randrange(max(1, count // 25))}",
                    rng.randint(10, 100_000),
                    rng.choice(qualifiers),
                    f"outlet {rng.randrange(40)}",
                    f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    f"row {number}" if number % 3 == 0 else "",
                ]
            )


def generate(count: int, path: Path, *options: str) -> None:
    """Write a claims file of ``count`` claims (in another process: this one stays small, so the
    peak memory of the processes it starts is theirs alone)."""
    with path.open("w") as stream:
        script = Path(__file__).resolve().parent / "generate.py"
        subprocess.run([PYTHON, str(script), str(count), *options], stdout=stream, check=True)


def _timed_add(add: Callable[[Path], list[str]], path: Path, repeat: int) -> Timing:
    runs = [timed(add(path), repeat=1) for _ in range(repeat)]
    return Timing(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))


def _compare_after_add(add: Callable[[Path], list[str]], path: Path, repeat: int) -> Timing:
    runs = []
    for _ in range(repeat):
        subprocess.run(add(path), check=True, capture_output=True)
        runs.append(timed([*FIGCHECK, "-f", str(path), "compare"], repeat=1))
    return Timing(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))


def report(rows: list[Row]) -> None:
    by_name = {row.name: row for row in rows}
    width = max(58, *(len(row.name) for row in rows))
    print(f"{'measurement':{width}} {'median':>9} {'peak MB':>8} {'ratio':>7} {'target':>7}")
    failures = 0
    for row in rows:
        ratio = target = verdict = ""
        if row.floor is not None and row.target is not None:
            value = row.timing.seconds / by_name[row.floor].timing.seconds
            ok = value <= row.target
            failures += not ok
            ratio, target, verdict = f"{value:.2f}", f"≤ {row.target:g}", "ok" if ok else "MISSED"
        print(
            f"{row.name:{width}} {row.timing.seconds * 1000:7.0f}ms {row.timing.peak_mb:8.0f}"
            f" {ratio:>7} {target:>7} {verdict}"
        )
    print(f"{failures} target(s) missed" if failures else "every target met")


if __name__ == "__main__":
    main()
