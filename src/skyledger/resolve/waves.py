"""Attack waves: the night or daytime slot a claim belongs to, in the local time of its place.

A wave is a night, 18:00 to 10:00 local time, named by the date of its morning (``2025-05-14N`` is the night of 13 to
14 May), or a day, 10:00 to 18:00, named by its date (``2025-05-14D``). Waves are numbered so that consecutive waves
have consecutive numbers: night D is ``2 * D.toordinal()``, day D is ``2 * D.toordinal() + 1``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

NIGHT_START = time(18, 0)
DAY_START = time(10, 0)
MOSCOW_TIME = timezone(timedelta(hours=3), "UTC+3")
COUNTRY_ZONES = {"RU": "Europe/Moscow", "UA": "Europe/Kyiv", "BY": "Europe/Minsk"}


def wave_at(moment: datetime, zone: tzinfo) -> int:
    """The number of the wave that holds ``moment`` (a naive moment is read as local time in ``zone``)."""
    local = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
    day = local.date().toordinal()
    clock = local.time()
    if clock >= NIGHT_START:
        return 2 * (day + 1)
    if clock < DAY_START:
        return 2 * day
    return 2 * day + 1


def wave_label(number: int) -> str:
    """``2025-05-14N`` for a night, ``2025-05-14D`` for a day."""
    return f"{date.fromordinal(number // 2).isoformat()}{'D' if number % 2 else 'N'}"


def wave_number(label: str) -> int | None:
    """The inverse of :func:`wave_label`; None for a label of another form."""
    try:
        day = date.fromisoformat(label[:10]).toordinal()
    except ValueError:
        return None
    kind = label[10:]
    if kind == "N":
        return 2 * day
    if kind == "D":
        return 2 * day + 1
    return None


def wave_bounds(number: int, zone: tzinfo) -> tuple[datetime, datetime]:
    """Local start and end of a wave, as aware datetimes."""
    day = date.fromordinal(number // 2)
    if number % 2:
        return datetime.combine(day, DAY_START, zone), datetime.combine(day, NIGHT_START, zone)
    return datetime.combine(day - timedelta(days=1), NIGHT_START, zone), datetime.combine(day, DAY_START, zone)


@lru_cache(maxsize=512)
def zone_for(region: str | None, country: str | None) -> tzinfo:
    """The time zone of a region (from the gazetteer when it knows one), else of its country, else UTC+3."""
    name = _gazetteer_zone(region) if region else None
    country = country or (region.split("-", 1)[0] if region else None)
    name = name or COUNTRY_ZONES.get(country or "")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return MOSCOW_TIME


def _gazetteer_zone(region: str) -> str | None:
    try:
        from skyledger import gazetteer
    except ImportError:  # pragma: no cover - the gazetteer ships with the package
        return None
    load: Any = getattr(gazetteer, "load_gazetteer", None)
    if load is None:
        return None
    try:
        info = load().region(region)
    except Exception:  # a gazetteer still being built must not stop linking  # noqa: BLE001
        return None
    zone = getattr(info, "timezone", None) if info is not None else None
    return zone if isinstance(zone, str) and zone else None
