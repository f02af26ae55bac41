"""The ``skyledger`` command. Each command parses options around one library function and formats its result.

Errors from the library (:class:`skyledger.errors.SkyledgerError`) become one line on stderr and an exit code:
1 for bad data, 2 for bad usage. Nothing else is caught here: a traceback is a bug.
"""

from __future__ import annotations

import importlib
import sys

from rich.console import Console
from rich.markup import escape

from skyledger.cli.app import app
from skyledger.errors import SkyledgerError

__all__ = ["app", "main"]

# Importing a command module registers its commands on ``app``; this order is the order of ``skyledger --help``.
for _module in ("core", "search", "analyst", "web"):
    importlib.import_module(f"skyledger.cli.{_module}")


def main() -> None:
    try:
        app()
    except SkyledgerError as error:
        Console(stderr=True).print(f"[red]error:[/red] {escape(str(error))}", highlight=False, soft_wrap=True)
        sys.exit(error.exit_code)
