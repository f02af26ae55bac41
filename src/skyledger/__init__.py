"""skyledger: a corroborated, auditable record of published air-attack and air-defence claims.

``skyledger.open(path_or_url)`` returns a :class:`skyledger.ledger.Ledger`, the Python API (docs/python-api.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from skyledger.ledger import Ledger

__version__ = "0.1.0"
__all__ = ["__version__", "open"]


def open(url_or_path: str | Path, *, read_only: bool = False) -> Ledger:
    """Open (creating where needed) the ledger at a SQLite file path or a database URL; see ``skyledger.ledger``."""
    from skyledger.ledger import open as open_ledger  # imported here so that ``import skyledger`` stays light

    return open_ledger(url_or_path, read_only=read_only)
