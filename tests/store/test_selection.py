"""Filters judge what readers are shown: claims as corrected, times by the day rule, in browse and records alike."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update

from skyledger.cli import main
from skyledger.store import Store, browse
from skyledger.store.corrections import correct_claim
from skyledger.store.records import claim_records, event_records, make_filters
from skyledger.store.schema import events
from web import fixture_db

LATE = {"time_start": "2024-03-01T22:30:00+00:00", "time_end": "2024-03-01T23:30:00+00:00"}  # 2 March on UTC+3


@pytest.fixture
def filled(store: Store) -> fixture_db.Fixture:
    return fixture_db.build(store)


def claim_ids(store: Store, **filters: object) -> list[int]:
    page = browse.list_claims(store, browse.ClaimFilter(**filters), limit=500)  # type: ignore[arg-type]
    return [item["id"] for item in page.items]


def record_ids(store: Store, **filters: object) -> list[int]:
    return sorted(record["claim_id"] for record in claim_records(store, make_filters(**filters)))


def event_ids(store: Store, **filters: object) -> list[str]:
    return [e["id"] for e in browse.list_events(store, browse.EventFilter(**filters), limit=500).items]  # type: ignore[arg-type]


def day_bounds(first: date, last: date) -> dict[str, str | None]:
    since, until = browse.time_bounds(first, last)
    return {"since": since, "until": until}


def test_a_claim_is_found_under_its_corrected_region_only(store: Store, filled: fixture_db.Fixture) -> None:
    kaluga = claim_ids(store, region="RU-KLU")
    assert kaluga and record_ids(store, region="RU-KLU") == kaluga
    target = kaluga[0]
    correct_claim(store, target, {"region": "RU-TUL", "country": "RU"}, author="anna")
    assert claim_ids(store, region="RU-TUL") == [target] == record_ids(store, region="RU-TUL")
    assert target not in claim_ids(store, region="RU-KLU")
    assert claim_ids(store, region="RU-KLU") == record_ids(store, region="RU-KLU") == kaluga[1:]
    shown = browse.list_claims(store, browse.ClaimFilter(region="RU-TUL")).items[0]
    assert shown["region"] == "RU-TUL" and shown["corrected"]


def test_the_other_claims_of_a_corrected_report_still_match_by_their_own_values(
    store: Store, filled: fixture_db.Fixture
) -> None:
    bryansk = claim_ids(store, region="RU-BRY")
    kaluga = claim_ids(store, region="RU-KLU")
    correct_claim(store, kaluga[0], {"count": 99}, author="anna")  # its report now has a correction
    assert claim_ids(store, region="RU-BRY") == bryansk and claim_ids(store, region="RU-KLU") == kaluga


def test_events_are_filtered_by_their_claims_as_corrected(store: Store, filled: fixture_db.Fixture) -> None:
    assert event_ids(store, side="RU", action="impact") == ["E5"]
    (ukrainian,) = claim_ids(store, event_id="E4", region="UA-30")[:1]
    correct_claim(store, ukrainian, {"action": "impact"}, author="anna")
    assert event_ids(store, action="impact") == ["E5", "E4"]
    for impact in claim_ids(store, event_id="E5", action="impact"):  # a claim a human rejected is no member
        correct_claim(store, impact, {"rejected": True}, author="anna")
    assert event_ids(store, action="impact") == ["E4"]
    by_records = [record["event_id"] for record in event_records(store, make_filters(action="impact"))]
    assert by_records == ["E4"]


def test_a_late_evening_window_in_utc_is_filtered_under_the_next_day(store: Store, filled: fixture_db.Fixture) -> None:
    target = claim_ids(store, region="RU-BRY")[0]
    correct_claim(store, target, LATE, author="anna")
    second = day_bounds(date(2024, 3, 2), date(2024, 3, 2))
    assert claim_ids(store, **second) == [target] == record_ids(store, since="2024-03-02", until="2024-03-02")
    assert claim_ids(store, **day_bounds(date(2024, 3, 1), date(2024, 3, 1))) == []
    assert record_ids(store, since="2024-03-01", until="2024-03-01") == []
    with store.begin() as connection:
        connection.execute(update(events).where(events.c.id == "E1").values(**LATE))
    assert event_ids(store, **second) == ["E1"]
    assert event_ids(store, **day_bounds(date(2024, 3, 1), date(2024, 3, 1))) == []
    assert [record["event_id"] for record in event_records(store, make_filters(since="2024-03-02"))][:1] == ["E1"]


def test_skyledger_events_takes_days_by_the_same_rule(
    sqlite_store: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fixture_db.build(sqlite_store)
    with sqlite_store.begin() as connection:
        connection.execute(update(events).where(events.c.id == "E1").values(**LATE))
    database = sqlite_store.url.removeprefix("sqlite:///")

    def listed(*args: str) -> str:
        monkeypatch.setattr(sys, "argv", ["skyledger", "events", *args, "--db", database])
        with pytest.raises(SystemExit) as exited:
            main()
        assert exited.value.code in (0, None)
        return capsys.readouterr().out

    assert "E1" in listed("--since", "2024-03-02", "--until", "2024-03-02")
    assert "E1" not in listed("--since", "2024-03-01", "--until", "2024-03-01")
    assert Path(database).exists()
