"""The web tests' fixture database: hand-written reports (Russian, Ukrainian, English, one hostile), their claims with
evidence spans, events with grades, and provenance, written as model objects straight into the store's tables.

Importable on its own (``cd tests && python -m web.fixture_db out.db``) so the dashboard can be looked at by hand.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import insert

from skyledger.model import (
    Action,
    Casualties,
    Claim,
    ClaimantLink,
    CountQualifier,
    Damage,
    Event,
    Grade,
    LinkKind,
    Place,
    PlacePrecision,
    Report,
    ReportLink,
    Source,
    SourceKind,
    TimePrecision,
    TimeWindow,
    WeaponClass,
)
from skyledger.store import Store, open_store
from skyledger.store.schema import claimant_links, claims, events, report_links, reports, sources

XSS_TEXT = (
    'Reader post: <script>window.__pwned=1</script> and <img src=x onerror="window.__pwned=2"> '
    "One drone was shot down over Belgorod overnight, the regional governor said."
)
NOW = "2024-05-15T00:00:00+00:00"

SOURCES = [
    Source(
        "t.me/kaluga_governor",
        SourceKind.TELEGRAM,
        "Губернатор Калужской области",
        "regional_authority:RU-KLU",
        "B",
        "RU",
    ),
    Source("t.me/mod_russia", SourceKind.TELEGRAM, "Минобороны России", "mod:RU", "C", "RU"),
    Source("tass.com", SourceKind.WEBSITE, "TASS", None, "C", "RU"),
    Source("t.me/kpszsu", SourceKind.TELEGRAM, "Повітряні сили ЗСУ", "armed_forces:UA", "B", "UA"),
    Source(
        "t.me/kyiv_city_admin",
        SourceKind.TELEGRAM,
        "Київська міська військова адміністрація",
        "regional_authority:UA-30",
        "B",
        "UA",
    ),
    Source("reader-posts.example", SourceKind.WEBSITE, "Reader posts <b>unverified</b>", None, "F", None),
    Source(
        "t.me/belgorod_governor",
        SourceKind.TELEGRAM,
        "Губернатор Белгородской области",
        "regional_authority:RU-BEL",
        "B",
        "RU",
    ),
]


def _time(day: str, start: str, end: str) -> TimeWindow:
    return TimeWindow(
        datetime.fromisoformat(f"{day}T{start}+00:00"),
        datetime.fromisoformat(f"{day}T{end}+00:00"),
        TimePrecision.PART_OF_DAY,
    )


@dataclass
class Draft:
    """A report and its claims, written as (evidence, claim fields) before spans are known."""

    report: Report
    claims: list[tuple[str, Claim]] = field(default_factory=list)


def _claim(
    action: Action,
    weapon: WeaponClass,
    count: int | None,
    region: str | None,
    claimant: str,
    event: str,
    day: str,
    **extra: object,
) -> Claim:
    country = region.split("-")[0] if region else extra.pop("country", None)
    place = Place(country=country, region=region, precision=PlacePrecision.REGION if region else PlacePrecision.COUNTRY)
    return Claim(
        action=action,
        weapon_class=weapon,
        count=count,
        count_qualifier=CountQualifier.EXACT if count is not None else CountQualifier.UNSPECIFIED,
        place=place,
        time=_time(day, "20:00:00", "23:59:00"),
        claimant=claimant,
        event=event,
        rule_set="fixture/1",
        **extra,
    )  # type: ignore[arg-type]


def drafts() -> list[Draft]:
    d1, d2 = "2024-05-11", "2024-05-13"
    ru_klu = Report(
        "t.me/kaluga_governor",
        "101",
        "Этой ночью над Дзержинским районом силами ПВО уничтожены 3 беспилотника. "
        "Пострадавших и разрушений нет. Ситуация под контролем.",
        "https://t.me/kaluga_governor/101",
        datetime(2024, 5, 12, 3, 10, tzinfo=UTC),
        "ru",
    )
    ru_mod = Report(
        "t.me/mod_russia",
        "5501",
        "Дежурными средствами ПВО перехвачены и уничтожены 12 беспилотных летательных аппаратов: "
        "5 над территорией Калужской области и 7 над территорией Брянской области.",
        "https://t.me/mod_russia/5501",
        datetime(2024, 5, 12, 4, 0, tzinfo=UTC),
        "ru",
    )
    tass = Report(
        "tass.com",
        "1800001",
        "Russian air defences destroyed 12 drones overnight: five over the Kaluga region and seven over "
        "the Bryansk region, the Defence Ministry said.",
        "https://tass.com/defense/1800001",
        datetime(2024, 5, 12, 5, 30, tzinfo=UTC),
        "en",
        title="Air defences down 12 drones",
    )
    ua_af = Report(
        "t.me/kpszsu",
        "9001",
        "У ніч на 12 травня противник атакував 40 ударними БпЛА типу Shahed. "
        "Збито 31 ворожий дрон у Київській, Черкаській та Полтавській областях.",
        "https://t.me/kpszsu/9001",
        datetime(2024, 5, 12, 6, 0, tzinfo=UTC),
        "uk",
    )
    ua_kyiv = Report(
        "t.me/kyiv_city_admin",
        "777",
        "Під час нічної атаки на столицю сили ППО знищили 9 ворожих дронів. "
        "Уламки впали у Дарницькому районі, постраждалих немає.",
        "https://t.me/kyiv_city_admin/777",
        datetime(2024, 5, 12, 5, 0, tzinfo=UTC),
        "uk",
    )
    xss = Report(
        "reader-posts.example",
        "x1",
        XSS_TEXT,
        "https://reader-posts.example/x1",
        datetime(2024, 5, 14, 7, 0, tzinfo=UTC),
        "en",
        title="<script>window.__pwned=3</script>",
    )
    ru_bel = Report(
        "t.me/belgorod_governor",
        "4040",
        "В Белгородском районе сбит беспилотник, ранен один человек.",
        "https://t.me/belgorod_governor/4040",
        datetime(2024, 5, 14, 6, 0, tzinfo=UTC),
        "ru",
    )
    X, L, H, U = Action.INTERCEPTED, Action.LAUNCHED, Action.IMPACT, WeaponClass.UAV
    return [
        Draft(
            ru_klu,
            [
                (
                    "уничтожены 3 беспилотника",
                    _claim(
                        X,
                        U,
                        3,
                        "RU-KLU",
                        "regional_authority:RU-KLU",
                        "E1",
                        d1,
                        casualties=Casualties(0, 0),
                        damage=Damage.NONE,
                    ),
                )
            ],
        ),
        Draft(
            ru_mod,
            [
                ("5 над территорией Калужской области", _claim(X, U, 5, "RU-KLU", "mod:RU", "E1", d1)),
                ("7 над территорией Брянской области", _claim(X, U, 7, "RU-BRY", "mod:RU", "E2", d1)),
            ],
        ),
        Draft(
            tass,
            [
                ("five over the Kaluga region", _claim(X, U, 5, "RU-KLU", "mod:RU", "E1", d1)),
                ("seven over the Bryansk region", _claim(X, U, 7, "RU-BRY", "mod:RU", "E2", d1)),
            ],
        ),
        Draft(
            ua_af,
            [
                (
                    "атакував 40 ударними БпЛА типу Shahed",
                    _claim(L, U, 40, None, "armed_forces:UA", "E3", d1, country="UA", weapon_model="Shahed"),
                ),
                (
                    "Збито 31 ворожий дрон",
                    _claim(X, U, 31, None, "armed_forces:UA", "E3", d1, country="UA", weapon_model="Shahed"),
                ),
            ],
        ),
        Draft(
            ua_kyiv,
            [
                ("сили ППО знищили 9 ворожих дронів", _claim(X, U, 9, "UA-30", "regional_authority:UA-30", "E4", d1)),
                (
                    "Уламки впали у Дарницькому районі",
                    _claim(
                        H,
                        U,
                        None,
                        "UA-30",
                        "regional_authority:UA-30",
                        "E4",
                        d1,
                        damage=Damage.REPORTED,
                        casualties=Casualties(0, 0),
                    ),
                ),
            ],
        ),
        Draft(
            xss,
            [
                (
                    "One drone was shot down over Belgorod",
                    _claim(X, U, 1, "RU-BEL", "regional_authority:RU-BEL", "E5", d2),
                )
            ],
        ),
        Draft(
            ru_bel,
            [
                ("сбит беспилотник", _claim(X, U, 1, "RU-BEL", "regional_authority:RU-BEL", "E5", d2)),
                (
                    "ранен один человек",
                    _claim(H, U, None, "RU-BEL", "regional_authority:RU-BEL", "E5", d2, casualties=Casualties(0, 1)),
                ),
            ],
        ),
    ]


EVENTS = [
    Event(
        "E1",
        "2024-05-11N",
        "RU",
        "RU-KLU",
        _time("2024-05-11", "20:00:00", "23:59:00"),
        (WeaponClass.UAV,),
        grade=Grade(
            3,
            2,
            2,
            "B",
            True,
            3,
            5,
            5,
            explanation="Two independent sources (the governor, the ministry); their counts differ: 3 vs 5.",
        ),
    ),
    Event(
        "E2",
        "2024-05-11N",
        "RU",
        "RU-BRY",
        _time("2024-05-11", "20:00:00", "23:59:00"),
        (WeaponClass.UAV,),
        grade=Grade(2, 1, 3, "C", False, 7, 7, 7, explanation="One source (the ministry), repeated by one outlet."),
    ),
    Event(
        "E3",
        "2024-05-11N",
        "UA",
        None,
        _time("2024-05-11", "20:00:00", "23:59:00"),
        (WeaponClass.UAV,),
        grade=Grade(1, 1, 3, "B", False, 31, 31, 31, explanation="One source (the air force)."),
    ),
    Event(
        "E4",
        "2024-05-11N",
        "UA",
        "UA-30",
        _time("2024-05-11", "20:00:00", "23:59:00"),
        (WeaponClass.UAV,),
        grade=Grade(1, 1, 3, "B", False, 9, 9, 9, explanation="One source (the city administration)."),
    ),
    Event(
        "E5",
        "2024-05-13N",
        "RU",
        "RU-BEL",
        _time("2024-05-13", "20:00:00", "23:59:00"),
        (WeaponClass.UAV,),
        grade=Grade(
            2, 2, 2, "B", False, 1, 1, 1, explanation="Two independent sources agree: one drone <em>down</em>."
        ),
    ),
]


@dataclass
class Fixture:
    """What was written: report ids by external id, claims by event."""

    report_ids: dict[str, int]
    claims: list[Claim]
    xss_report_id: int


def _source_row(source: Source, sid: int) -> dict[str, object]:
    return {
        "id": sid,
        "handle": source.handle,
        "kind": source.kind.value,
        "name": source.name,
        "claimant": source.claimant,
        "reliability": source.reliability,
        "country": source.country,
        "created_at": NOW,
    }


def _report_row(report: Report, rid: int, source_ids: dict[str, int]) -> dict[str, object]:
    return {
        "id": rid,
        "source_id": source_ids[report.source],
        "external_id": report.external_id,
        "url": report.url,
        "published": report.published.isoformat() if report.published else None,
        "language": report.language,
        "title": report.title,
        "text": report.text,
        "content_hash": report.hash,
        "status": "processed",
        "ingested_at": NOW,
        "updated_at": NOW,
        "meta": "{}",
    }


def _claim_row(claim: Claim, seq: int) -> dict[str, object]:
    cas = claim.casualties
    return {
        "id": claim.id,
        "report_id": claim.report_id,
        "seq": seq,
        "action": claim.action.value,
        "weapon_class": claim.weapon_class.value,
        "weapon_model": claim.weapon_model,
        "count": claim.count,
        "count_qualifier": claim.count_qualifier.value,
        "country": claim.place.country,
        "region": claim.place.region,
        "regions": None,
        "district": None,
        "settlement": None,
        "place_precision": claim.place.precision.value,
        "time_start": claim.time.start.isoformat() if claim.time.start else None,
        "time_end": claim.time.end.isoformat() if claim.time.end else None,
        "time_precision": claim.time.precision.value,
        "killed": cas.killed if cas else None,
        "injured": cas.injured if cas else None,
        "casualties_stated": cas is not None,
        "damage": claim.damage.value if claim.damage else None,
        "claimant": claim.claimant,
        "cites": json.dumps(list(claim.cites)),
        "evidence_start": claim.evidence_span[0],
        "evidence_end": claim.evidence_span[1],
        "rule_set": claim.rule_set,
        "event_id": claim.event,
    }


def _event_row(event: Event) -> dict[str, object]:
    g = event.grade
    return {
        "id": event.id,
        "wave": event.wave,
        "country": event.country,
        "region": event.region,
        "time_start": event.time.start.isoformat() if event.time.start else None,
        "time_end": event.time.end.isoformat() if event.time.end else None,
        "weapon_classes": json.dumps([w.value for w in event.weapon_classes]),
        "article_count": g.article_count,
        "independent_sources": g.independent_sources,
        "credibility": g.credibility,
        "reliability": g.reliability,
        "conflict": g.conflict,
        "count_low": g.count_low,
        "count_best": g.count_best,
        "count_high": g.count_high,
        "figures": "[]",
        "explanation": g.explanation,
    }


def build(store: Store) -> Fixture:
    """Write the fixture into an empty migrated store."""
    source_ids = {s.handle: i for i, s in enumerate(SOURCES, start=1)}
    written: list[Claim] = []
    report_ids: dict[str, int] = {}
    claim_id = 0
    with store.begin() as connection:
        connection.execute(insert(sources), [_source_row(s, source_ids[s.handle]) for s in SOURCES])
        connection.execute(insert(events), [_event_row(e) for e in EVENTS])
        for rid, draft in enumerate(drafts(), start=1):
            report = draft.report
            report.id = rid
            report_ids[report.external_id] = rid
            connection.execute(insert(reports), [_report_row(report, rid, source_ids)])
            for seq, (evidence, claim) in enumerate(draft.claims):
                start = report.text.index(evidence)
                claim_id += 1
                claim.id, claim.report_id, claim.evidence, claim.evidence_span = (
                    claim_id,
                    rid,
                    evidence,
                    (start, start + len(evidence)),
                )
                connection.execute(insert(claims), [_claim_row(claim, seq)])
                written.append(claim)
        link = ReportLink(child=report_ids["1800001"], parent=report_ids["5501"], kind=LinkKind.REWRITE, score=0.93)
        connection.execute(
            insert(report_links),
            [{"child_id": link.child, "parent_id": link.parent, "kind": link.kind.value, "score": link.score}],
        )
        cite = ClaimantLink("media:RU", "mod:RU")
        connection.execute(insert(claimant_links), [{"claimant": cite.claimant, "cites": cite.cites}])
    return Fixture(report_ids=report_ids, claims=written, xss_report_id=report_ids["x1"])


if __name__ == "__main__":  # pragma: no cover - a manual helper
    target = open_store(f"sqlite:///{sys.argv[1]}")
    build(target)
    target.close()
