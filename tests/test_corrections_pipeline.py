"""With the real pipeline: a correction survives ``process`` after new reports arrive, and re-processing everything."""

from __future__ import annotations

from sqlalchemy import select

from skyledger import pipeline
from skyledger.samples import samples_dir
from skyledger.store import Store
from skyledger.store.corrections import claim_key, correct_claim, list_corrections
from skyledger.store.records import claim_records, correction_records
from skyledger.store.reports import Status, set_status
from skyledger.store.schema import claims, reports


def _reprocess_everything(store: Store) -> None:
    """What a new rule set asks for: every report back to new, then ``process``."""
    with store.begin() as connection:
        ids = [int(value) for value in connection.execute(select(reports.c.id)).scalars()]
        set_status(connection, ids, Status.NEW)
    summary = pipeline.process(store)
    assert summary.reports == len(ids)


def _find(store: Store, report_id: int, evidence: str) -> dict:
    (record,) = [r for r in claim_records(store) if r["report_id"] == report_id and r["evidence"] == evidence]
    return record


def _run_of(store: Store, claim_id: int) -> int:
    with store.connect() as connection:
        return int(connection.execute(select(claims.c.run_id).where(claims.c.id == claim_id)).scalar_one())


def test_a_correction_survives_new_reports_and_reprocessing(store: Store) -> None:
    pipeline.ingest(store, str(samples_dir() / "telegram" / "result.json"))
    pipeline.process(store)
    target = next(
        r for r in claim_records(store) if r["claimant"].startswith("regional_authority") and r["count"] is not None
    )
    machine_count = target["count"]
    correct_claim(store, target["claim_id"], {"count": machine_count + 5, "weapon_model": "Shahed"}, author="anna")

    def check() -> dict:
        now = _find(store, target["report_id"], target["evidence"])
        assert now["count"] == machine_count + 5 and now["weapon_model"] == "Shahed"
        assert now["corrected"] and now["corrected_fields"] == ["count", "weapon_model"]
        others = [r for r in claim_records(store) if r["corrected"]]
        assert [r["claim_id"] for r in others] == [now["claim_id"]]  # on that claim, and no other
        assert all(row["matched"] and row["claim_id"] == now["claim_id"] for row in correction_records(store))
        return now

    check()
    before = len(claim_records(store))
    for part in ("text", "feeds", "pages"):  # new reports arrive
        pipeline.ingest(store, str(samples_dir() / part))
    assert pipeline.process(store).reports > 0
    assert len(claim_records(store)) > before
    check()

    old_run = _run_of(store, target["claim_id"])
    _reprocess_everything(store)  # every claim row is replaced (SQLite may hand out the same ids again)
    after = check()
    assert _run_of(store, after["claim_id"]) != old_run  # a new row, written by the new run
    with store.connect() as connection:  # found again by the machine claim's fingerprint, not by its id
        (row,) = connection.execute(select(claims).where(claims.c.id == after["claim_id"])).mappings()
        assert {item.claim_key for item in list_corrections(connection)} == {claim_key(row)}
