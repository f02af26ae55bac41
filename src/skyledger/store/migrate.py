"""Schema migrations (Alembic), applied automatically when a store is opened.

The Alembic environment lives inside the package (``skyledger/store/migrations``), found through importlib, so no
``alembic.ini`` is needed at run time. Migrating takes a lock (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: an advisory
lock) so that two processes opening the same new database do not both create it.

For developers: ``python -m skyledger.store.migrate revision -m "what changes"`` writes a new revision file from the
difference between ``schema.py`` and the current migrations (see docs/development.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from skyledger.errors import StoreError

if TYPE_CHECKING:
    from skyledger.store.core import Store

SCRIPT_LOCATION = "skyledger.store:migrations"
_PG_LOCK_KEY = 0x5C7_1ED9  # any constant: serialises concurrent migrations of one PostgreSQL database

# Objects the migrations create that schema.py does not describe (full-text search); autogenerate leaves them alone.
FTS_TABLE = "reports_fts"
FTS_INDEX = "ix_reports_fts"


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic's filter: skip the full-text search objects, which schema.py cannot express."""
    if name is None:
        return True
    return not (name.startswith(FTS_TABLE) or name == FTS_INDEX)


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(store: Store, notify: Callable[[str], None] | None = None) -> None:
    """Bring the store's schema to the newest revision (a no-op when it is there already).

    Upgrading a database that already holds a ledger can take a while (revision 0004 rebuilds ``claims``: half a
    minute at 1,000,000 claims), so ``notify`` (by default: a line on stderr) hears when it starts and when it ends.
    A new database is created silently."""
    tell = notify or _to_stderr
    head = head_revision()
    with store.begin() as connection:
        if store.dialect == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        current = current_revision(connection)
        if current == head:
            return
        if current is None and inspect(connection).has_table("reports"):
            raise StoreError(
                "this database holds skyledger tables but no migration record (made by a pre-release build); "
                "move it aside and let skyledger create a new one"
            )
        started = time.monotonic()
        if current is not None:
            where = connection.engine.url.render_as_string(hide_password=True)
            tell(
                f"upgrading the database {where} from schema revision {current} to {head}: a large ledger takes "
                "a minute or more; stopping now leaves it as it was"
            )
        command.upgrade(alembic_config(connection), "head")
    if current is not None:
        tell(f"database upgraded to revision {head} in {time.monotonic() - started:.0f} s")


def _to_stderr(message: str) -> None:
    print(f"skyledger: {message}", file=sys.stderr, flush=True)


def _revision(message: str) -> None:
    """Write a new revision file: the difference between schema.py and a scratch database migrated to head."""
    from skyledger.store.core import open_store

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'scratch.db'}")
        try:
            with store.begin() as connection:
                command.revision(alembic_config(connection), message=message, autogenerate=True)
        finally:
            store.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m skyledger.store.migrate", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    revision = sub.add_parser("revision", help="write a new revision file from the changes in schema.py")
    revision.add_argument("-m", "--message", required=True)
    sub.add_parser("heads", help="print the newest revision")
    args = parser.parse_args(argv)
    if args.command == "revision":
        _revision(args.message)
    else:
        print(head_revision())


if __name__ == "__main__":
    main()
