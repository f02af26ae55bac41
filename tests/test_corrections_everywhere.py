"""Corrections show as such everywhere: in the event's grade, ``skyledger show``, /api/claims and the SQL tallies."""

from __future__ import annotations

import sys

import pytest
from fastapi.testclient import TestClient

from skyledger import pipeline
from skyledger.cli import main
from skyledger.pipeline.events import event_detail
from skyledger.samples import samples_dir
from skyledger.store import Store, browse
from skyledger.store.records import claim_records
from skyledger.store.tallies import TallyFilter, tally
from skyledger.web.app import create_app

BIG = 4321  # larger than any count in the samples: the corrected claim's figure becomes its event's largest


@pytest.fixture
def processed(store: Store) -> tuple[Store, dict]:
    pipeline.ingest(store, str(samples_dir() / "telegram" / "result.json"))
    pipeline.process(store)
    target = next(r for r in claim_records(store) if r["event_id"] and r["count"] is not None and r["time_start"])
    return store, target


def _figure(store: Store, target: dict) -> tuple[int, int]:
    """The tally's (figure, claims) summed over every day, for the target's action and weapon class."""
    rows = tally(store, by="weapon_class", f=TallyFilter(action=target["action"], weapon_class=target["weapon_class"]))
    return sum(row["figure"] for row in rows), sum(row["claims"] for row in rows)


def test_a_corrected_count_changes_the_event_grade(processed: tuple[Store, dict]) -> None:
    store, target = processed
    before = event_detail(store, target["event_id"])
    assert before.event.grade.count_best != BIG
    pipeline.correct(store, target["claim_id"], {"count": BIG}, author="anna")
    after = event_detail(store, target["event_id"])
    figures = [f for f in after.event.grade.figures if f.claimant == target["claimant"] and f.count is not None]
    assert BIG in [figure.count for figure in figures]
    assert BIG not in [figure.count for figure in before.event.grade.figures]
    assert after.event.grade.count_high == BIG
    (claim,) = [claim for claim in after.claims if claim.id == target["claim_id"]]
    assert claim.count == BIG and after.corrected == {target["claim_id"]: ["count"]}


def test_a_rejected_claim_leaves_the_event_and_the_tally(processed: tuple[Store, dict]) -> None:
    store, target = processed
    _, claims_before = _figure(store, target)
    pipeline.correct(store, target["claim_id"], {"rejected": True}, author="anna")
    assert target["claim_id"] not in [claim.id for claim in event_detail(store, target["event_id"]).claims]
    assert _figure(store, target)[1] == claims_before - 1


def test_a_corrected_count_shows_in_the_tally(processed: tuple[Store, dict]) -> None:
    store, target = processed
    figure_before, claims_before = _figure(store, target)
    same_group = [
        r["count"] or 0
        for r in claim_records(store)
        if (r["event_id"], r["action"], r["weapon_class"], r["time_start"])
        == (target["event_id"], target["action"], target["weapon_class"], target["time_start"])
    ]
    pipeline.correct(store, target["claim_id"], {"count": BIG}, author="anna")
    assert _figure(store, target) == (figure_before + BIG - max(same_group), claims_before)


def test_a_corrected_count_shows_in_the_api_and_in_show(
    processed: tuple[Store, dict], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, target = processed
    pipeline.correct(store, target["claim_id"], {"count": BIG}, author="anna")
    client = TestClient(create_app(store))
    items = client.get("/api/claims", params={"event_id": target["event_id"], "limit": 500}).json()["items"]
    (item,) = [item for item in items if item["id"] == target["claim_id"]]
    assert (item["count"], item["corrected"], item["corrected_fields"]) == (BIG, True, ["count"])
    assert not any(other["corrected"] for other in items if other["id"] != target["claim_id"])
    event = client.get(f"/api/events/{target['event_id']}").json()
    assert [(c["count"], c["corrected_fields"]) for c in event["claims"] if c["id"] == target["claim_id"]] == [
        (BIG, ["count"])
    ]
    report = browse.get_report(store, target["report_id"])  # the report page's claims
    assert [claim["count"] for claim in report["claims"] if claim["id"] == target["claim_id"]] == [BIG]

    monkeypatch.setattr(sys, "argv", ["skyledger", "show", target["event_id"], "--db", store.url])
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        main()
    out = capsys.readouterr().out
    assert exited.value.code in (0, None)
    assert f"{BIG} (" in out and "[corrected: count]" in out
