"""Hand-built reports and claims for the resolve, grade and event pipeline tests (texts written for these tests)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from skyledger.model import (
    Action,
    Claim,
    CountQualifier,
    Place,
    PlacePrecision,
    Report,
    TimePrecision,
    TimeWindow,
    WeaponClass,
)

MSK = timezone(timedelta(hours=3))
KYIV = timezone(timedelta(hours=2))


def at(day: int, hour: int, minute: int = 0, month: int = 3, zone: timezone = MSK) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=zone)


def report(number: int, source: str, text: str, published: datetime | None, language: str = "ru") -> Report:
    return Report(source, f"r{number}", text, published=published, language=language, id=number)


def claim(
    report_id: int | None,
    count: int | None = None,
    *,
    region: str | None = None,
    country: str | None = "RU",
    action: Action = Action.INTERCEPTED,
    weapon: WeaponClass = WeaponClass.UAV,
    claimant: str = "mod:RU",
    cites: tuple[str, ...] = (),
    qualifier: CountQualifier | None = None,
    district: str | None = None,
    settlement: str | None = None,
    window: tuple[datetime, datetime] | None = None,
    claim_id: int | None = None,
) -> Claim:
    if qualifier is None:
        qualifier = CountQualifier.EXACT if count is not None else CountQualifier.UNSPECIFIED
    precision = PlacePrecision.REGION if region else PlacePrecision.COUNTRY
    time = TimeWindow(window[0], window[1], TimePrecision.HOUR) if window else TimeWindow()
    return Claim(
        action=action,
        weapon_class=weapon,
        count=count,
        count_qualifier=qualifier,
        place=Place(country=country, region=region, district=district, settlement=settlement, precision=precision),
        time=time,
        claimant=claimant,
        cites=cites,
        report_id=report_id,
        id=claim_id,
    )
