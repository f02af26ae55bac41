"""Corrections: the fingerprint of the machine claim they were made on (``claim_key``).

A claim's position in its report (``claim_seq``) shifts when a new rule set finds one more or one fewer claim; the
fingerprint (action, weapon class, evidence span) lets a correction find its claim again after re-extraction (see
``skyledger.store.corrections``). Nullable: corrections made before this revision keep matching by position.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("corrections") as batch:
        batch.add_column(sa.Column("claim_key", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("corrections") as batch:
        batch.drop_column("claim_key")
