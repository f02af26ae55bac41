"""Claims in the store: a claim survives the round trip; replacing a report's claims keeps seq order."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, insert

from skyledger.model import (
    Action,
    Casualties,
    Claim,
    CountQualifier,
    Damage,
    Place,
    PlacePrecision,
    Report,
    Source,
    TimePrecision,
    TimeWindow,
    WeaponClass,
)
from skyledger.store import Store
from skyledger.store.claims import claim_to_row, claims_of_reports, claims_of_run, replace_claims
from skyledger.store.reports import write_reports
from skyledger.store.runs import start_run
from skyledger.store.schema import claims as claims_table
from skyledger.store.sources import upsert_source

TEXT = "Над Дзержинским районом уничтожены два беспилотника, пострадавших нет."


def _claim(count: int, action: Action = Action.INTERCEPTED) -> Claim:
    return Claim(
        action=action,
        weapon_class=WeaponClass.UAV,
        count=count,
        count_qualifier=CountQualifier.EXACT,
        weapon_model="Shahed",
        place=Place("RU", "RU-KLU", "Dzerzhinsky", None, 54.1, 35.9, PlacePrecision.DISTRICT),
        regions=("RU-KLU", "RU-BRY"),
        time=TimeWindow(datetime(2024, 5, 12, 0, tzinfo=UTC), datetime(2024, 5, 12, 6, tzinfo=UTC), TimePrecision.DAY),
        casualties=Casualties(0, 0),
        damage=Damage.NONE,
        claimant="regional_authority:RU-KLU",
        cites=("mod:RU",),
        evidence_span=(0, 52),
        evidence=TEXT[0:52],
        rule_set="test-rules/1",
    )


def _report(store: Store) -> int:
    with store.begin() as connection:
        source_id = upsert_source(connection, Source("t.me/gov_kaluga"))
        write_reports(connection, [(source_id, Report("t.me/gov_kaluga", "1", TEXT))], None)
        return int(connection.exec_driver_sql("SELECT id FROM reports").scalar_one())


def test_a_claim_survives_the_round_trip(store: Store) -> None:
    report_id = _report(store)
    run_id = start_run(store, "process")
    with store.begin() as connection:
        replace_claims(connection, report_id, [_claim(2)], run_id)
    with store.connect() as connection:
        (stored,) = claims_of_run(connection, run_id)
    expected = _claim(2)
    expected.report_id, expected.id, expected.evidence = report_id, stored.id, ""
    assert stored == expected


def test_replacing_claims_deletes_the_old_and_keeps_order(store: Store) -> None:
    report_id = _report(store)
    with store.begin() as connection:
        replace_claims(connection, report_id, [_claim(5), _claim(6)], None)
    with store.begin() as connection:
        touched = replace_claims(connection, report_id, [_claim(2), _claim(1, Action.IMPACT), _claim(3)], None)
    assert touched == set()
    with store.connect() as connection:
        counts = [(claim.count, claim.action) for claim in claims_of_reports(connection, [report_id])]
    assert counts == [(2, Action.INTERCEPTED), (1, Action.IMPACT), (3, Action.INTERCEPTED)]


def test_a_claim_without_casualties_stays_without(store: Store) -> None:
    report_id = _report(store)
    bare = Claim(Action.LAUNCHED, WeaponClass.CRUISE_MISSILE, evidence_span=(3, 9), rule_set="r")
    with store.begin() as connection:
        replace_claims(connection, report_id, [bare], None)
    with store.connect() as connection:
        (stored,) = claims_of_reports(connection, [report_id])
    assert stored.casualties is None and stored.damage is None and stored.cites == () and stored.regions == ()


def _ids(store: Store, report_id: int) -> list[int]:
    with store.connect() as connection:
        return [int(claim.id or 0) for claim in claims_of_reports(connection, [report_id])]


def test_a_deleted_claims_id_never_goes_to_a_new_claim(store: Store) -> None:
    report_id = _report(store)
    with store.begin() as connection:
        replace_claims(connection, report_id, [_claim(1), _claim(2), _claim(3)], None)
    first = _ids(store, report_id)
    with store.begin() as connection:  # delete the highest id only: SQLite without AUTOINCREMENT reuses it
        connection.execute(delete(claims_table).where(claims_table.c.id == max(first)))
        connection.execute(insert(claims_table).values(claim_to_row(_claim(4), report_id, 3, None)))
    assert max(_ids(store, report_id)) > max(first)
    with store.begin() as connection:  # re-extraction deletes every claim of the report
        replace_claims(connection, report_id, [_claim(5)], None)
    (renewed,) = _ids(store, report_id)
    assert renewed > max(first) + 1
