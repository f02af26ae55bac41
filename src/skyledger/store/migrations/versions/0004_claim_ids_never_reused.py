"""Claim ids are never reused on SQLite (``AUTOINCREMENT``).

Re-extracting a report deletes its claims and inserts new ones. Without ``AUTOINCREMENT`` SQLite hands out the
highest id in use plus one, so a deleted claim's id could go to a new, different claim, and an exported link, a URL
``/claims/<id>`` or a note citing that id would silently point at another claim. SQLite can only add
``AUTOINCREMENT`` by rebuilding the table: this revision copies ``claims`` into a new table with every row, id and
index, and puts back the rows of ``event_members`` that dropping the old table removes (its foreign key cascades, and
``PRAGMA foreign_keys`` cannot be turned off inside the migration's transaction). Ids deleted before this revision and
above the highest id still present can be handed out once more; from here on, none is.

PostgreSQL's ``SERIAL`` sequences never reuse ids: nothing changes there.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The claims table as of revision 0003, written out here (not imported) so that this revision never changes.
INDEXES = {
    "ix_claims_event": ["event_id"],
    "ix_claims_region": ["region"],
    "ix_claims_report": ["report_id"],
    "ix_claims_tally": ["time_start", "action", "weapon_class", "event_id", "claimant", "count", "report_id"],
}
_KEPT_MEMBERS = "_claims_rebuild_members"
_NEW = "_claims_rebuild"


def _columns() -> list[sa.Column[object]]:
    return [
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
    ]


def _rebuild(*, autoincrement: bool) -> None:
    """Rebuild ``claims`` on SQLite with or without ``AUTOINCREMENT``, keeping every row, index and membership."""
    if op.get_bind().dialect.name != "sqlite":
        return
    columns = _columns()
    names = ", ".join(f'"{column.name}"' for column in columns)
    op.execute(f"CREATE TEMP TABLE {_KEPT_MEMBERS} AS SELECT event_id, claim_id FROM event_members")
    op.create_table(
        _NEW,
        *columns,
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"]),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=autoincrement,
    )
    op.execute(f"INSERT INTO {_NEW} ({names}) SELECT {names} FROM claims ORDER BY id")
    op.drop_table("claims")  # its indexes go with it; event_members' rows cascade away and come back below
    op.rename_table(_NEW, "claims")
    for name, indexed in INDEXES.items():
        op.create_index(name, "claims", indexed, unique=False)
    op.execute(f"INSERT INTO event_members (event_id, claim_id) SELECT event_id, claim_id FROM {_KEPT_MEMBERS}")
    op.execute(f"DROP TABLE {_KEPT_MEMBERS}")


def upgrade() -> None:
    _rebuild(autoincrement=True)


def downgrade() -> None:
    _rebuild(autoincrement=False)
