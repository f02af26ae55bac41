"""Migrations: the migrated schema is exactly schema.py, on both backends; opening is safe to repeat and to race."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, create_engine, delete, func, insert, select, text, update

from skyledger.errors import StoreError
from skyledger.model import Action, Claim, Report, Source, WeaponClass
from skyledger.store import Store, open_store, schema
from skyledger.store.claims import claim_to_row, replace_claims_of_reports
from skyledger.store.migrate import alembic_config, head_revision, include_object
from skyledger.store.reports import write_reports
from skyledger.store.schema import metadata
from skyledger.store.sources import upsert_source


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


def _autoincrement(connection: Connection) -> bool:
    sql = connection.execute(text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'claims'")).scalar()
    return "AUTOINCREMENT" in str(sql).upper()


def test_new_sqlite_databases_never_reuse_claim_ids(sqlite_store: Store, tmp_path: Path) -> None:
    with sqlite_store.connect() as connection:
        assert _autoincrement(connection)
    bare = create_engine(f"sqlite:///{tmp_path / 'from_schema.db'}")  # schema.py alone, as create_all makes it
    metadata.create_all(bare)
    with bare.connect() as connection:
        assert _autoincrement(connection)
    bare.dispose()


def _store_at(url: str, revision: str) -> Store:
    store = open_store(url, migrate=False)
    with store.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
    return store


def _fill(store: Store) -> None:
    """Two reports, four claims (the highest then deleted), an event with two members, a correction."""
    bare = Claim(Action.LAUNCHED, WeaponClass.UAV, count=3, evidence_span=(0, 4), rule_set="r")
    with store.begin() as connection:
        source_id = upsert_source(connection, Source("t.me/gov_kaluga"))
        reports = [(source_id, Report("t.me/gov_kaluga", str(n), f"Пост {n}: сбиты три БПЛА")) for n in (1, 2)]
        write_reports(connection, reports, None)
        first, second = connection.execute(select(schema.reports.c.id).order_by(schema.reports.c.id)).scalars()
        replace_claims_of_reports(connection, {first: [bare, bare], second: [bare, bare]}, None)
        ids = list(connection.execute(select(schema.claims.c.id).order_by(schema.claims.c.id)).scalars())
        connection.execute(delete(schema.claims).where(schema.claims.c.id == ids[-1]))
        connection.execute(insert(schema.events).values(id="E1", wave="W1", region="RU-KLU"))
        connection.execute(update(schema.claims).where(schema.claims.c.id.in_(ids[:2])).values(event_id="E1"))
        connection.execute(insert(schema.event_members), [{"event_id": "E1", "claim_id": i} for i in ids[:2]])
        connection.execute(
            insert(schema.corrections).values(
                report_id=first, claim_seq=0, field="count", value="4", author="a", created_at="2026-11-29T00:00:00Z"
            )
        )


def _contents(store: Store) -> dict[str, list[tuple[object, ...]]]:
    with store.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key.columns))]
            for table in metadata.sorted_tables
        }


def test_the_claim_id_migration_keeps_every_row_index_and_member(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    store = _store_at(url, "0003")
    _fill(store)
    before = _contents(store)
    store.close()
    store = open_store(url)  # migrates to head
    assert _contents(store) == before
    with store.connect() as connection:
        assert _autoincrement(connection)
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        context = MigrationContext.configure(connection, opts={"include_object": include_object})
        assert compare_metadata(context, metadata) == []  # indexes and foreign keys as schema.py has them
        highest = max(row[0] for row in before["claims"])
    with store.begin() as connection:
        connection.execute(delete(schema.claims).where(schema.claims.c.id == highest))
        report_id = before["claims"][0][1]
        bare = Claim(Action.IMPACT, WeaponClass.UAV, evidence_span=(0, 4), rule_set="r")
        connection.execute(insert(schema.claims).values(claim_to_row(bare, report_id, 9, None)))
        assert connection.execute(select(func.max(schema.claims.c.id))).scalar_one() > highest
    with store.begin() as connection:  # deleting a report still cascades to its claims and their memberships
        connection.execute(delete(schema.reports).where(schema.reports.c.id == report_id))
        assert connection.execute(select(func.count()).select_from(schema.event_members)).scalar_one() == 0
    store.close()


def test_the_claim_id_migration_can_be_undone_keeping_rows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    store = _store_at(url, "0004")
    _fill(store)
    before = _contents(store)
    with store.begin() as connection:
        command.downgrade(alembic_config(connection), "0003")
    assert _contents(store) == before
    with store.connect() as connection:
        assert not _autoincrement(connection)
    store.close()
