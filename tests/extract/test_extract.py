"""extract_claims end to end on short reports written for these tests: [report, expected key fields] tables.

Each expected claim is (action, weapon_class, count, region, claimant); the extractor must give exactly these.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from skyledger.extract import RULE_SET, extract_claims
from skyledger.model import Report, Source, SourceKind

GOVERNOR_TVER = Source("t.me/gov_tver_test", SourceKind.TELEGRAM, claimant="regional_authority:RU-TVE")
AIR_FORCE = Source("t.me/kpszsu", SourceKind.TELEGRAM, claimant="armed_forces:UA")
MOD = Source("t.me/mod_russia", SourceKind.TELEGRAM, claimant="mod:RU")
NEWS = Source("news.test", SourceKind.WEBSITE, country="GB")

CASES = [
    (
        MOD,
        "Сегодня около 14.10 мск дежурными средствами ПВО уничтожены шесть украинских беспилотных летательных "
        "аппаратов: четыре – над территорией Тверской области, два – над территорией Смоленской области.",
        {("intercepted", "uav", 4, "RU-TVE", "mod:RU"), ("intercepted", "uav", 2, "RU-SMO", "mod:RU")},
    ),
    (
        GOVERNOR_TVER,
        "Минувшей ночью над Конаковским районом силами ПВО сбиты два беспилотника. Пострадавших нет.",
        {("intercepted", "uav", 2, "RU-TVE", "regional_authority:RU-TVE")},
    ),
    (
        AIR_FORCE,
        "У ніч на 5 квітня противник атакував 75 ударними БпЛА типу Shahed. Збито 61 ворожий БпЛА. "
        "Зафіксовано влучання на 4 локаціях.",
        {
            ("launched", "uav", 75, None, "armed_forces:UA"),
            ("intercepted", "uav", 61, None, "armed_forces:UA"),
            ("impact", "uav", None, None, "armed_forces:UA"),
        },
    ),
    (
        NEWS,
        "Drones downed over Tver\n\nAir defences destroyed two drones over the Tver region overnight, the regional "
        "governor said on Telegram. Nobody was hurt.",
        {("intercepted", "uav", 2, "RU-TVE", "regional_authority:RU-TVE")},
    ),
    (
        NEWS,
        "Sanctions widened\n\nThe EU added 12 firms to its list for supplying parts of attack drones.",
        set(),
    ),
    (
        GOVERNOR_TVER,
        "Напомним, на прошлой неделе над Ржевским районом были уничтожены три беспилотника.",
        set(),
    ),
    (
        NEWS,
        "Air defence history\n\nOn 9 March 2019 air defences shot down four drones over the Tver region.",
        set(),
    ),
    (
        NEWS,
        "Drones over Ukraine\n\nKYIV, April 5 - Ukraine's air defences shot down 30 of the 45 drones that Russia "
        "launched overnight, the Air Force said.",
        {("intercepted", "uav", 30, None, "armed_forces:UA"), ("launched", "uav", 45, None, "armed_forces:UA")},
    ),
    (
        AIR_FORCE,
        "Ще 11 дронів-імітаторів локаційно втрачено. Ще 6 дронів локаційно втрачено внаслідок протидії засобів РЕБ.",
        {("intercepted", "uav", 6, None, "armed_forces:UA")},
    ),
    (
        MOD,
        "Дежурными средствами ПВО уничтожены восемь БПЛА: по четыре – над территориями Тверской и Смоленской областей.",
        {("intercepted", "uav", 4, "RU-TVE", "mod:RU"), ("intercepted", "uav", 4, "RU-SMO", "mod:RU")},
    ),
    (
        NEWS,
        "Ministry tally\n\nRussia's Defence Ministry said 12 drones had been destroyed over the Tver region, "
        "seven of them over the Konakovo district.",
        {("intercepted", "uav", 12, "RU-TVE", "mod:RU"), ("intercepted", "uav", 7, "RU-TVE", "mod:RU")},
    ),
]


@pytest.mark.parametrize(("source", "text", "expected"), CASES)
def test_key_fields(source: Source, text: str, expected: set[tuple[object, ...]]) -> None:
    report = Report(source=source.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=7)
    claims = extract_claims(report, source)
    got = {(c.action.value, c.weapon_class.value, c.count, c.place.region, c.claimant) for c in claims}
    assert got == expected


def test_every_claim_carries_evidence_and_rule_set() -> None:
    text = "Над Конаковским районом сбиты два беспилотника. Пострадавших нет."
    report = Report(source=GOVERNOR_TVER.handle, external_id="t", text=text, id=3)
    (claim,) = extract_claims(report, GOVERNOR_TVER)
    start, end = claim.evidence_span
    assert text[start:end] == claim.evidence and "два беспилотника" in claim.evidence
    assert claim.rule_set == RULE_SET and claim.report_id == 3
    assert claim.casualties is not None and (claim.casualties.killed, claim.casualties.injured) == (0, 0)


def test_citing_the_ministry() -> None:
    text = "По данным Минобороны России, над территорией Тверской области уничтожены три БПЛА."
    report = Report(source=GOVERNOR_TVER.handle, external_id="t", text=text)
    (claim,) = extract_claims(report, GOVERNOR_TVER)
    assert claim.claimant == "regional_authority:RU-TVE" and claim.cites == ("mod:RU",)


def test_model_named_once_holds_for_its_class() -> None:
    text = "Противник атакував 48 ударними БпЛА типу Shahed. Збито 41 БпЛА."
    report = Report(source=AIR_FORCE.handle, external_id="t", text=text)
    assert {c.weapon_model for c in extract_claims(report, AIR_FORCE)} == {"Shahed"}
