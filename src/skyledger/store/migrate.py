"""Schema migrations (Alembic), applied automatically when a store is opened.

PLACEHOLDER until the Alembic environment lands: creates the tables of ``schema.py`` directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from skyledger.store.schema import metadata

if TYPE_CHECKING:
    from skyledger.store.core import Store


def upgrade(store: Store) -> None:
    metadata.create_all(store.engine)
