"""Launch origins are never a claim's place, also when the list holds names the gazetteer does not know."""

from __future__ import annotations

from datetime import datetime

from skyledger.extract import extract_claims
from skyledger.extract.normalise import normalise
from skyledger.extract.places import find_places
from skyledger.model import Report, Source, SourceKind

AIR_FORCE = Source("t.me/kpszsu", SourceKind.TELEGRAM, claimant="armed_forces:UA")


def test_origin_list_with_unknown_names_stays_an_origin() -> None:
    text = "Противник атакував 40 БпЛА з напрямків: Брянськ, Шаталово, Приморсько-Ахтарськ, Гвардійське – ТОТ Криму."
    hits = find_places(text, normalise(text), [], None)
    assert hits and all(hit.origin for hit in hits)


def test_launch_from_origin_list_has_no_region() -> None:
    text = (
        "У ніч на 3 травня противник атакував 52 ударними БпЛА з напрямків: Курськ, Міллерово, Приморсько-Ахтарськ, "
        "Чауда – ТОТ Криму. Збито 40 БпЛА."
    )
    report = Report(source=AIR_FORCE.handle, external_id="t", text=text, published=datetime(2025, 5, 3, 8, 0), id=1)
    claims = extract_claims(report, AIR_FORCE)
    assert {(c.action.value, c.count) for c in claims} == {("launched", 52), ("intercepted", 40)}
    assert all(c.place.region is None for c in claims)


def test_places_after_a_sentence_are_not_origins() -> None:
    text = "Ворог атакував з напрямку Курська. Уламки впали в Сумах, Конотопі."
    hits = find_places(text, normalise(text), [], None)
    sumy = [hit for hit in hits if hit.place.region == "UA-59"]
    assert sumy and not any(hit.origin for hit in sumy)
