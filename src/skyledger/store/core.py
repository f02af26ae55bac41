"""Opening a store: the engine, SQLite's pragmas, and migrations applied on open."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.exc import NoSuchModuleError

from skyledger.errors import StoreError


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
        """A connection inside one transaction, committed on success, rolled back on error."""
        with self.engine.begin() as connection:
            yield connection

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            yield connection

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def open_store(url: str, *, read_only: bool = False, migrate: bool = True) -> Store:
    """Open (creating where needed) the database at ``url`` and bring its schema up to date."""
    try:
        engine = create_engine(url, future=True)
    except (ArgumentError, NoSuchModuleError) as error:
        raise StoreError(f"not a database URL I can open: {url!r} ({error})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(url=url, engine=engine, read_only=read_only)
    if migrate:
        from skyledger.store.migrate import upgrade

        try:
            upgrade(store)
        except OperationalError as error:
            raise StoreError(f"cannot open the database {engine.url!r}: {error.orig}") from None
    return store
