"""The event detail as the API and the event page show it, on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from skyledger.errors import NotFoundError
from skyledger.store import Store
from skyledger.store.schema import events
from skyledger.web.detail import get_event
from web import fixture_db


@pytest.fixture
def filled(store: Store) -> fixture_db.Fixture:
    return fixture_db.build(store)


def test_event_detail_has_evidence_reports_links_and_figures(store: Store, filled: fixture_db.Fixture) -> None:
    detail = get_event(store, "E2")
    assert [c["evidence"] for c in detail["claims"]] == [
        "7 над территорией Брянской области",
        "seven over the Bryansk region",
    ]
    assert [r["source"] for r in detail["reports"]] == ["t.me/mod_russia", "tass.com"]
    assert detail["links"] == [
        {"child": filled.report_ids["1800001"], "parent": filled.report_ids["5501"], "kind": "rewrite", "score": 0.93}
    ]
    (comparison,) = detail["comparisons"]
    assert comparison["conflict"] is False and [f["count"] for f in comparison["figures"]] == [7]
    conflicting = get_event(store, "E1")["comparisons"][0]
    assert conflicting["conflict"] is True
    assert [(f["claimant"], f["count"]) for f in conflicting["figures"]] == [
        ("mod:RU", 5),
        ("regional_authority:RU-KLU", 3),
    ]
    with pytest.raises(NotFoundError):
        get_event(store, "E404")


def test_a_merged_id_resolves_to_the_survivor(store: Store, filled: fixture_db.Fixture) -> None:
    with store.begin() as connection:
        connection.execute(update(events).where(events.c.id == "E2").values(merged_into="E1"))
    detail = get_event(store, "E2")
    assert detail["id"] == "E1" and detail["merged_from"] == ["E2"]
