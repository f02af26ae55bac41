"""Migrations: the migrated schema is exactly schema.py, on both backends; opening is safe to repeat and to race."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from skyledger.errors import StoreError
from skyledger.store import Store, open_store
from skyledger.store.migrate import head_revision, include_object
from skyledger.store.schema import metadata


def test_migrated_schema_matches_schema_py(store: Store) -> None:
    with store.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_object})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_every_table_is_created(store: Store) -> None:
    with store.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == head_revision()
        for table in metadata.sorted_tables:
            assert connection.execute(text(f"SELECT count(*) FROM {table.name}")).scalar() == 0


def test_reopening_a_migrated_store_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    open_store(url).close()
    store = open_store(url)
    with store.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    store.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys_enforced(sqlite_store: Store) -> None:
    with sqlite_store.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_concurrent_opens_of_a_new_database_migrate_it_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'raced.db'}"

    def opening(_: int) -> str | None:
        store = open_store(url)
        with store.connect() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
        store.close()
        return revision

    with ThreadPoolExecutor(max_workers=4) as pool:
        revisions = list(pool.map(opening, range(4)))
    assert revisions == [head_revision()] * 4


def test_full_text_index_exists(store: Store) -> None:
    with store.connect() as connection:
        if store.dialect == "sqlite":
            found = connection.execute(text("SELECT name FROM sqlite_master WHERE name = 'reports_fts'")).scalar()
        else:
            found = connection.execute(
                text("SELECT indexname FROM pg_indexes WHERE indexname = 'ix_reports_fts'")
            ).scalar()
    assert found is not None


def test_an_unreachable_database_is_one_line_store_error() -> None:
    with pytest.raises(StoreError) as raised:
        open_store("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=3")
    assert "\n" not in str(raised.value) and "127.0.0.1" in str(raised.value)


def test_a_database_without_migration_record_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    bare = create_engine(url)
    metadata.create_all(bare)
    bare.dispose()
    with pytest.raises(StoreError, match="no migration record"):
        open_store(url)
