"""How the store writes times: ISO 8601 text (portable between SQLite and PostgreSQL, sortable)."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> str:
    """The current time, as the store records ``created_at`` / ``started_at`` columns."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def to_text(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def from_text(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
