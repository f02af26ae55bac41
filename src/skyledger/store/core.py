"""Opening a store: the engine, SQLite's pragmas and transactions, and migrations applied on open.

SQLite runs in WAL mode with foreign keys on. Its Python driver opens transactions lazily and never around DDL, so
the engine takes transaction control itself: every transaction starts with an explicit ``BEGIN`` (``BEGIN IMMEDIATE``
for :meth:`Store.begin`, which writes), which makes migrations atomic and lets concurrent writers wait for each other
(``busy_timeout``) instead of failing half-way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from skyledger.errors import StoreError

_WRITE = "skyledger_write"


@dataclass
class Store:
    """A migrated database. All SQL of the project runs through the ``store`` package's functions on one of these."""

    url: str
    engine: Engine
    read_only: bool = False

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name  # "sqlite" | "postgresql"

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection inside one write transaction, committed on success, rolled back on error."""
        with self.engine.connect() as connection:
            connection.execution_options(**{_WRITE: True})
            with connection.begin():
                yield connection

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reading (SQLAlchemy begins a transaction on first use; nothing is committed)."""
        with self.engine.connect() as connection:
            yield connection

    def close(self) -> None:
        self.engine.dispose()


def refresh_statistics(store: Store) -> None:
    """Refresh the query planner's statistics after a large write. SQLite gathers none by itself, and without them it
    can plan a filtered list through an index that makes it sort a million rows; a sampled ANALYZE (a thousand rows per
    index) takes milliseconds. PostgreSQL's autovacuum keeps its own statistics."""
    if store.dialect != "sqlite" or store.read_only:
        return
    with store.begin() as connection:
        connection.exec_driver_sql("PRAGMA analysis_limit=1000")
        connection.exec_driver_sql("ANALYZE")


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver must not begin transactions itself: _sqlite_begin does
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    enabled = cursor.execute("PRAGMA foreign_keys").fetchone()
    cursor.close()
    if not enabled or enabled[0] != 1:
        raise StoreError("this SQLite build cannot enforce foreign keys; skyledger needs them")


def _sqlite_begin(connection: Connection) -> None:
    writes = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def open_store(url: str, *, read_only: bool = False, migrate: bool = True) -> Store:
    """Open (creating where needed) the database at ``url`` and bring its schema up to date."""
    # psycopg prepares a statement after five runs; PostgreSQL then plans it once for any parameters (a generic plan),
    # which cannot hash an IN list: looking up 500 identities among 15,000 reports took 0.2 s a batch instead of 5 ms.
    connect_args = {"prepare_threshold": None} if url.startswith("postgresql+psycopg") else {}
    try:
        engine = create_engine(url, connect_args=connect_args)
    except (ArgumentError, NoSuchModuleError) as error:
        raise StoreError(f"not a database URL I can open: {url!r} ({error})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    store = Store(url=url, engine=engine, read_only=read_only)
    if migrate:
        from skyledger.store.migrate import upgrade

        try:
            upgrade(store)
        except DBAPIError as error:
            engine.dispose()
            where = engine.url.render_as_string(hide_password=True)
            reason = " ".join(str(error.orig).split())  # drivers' messages span lines; the user gets one
            raise StoreError(f"cannot open the database {where}: {reason}") from None
    return store
