"""Query parameters shared by the API and the dashboard: parsed and checked once, into the store's filter objects."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import Query
from pydantic import BeforeValidator

from skyledger.model import Action, WeaponClass
from skyledger.store.browse import ClaimFilter, EventFilter, time_bounds

REGION = r"^[A-Z]{2}-[A-Z0-9]{1,3}$"
COUNTRY = r"^[A-Z]{2}$"
CLAIMANT = r"^[a-z_]+:[A-Z]{2}(-[A-Z0-9]{1,3})?$"

Region = Annotated[str | None, Query(pattern=REGION, description="ISO 3166-2 region code, e.g. RU-KLU")]
Country = Annotated[str | None, Query(pattern=COUNTRY, description="ISO 3166-1 alpha-2 country of the place")]
Side = Annotated[str | None, Query(pattern=COUNTRY, description="the claimant's side: country of its jurisdiction")]
Weapon = Annotated[WeaponClass | None, Query(description="weapon class")]
ActionQ = Annotated[Action | None, Query(description="launched | intercepted | impact")]
ClaimantQ = Annotated[str | None, Query(pattern=CLAIMANT, description="ROLE:JURISDICTION, e.g. mod:RU")]


def _iso_time(value: object) -> object:
    """A date for ``YYYY-MM-DD``, else a datetime: ``until=2024-05-11`` then covers the whole day."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"not an ISO date or datetime: {value!r}") from None
    return value


Moment = Annotated[date | datetime | None, BeforeValidator(_iso_time)]
Since = Annotated[Moment, Query(description="ISO date or datetime, inclusive")]
Until = Annotated[Moment, Query(description="ISO date (that whole day included) or datetime, exclusive")]
Credibility = Annotated[
    int | None, Query(ge=1, le=6, description="keep events graded N or better (1 confirmed is best, 6 the worst)")
]
Text = Annotated[str | None, Query(max_length=200, description="words in the reports' text")]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def bounds(since: date | datetime | None, until: date | datetime | None) -> tuple[str | None, str | None]:
    return time_bounds(since, until)


def event_filter(
    region: Region = None,
    country: Country = None,
    side: Side = None,
    weapon_class: Weapon = None,
    action: ActionQ = None,
    claimant: ClaimantQ = None,
    since: Since = None,
    until: Until = None,
    min_credibility: Credibility = None,
    q: Text = None,
) -> EventFilter:
    low, high = bounds(since, until)
    return EventFilter(
        region=region,
        country=country,
        side=side,
        weapon_class=weapon_class.value if weapon_class else None,
        action=action.value if action else None,
        claimant=claimant,
        since=low,
        until=high,
        max_credibility=min_credibility,
        q=(q or "").strip() or None,
    )


def claim_filter(
    event_id: Annotated[str | None, Query(max_length=40)] = None,
    report_id: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    region: Region = None,
    country: Country = None,
    side: Side = None,
    weapon_class: Weapon = None,
    action: ActionQ = None,
    claimant: ClaimantQ = None,
    since: Since = None,
    until: Until = None,
) -> ClaimFilter:
    low, high = bounds(since, until)
    return ClaimFilter(
        event_id=event_id,
        report_id=report_id,
        region=region,
        country=country,
        side=side,
        weapon_class=weapon_class.value if weapon_class else None,
        action=action.value if action else None,
        claimant=claimant,
        since=low,
        until=high,
    )
