"""Initial schema: every table of schema.py, plus full-text search over reports (title + text).

SQLite: an FTS5 table with external content (the reports table), kept in step by triggers.
PostgreSQL: a GIN index over to_tsvector('simple', title || text); 'simple' config, so Russian, Ukrainian and English
are all tokenised alike (no stemming; search_reports offers prefix matching instead).

Revision ID: 0001
Revises:
Create Date: 2026-11-29 20:41:44.258045
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Full-text search. Written out here (not imported) so that this revision never changes once released.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE reports_fts USING fts5(title, text, content='reports', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN "
    "INSERT INTO reports_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN "
    "INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER reports_fts_update AFTER UPDATE OF title, text ON reports BEGIN "
    "INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO reports_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
]
SQLITE_FTS_DROP = [
    "DROP TRIGGER IF EXISTS reports_fts_update",
    "DROP TRIGGER IF EXISTS reports_fts_delete",
    "DROP TRIGGER IF EXISTS reports_fts_insert",
    "DROP TABLE IF EXISTS reports_fts",
]
POSTGRESQL_FTS = [
    "CREATE INDEX ix_reports_fts ON reports USING gin "
    "(to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || text))",
]
POSTGRESQL_FTS_DROP = ["DROP INDEX IF EXISTS ix_reports_fts"]


def _execute(statements: dict[str, list[str]]) -> None:
    for statement in statements.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def upgrade() -> None:
    op.create_table(
        "claimant_links",
        sa.Column("claimant", sa.String(length=80), nullable=False),
        sa.Column("cites", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("claimant", "cites"),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("started_at", sa.String(length=40), nullable=False),
        sa.Column("finished_at", sa.String(length=40), nullable=True),
        sa.Column("stats", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handle", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("claimant", sa.String(length=80), nullable=True),
        sa.Column("reliability", sa.String(length=1), server_default="F", nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("handle"),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("token_hash", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("revoked_at", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "event_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.Column("change", sa.String(length=12), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["runs.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_event_changes_run", "event_changes", ["run_id"], unique=False)

    op.create_table(
        "events",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("wave", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("region", sa.String(length=10), nullable=True),
        sa.Column("time_start", sa.String(length=40), nullable=True),
        sa.Column("time_end", sa.String(length=40), nullable=True),
        sa.Column("weapon_classes", sa.Text(), nullable=True),
        sa.Column("article_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("independent_sources", sa.Integer(), server_default="0", nullable=False),
        sa.Column("credibility", sa.Integer(), server_default="6", nullable=False),
        sa.Column("reliability", sa.String(length=1), server_default="F", nullable=False),
        sa.Column("conflict", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("count_low", sa.Integer(), nullable=True),
        sa.Column("count_best", sa.Integer(), nullable=True),
        sa.Column("count_high", sa.Integer(), nullable=True),
        sa.Column("figures", sa.Text(), nullable=True),
        sa.Column("explanation", sa.Text(), nullable=True),
        sa.Column("merged_into", sa.String(length=40), nullable=True),
        sa.Column("created_run", sa.Integer(), nullable=True),
        sa.Column("updated_run", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_run"],
            ["runs.id"],
        ),
        sa.ForeignKeyConstraint(
            ["updated_run"],
            ["runs.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_events_region", "events", ["region"], unique=False)
    op.create_index("ix_events_time", "events", ["time_start"], unique=False)

    op.create_table(
        "rejected",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("input", sa.Text(), nullable=False),
        sa.Column("locator", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["runs.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=300), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=40), nullable=True),
        sa.Column("edited", sa.String(length=40), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("forwarded_from", sa.String(length=300), nullable=True),
        sa.Column("forwarded_id", sa.String(length=300), nullable=True),
        sa.Column("meta", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=12), server_default="new", nullable=False),
        sa.Column("ingest_run", sa.Integer(), nullable=True),
        sa.Column("ingested_at", sa.String(length=40), nullable=False),
        sa.Column("updated_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["ingest_run"],
            ["runs.id"],
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_id", "external_id", name="uq_reports_identity"),
    )
    op.create_index("ix_reports_hash", "reports", ["content_hash"], unique=False)
    op.create_index("ix_reports_published", "reports", ["published"], unique=False)
    op.create_index("ix_reports_status", "reports", ["status"], unique=False)

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("weapon_class", sa.String(length=20), nullable=False),
        sa.Column("weapon_model", sa.String(length=60), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("count_qualifier", sa.String(length=12), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("region", sa.String(length=10), nullable=True),
        sa.Column("regions", sa.Text(), nullable=True),
        sa.Column("district", sa.Text(), nullable=True),
        sa.Column("settlement", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("place_precision", sa.String(length=12), nullable=False),
        sa.Column("water", sa.Text(), nullable=True),
        sa.Column("time_start", sa.String(length=40), nullable=True),
        sa.Column("time_end", sa.String(length=40), nullable=True),
        sa.Column("time_precision", sa.String(length=12), nullable=False),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("casualties_stated", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("damage", sa.String(length=10), nullable=True),
        sa.Column("claimant", sa.String(length=80), nullable=False),
        sa.Column("cites", sa.Text(), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("rule_set", sa.String(length=60), nullable=False),
        sa.Column("event_id", sa.String(length=40), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
        ),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["runs.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_claims_event", "claims", ["event_id"], unique=False)
    op.create_index("ix_claims_region", "claims", ["region"], unique=False)
    op.create_index("ix_claims_report", "claims", ["report_id"], unique=False)

    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("claim_seq", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("machine_value", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_corrections_claim", "corrections", ["report_id", "claim_seq"], unique=False)

    op.create_table(
        "report_links",
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["child_id"], ["reports.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("child_id", "parent_id"),
    )
    op.create_table(
        "event_members",
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
        ),
        sa.PrimaryKeyConstraint("event_id", "claim_id"),
    )
    _execute({"sqlite": SQLITE_FTS, "postgresql": POSTGRESQL_FTS})


def downgrade() -> None:
    _execute({"sqlite": SQLITE_FTS_DROP, "postgresql": POSTGRESQL_FTS_DROP})
    op.drop_table("event_members")
    op.drop_table("report_links")
    op.drop_index("ix_corrections_claim", table_name="corrections")

    op.drop_table("corrections")
    op.drop_index("ix_claims_report", table_name="claims")
    op.drop_index("ix_claims_region", table_name="claims")
    op.drop_index("ix_claims_event", table_name="claims")

    op.drop_table("claims")
    op.drop_index("ix_reports_status", table_name="reports")
    op.drop_index("ix_reports_published", table_name="reports")
    op.drop_index("ix_reports_hash", table_name="reports")

    op.drop_table("reports")
    op.drop_table("rejected")
    op.drop_index("ix_events_time", table_name="events")
    op.drop_index("ix_events_region", table_name="events")

    op.drop_table("events")
    op.drop_index("ix_event_changes_run", table_name="event_changes")

    op.drop_table("event_changes")
    op.drop_table("tokens")
    op.drop_table("sources")
    op.drop_table("runs")
    op.drop_table("claimant_links")
