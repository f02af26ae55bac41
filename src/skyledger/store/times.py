"""How the store writes times, and the one rule that gives a claim its day.

Times are ISO 8601 text (portable between SQLite and PostgreSQL, sortable). An aware time is written in UTC
(``2024-05-12T00:30:00+00:00``), so that text comparisons of stored times (``since`` / ``until``) compare instants; a
naive time (no offset known) is written as it is. Databases written before times were normalised hold other offsets;
:func:`from_text` and :func:`claim_day` read them all.

**A claim's day** (tallies, the dashboard timeline, ``since`` / ``until`` of records and ``skyledger tally``) is the
calendar date, on the clock of UTC+3 (:data:`DAY_ZONE`, the clock the event waves use), of the middle of the claim's
time window; of its one end when the other is missing or when one end is naive and the other not. Naive times are
read as times on that clock. An overnight window from 18:00 to 07:00 (UTC+3) is therefore the morning's date, the
night's usual name. :func:`day_sql` is the same rule as an SQL expression.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import ColumnElement, literal_column

DAY_ZONE = timezone(timedelta(hours=3), "UTC+3")
_DAY_HOURS = 3


def utc_now() -> str:
    """The current time, as the store records ``created_at`` / ``started_at`` columns."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def to_text(value: datetime | None) -> str | None:
    """A time as the store writes it: aware ones in UTC, naive ones unchanged."""
    if value is None:
        return None
    return (value.astimezone(UTC) if value.tzinfo is not None else value).isoformat()


def from_text(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def claim_day(start: str | None, end: str | None) -> str | None:
    """The day (ISO date) of a time window given as stored text (see the module docstring); None without a time."""
    try:
        first = datetime.fromisoformat(start) if start else None
        last = datetime.fromisoformat(end) if end else None
    except ValueError:
        return None
    if first is not None and last is not None and (first.tzinfo is None) == (last.tzinfo is None):
        moment: datetime | None = first + (last - first) / 2
    else:
        moment = first or last
    if moment is None:
        return None
    return (moment.astimezone(DAY_ZONE) if moment.tzinfo is not None else moment).date().isoformat()


def day_sql(dialect: str, start: Any, end: Any) -> ColumnElement[str]:
    """:func:`claim_day` in SQL over two text columns (compiled names such as ``claims.time_start``)."""
    s, e = str(start), str(end)
    if dialect == "sqlite":
        aware_s = f"(substr({s}, -6, 1) IN ('+', '-') OR substr({s}, -1) = 'Z')"
        aware_e = f"(substr({e}, -6, 1) IN ('+', '-') OR substr({e}, -1) = 'Z')"
        middle = f"(julianday({s}) + (julianday({e}) - julianday({s})) / 2)"
        shift = f"{_DAY_HOURS}.0 / 24"
        expression = (
            f"CASE WHEN {e} IS NULL OR {aware_s} <> {aware_e} "
            f"THEN date(julianday({s}) + CASE WHEN {aware_s} THEN {shift} ELSE 0 END) "
            f"ELSE date({middle} + CASE WHEN {aware_s} THEN {shift} ELSE 0 END) END"
        )
    else:
        aware_s = f"({s} ~ '([+-]\\d\\d:?\\d\\d|Z)$')"
        aware_e = f"({e} ~ '([+-]\\d\\d:?\\d\\d|Z)$')"
        local = f"INTERVAL '{_DAY_HOURS} hours'"
        expression = (
            f"to_char(CASE "
            f"WHEN {e} IS NULL OR {aware_s} <> {aware_e} THEN "
            f"CASE WHEN {aware_s} THEN ({s})::timestamptz AT TIME ZONE 'UTC' + {local} ELSE ({s})::timestamp END "
            f"WHEN {aware_s} THEN (({s})::timestamptz + (({e})::timestamptz - ({s})::timestamptz) / 2) "
            f"AT TIME ZONE 'UTC' + {local} "
            f"ELSE ({s})::timestamp + (({e})::timestamp - ({s})::timestamp) / 2 END, 'YYYY-MM-DD')"
        )
    return literal_column(expression)  # type: ignore[return-value]
