"""The dashboard's claim page and correction form, and the JSON API twin: a token is required, values are checked."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ledger_fixture import fill
from skyledger.store import Store
from skyledger.store.records import claim_record
from skyledger.store.tokens import create_token, revoke_token
from skyledger.web.app import create_app


@pytest.fixture
def setup(sqlite_store: Store) -> tuple[TestClient, Store, int, str]:
    ids = fill(sqlite_store)
    token = create_token(sqlite_store, "anna")
    return TestClient(create_app(sqlite_store)), sqlite_store, ids["claims"][2], token  # the Bryansk claim (7)


def _form(client: TestClient, claim_id: int, **fields: str) -> dict[str, str]:
    """The form as the page renders it, with ``fields`` changed."""
    shown = client.get(f"/claims/{claim_id}.json").json()["claim"]
    form = {f: "" if shown.get(f) is None else str(shown[f]) for f in ("count", "region", "district", "weapon_class")}
    return {**form, **fields}


def test_claim_page_shows_the_claim_and_a_form(setup: tuple[TestClient, Store, int, str]) -> None:
    client, _, claim_id, _ = setup
    page = client.get(f"/claims/{claim_id}")
    assert page.status_code == 200
    assert "7 над Брянской областью" in page.text and 'action="/claims/' in page.text
    assert 'name="token" type="password"' in page.text and "None yet." in page.text
    assert client.get(f"/claims/{claim_id}.json").json()["claim"]["count"] == 7
    assert client.get("/claims/999").status_code == 404


def test_the_form_saves_a_correction_with_a_token(setup: tuple[TestClient, Store, int, str]) -> None:
    client, store, claim_id, token = setup
    response = client.post(
        f"/claims/{claim_id}/corrections",
        data=_form(client, claim_id, count="9", token=token, note="the later post"),
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == f"/claims/{claim_id}#corrections"
    record = claim_record(store, claim_id)
    assert record["count"] == 9 and record["corrected_fields"] == ["count"]
    (item,) = record["corrections"]
    assert (item["author"], item["machine_value"], item["note"]) == ("anna", 7, "the later post")
    page = client.get(f"/claims/{claim_id}").text
    assert "Corrected by a human: count" in page and "7 → 9 by anna" in page


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({"count": "9"}, 401, "a token is required"),
        ({"count": "9", "token": "wrong"}, 401, "unknown or revoked token"),
        ({"count": "many", "token": "TOKEN"}, 422, "whole number"),
        ({"token": "TOKEN"}, 422, "nothing changed"),
    ],
)
def test_the_form_refuses(setup: tuple[TestClient, Store, int, str], fields: dict, status: int, message: str) -> None:
    client, store, claim_id, token = setup
    data = _form(client, claim_id, **{k: (token if v == "TOKEN" else v) for k, v in fields.items()})
    response = client.post(f"/claims/{claim_id}/corrections", data=data, follow_redirects=False)
    assert response.status_code == status and message in response.text
    assert claim_record(store, claim_id)["corrections"] == []


def test_a_revoked_token_and_a_read_only_server_are_refused(setup: tuple[TestClient, Store, int, str]) -> None:
    client, store, claim_id, token = setup
    revoke_token(store, "anna")
    response = client.post(f"/claims/{claim_id}/corrections", data=_form(client, claim_id, count="9", token=token))
    assert response.status_code == 401
    read_only = TestClient(create_app(store, read_only=True))
    response = read_only.post(f"/claims/{claim_id}/corrections", data=_form(client, claim_id, count="9", token=token))
    assert response.status_code == 403 and "read-only" in response.text


def test_the_api_twin(setup: tuple[TestClient, Store, int, str]) -> None:
    client, store, claim_id, token = setup
    url = f"/api/claims/{claim_id}/corrections"
    assert client.post(url, json={"changes": {"count": 9}}).status_code == 401
    response = client.post(
        url, json={"changes": {"count": 9, "cites": ["mod:RU"]}}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 201
    body = response.json()
    assert [item["field"] for item in body["corrections"]] == ["count", "cites"]
    assert body["claim"]["count"] == 9 and body["corrections"][0]["author"] == "anna"
    bad = client.post(url, json={"changes": {"action": "exploded"}}, headers={"Authorization": f"Bearer {token}"})
    assert bad.status_code == 422 and "must be one of" in bad.json()["error"]
    assert "/api/claims/{claim_id}/corrections" in client.get("/openapi.json").json()["paths"]
