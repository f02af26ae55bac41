"""The store: SQLAlchemy Core over SQLite (default) or PostgreSQL."""

from __future__ import annotations

from skyledger.store.core import Store, open_store

__all__ = ["Store", "open_store"]
