"""An ACLED-shaped event table: ACLED's column names where they apply, then skyledger's own columns.

The mapping (event and sub-event types, country names, actors, time precision codes, source scales) is data, in
``data/acled.toml``. Places: ``admin1`` is the region's English name, ``admin2`` the district where all of an event's
claims name the same one, ``location`` the settlement, else the district, else the region. skyledger's events are
region-level, so ``latitude`` / ``longitude`` are the region's centroid with ``geo_precision`` 3 (ACLED: "a larger
region"), unless every located claim of the event names one settlement (2) or carries coordinates (1); ``geo_basis``
says which.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from skyledger.export.geo import region_centroid, region_name

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
)
OWN_COLUMNS = (
    "skyledger_event_id",
    "wave",
    "region_code",
    "weapon_classes",
    "claimant",
    "claimants",
    "count_low",
    "count_best",
    "count_high",
    "conflict",
    "independent_sources",
    "article_count",
    "credibility",
    "reliability",
    "injured",
    "geo_basis",
    "corrected",
)
COLUMNS = ACLED_COLUMNS + OWN_COLUMNS  # the writer puts ``schema_version`` first


@lru_cache(maxsize=1)
def mapping() -> dict[str, Any]:
    return tomllib.loads(resources.files("skyledger.export").joinpath("data", "acled.toml").read_text("utf-8"))


def acled_rows(events: Sequence[dict[str, Any]], claims: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One ACLED row per event record, from the event records and the claim records of those events."""
    by_event: dict[str, list[dict[str, Any]]] = {}
    for claim in claims:
        if claim["event_id"] and not claim["rejected"]:
            by_event.setdefault(claim["event_id"], []).append(claim)
    return [acled_row(event, by_event.get(event["event_id"], [])) for event in events]


def acled_row(event: dict[str, Any], members: Sequence[dict[str, Any]]) -> dict[str, Any]:
    table = mapping()
    name, iso3 = table["country"].get(event["country"] or "", [event["country"] or "", event["country"] or "XX"])
    latitude, longitude, precision, basis = _location_point(event, members)
    day = event["day"] or ""
    sides = {claim["side"] for claim in members}
    actor = table["attacker_of_side"].get(next(iter(sides)), "") if len(sides) == 1 else ""
    return {
        "event_id_cnty": f"{iso3}{event['event_id']}",
        "event_date": day,
        "year": int(day[:4]) if day else None,
        "time_precision": _time_precision(event),
        "disorder_type": table["disorder_type"],
        "event_type": table["event_type"],
        "sub_event_type": _sub_event_type(event, members),
        "actor1": actor,
        "country": name,
        "admin1": region_name(event["region"]) or event["region"] or "",
        "admin2": _single(claim["district"] for claim in members) or "",
        "location": _location_name(event, members),
        "latitude": latitude,
        "longitude": longitude,
        "geo_precision": precision,
        "source": "; ".join(event["sources"]),
        "source_scale": _source_scale(members),
        "notes": _notes(event, members),
        "fatalities": event["killed"] or 0,
        "skyledger_event_id": event["event_id"],
        "wave": event["wave"],
        "region_code": event["region"],
        "weapon_classes": ";".join(event["weapon_classes"]),
        "claimant": _main_claimant(members),
        "claimants": ";".join(event["claimants"]),
        "count_low": event["count_low"],
        "count_best": event["count_best"],
        "count_high": event["count_high"],
        "conflict": event["conflict"],
        "independent_sources": event["independent_sources"],
        "article_count": event["article_count"],
        "credibility": event["credibility"],
        "reliability": event["reliability"],
        "injured": event["injured"],
        "geo_basis": basis,
        "corrected": event["corrected"],
    }


def _time_precision(event: dict[str, Any]) -> int:
    start, end = event["time_start"], event["time_end"]
    if not start:
        return 3
    if not end:
        return 1
    hours = (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds() / 3600
    for code, widest in sorted(mapping()["time_precision_hours"].items()):
        if hours <= widest:
            return int(code)
    return 3


def _sub_event_type(event: dict[str, Any], members: Sequence[dict[str, Any]]) -> str:
    types: dict[str, str] = mapping()["sub_event_type"]
    weight: Counter[str] = Counter()
    for claim in members:
        weight[claim["weapon_class"]] += claim["count"] or 1
    classes = list(event["weapon_classes"]) or list(weight) or ["other"]
    order = list(types)
    best = max(classes, key=lambda item: (weight[item], -order.index(item) if item in order else -len(order)))
    return types.get(best, types["other"])


def _single(values: Any) -> str | None:
    """The one value all non-empty values share, else None."""
    found = {value for value in values if value}
    return found.pop() if len(found) == 1 else None


def _location_name(event: dict[str, Any], members: Sequence[dict[str, Any]]) -> str:
    settlement = _single(claim["settlement"] for claim in members)
    district = _single(claim["district"] for claim in members)
    return settlement or district or region_name(event["region"]) or event["region"] or ""


def _location_point(
    event: dict[str, Any], members: Sequence[dict[str, Any]]
) -> tuple[float | None, float | None, int | None, str]:
    points = {(claim["lat"], claim["lon"]) for claim in members if claim["lat"] is not None}
    if len(points) == 1:
        lat, lon = points.pop()
        settled = _single(claim["settlement"] for claim in members)
        return lat, lon, 1 if settled is None else 2, "claim coordinates"
    centroid = region_centroid(event["region"]) if event["region"] else None
    if centroid is None:
        return None, None, None, "none"
    return centroid[0], centroid[1], 3, "region centroid"


def _source_scale(members: Sequence[dict[str, Any]]) -> str:
    scales: dict[str, str] = mapping()["source_scale"]
    kinds = sorted({scales.get(claim.get("source_kind") or "file", "Other") for claim in members})
    return "-".join(kinds)


def _main_claimant(members: Sequence[dict[str, Any]]) -> str:
    counts = Counter(claim["claimant"] for claim in members)
    return counts.most_common(1)[0][0] if counts else ""


def _notes(event: dict[str, Any], members: Sequence[dict[str, Any]]) -> str:
    figures = []
    seen: set[tuple[str, str, str, int | None]] = set()
    for claim in members:
        key = (claim["claimant"], claim["action"], claim["weapon_class"], claim["count"])
        if key in seen:
            continue
        seen.add(key)
        count = "" if claim["count"] is None else f"{claim['count']} "
        figures.append(f"{claim['claimant']}: {claim['action']} {count}{claim['weapon_class']}")
    parts = [f"On {event['day']}" if event["day"] else "", "; ".join(figures), event["explanation"] or ""]
    return ". ".join(part for part in parts if part)
