"""The JSON API over the fixture database: filters, pagination, one event, errors, writes with tokens."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from skyledger.store import Store, browse
from skyledger.store.tokens import create_token, revoke_token
from skyledger.web.app import create_app
from web.fixture_db import EVENTS, Fixture


def ids(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["E5", "E4", "E3", "E2", "E1"]),
        ("region=RU-KLU", ["E1"]),
        ("country=UA", ["E4", "E3"]),
        ("side=UA", ["E4", "E3"]),
        ("side=RU&action=impact", ["E5"]),
        ("action=launched", ["E3"]),
        ("weapon_class=cruise_missile", []),
        ("claimant=mod:RU", ["E2", "E1"]),
        # the fixture's windows, 20:00-23:59 UTC, belong to the next day: their middles are 00:59:30 on UTC+3
        ("since=2024-05-13", ["E5"]),
        ("since=2024-05-12", ["E5", "E4", "E3", "E2", "E1"]),
        ("until=2024-05-12", ["E4", "E3", "E2", "E1"]),
        ("until=2024-05-11", []),
        ("since=2024-05-12&until=2024-05-01", []),  # an empty range, not an error
        ("since=2024-05-11T21:55:00%2B00:00", ["E5", "E4", "E3", "E2", "E1"]),  # an instant: before the middles
        ("since=2024-05-11T22:00:00%2B00:00", ["E5"]),  # after them
        ("min_credibility=2", ["E5", "E1"]),
        ("min_credibility=1", []),
        ("q=Дзержинским", ["E1"]),
        ("q=Брянской", ["E2", "E1"]),  # the ministry's report speaks of both regions
        ("q=drones", ["E2", "E1"]),
    ],
)
def test_event_filters(client: TestClient, query: str, expected: list[str]) -> None:
    assert ids(client.get(f"/api/events?{query}")) == expected


def test_pagination_is_stable_and_complete(client: TestClient) -> None:
    everything = ids(client.get("/api/events?limit=500"))
    pages, offset = [], 0
    while offset is not None:
        body = client.get(f"/api/events?limit=2&offset={offset}").json()
        pages.extend(item["id"] for item in body["items"])
        offset = body["next_offset"]
    assert pages == everything
    assert len(everything) == len(EVENTS)


def test_one_event_has_claims_evidence_reports_links_and_grade(client: TestClient, fixture: Fixture) -> None:
    body = client.get("/api/events/E1").json()
    assert body["credibility"] == 2 and body["independent_sources"] == 2 and body["article_count"] == 3
    assert body["explanation"].startswith("Two independent sources")
    expected = sorted((c.id, c.evidence) for c in fixture.claims if c.event == "E1")
    assert sorted((c["id"], c["evidence"]) for c in body["claims"]) == expected
    texts = {r["id"]: r["text"] for r in body["reports"]}
    for claim in body["claims"]:
        start, end = claim["evidence_span"]
        assert texts[claim["report_id"]][start:end] == claim["evidence"]
    assert body["links"] == [
        {"child": fixture.report_ids["1800001"], "parent": fixture.report_ids["5501"], "kind": "rewrite", "score": 0.93}
    ]
    (comparison,) = body["comparisons"]
    assert comparison["conflict"] is True
    assert {f["claimant"]: f["count"] for f in comparison["figures"]} == {"mod:RU": 5, "regional_authority:RU-KLU": 3}


def test_claims_reports_sources_tallies(client: TestClient) -> None:
    claims = client.get("/api/claims?event_id=E3").json()["items"]
    assert [(c["action"], c["count"], c["side"]) for c in claims] == [("launched", 40, "UA"), ("intercepted", 31, "UA")]
    hits = client.get("/api/reports", params={"q": "Калужской"}).json()["items"]
    assert [h["source"] for h in hits] == ["t.me/mod_russia"]
    assert "⟦Калужской⟧" in hits[0]["snippet"]
    sources = {s["handle"]: s for s in client.get("/api/sources").json()}
    assert sources["t.me/mod_russia"]["side"] == "RU" and sources["t.me/mod_russia"]["reports"] == 1
    rows = client.get("/api/tallies?by=side&period=week").json()["rows"]
    intercepted = {r["key"]: r["figure"] for r in rows if r["action"] == "intercepted" and r["period"] == "2024-05-06"}
    # per event the largest claimant figure: RU = E1 max(3, 5) + E2 7; UA = E3 31 + E4 9 (week of 6 May)
    assert intercepted == {"RU": 12, "UA": 40}


@pytest.mark.parametrize(
    ("url", "status", "fragment"),
    [
        ("/api/events/E999", 404, "no event 'E999'"),
        ("/api/events?region=Kaluga", 422, "region"),
        ("/api/events?weapon_class=balloon", 422, "weapon_class"),
        ("/api/events?since=yesterday", 422, "since"),
        ("/api/events?min_credibility=7", 422, "min_credibility"),
        ("/api/events?limit=0", 422, "limit"),
        ("/api/tallies?by=colour", 422, "by"),
        ("/api/nothing", 404, "nothing at /api/nothing"),
    ],
)
def test_errors_are_json_with_the_right_status(client: TestClient, url: str, status: int, fragment: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert fragment in response.json()["error"]


POSTED = {
    "doc_id": "post-1",
    "outlet": "t.me/kaluga_governor",
    "published": "2024-05-20T04:00:00+03:00",
    "language": "ru",
    "text": "Над Козельским районом сбиты два беспилотника, пострадавших нет.",
    "claims": [{"ignored": True}],
}


def test_posting_reports_needs_a_live_token(fresh_store: Store) -> None:
    client = TestClient(create_app(fresh_store))
    assert client.post("/api/reports", json=POSTED).status_code == 401
    wrong = client.post("/api/reports", json=POSTED, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json() == {"error": "unknown or revoked token"}
    token = create_token(fresh_store, "newsroom")
    headers = {"Authorization": f"Bearer {token}"}
    response = client.post("/api/reports", json=[POSTED], headers=headers)
    assert response.status_code == 201, response.text
    assert response.json()["received"] == 1 and response.json()["new"] == 1
    again = client.post("/api/reports", json=POSTED, headers=headers)
    assert again.json()["unchanged"] == 1
    found = browse.search_reports(fresh_store, "Козельским")
    assert [item["status"] for item in found.items] == ["new"]
    revoke_token(fresh_store, "newsroom")
    assert client.post("/api/reports", json=POSTED, headers=headers).status_code == 401


def test_posting_is_refused_when_read_only(fresh_store: Store) -> None:
    token = create_token(fresh_store, "newsroom")
    client = TestClient(create_app(fresh_store, read_only=True))
    response = client.post("/api/reports", json=POSTED, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403
    assert "read-only" in response.json()["error"]


def test_bad_report_bodies_are_422(fresh_store: Store) -> None:
    token = create_token(fresh_store, "newsroom")
    client = TestClient(create_app(fresh_store))
    response = client.post("/api/reports", json={"outlet": "x"}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422
    assert "doc_id" in response.json()["error"]
