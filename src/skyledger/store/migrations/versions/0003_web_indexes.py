"""Indexes for the dashboard at scale (bench/api_bench.py, 1,000,000 claims).

- ``ix_claims_tally``: the tallies per day group claims by (time window start, action, weapon class, event) and read
  the claimant, count and report; this index covers them in that order, so SQLite streams a window without sorting.
- ``ix_events_live_region``: events per region on the map, over live (unmerged) events only, from the index alone.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 21:05:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TALLY_COLUMNS = ["time_start", "action", "weapon_class", "event_id", "claimant", "count", "report_id"]


def upgrade() -> None:
    op.create_index("ix_claims_tally", "claims", TALLY_COLUMNS, unique=False)
    op.create_index("ix_events_live_region", "events", ["merged_into", "region"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_events_live_region", table_name="events")
    op.drop_index("ix_claims_tally", table_name="claims")
