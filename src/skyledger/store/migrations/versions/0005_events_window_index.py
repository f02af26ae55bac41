"""Events filtered by time on an index: ``ix_events_window`` (start, end, merged) replaces ``ix_events_time``.

``since`` / ``until`` compare an event's time, the middle of its window on the UTC+3 clock
(:func:`skyledger.store.times.moment_sql`), not its stored start, so a range on the start no longer answered them:
paging through a month two years back computed the time of every newer event (300 ms at 1,000,000 claims,
bench/api_bench.py). The list now tests :func:`skyledger.store.times.window_prefilter` first, on the stored start
and end only; this index holds both (and whether the event was merged), so SQLite walks it newest first, as the
list is ordered, and reads an event's row only when the cut keeps it. It starts with ``time_start`` as the index it
replaces did, and serves everything that one served.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 00:05:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_window", "events", ["time_start", "time_end", "merged_into"], unique=False)
    op.drop_index("ix_events_time", table_name="events")


def downgrade() -> None:
    op.create_index("ix_events_time", "events", ["time_start"], unique=False)
    op.drop_index("ix_events_window", table_name="events")
