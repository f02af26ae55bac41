"""The ``skyledger`` command. Each command parses options around one library function and formats its result.

Errors from the library (:class:`skyledger.errors.SkyledgerError`) become one line on stderr and an exit code:
1 for bad data, 2 for bad usage. Nothing else is caught here: a traceback is a bug.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.markup import escape

from skyledger.cli import analyst, core, web
from skyledger.cli.app import app
from skyledger.errors import SkyledgerError

__all__ = ["app", "main"]

_ = (core, web, analyst)  # importing registers their commands on ``app``


def main() -> None:
    try:
        app()
    except SkyledgerError as error:
        Console(stderr=True).print(f"[red]error:[/red] {escape(str(error))}", highlight=False, soft_wrap=True)
        sys.exit(error.exit_code)
