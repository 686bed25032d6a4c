"""Whether git merges a claims file with figcheck's merge driver, and setting that up.

Git needs two things to use the driver: a ``.gitattributes`` line giving the file
``merge=figcheck``, and a ``merge.figcheck.driver`` command in its configuration. Finding out
reads those files directly (no git process), so ``figcheck check`` can ask on every run.
"""

from __future__ import annotations

import fnmatch
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from figcheck.errors import UsageError

DRIVER_NAME = "figcheck"
DRIVER_ARGUMENTS = "merge-driver %O %A %B --marker-size %L --path %P"


@dataclass(frozen=True, slots=True)
class Repository:
    """A git work tree: its top folder and its git folders (the shared one holds the config)."""

    top: Path
    git_dir: Path
    common_dir: Path


def repository_of(path: Path) -> Repository | None:
    """The git work tree holding ``path``, or None when it is in none."""
    folder = path.resolve().parent
    for candidate in (folder, *folder.parents):
        dot_git = candidate / ".git"
        if dot_git.is_dir():
            return Repository(candidate, dot_git, dot_git)
        if dot_git.is_file():  # a linked work tree or a submodule: "gitdir: PATH"
            try:
                first = dot_git.read_text(encoding="utf-8").splitlines()[0]
            except (OSError, UnicodeDecodeError, IndexError):
                return None
            if not first.startswith("gitdir:"):
                return None
            git_dir = (candidate / first.removeprefix("gitdir:").strip()).resolve()
            common = git_dir
            try:
                shared = (git_dir / "commondir").read_text(encoding="utf-8").strip()
                common = (git_dir / shared).resolve()
            except OSError:
                pass
            return Repository(candidate, git_dir, common)
    return None


def _attribute_files(repo: Repository, path: Path) -> list[tuple[Path, Path]]:
    """The attribute files that apply to ``path``, each with the folder its patterns start from."""
    files = [(repo.common_dir / "info" / "attributes", repo.top)]
    relative = path.resolve().relative_to(repo.top)
    folder = repo.top
    files.append((folder / ".gitattributes", folder))
    for part in relative.parts[:-1]:
        folder = folder / part
        files.append((folder / ".gitattributes", folder))
    return files


def _matches(pattern: str, relative: str) -> bool:
    """Whether a .gitattributes pattern names the file at ``relative`` (from its folder)."""
    if pattern.startswith("\\!"):
        pattern = pattern[1:]  # a literal "!" (fnmatch reads it as one)
    if "/" in pattern.rstrip("/"):
        return fnmatch.fnmatchcase(relative, pattern.lstrip("/"))
    return fnmatch.fnmatchcase(relative.rsplit("/", 1)[-1], pattern)


_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92, '"': 34}
_GLOB = str.maketrans({"*": "[*]", "?": "[?]", "[": "[[]", "\\": "[\\\\]"})


def _words(line: str) -> list[str]:
    """A .gitattributes line's pattern and attributes; a pattern that opens with a double quote
    is quoted in C style (how a name with spaces is written), as git reads it."""
    stripped = line.strip()
    if not stripped.startswith('"'):
        return stripped.split()
    pattern = bytearray()
    index = 1
    while index < len(stripped) and stripped[index] != '"':
        char = stripped[index]
        index += 1
        if char != "\\" or index == len(stripped):
            pattern += char.encode("utf-8")
        elif stripped[index] in _ESCAPES:
            pattern.append(_ESCAPES[stripped[index]])
            index += 1
        elif stripped[index : index + 3].isdigit():  # a byte in octal, as git writes one
            pattern.append(int(stripped[index : index + 3], 8) & 0xFF)
            index += 3
        else:
            return []  # git ignores a line it cannot unquote
    if index == len(stripped):
        return []  # no closing quote
    return [pattern.decode("utf-8", "replace"), *stripped[index + 1 :].split()]


def _pattern(relative: str) -> str:
    """The .gitattributes pattern that names the file at ``relative``: glob characters as
    one-character classes, and quoted in C style when it has a space, a quote or a backslash
    (git splits a line at spaces) or opens with ``#`` (a comment unquoted)."""
    pattern = relative.translate(_GLOB)
    if pattern.startswith("!"):  # "\!": a literal "!", not a negative pattern (which git ignores)
        pattern = "\\" + pattern
    if not pattern.startswith("#") and not any(char.isspace() or char in '"\\' for char in pattern):
        return pattern
    quoted = "".join(
        "\\" + char if char in '"\\' else {"\t": "\\t", "\n": "\\n"}.get(char, char)
        for char in pattern
    )
    return f'"{quoted}"'


def has_attribute(repo: Repository, path: Path) -> bool:
    """Whether git's attributes give ``path`` ``merge=figcheck`` (the last line naming it wins)."""
    found = False
    for attributes, folder in _attribute_files(repo, path):
        try:
            lines = attributes.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        relative = path.resolve().relative_to(folder).as_posix()
        for line in lines:
            words = _words(line)
            if not words or line.lstrip().startswith("#") or not _matches(words[0], relative):
                continue
            for word in words[1:]:
                if word.startswith("merge=") or word in ("-merge", "!merge", "merge"):
                    found = word == f"merge={DRIVER_NAME}"
    return found


def _config_files(repo: Repository) -> list[Path]:
    home = Path.home()
    xdg = os.environ.get("XDG_CONFIG_HOME") or str(home / ".config")
    return [
        repo.common_dir / "config",
        repo.git_dir / "config.worktree",
        home / ".gitconfig",
        Path(xdg) / "git" / "config",
    ]


def has_driver(repo: Repository) -> bool:
    """Whether git's configuration (the repository's or the user's) defines the driver."""
    section = f'[merge "{DRIVER_NAME}"]'
    for config in _config_files(repo):
        try:
            text = config.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        inside = False
        for line in text.splitlines():
            stripped = line.strip()
            if stripped.startswith("["):
                inside = stripped.replace(" ", "") == section.replace(" ", "")
            elif inside and stripped.split("=", 1)[0].strip().lower() == "driver":
                return True
    return False


def setup_hint(path: str) -> str | None:
    """A line saying how to set up the driver, when ``path`` is in a git work tree without it."""
    hints = setup_hints([(path, path)])
    return hints[0] if hints else None


def setup_hints(files: Sequence[tuple[str, str]]) -> list[str]:
    """One line for each claims file given whose files in a git work tree are not merged with
    the driver there (the driver not configured, or a file without ``merge=figcheck``), saying
    how to set it up. ``files`` are the claims files read, each with the file given to the
    command that led to it (itself, or a file that includes it): ``figcheck init --git`` sets up
    a given file with those it includes, so each given file gets its own line and command.
    Standard input is no file and gets none."""
    lacking: dict[tuple[Path, str], tuple[Repository, list[str]]] = {}
    for path, given in files:
        if path == "-":
            continue
        claims = Path(path)
        repo = repository_of(claims)
        if repo is None:
            continue
        _, without = lacking.setdefault((repo.top, given), (repo, []))
        if not has_attribute(repo, claims):
            without.append(path)
    hints = []
    for (top, given), (repo, without) in lacking.items():
        if not without and not has_driver(repo):
            without = [path for path, led in files if led == given and _within(Path(path), top)]
        if not without:
            continue
        if len(without) == 1:
            subject = f"{without[0]} is"
        elif len(without) == 2:
            subject = f"{without[0]} and {without[1]} are"
        else:
            subject = f"{without[0]}, {without[1]} and {len(without) - 2} more files are"
        hints.append(
            f"{subject} in a git repository whose merges do not use figcheck's merge driver; "
            f"run '{init_command(given)}' so that merging branches keeps the claims of both"
        )
    return hints


def init_command(given: str) -> str:
    """The command that sets up the driver for the claims file ``given`` and those it includes:
    ``figcheck init --git`` when that is the file it sets up by default, else with ``-f``."""
    default = Path(os.environ.get("FIGCHECK_FILE") or Path("data") / "claims.yaml")
    if _same_file(Path(given), default):
        return "figcheck init --git"
    return f"figcheck -f {shlex.quote(given)} init --git"


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except (OSError, RuntimeError):
        return False


def _within(path: Path, top: Path) -> bool:
    return path.resolve().is_relative_to(top)


def driver_command() -> str:
    """How git should run this figcheck: by name when that finds it, else by its full path."""
    running = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    on_path = shutil.which("figcheck")
    if running is not None and running.name == "figcheck":
        if on_path is not None and Path(on_path).resolve() == running:
            return f"figcheck {DRIVER_ARGUMENTS}"
        return f"{shlex.quote(str(running))} {DRIVER_ARGUMENTS}"
    if on_path is not None:
        return f"figcheck {DRIVER_ARGUMENTS}"
    return f"{shlex.quote(sys.executable)} -m figcheck {DRIVER_ARGUMENTS}"


def set_up(path: str, included: Sequence[str] = ()) -> list[str]:
    """Make git merge the claims file at ``path``, and the files it includes (``included``), with
    the driver: in each git work tree that holds one of them, a ``.gitattributes`` line for each
    file not yet given ``merge=figcheck`` and the driver in the configuration (an included file
    in no work tree is left as it is). What was done, one line each."""
    claims = Path(path)
    repo = repository_of(claims)
    if repo is None:
        raise UsageError(f"{path} is not in a git work tree; run 'git init' first")
    trees: dict[Path, tuple[Repository, list[Path]]] = {repo.top: (repo, [claims])}
    for other in included:
        holder = repository_of(Path(other))
        if holder is not None:
            held = trees.setdefault(holder.top, (holder, []))[1]
            if Path(other).resolve() not in {known.resolve() for known in held}:
                held.append(Path(other))
    done: list[str] = []
    command = driver_command()
    for tree, files in trees.values():
        for file in files:
            if not has_attribute(tree, file):
                done.append(_add_attribute(tree, file))
        _configure(tree, command)
        where = "" if tree.top == repo.top else f" in {tree.top}"
        done.append(
            f"set git config merge.{DRIVER_NAME}.driver to '{command}'{where} (this clone only)"
        )
    return done


def _add_attribute(repo: Repository, claims: Path) -> str:
    relative = claims.resolve().relative_to(repo.top).as_posix()
    attributes = repo.top / ".gitattributes"
    line = f"{_pattern(relative)} merge={DRIVER_NAME}"
    try:
        before = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
        with attributes.open("a", encoding="utf-8") as stream:
            if before and not before.endswith("\n"):
                stream.write("\n")
            stream.write(line + "\n")
    except OSError as error:
        raise UsageError(f"{attributes}: cannot write: {error.strerror}") from None
    return f"added '{line}' to {attributes} (commit it, so everyone's merges use it)"


def _configure(repo: Repository, command: str) -> None:
    for key, value in (
        (f"merge.{DRIVER_NAME}.name", "figcheck: merge claims files by claim id"),
        (f"merge.{DRIVER_NAME}.driver", command),
    ):
        try:
            subprocess.run(
                ["git", "config", key, value], cwd=repo.top, check=True, capture_output=True
            )
        except (OSError, subprocess.CalledProcessError) as error:
            raise UsageError(f"git config {key} failed: {error}") from None
