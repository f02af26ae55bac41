"""``since`` / ``until`` on the events list and the claims: the first cut on stored texts (times.window_prefilter)
keeps every event and claim the exact test keeps, on edge windows and on many random ones, on both backends; the
results equal the day rule in Python; upgrading an old ledger says so."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import insert, select, text, update

from skyledger.model import Action, Claim, Report, Source, WeaponClass
from skyledger.store import Store, browse, open_store, selection
from skyledger.store.claims import replace_claims_of_reports
from skyledger.store.corrections import FIELDS, correct_claim
from skyledger.store.migrate import alembic_config, head_revision, upgrade
from skyledger.store.reports import write_reports
from skyledger.store.schema import claims, events
from skyledger.store.sources import upsert_source
from skyledger.store.tallies import TallyFilter, tally
from skyledger.store.times import claim_moment

Window = tuple[str | None, str | None]
Bound = date | datetime | None

EDGES: dict[str, Window] = {
    "crosses_midnight": ("2024-03-01T20:30:00+00:00", "2024-03-01T21:30:00+00:00"),  # 2 March, 00:00 UTC+3
    "just_before": ("2024-03-01T20:59:59+00:00", None),  # 1 March, 23:59:59
    "no_start": (None, "2024-03-01T21:00:00+00:00"),  # 2 March
    "zulu": ("2024-03-01T21:00:00Z", None),  # 2 March
    "naive": ("2024-03-01T23:30:00", None),  # read on the UTC+3 clock: 1 March
    "other_offset": ("2024-03-02T02:30:00+05:00", None),  # 21:30 UTC: 2 March, 00:30
    "far_offset": ("2024-03-03T11:00:00+14:00", "2024-03-03T12:00:00+14:00"),  # 21:30 UTC on 2 March
    "mixed": ("2024-03-01T22:00:00", "2024-03-04T00:00:00+00:00"),  # one end naive: the start, 1 March
    "long": ("2023-11-01T00:00:00+00:00", "2024-06-30T00:00:00+00:00"),  # eight months: 1 March
    "reversed": ("2024-03-10T00:00:00+00:00", "2024-02-21T00:00:00+00:00"),  # middle 1 March, 03:00
    "no_time": (None, None),
    "next_year": ("2025-03-01T12:00:00+00:00", "2025-03-01T13:00:00+00:00"),
}
BOUNDS: list[tuple[Bound, Bound]] = [
    (date(2024, 3, 1), date(2024, 3, 1)),
    (date(2024, 3, 2), date(2024, 3, 2)),
    (None, date(2024, 3, 1)),
    (date(2024, 3, 2), None),
    (date(2024, 2, 29), date(2024, 3, 3)),
    (datetime(2024, 3, 1, 21, tzinfo=UTC), datetime(2024, 3, 1, 21, 30, tzinfo=UTC)),
    (datetime(2024, 3, 1, 20, 59, 59), None),
    (date(2023, 1, 1), date(2026, 1, 1)),
    (date.min, date(9999, 12, 30)),  # bounds at the calendar's ends: no cut, every event with a time
    (datetime(1, 1, 1, tzinfo=timezone(timedelta(minutes=1))), date.max),
]
PUBLISHED = datetime(2024, 3, 1, 21, 15, tzinfo=UTC)  # what a claim without a time takes: 2 March


def _random_windows(n: int) -> dict[str, Window]:
    """Windows around 1 March 2024: offsets from -12:00 to +14:00 (the world's; PostgreSQL reads no more than 15
    hours), naive ones, long, reversed, one end missing."""
    rng = random.Random(5)
    offsets = [timedelta(hours=h, minutes=m) for h in range(-12, 14) for m in (0, 30)] + [timedelta(hours=14)]

    def stamp(moment: datetime) -> str:
        if rng.random() < 0.2:
            return moment.replace(tzinfo=None).isoformat()
        return moment.astimezone(timezone(rng.choice(offsets))).isoformat()

    windows: dict[str, Window] = {}
    for i in range(n):
        start = datetime(2024, 3, 1, tzinfo=UTC) + timedelta(minutes=rng.randint(-6 * 1440, 6 * 1440))
        end = start + timedelta(minutes=rng.choice([rng.randint(0, 600), rng.randint(-4000, 0), rng.randint(0, 40000)]))
        first, last = stamp(start), stamp(end)
        windows[f"r{i}"] = rng.choice([(first, last), (first, last), (first, None), (None, last)])
    return windows


def _fill_events(store: Store, windows: dict[str, Window]) -> None:
    with store.begin() as connection:
        rows = [{"id": key, "wave": "W", "time_start": s, "time_end": e} for key, (s, e) in windows.items()]
        connection.execute(insert(events), rows)


def _fill_claims(store: Store, windows: dict[str, Window]) -> dict[int, str]:
    """One claim per window, in one report published at PUBLISHED; claim id -> window name."""
    bare = Claim(Action.LAUNCHED, WeaponClass.UAV, count=1, evidence_span=(0, 4), rule_set="r")
    with store.begin() as connection:
        source_id = upsert_source(connection, Source("t.me/times"))
        write_reports(connection, [(source_id, Report("t.me/times", "1", "Пост: БПЛА", published=PUBLISHED))], None)
        report_id = connection.execute(select(claims.c.report_id.label("x")).limit(0)).scalar() or 1
        replace_claims_of_reports(connection, {report_id: [bare] * len(windows)}, None)
        ids = list(connection.execute(select(claims.c.id).order_by(claims.c.id)).scalars())
        for claim_id, (s, e) in zip(ids, windows.values(), strict=True):
            connection.execute(update(claims).where(claims.c.id == claim_id).values(time_start=s, time_end=e))
    return dict(zip(ids, windows, strict=True))


def _event_ids(store: Store, since: Bound, until: Bound) -> list[str]:
    low, high = browse.time_bounds(since, until)
    page = browse.list_events(store, browse.EventFilter(since=low, until=high), limit=500)
    return sorted(item["id"] for item in page.items)


def _claim_names(store: Store, names: dict[int, str], since: Bound, until: Bound) -> list[str]:
    low, high = browse.time_bounds(since, until)
    page = browse.list_claims(store, browse.ClaimFilter(since=low, until=high), limit=500)
    return sorted(names[item["id"]] for item in page.items)


def _day_rule(windows: dict[str, Window], since: Bound, until: Bound, published: str | None) -> list[str]:
    low, high = browse.time_bounds(since, until)
    moments = {key: claim_moment(*window) or claim_moment(published, None) for key, window in windows.items()}
    return sorted(key for key, moment in moments.items() if selection.within(moment, low, high))


@pytest.fixture
def no_first_cut(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A switch that turns the first cut off in browse and selection (the exact test alone)."""

    def switch() -> None:
        monkeypatch.setattr(browse, "window_prefilter", lambda *_: [])
        monkeypatch.setattr(selection, "window_prefilter", lambda *_: [])

    yield switch


@pytest.mark.parametrize(("since", "until"), BOUNDS)
def test_events_by_time_follow_the_day_rule_on_edge_windows(store: Store, since: Bound, until: Bound) -> None:
    _fill_events(store, EDGES)
    assert _event_ids(store, since, until) == _day_rule(EDGES, since, until, None)


@pytest.mark.parametrize(("since", "until"), BOUNDS)
def test_claims_by_time_follow_the_day_rule_on_edge_windows(store: Store, since: Bound, until: Bound) -> None:
    names = _fill_claims(store, EDGES)
    published = PUBLISHED.isoformat()
    assert _claim_names(store, names, since, until) == _day_rule(EDGES, since, until, published)


def test_the_first_cut_drops_nothing_the_exact_test_keeps(store: Store, no_first_cut: Any) -> None:
    windows = {**EDGES, **_random_windows(400)}
    _fill_events(store, windows)
    names = _fill_claims(store, windows)
    bounds = [*BOUNDS, *((date(2024, 2, d), date(2024, 3, d)) for d in (20, 25, 28))]
    with_cut = [(_event_ids(store, *b), _claim_names(store, names, *b)) for b in bounds]
    no_first_cut()
    assert [(_event_ids(store, *b), _claim_names(store, names, *b)) for b in bounds] == with_cut
    assert len({tuple(found) for found, _ in with_cut}) >= len(bounds) - 2  # the bounds keep different events


def test_a_claim_whose_time_sqlite_cannot_read_takes_its_report_time(sqlite_store: Store) -> None:
    windows: dict[str, Window] = {"unread": ("early March", None), "half": ("2024-02-01T00:00:00", "soon")}
    names = _fill_claims(sqlite_store, windows)

    def kept(day: date) -> list[str]:
        low, high = browse.time_bounds(day, day)
        with sqlite_store.connect() as connection:
            condition = selection.claim_condition(connection, selection.ClaimCriteria(since=low, until=high))
            return sorted(names[i] for i in connection.execute(select(claims.c.id).where(condition)).scalars())

    assert kept(date(2024, 3, 2)) == ["half", "unread"]  # the report's day
    assert kept(date(2024, 3, 1)) == []


def test_sqlite_walks_the_window_index_newest_first(sqlite_store: Store) -> None:
    _fill_events(sqlite_store, _random_windows(200))
    with sqlite_store.begin() as connection:
        connection.execute(text("ANALYZE"))
    f = browse.EventFilter(since="2024-03-01", until="2024-04-01")
    with sqlite_store.connect() as connection:
        query = browse._event_query(sqlite_store, connection, f).order_by(events.c.time_start.desc()).limit(51)
        compiled = str(query.compile(connection, compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(row[-1]) for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
    assert "ix_events_window" in plan and "TEMP B-TREE FOR ORDER BY" not in plan


def test_upgrading_a_ledger_says_so_and_creating_one_is_silent(tmp_path: Path) -> None:
    heard: list[str] = []
    fresh = open_store(f"sqlite:///{tmp_path / 'new.db'}", migrate=False)
    upgrade(fresh, heard.append)
    fresh.close()
    assert heard == []
    old = open_store(f"sqlite:///{tmp_path / 'old.db'}", migrate=False)
    with old.begin() as connection:
        command.upgrade(alembic_config(connection), "0003")
    upgrade(old, heard.append)
    old.close()
    assert len(heard) == 2
    assert f"from schema revision 0003 to {head_revision()}" in heard[0] and "leaves it as it was" in heard[0]
    assert heard[1].startswith(f"database upgraded to revision {head_revision()} in ")


def test_every_criterion_names_the_corrections_that_can_change_its_verdict() -> None:
    named = set(selection._FIELDS_READ) | {"source", "report_id", "event_id", "live"}
    assert named == {item.name for item in fields(selection.ClaimCriteria)}
    assert {name for names in selection._FIELDS_READ.values() for name in names} <= set(FIELDS)
    assert selection.ClaimCriteria(side="RU", live=True).fields_read() == ["claimant", "rejected"]


def test_a_corrected_time_moves_a_claim_and_a_corrected_count_does_not(store: Store) -> None:
    names = _fill_claims(store, {"moved": EDGES["just_before"], "counted": EDGES["just_before"]})
    ids = {name: claim_id for claim_id, name in names.items()}
    correct_claim(store, ids["moved"], {"time_start": "2024-03-05T12:00:00+00:00"}, author="a")
    correct_claim(store, ids["counted"], {"count": 9}, author="a")
    assert _claim_names(store, names, date(2024, 3, 1), date(2024, 3, 1)) == ["counted"]
    assert _claim_names(store, names, date(2024, 3, 5), date(2024, 3, 5)) == ["moved"]


def test_tallies_take_bounds_at_the_calendars_ends(store: Store) -> None:
    _fill_claims(store, EDGES)
    with store.begin() as connection:
        connection.execute(insert(events).values(id="E1", wave="W"))
        connection.execute(update(claims).values(event_id="E1"))
    everything = tally(store, by="weapon_class")
    assert everything and tally(store, by="weapon_class", f=TallyFilter(since="0001-01-01", until="9999-12-31")) == (
        everything
    )


def test_tallies_by_time_count_corrected_events_as_corrected(store: Store) -> None:
    names = _fill_claims(store, {"counted": EDGES["just_before"], "moved": EDGES["just_before"]})
    ids = {name: claim_id for claim_id, name in names.items()}
    with store.begin() as connection:
        connection.execute(insert(events), [{"id": "E1", "wave": "W"}, {"id": "E2", "wave": "W"}])
        connection.execute(update(claims).where(claims.c.id == ids["counted"]).values(event_id="E1"))
        connection.execute(update(claims).where(claims.c.id == ids["moved"]).values(event_id="E2"))
    correct_claim(store, ids["counted"], {"count": 7}, author="a")
    correct_claim(store, ids["moved"], {"time_start": "2024-03-12T09:00:00+00:00", "count": 5}, author="a")

    def figures(since: str, until: str) -> list[tuple[str, int, int]]:
        rows = tally(store, by="weapon_class", f=TallyFilter(since=since, until=until))
        return [(row["period"], row["figure"], row["events"]) for row in rows]

    assert figures("2024-03-10", "2024-03-20") == [("2024-03-12", 5, 1)]
    assert figures("2024-02-28", "2024-03-03") == [("2024-03-01", 7, 1)]
