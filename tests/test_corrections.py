"""Corrections: stored beside the machine's value with author and time, shown everywhere, surviving re-extraction."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select

from ledger_fixture import fill
from skyledger.errors import NotFoundError, UsageError
from skyledger.export import export
from skyledger.model import Claim
from skyledger.store import Store
from skyledger.store.corrections import correct_claim, parse_value
from skyledger.store.records import claim_records, correction_records
from skyledger.store.schema import claims, corrections

Filled = tuple[Store, dict[str, list[int]]]


@pytest.fixture
def filled(store: Store) -> tuple[Store, dict[str, list[int]]]:
    return store, fill(store)


def _record(store: Store, claim_id: int) -> dict:
    return next(record for record in claim_records(store) if record["claim_id"] == claim_id)


def test_a_correction_is_stored_beside_the_machine_value(filled: Filled) -> None:
    store, ids = filled
    when = datetime(2024, 5, 13, 10, 0, tzinfo=UTC)
    made = correct_claim(store, ids["claims"][1], {"count": 6, "district": "Kozelsky"}, author="anna", now=when)
    assert [(item.field, item.value, item.machine_value) for item in made] == [
        ("count", 6, 5),
        ("district", "Kozelsky", None),
    ]
    with store.connect() as connection:
        rows = connection.execute(select(corrections).order_by(corrections.c.id)).mappings().all()
        machine = connection.execute(select(claims.c.count).where(claims.c.id == ids["claims"][1])).scalar()
    assert machine == 5  # the claim row keeps the machine's value
    assert [(row["author"], row["created_at"], json.loads(row["value"])) for row in rows] == [
        ("anna", when.isoformat(), 6),
        ("anna", when.isoformat(), "Kozelsky"),
    ]
    record = _record(store, ids["claims"][1])
    assert (record["count"], record["district"], record["corrected"], record["corrected_fields"]) == (
        6,
        "Kozelsky",
        True,
        ["count", "district"],
    )
    assert not _record(store, ids["claims"][2])["corrected"]


def test_the_newest_correction_of_a_field_wins(filled: Filled) -> None:
    store, ids = filled
    correct_claim(store, ids["claims"][1], {"count": 6}, author="anna", now=datetime(2024, 5, 13, tzinfo=UTC))
    correct_claim(store, ids["claims"][1], {"count": 4}, author="boris", now=datetime(2024, 5, 14, tzinfo=UTC))
    assert _record(store, ids["claims"][1])["count"] == 4
    assert [row["author"] for row in correction_records(store)] == ["anna", "boris"]  # the history stays


def test_casualties_region_cites_and_rejection(filled: Filled) -> None:
    store, ids = filled
    changes = {"killed": 2, "region": "ru-bry", "cites": ["mod:RU"], "rejected": True}
    correct_claim(store, ids["claims"][3], changes, author="anna")
    record = _record(store, ids["claims"][3])
    assert (record["killed"], record["injured"], record["casualties_stated"]) == (2, None, True)
    assert record["region"] == "RU-BRY" and record["cites"] == ["mod:RU"] and record["rejected"] is True


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"colour": "red"}, "cannot be corrected"),
        ({"action": "exploded"}, "must be one of"),
        ({"count": -3}, "whole number"),
        ({"claimant": "governor"}, "ROLE:JURISDICTION"),
        ({"action": None}, "cannot be null"),
        ({"time_start": "yesterday"}, "ISO 8601"),
        ({}, "nothing to correct"),
    ],
)
def test_bad_corrections_are_usage_errors(filled: Filled, changes: dict, message: str) -> None:
    store, ids = filled
    with pytest.raises(UsageError, match=message):
        correct_claim(store, ids["claims"][0], changes, author="anna")
    assert correction_records(store) == []


def test_unknown_claim_and_missing_author(filled: Filled) -> None:
    store, ids = filled
    with pytest.raises(NotFoundError, match="no claim with id 999"):
        correct_claim(store, 999, {"count": 1}, author="anna")
    with pytest.raises(UsageError, match="author"):
        correct_claim(store, ids["claims"][0], {"count": 1}, author=" ")


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [("count", "12", 12), ("count", "null", None), ("cites", "mod:RU, armed_forces:RU", ["mod:RU", "armed_forces:RU"]),
     ("cites", "", []), ("rejected", "yes", True), ("damage", "none", None), ("weapon_model", "Shahed", "Shahed")],
)  # fmt: skip
def test_parse_value(field: str, text: str, value: object) -> None:
    assert parse_value(field, text) == value


def _reextract(store: Store, report_id: int, extra_first: bool = False, shift: int = 0) -> None:
    """What re-processing a report does: its claim rows replaced by new ones (new ids), maybe one more, maybe moved."""
    with store.begin() as connection:
        rows = connection.execute(
            select(claims).where(claims.c.report_id == report_id).order_by(claims.c.seq)
        ).mappings()
        old = [dict(row) for row in rows]
        connection.execute(delete(claims).where(claims.c.report_id == report_id))
        new = []
        if extra_first:
            new.append({**old[0], "action": "launched", "count": 12, "evidence_start": 0, "evidence_end": 5})
        new.extend({**row, "evidence_start": row["evidence_start"] + shift} for row in old)
        for seq, row in enumerate(new):
            row.pop("id")
            connection.execute(insert(claims).values(**{**row, "seq": seq}))


@pytest.mark.parametrize(("extra_first", "shift"), [(False, 0), (True, 0), (False, 3)])
def test_corrections_survive_reextraction(filled: Filled, extra_first: bool, shift: int) -> None:
    store, ids = filled
    report = ids["reports"][1]  # the ministry's post: Kaluga 5 (seq 0), Bryansk 7 (seq 1)
    correct_claim(store, ids["claims"][2], {"count": 8}, author="anna")  # Bryansk
    _reextract(store, report, extra_first=extra_first, shift=shift)
    by_region = {
        r["region"]: r for r in claim_records(store) if r["report_id"] == report and r["action"] == "intercepted"
    }
    assert by_region["RU-BRY"]["count"] == 8 and by_region["RU-BRY"]["corrected"]
    assert by_region["RU-KLU"]["count"] == 5 and not by_region["RU-KLU"]["corrected"]
    assert ids["claims"][2] not in {record["claim_id"] for record in claim_records(store)}  # the ids did change
    (listed,) = correction_records(store)
    assert listed["matched"] and listed["claim_id"] == by_region["RU-BRY"]["claim_id"]


def test_a_correction_whose_claim_is_gone_is_kept_unmatched(filled: Filled) -> None:
    store, ids = filled
    correct_claim(store, ids["claims"][2], {"count": 8}, author="anna")
    with store.begin() as connection:  # the new rule set no longer finds the Bryansk claim at all
        connection.execute(delete(claims).where(claims.c.id == ids["claims"][2]))
    assert not any(record["corrected"] for record in claim_records(store))
    (listed,) = correction_records(store)
    assert listed["claim_id"] is None and listed["matched"] is False and listed["value"] == "8"


def test_corrections_export_in_the_claims_md_shape(filled: Filled, tmp_path: Path) -> None:
    store, ids = filled
    correct_claim(store, ids["claims"][2], {"count": 8, "district": "Klintsovsky"}, author="anna")
    correct_claim(store, ids["claims"][6], {"rejected": True}, author="anna")
    path = tmp_path / "gold.jsonl"
    summary = export(store, what="corrections", format="claims-jsonl", path=path)
    docs = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert summary.rows == 2
    ministry, kyiv = docs
    assert {"doc_id", "url", "outlet", "published", "language", "text", "claims"} <= set(ministry)
    assert ministry["outlet"] == "t.me/mod_russia" and ministry["doc_id"] == "t.me/mod_russia#5501"
    assert [claim["count"] for claim in ministry["claims"]] == [5, 8]  # every claim of the report, as corrected
    assert ministry["claims"][1]["district"] == "Klintsovsky"
    assert ministry["claims"][1]["corrected_fields"] == ["count", "district"]
    for claim in ministry["claims"]:
        assert Claim.from_json(claim).to_json().items() <= claim.items()  # the CLAIMS.md record, extras welcome
        start, end = claim["evidence_span"]
        assert ministry["text"][start:end] == claim["evidence"]
    assert kyiv["claims"] == []  # its only claim was rejected


def test_model_claims_as_corrected(filled: Filled) -> None:
    """What linking and grading read: stored model claims with the corrections applied, rejected ones left out."""
    from skyledger.store.claims import claims_of_reports
    from skyledger.store.corrections import correct_claims

    store, ids = filled
    correct_claim(store, ids["claims"][1], {"count": 6, "region": "RU-BRY", "killed": 1}, author="anna")
    correct_claim(store, ids["claims"][2], {"rejected": True}, author="anna")
    with store.connect() as connection:
        machine = claims_of_reports(connection, [ids["reports"][1]])
        corrected = correct_claims(connection, machine)
    assert [claim.count for claim in machine] == [5, 7]
    (claim,) = corrected
    assert claim.id == ids["claims"][1] and claim.count == 6 and claim.place.region == "RU-BRY"
    assert claim.casualties is not None and claim.casualties.killed == 1
    assert claim.action.value == "intercepted" and claim.evidence_span == machine[0].evidence_span
