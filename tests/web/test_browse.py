"""store/browse.py and store/tallies.py on both backends (SQLite, and PostgreSQL where SKYLEDGER_TEST_PG is set)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from skyledger.errors import NotFoundError, UsageError
from skyledger.store import Store, browse
from skyledger.store.tallies import TallyFilter, latest_day, tally, week_of
from web import fixture_db


@pytest.fixture
def filled(store: Store) -> fixture_db.Fixture:
    return fixture_db.build(store)


def event_ids(store: Store, **filters: object) -> list[str]:
    return [e["id"] for e in browse.list_events(store, browse.EventFilter(**filters), limit=500).items]  # type: ignore[arg-type]


def test_event_filters_agree_on_both_backends(store: Store, filled: fixture_db.Fixture) -> None:
    assert event_ids(store) == ["E5", "E4", "E3", "E2", "E1"]
    assert event_ids(store, side="RU") == ["E5", "E2", "E1"]
    assert event_ids(store, side="RU", action="impact") == ["E5"]
    assert event_ids(store, claimant="regional_authority:UA-30") == ["E4"]
    assert event_ids(store, max_credibility=2) == ["E5", "E1"]
    since, until = browse.time_bounds(date(2024, 5, 14), date(2024, 5, 14))  # E5: 20:00-23:59 UTC on the 13th
    assert event_ids(store, since=since, until=until) == ["E5"]
    since, until = browse.time_bounds(date(2024, 5, 11), date(2024, 5, 13))
    assert event_ids(store, since=since, until=until) == ["E4", "E3", "E2", "E1"]
    assert event_ids(store, q="Дзержинским") == ["E1"]
    assert event_ids(store, q="Калужск*") == ["E2", "E1"]  # the ministry's report names both regions
    assert event_ids(store, q="!!!") == []


def test_region_counts_and_counts(store: Store, filled: fixture_db.Fixture) -> None:
    assert browse.region_counts(store, browse.EventFilter()) == {"RU-BEL": 1, "RU-BRY": 1, "RU-KLU": 1, "UA-30": 1}
    assert browse.region_counts(store, browse.EventFilter(side="UA")) == {"UA-30": 1}
    assert browse.counts(store) == {"sources": 7, "reports": 7, "claims": 12, "events": 5}


def test_one_report(store: Store, filled: fixture_db.Fixture) -> None:
    report = browse.get_report(store, filled.report_ids["1800001"])
    assert [p["report"]["source"] for p in report["parents"]] == ["t.me/mod_russia"]
    assert [c["event"] for c in report["claims"]] == ["E1", "E2"]
    assert [c["evidence"] for c in report["claims"]] == ["five over the Kaluga region", "seven over the Bryansk region"]
    with pytest.raises(NotFoundError):
        browse.get_report(store, 10_000)


def test_merged_events_leave_the_lists(store: Store, filled: fixture_db.Fixture) -> None:
    from sqlalchemy import update

    from skyledger.store.schema import events

    with store.begin() as connection:
        connection.execute(update(events).where(events.c.id == "E2").values(merged_into="E1"))
    assert "E2" not in event_ids(store)
    assert browse.counts(store)["events"] == 4


def test_claims_reports_and_sources(store: Store, filled: fixture_db.Fixture) -> None:
    page = browse.list_claims(store, browse.ClaimFilter(side="UA"), limit=2)
    assert [c["claimant"] for c in page.items] == ["armed_forces:UA", "armed_forces:UA"] and page.next_offset == 2
    rest = browse.list_claims(store, browse.ClaimFilter(side="UA"), limit=2, offset=2)
    assert [c["action"] for c in rest.items] == ["intercepted", "impact"] and rest.next_offset is None
    found = browse.search_reports(store, "дронів")
    assert [r["source"] for r in found.items] == ["t.me/kyiv_city_admin"]
    assert "⟦дронів⟧" in found.items[0]["snippet"]
    everything = browse.search_reports(store, None, limit=3)
    assert len(everything.items) == 3 and everything.next_offset == 3
    sources = {s["handle"]: s for s in browse.list_sources(store)}
    assert sources["t.me/kpszsu"]["side"] == "UA" and sources["tass.com"]["reports"] == 1
    with pytest.raises(UsageError):
        browse.list_events(store, browse.EventFilter(), limit=0)


def test_tallies_count_each_event_once_per_figure(store: Store, filled: fixture_db.Fixture) -> None:
    rows = tally(store, by="weapon_class", f=TallyFilter(action="intercepted"))
    # the night of 11-12 May (20:00-23:59 UTC, its middle after midnight on the UTC+3 clock) is 12 May:
    # E1 max(3, 5, 5) + E2 7 + E3 31 + E4 9 = 52; the night of 13-14 May: E5 1
    assert [(r["period"], r["key"], r["figure"]) for r in rows] == [("2024-05-12", "uav", 52), ("2024-05-14", "uav", 1)]
    by_claimant = {r["key"]: r["figure"] for r in tally(store, by="claimant", f=TallyFilter(action="intercepted"))}
    assert by_claimant["mod:RU"] == 12 and by_claimant["regional_authority:RU-KLU"] == 3
    by_region = {r["key"]: r["figure"] for r in tally(store, by="region", f=TallyFilter(action="intercepted"))}
    assert by_region == {None: 31, "RU-BEL": 1, "RU-BRY": 7, "RU-KLU": 5, "UA-30": 9}
    weekly = tally(store, period="week", by="side", f=TallyFilter(action="launched"))
    assert weekly == [
        {"period": "2024-05-06", "action": "launched", "key": "UA", "figure": 40, "claims": 1, "events": 1}
    ]
    monthly = tally(store, period="month", by="weapon_class", f=TallyFilter(action="intercepted"))
    # one figure per event and month: the days' 52 and 1, five events (E5 on 14 May)
    assert [(r["period"], r["figure"], r["events"]) for r in monthly] == [("2024-05-01", 53, 5)]
    assert tally(store, by="side", f=TallyFilter(since="2024-06-01")) == []
    assert latest_day(store) == "2024-05-14"
    with pytest.raises(UsageError):
        tally(store, by="colour")


def test_time_bounds_and_weeks() -> None:
    assert browse.time_bounds(date(2024, 5, 1), date(2024, 5, 3)) == ("2024-05-01", "2024-05-04")
    moment = datetime(2024, 5, 1, 3, 0, tzinfo=UTC)
    assert browse.time_bounds(moment, None) == ("2024-05-01T06:00:00", None)  # an instant, on the UTC+3 clock
    assert week_of("2024-05-12") == "2024-05-06"
