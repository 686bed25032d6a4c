"""The shape of the code: a core that never imports the shell, no import cycles, a light start."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "figcheck"
SHELL = {"figcheck.cli", "figcheck.render", "figcheck.__main__"}  # parse, call, print (and within)
DRAWING = {"figcheck.charts", "figcheck.html_report"}  # matplotlib and Jinja2, for the report
CLAIMSFILE = "figcheck.claimsfile"


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, *, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


MODULES = {_name(path): path for path in PACKAGE.rglob("*.py")}


def _in(name: str, modules: set[str]) -> bool:
    """Whether a module is one of these or inside one of these packages."""
    return any(name == module or name.startswith(f"{module}.") for module in modules)


def test_the_shell_is_where_it_is_said_to_be() -> None:
    assert {"figcheck.cli.application", "figcheck.cli.options"} <= set(MODULES)
    assert _in("figcheck.cli.application", SHELL)
    assert not _in("figcheck.clinic", SHELL)


def test_the_core_never_imports_typer_or_rich() -> None:
    for name, path in MODULES.items():
        if _in(name, SHELL) or name in DRAWING:
            continue
        shell = {
            i for i in _imports(path, top_level_only=False) if i.split(".")[0] in ("typer", "rich")
        }
        assert not shell, f"{name} imports {sorted(shell)}"
        inner = {i for i in _imports(path, top_level_only=False) if _in(i, SHELL)}
        assert not inner, f"{name} imports the shell: {sorted(inner)}"


def test_no_module_level_import_cycle() -> None:
    graph = {
        name: {i for i in _imports(path, top_level_only=True) if i in MODULES and i != name}
        for name, path in MODULES.items()
    }
    _assert_no_cycle(graph)


def test_the_claims_file_modules_have_no_cycle_even_inside_functions() -> None:
    inside = {name: path for name, path in MODULES.items() if name.startswith(CLAIMSFILE)}
    assert len(inside) > 5
    graph = {
        name: {i for i in _imports(path, top_level_only=False) if i in inside and i != name}
        for name, path in inside.items()
    }
    _assert_no_cycle(graph)


def test_a_claims_file_is_read_only_through_its_one_way_in() -> None:
    engines = {f"{CLAIMSFILE}.{name}" for name in ("fast_reader", "two_cores", "yaml_nodes")}
    engines |= {f"{CLAIMSFILE}.full_reader.{name}" for name in ("read_everything", "Reader")}
    for name, path in MODULES.items():
        if name.startswith(CLAIMSFILE):
            continue
        used = _imports(path, top_level_only=False) & engines
        assert not used, f"{name} reads a claims file through {sorted(used)}, not reading.read"


def _assert_no_cycle(graph: dict[str, set[str]]) -> None:
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                raise AssertionError(" -> ".join([*trail, name, other]))
            if other not in state:
                visit(other, [*trail, name])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])


def test_help_and_add_s_verdict_need_no_pandas() -> None:
    code = (
        "import sys, figcheck.cli, figcheck.reconcile.one_metric, figcheck.recording; "
        "print(sorted(m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_words_of_every_output_need_no_drawing_library() -> None:
    """``wording`` serves the terminal, the HTML report and the charts: plain strings only."""
    found = _imports(PACKAGE / "wording.py", top_level_only=False)
    heavy = {i for i in found if i.split(".")[0] in ("rich", "matplotlib", "pandas", "numpy")}
    assert not heavy, f"wording imports {sorted(heavy)}"
    code = (
        "import sys, figcheck.wording; "
        "print(sorted(m for m in ('rich', 'matplotlib', 'pandas', 'jinja2') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
