"""A weapon takes the verb of its own clause: "shot down 87 drones, while another 18 were lost from radar"."""

from __future__ import annotations

from datetime import datetime

import pytest

from skyledger.extract import extract_claims
from skyledger.model import Report, Source, SourceKind

NEWS = Source("news.test", SourceKind.WEBSITE, country="GB")
AIR_FORCE = Source("t.me/kpszsu", SourceKind.TELEGRAM, claimant="armed_forces:UA")


def _actions(source: Source, text: str) -> set[tuple[str, int | None]]:
    report = Report(source=source.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    return {(claim.action.value, claim.count) for claim in extract_claims(report, source)}


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        (
            NEWS,
            "The Ukrainian Air Force said air defences shot down 40 drones, while another 12 drones were lost from "
            "radar.",
            {("intercepted", 40)},
        ),
        (
            AIR_FORCE,
            "Збито 31 ворожий БпЛА, ще 9 БпЛА локаційно втрачено завдяки засобам РЕБ.",
            {("intercepted", 31), ("intercepted", 9)},
        ),
    ],
)
def test_weapon_takes_its_own_clause_verb(source: Source, text: str, expected: set[tuple[str, int | None]]) -> None:
    assert _actions(source, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Voronezh says drones downed\n\nMore than 10 drones were downed over the Voronezh region overnight, the "
            "governor said.\n\nRussia's Defence Ministry put the number of drones destroyed over the region at 17.",
            {("intercepted", 10, "RU-VOR"), ("intercepted", 17, "RU-VOR")},
        ),
    ],
)
def test_count_told_after_the_weapon(text: str, expected: set[tuple[str, int | None, str | None]]) -> None:
    report = Report(source=NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    got = {(c.action.value, c.count, c.place.region) for c in extract_claims(report, NEWS)}
    assert expected <= got


def test_over_the_region_is_the_region_the_report_is_about() -> None:
    text = (
        "Воронежская область под атакой\n\nГубернатор сообщил о падении обломков в Воронежской области.\n\n"
        "По данным Минобороны, над областью сбиты 8 беспилотников."
    )
    report = Report(source=NEWS.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    got = {(c.action.value, c.count, c.place.region) for c in extract_claims(report, NEWS)}
    assert ("intercepted", 8, "RU-VOR") in got
