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

**Filtering by that time on an index.** The middle of a window is computed, so an index on the stored start cannot
narrow ``since`` / ``until`` by itself; :func:`window_prefilter` gives conditions on the stored texts alone that every
window whose time is within the bounds meets, so a query may test them first (on the index) and the time after.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal_column, or_

DAY_ZONE = timezone(timedelta(hours=3), "UTC+3")
_DAY_HOURS = 3
_MARGIN_DAYS = 3  # see window_prefilter
_AFTER_ALL = "9999-12-31T24:00:00"  # an until bound after every moment (sorts after 9999-12-31T23:59:59)


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


def claim_moment(start: str | None, end: str | None) -> str | None:
    """The middle of a time window given as stored text, on the UTC+3 clock (``2024-03-02T02:00:00``, naive, to the
    second): what the day rule and the ``since`` / ``until`` bounds (:func:`moment_bound`) compare. None without a
    time."""
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
    local = moment.astimezone(DAY_ZONE) if moment.tzinfo is not None else moment
    return local.replace(tzinfo=None).isoformat(timespec="seconds")


def claim_day(start: str | None, end: str | None) -> str | None:
    """The day (ISO date) of a time window given as stored text (see the module docstring); None without a time."""
    moment = claim_moment(start, end)
    return moment[:10] if moment else None


def moment_bound(value: date | datetime, *, end: bool = False) -> str:
    """A ``since`` (``end`` False, inclusive) or ``until`` (``end`` True, exclusive) bound comparable, as text, with
    :func:`claim_moment` and :func:`moment_sql`. A date is a day by the day rule (an ``until`` date covers that whole
    day); a datetime is an instant, naive ones taken as UTC. Past the calendar's ends a bound is the first or last
    moment (``until`` 9999-12-31 keeps that day)."""
    if isinstance(value, datetime):
        shift = timedelta(hours=_DAY_HOURS) - (value.utcoffset() or timedelta())
        try:
            local = value.replace(tzinfo=None) + shift
        except OverflowError:
            local = datetime.min if shift < timedelta() else datetime.max
        return local.isoformat(timespec="seconds")
    if not end:
        return value.isoformat()
    return shift_day(value.isoformat(), 1) or _AFTER_ALL


def shift_day(bound: str, days: int) -> str | None:
    """The date of a bound (its first ten characters) moved by ``days``; None past the calendar's ends."""
    try:
        return (date.fromisoformat(bound[:10]) + timedelta(days=days)).isoformat()
    except OverflowError:
        return None


def window_prefilter(start: Any, end: Any, since: str | None, until: str | None) -> list[ColumnElement[bool]]:
    """Conditions on two stored time columns that every window whose time (:func:`moment_sql`) is in [since, until)
    meets: a first cut that an index on ``start`` serves, the exact test (``moment_sql``) still to follow.

    Why they never drop a window that the exact test keeps, for times as the store writes them (ISO 8601 beginning
    with the date, an offset under a day; the stored text's own clock is then within 27 hours of the UTC+3 one):

    - the time is the start (no end, or one end naive and the other not), the end (no start), or between the two;
      so one end is at or after it, and ``start >= since - 3 days OR end >= since - 3 days`` holds;
    - the time is before the start only when the end is before the start; by more than two days, by the clocks
      written, only where the end's text sorts before the start's. So
      ``start < until + 3 days OR start IS NULL OR end < start`` holds.

    The bounds are whole dates, so the time of day and the offset in the text never decide a comparison.
    """
    conditions: list[ColumnElement[bool]] = []
    low = shift_day(since, -_MARGIN_DAYS) if since is not None else None
    if low is not None:  # None: past the calendar's ends, where no cut is needed
        conditions.append(or_(start >= low, end >= low))
    high = shift_day(until, _MARGIN_DAYS) if until is not None else None
    if high is not None:
        conditions.append(or_(start < high, start.is_(None), end < start))
    return conditions


def timeless_sql(dialect: str, start: Any, end: Any) -> ColumnElement[bool]:
    """True for every stored window whose :func:`moment_sql` may be NULL (no time, or a text SQLite cannot read);
    a claim's time is then its report's publication, which :func:`window_prefilter` does not see."""
    if dialect == "sqlite":
        return or_(func.julianday(start).is_(None), and_(end.is_not(None), func.julianday(end).is_(None)))
    return and_(start.is_(None), end.is_(None))  # PostgreSQL fails on a text it cannot read


def day_sql(dialect: str, start: Any, end: Any) -> ColumnElement[str]:
    """:func:`claim_day` in SQL over two text columns (compiled names such as ``claims.time_start``)."""
    if dialect == "sqlite":
        return literal_column(f"date({_sqlite_middle(str(start), str(end))})")  # type: ignore[return-value]
    return literal_column(f"to_char({_postgresql_middle(str(start), str(end))}, 'YYYY-MM-DD')")  # type: ignore[return-value]


def moment_sql(dialect: str, start: Any, end: Any) -> ColumnElement[str]:
    """:func:`claim_moment` in SQL over two text columns (compiled names, or ``NULL`` for a missing end)."""
    if dialect == "sqlite":
        expression = f"strftime('%Y-%m-%dT%H:%M:%S', {_sqlite_middle(str(start), str(end))})"
    else:
        expression = f"to_char({_postgresql_middle(str(start), str(end))}, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
    return literal_column(expression)  # type: ignore[return-value]


def _sqlite_middle(s: str, e: str) -> str:
    """The middle of the window on the UTC+3 clock, as a Julian day number (SQLite)."""

    def aware(x: str) -> str:
        return f"(substr({x}, -6, 1) IN ('+', '-') OR substr({x}, -1) = 'Z')"

    def one(x: str) -> str:
        return f"julianday({x}) + CASE WHEN {aware(x)} THEN {_DAY_HOURS}.0 / 24 ELSE 0 END"

    middle = f"julianday({s}) + (julianday({e}) - julianday({s})) / 2"
    return (
        f"CASE WHEN {s} IS NULL THEN {one(e)} WHEN {e} IS NULL OR {aware(s)} <> {aware(e)} THEN {one(s)} "
        f"ELSE {middle} + CASE WHEN {aware(s)} THEN {_DAY_HOURS}.0 / 24 ELSE 0 END END"
    )


def _postgresql_middle(s: str, e: str) -> str:
    """The middle of the window on the UTC+3 clock, as a timestamp without time zone (PostgreSQL)."""

    def aware(x: str) -> str:
        return f"({x} ~ '([+-]\\d\\d:?\\d\\d|Z)$')"

    local = f"INTERVAL '{_DAY_HOURS} hours'"

    def one(x: str) -> str:
        return f"CASE WHEN {aware(x)} THEN ({x})::timestamptz AT TIME ZONE 'UTC' + {local} ELSE ({x})::timestamp END"

    return (
        f"CASE WHEN {s} IS NULL THEN {one(e)} WHEN {e} IS NULL OR {aware(s)} <> {aware(e)} THEN {one(s)} "
        f"WHEN {aware(s)} THEN (({s})::timestamptz + (({e})::timestamptz - ({s})::timestamptz) / 2) "
        f"AT TIME ZONE 'UTC' + {local} "
        f"ELSE ({s})::timestamp + (({e})::timestamp - ({s})::timestamp) / 2 END"
    )
