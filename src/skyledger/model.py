"""The data model: every record type and enum that crosses a stage boundary, nothing else.

A :class:`Claim` serialises to exactly the JSON of ``design/CLAIMS.md`` (plus the extra fields that
the contract welcomes: evidence, time window, coordinates, precision, rule set) and back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any


class Action(StrEnum):
    LAUNCHED = "launched"
    INTERCEPTED = "intercepted"
    IMPACT = "impact"


class WeaponClass(StrEnum):
    UAV = "uav"
    CRUISE_MISSILE = "cruise_missile"
    BALLISTIC_MISSILE = "ballistic_missile"
    GUIDED_BOMB = "guided_bomb"
    ROCKET = "rocket"
    AIRCRAFT = "aircraft"
    MISSILE = "missile"
    OTHER = "other"


class CountQualifier(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"
    APPROXIMATE = "approximate"
    UNSPECIFIED = "unspecified"


class Damage(StrEnum):
    NONE = "none"
    REPORTED = "reported"


class Role(StrEnum):
    MOD = "mod"
    ARMED_FORCES = "armed_forces"
    REGIONAL_AUTHORITY = "regional_authority"
    LOCAL_AUTHORITY = "local_authority"
    EMERGENCY_SERVICE = "emergency_service"
    MEDIA = "media"
    OTHER = "other"


class PlacePrecision(StrEnum):
    """How exactly a claim's place is known, coarsest last (as UCDP's where_prec)."""

    POINT = "point"
    SETTLEMENT = "settlement"
    DISTRICT = "district"
    REGION = "region"
    COUNTRY = "country"
    NONE = "none"


class TimePrecision(StrEnum):
    """How exactly a claim's time window is known."""

    MINUTE = "minute"
    HOUR = "hour"
    PART_OF_DAY = "part_of_day"  # "overnight", "this morning"
    DAY = "day"
    UNKNOWN = "unknown"


class SourceKind(StrEnum):
    TELEGRAM = "telegram"
    WEBSITE = "website"
    FEED = "feed"
    FILE = "file"


class LinkKind(StrEnum):
    """How one report depends on another."""

    FORWARD = "forward"  # a Telegram forward of the original post
    REWRITE = "rewrite"  # near-duplicate or translated text of the same claims
    QUOTE = "quote"  # names the other report's source as its source ("wrote on Telegram")


RELIABILITY_GRADES = ("A", "B", "C", "D", "E", "F")
# The fields of a claim that CLAIMS.md defines and the benchmark scores (besides the "event" label), in its order.
CLAIM_FIELDS = (
    "action",
    "weapon_class",
    "weapon_model",
    "count",
    "count_qualifier",
    "country",
    "region",
    "district",
    "settlement",
    "casualties",
    "damage",
    "claimant",
    "cites",
)


@dataclass(frozen=True, slots=True)
class Claimant:
    """Who asserts a claim: ``ROLE:JURISDICTION`` (``mod:RU``, ``regional_authority:RU-KLU``)."""

    role: Role
    jurisdiction: str

    def __str__(self) -> str:
        return f"{self.role.value}:{self.jurisdiction}"

    @property
    def side(self) -> str:
        """The country of the claimant's jurisdiction: ``mod:RU`` -> ``RU``, ``regional_authority:UA-30`` -> ``UA``."""
        return self.jurisdiction.split("-", 1)[0]

    @classmethod
    def parse(cls, text: str) -> Claimant:
        role, _, jurisdiction = text.partition(":")
        return cls(Role(role), jurisdiction or "XX")


def side_of(claimant: str | None) -> str | None:
    """The side of a claimant string, or None."""
    if not claimant or ":" not in claimant:
        return None
    return claimant.split(":", 1)[1].split("-", 1)[0] or None


@dataclass(frozen=True, slots=True)
class Source:
    """A publisher or channel. ``handle`` is its identity: ``t.me/mod_russia``, ``tass.com``."""

    handle: str
    kind: SourceKind = SourceKind.WEBSITE
    name: str | None = None
    claimant: str | None = None  # owner claimant when it is an official channel
    reliability: str = "F"  # Admiralty A-F; unknown sources are F
    country: str | None = None  # where the outlet is based, for media:XX


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Report:
    """One text item from one source at one time, stored verbatim.

    Identity is ``(source, external_id)``; when an input has no id of its own, ``external_id`` is the content hash.
    """

    source: str  # Source.handle
    external_id: str
    text: str
    url: str | None = None
    published: datetime | None = None  # aware where the input gives an offset
    language: str | None = None
    title: str | None = None
    id: int | None = None  # set by the store
    edited: datetime | None = None
    forwarded_from: str | None = None  # source handle of the original when this is a forward
    forwarded_id: str | None = None  # external id of the original post
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input item that could not become a report, kept with its reason."""

    input: str  # file path or URL
    reason: str
    locator: str | None = None  # "line 12", "message 4411"
    excerpt: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    country: str | None = None
    region: str | None = None
    district: str | None = None
    settlement: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision = PlacePrecision.NONE
    water: str | None = None


@dataclass(frozen=True, slots=True)
class Casualties:
    killed: int | None = None
    injured: int | None = None

    def to_json(self) -> dict[str, int | None]:
        return {"killed": self.killed, "injured": self.injured}


@dataclass(frozen=True, slots=True)
class TimeWindow:
    start: datetime | None = None
    end: datetime | None = None
    precision: TimePrecision = TimePrecision.UNKNOWN


@dataclass(slots=True)
class Claim:
    """One assertion of one action on one class of weapon in one place, by one claimant."""

    action: Action
    weapon_class: WeaponClass
    count: int | None = None
    count_qualifier: CountQualifier = CountQualifier.UNSPECIFIED
    weapon_model: str | None = None
    place: Place = field(default_factory=Place)
    regions: tuple[str, ...] = ()  # an unsplit total over several regions
    time: TimeWindow = field(default_factory=TimeWindow)
    casualties: Casualties | None = None
    damage: Damage | None = None
    claimant: str = "media:XX"
    cites: tuple[str, ...] = ()
    evidence_span: tuple[int, int] = (0, 0)
    evidence: str = ""
    rule_set: str = ""
    report_id: int | None = None
    doc_id: str | None = None  # the report's id in a JSONL file, for annotate
    id: int | None = None
    event: str | None = None

    @property
    def side(self) -> str | None:
        return side_of(self.claimant)

    def to_json(self) -> dict[str, Any]:
        """The CLAIMS.md record, with the extra fields the contract welcomes."""
        place = self.place
        data: dict[str, Any] = {
            "action": self.action.value,
            "weapon_class": self.weapon_class.value,
            "weapon_model": self.weapon_model,
            "count": self.count,
            "count_qualifier": self.count_qualifier.value,
            "country": place.country,
            "region": place.region,
            "district": place.district,
            "settlement": place.settlement,
            "casualties": self.casualties.to_json() if self.casualties is not None else None,
            "damage": self.damage.value if self.damage is not None else None,
            "claimant": self.claimant,
            "cites": list(self.cites),
            "event": self.event,
            "evidence": self.evidence,
            "evidence_span": list(self.evidence_span),
            "place_precision": place.precision.value,
            "lat": place.lat,
            "lon": place.lon,
            "time_start": self.time.start.isoformat() if self.time.start else None,
            "time_end": self.time.end.isoformat() if self.time.end else None,
            "time_precision": self.time.precision.value,
            "rule_set": self.rule_set,
        }
        if place.water:
            data["water"] = place.water
        if self.regions:
            data["regions"] = list(self.regions)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Claim:
        """Read a CLAIMS.md record; the optional extra fields may be absent."""
        casualties = data.get("casualties")
        span = data.get("evidence_span") or (0, 0)
        region, district, settlement = data.get("region"), data.get("district"), data.get("settlement")
        precision = data.get("place_precision") or _precision_of(data)
        return cls(
            action=Action(data["action"]),
            weapon_class=WeaponClass(data["weapon_class"]),
            weapon_model=data.get("weapon_model"),
            count=data.get("count"),
            count_qualifier=CountQualifier(data.get("count_qualifier") or "unspecified"),
            place=Place(
                country=data.get("country"),
                region=region,
                district=district,
                settlement=settlement,
                lat=data.get("lat"),
                lon=data.get("lon"),
                precision=PlacePrecision(precision),
                water=data.get("water"),
            ),
            regions=tuple(data.get("regions") or ()),
            time=TimeWindow(
                start=_parse_time(data.get("time_start")),
                end=_parse_time(data.get("time_end")),
                precision=TimePrecision(data.get("time_precision") or "unknown"),
            ),
            casualties=None
            if casualties is None
            else Casualties(killed=casualties.get("killed"), injured=casualties.get("injured")),
            damage=Damage(data["damage"]) if data.get("damage") else None,
            claimant=data.get("claimant") or "media:XX",
            cites=tuple(data.get("cites") or ()),
            evidence=data.get("evidence") or "",
            evidence_span=(int(span[0]), int(span[1])),
            rule_set=data.get("rule_set") or "",
            event=data.get("event"),
        )

    def with_event(self, event: str | None) -> Claim:
        return replace(self, event=event)


def _precision_of(data: dict[str, Any]) -> str:
    if data.get("lat") is not None:
        return PlacePrecision.POINT.value
    for key, precision in (("settlement", "settlement"), ("district", "district"), ("region", "region")):
        if data.get(key):
            return precision
    return PlacePrecision.COUNTRY.value if data.get("country") else PlacePrecision.NONE.value


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@dataclass(frozen=True, slots=True)
class ReportLink:
    """``child`` depends on ``parent`` (rewrites, quotes or forwards it)."""

    child: int  # report id
    parent: int  # report id
    kind: LinkKind
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class ClaimantLink:
    """A claimant relies on another (``regional_authority:RU-KLU`` cites ``mod:RU``)."""

    claimant: str
    cites: str


@dataclass(frozen=True, slots=True)
class ClaimantFigure:
    """One claimant's figure for an (action, weapon class) within an event."""

    claimant: str
    action: Action
    weapon_class: WeaponClass
    count: int | None
    count_qualifier: CountQualifier
    report_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Grade:
    """How well an event is corroborated, and why."""

    article_count: int = 0
    independent_sources: int = 0
    credibility: int = 6  # Admiralty 1 (confirmed) .. 6 (cannot be judged)
    reliability: str = "F"  # best source reliability among the roots, A-F
    conflict: bool = False
    count_low: int | None = None
    count_best: int | None = None
    count_high: int | None = None
    figures: tuple[ClaimantFigure, ...] = ()
    explanation: str = ""


@dataclass(slots=True)
class Event:
    """One attack wave over one region (or the wave's national event when ``region`` is None)."""

    id: str
    wave: str  # the night or daytime attack the event belongs to, e.g. "2024-05-12N"
    country: str | None = None
    region: str | None = None
    time: TimeWindow = field(default_factory=TimeWindow)
    weapon_classes: tuple[WeaponClass, ...] = ()
    claim_ids: tuple[int, ...] = ()
    grade: Grade = field(default_factory=Grade)


def dumps(data: Any) -> str:
    """JSON as the project writes it: UTF-8, Cyrillic unescaped."""
    return json.dumps(data, ensure_ascii=False, sort_keys=False)
