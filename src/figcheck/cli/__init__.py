"""The ``figcheck`` command: parse options, call the core, print what it returns.

``application`` holds the Typer app, its commands and its error edge; ``options``, ``files``,
``prompts`` and ``terminal`` what several commands share; the commands are grouped by what they do
(``inspecting``, ``editing``, ``exporting``, ``teamwork``, ``articles``).

Heavy modules (pandas, yaml, rich tables) are imported inside the commands that need them, so that
``--help`` and ``--version`` start fast.
"""

from figcheck.cli.application import app, main

__all__ = ["app", "main"]
