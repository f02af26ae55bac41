"""A small store filled directly through the schema's tables: five reports, seven claims, five events, four runs.

Used by the analyst tests (exports, the Python API, tallies, corrections, diff) so that they do not depend on the
extractor's current accuracy. The texts are written for these tests in the style of real posts.

Runs: 1 ingest (R1-R3), 2 process (claims of R1-R3; events E1, E2 added), 3 ingest (R4, R5), 4 process (claims of
R4, R5; E3, E4, E5 added; E1 changed; E6 merged into E2).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert

from skyledger.model import content_hash
from skyledger.store import Store
from skyledger.store.schema import claims, event_changes, events, reports, runs, sources

SOURCES = [
    ("t.me/kaluga_governor", "telegram", "regional_authority:RU-KLU", "B", "RU"),
    ("t.me/mod_russia", "telegram", "mod:RU", "A", "RU"),
    ("tass.com", "website", None, "C", "RU"),
    ("t.me/kpszsu", "telegram", "armed_forces:UA", "A", "UA"),
]

# (source, external id, published, language, text, ingest run)
REPORTS = [
    (
        "t.me/kaluga_governor",
        "1001",
        "2024-05-12T06:10:00+03:00",
        "ru",
        "Сегодня ночью над Дзержинским районом силами ПВО уничтожен беспилотник. Пострадавших и разрушений нет.",
        1,
    ),
    (
        "t.me/mod_russia",
        "5501",
        "2024-05-12T07:00:00+03:00",
        "ru",
        "Дежурными средствами ПВО уничтожены 12 беспилотников: 5 над Калужской областью и 7 над Брянской областью.",
        1,
    ),
    (
        "tass.com",
        "https://tass.com/defense/1",
        "2024-05-12T08:00:00+00:00",
        "en",
        "Air defences destroyed five drones over the Kaluga Region overnight, the Russian Defence Ministry said.",
        1,
    ),
    (
        "t.me/kpszsu",
        "777",
        "2024-05-13T09:00:00+03:00",
        "uk",
        "У ніч на 13 травня противник атакував 20 ударними БпЛА типу Shahed. Збито 17 над Київщиною.",
        3,
    ),
    (
        "t.me/kpszsu",
        "790",
        "2024-06-02T14:30:00+03:00",
        "uk",
        "Противник випустив дві крилаті ракети Х-101 по Києву. Обидві ракети знищено, загинула одна людина.",
        3,
    ),
]


@dataclass
class C:
    """A claim to insert: report index, the evidence phrase, and the claim's columns."""

    report: int
    evidence: str
    event: str | None
    values: dict[str, Any] = field(default_factory=dict)


CLAIMS = [
    C(0, "уничтожен беспилотник", "E1", {
        "action": "intercepted", "weapon_class": "uav", "count": 1, "count_qualifier": "exact", "country": "RU",
        "region": "RU-KLU", "district": "Dzerzhinsky", "place_precision": "district", "killed": 0, "injured": 0,
        "casualties_stated": True, "damage": "none", "claimant": "regional_authority:RU-KLU",
        "time_start": "2024-05-11T21:00:00+00:00", "time_end": "2024-05-12T03:10:00+00:00",
        "time_precision": "part_of_day"}),
    C(1, "5 над Калужской областью", "E1", {
        "action": "intercepted", "weapon_class": "uav", "count": 5, "count_qualifier": "exact", "country": "RU",
        "region": "RU-KLU", "place_precision": "region", "claimant": "mod:RU",
        "time_start": "2024-05-11T21:00:00+00:00", "time_end": "2024-05-12T04:00:00+00:00",
        "time_precision": "part_of_day"}),
    C(1, "7 над Брянской областью", "E2", {
        "action": "intercepted", "weapon_class": "uav", "count": 7, "count_qualifier": "exact", "country": "RU",
        "region": "RU-BRY", "place_precision": "region", "claimant": "mod:RU",
        "time_start": "2024-05-11T21:00:00+00:00", "time_end": "2024-05-12T04:00:00+00:00",
        "time_precision": "part_of_day"}),
    C(2, "destroyed five drones over the Kaluga Region", "E1", {
        "action": "intercepted", "weapon_class": "uav", "count": 5, "count_qualifier": "exact", "country": "RU",
        "region": "RU-KLU", "place_precision": "region", "claimant": "mod:RU",
        "time_start": "2024-05-11T21:00:00+00:00", "time_end": "2024-05-12T08:00:00+00:00",
        "time_precision": "part_of_day"}),
    C(3, "атакував 20 ударними БпЛА типу Shahed", "E4", {
        "action": "launched", "weapon_class": "uav", "weapon_model": "Shahed", "count": 20,
        "count_qualifier": "exact", "country": "UA", "place_precision": "country", "claimant": "armed_forces:UA",
        "time_start": "2024-05-12T21:00:00+00:00", "time_end": "2024-05-13T03:00:00+00:00",
        "time_precision": "part_of_day"}),
    C(3, "Збито 17 над Київщиною", "E3", {
        "action": "intercepted", "weapon_class": "uav", "weapon_model": "Shahed", "count": 17,
        "count_qualifier": "exact", "country": "UA", "region": "UA-32", "place_precision": "region",
        "claimant": "armed_forces:UA", "time_start": "2024-05-12T21:00:00+00:00",
        "time_end": "2024-05-13T03:00:00+00:00", "time_precision": "part_of_day"}),
    C(4, "Обидві ракети знищено", "E5", {
        "action": "intercepted", "weapon_class": "cruise_missile", "weapon_model": "Kh-101", "count": 2,
        "count_qualifier": "exact", "country": "UA", "region": "UA-30", "settlement": "Kyiv", "lat": 50.45,
        "lon": 30.52, "place_precision": "point", "killed": 1, "injured": None, "casualties_stated": True,
        "claimant": "armed_forces:UA", "time_start": "2024-06-02T11:00:00+00:00",
        "time_end": "2024-06-02T11:30:00+00:00", "time_precision": "hour"}),
]  # fmt: skip

NIGHT12 = ("2024-05-11T21:00:00+00:00", "2024-05-12T04:00:00+00:00")
NIGHT13 = ("2024-05-12T21:00:00+00:00", "2024-05-13T03:00:00+00:00")
# id, wave, country, region, (start, end), classes, independent sources, credibility, created run, updated run
EVENTS = [
    ("E1", "2024-05-12N", "RU", "RU-KLU", (NIGHT12[0], "2024-05-12T08:00:00+00:00"), ["uav"], 2, 2, 2, 4),
    ("E2", "2024-05-12N", "RU", "RU-BRY", NIGHT12, ["uav"], 1, 3, 2, 2),
    ("E3", "2024-05-13N", "UA", "UA-32", NIGHT13, ["uav"], 1, 3, 4, 4),
    ("E4", "2024-05-13N", "UA", None, NIGHT13, ["uav"], 1, 3, 4, 4),
    ("E5", "2024-06-02D", "UA", "UA-30", ("2024-06-02T11:00:00+00:00", "2024-06-02T11:30:00+00:00"),
     ["cruise_missile"], 1, 3, 4, 4),
]  # fmt: skip

RUNS = [  # id, kind, started
    (1, "ingest", "2024-05-12T09:00:00+00:00"),
    (2, "process", "2024-05-12T09:05:00+00:00"),
    (3, "ingest", "2024-06-02T15:00:00+00:00"),
    (4, "process", "2024-06-02T15:05:00+00:00"),
]

CHANGES = [  # run, event, change
    (2, "E1", "added"),
    (2, "E2", "added"),
    (2, "E6", "added"),
    (4, "E3", "added"),
    (4, "E4", "added"),
    (4, "E5", "added"),
    (4, "E1", "changed"),
    (4, "E6", "merged"),
]


def fill(store: Store) -> dict[str, list[int]]:
    """Insert everything above; returns the new ids: ``{"reports": [...], "claims": [...]}``."""
    report_ids: list[int] = []
    claim_ids: list[int] = []
    with store.begin() as connection:
        connection.execute(insert(runs), [{"id": i, "kind": k, "started_at": t, "finished_at": t} for i, k, t in RUNS])
        source_ids = {}
        for handle, kind, claimant, reliability, country in SOURCES:
            values = {"handle": handle, "kind": kind, "claimant": claimant, "reliability": reliability}
            values |= {"country": country, "created_at": "2024-05-12T09:00:00+00:00"}
            source_ids[handle] = connection.execute(insert(sources).values(**values)).inserted_primary_key[0]
        for handle, external_id, published, language, text, run in REPORTS:
            values = {
                "source_id": source_ids[handle], "external_id": external_id, "published": published,
                "language": language, "text": text, "content_hash": content_hash(text), "status": "processed",
                "url": external_id if external_id.startswith("http") else f"https://{handle}/{external_id}",
                "ingest_run": run, "ingested_at": published, "updated_at": published,
            }  # fmt: skip
            report_ids.append(connection.execute(insert(reports).values(**values)).inserted_primary_key[0])
        for event in [*EVENTS, ("E6", "2024-05-12N", "RU", "RU-BRY", (None, None), ["uav"], 1, 6, 2, 4)]:
            connection.execute(insert(events).values(**_event_values(event)))
        seqs: dict[int, int] = {}
        for claim in CLAIMS:
            text = REPORTS[claim.report][4]
            start = text.index(claim.evidence)
            seq = seqs.get(claim.report, 0)
            seqs[claim.report] = seq + 1
            values = {
                "report_id": report_ids[claim.report], "seq": seq, "evidence_start": start,
                "evidence_end": start + len(claim.evidence), "rule_set": "test-rules/1", "event_id": claim.event,
                "run_id": 2 if REPORTS[claim.report][5] == 1 else 4, "cites": json.dumps([]), **claim.values,
            }  # fmt: skip
            claim_ids.append(connection.execute(insert(claims).values(**values)).inserted_primary_key[0])
        connection.execute(
            insert(event_changes), [{"run_id": r, "event_id": e, "change": c, "detail": "{}"} for r, e, c in CHANGES]
        )
    return {"reports": report_ids, "claims": claim_ids}


def _event_values(event: tuple[Any, ...]) -> dict[str, Any]:
    event_id, wave, country, region, (start, end), classes, independent, credibility, created, updated = event
    return {
        "id": event_id, "wave": wave, "country": country, "region": region, "time_start": start, "time_end": end,
        "weapon_classes": json.dumps(classes), "article_count": independent + 1, "independent_sources": independent,
        "credibility": credibility, "reliability": "A", "conflict": False, "explanation": f"{event_id} test event",
        "merged_into": "E2" if event_id == "E6" else None, "created_run": created, "updated_run": updated,
    }  # fmt: skip
