"""The one tally engine (store.tallies, behind the dashboard and ``skyledger tally``) against the rule computed here
from the flat claim records: per event, period, action, weapon class and group the largest count, summed over events;
claims linked to an event and with a time window only."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from skyledger import pipeline
from skyledger.samples import samples_dir
from skyledger.store import Store
from skyledger.store.records import claim_records
from skyledger.store.tallies import GROUPINGS, TallyFilter, period_of, tallies
from skyledger.store.tallies import tally as sql_tally
from skyledger.tally import tally as frame_tally


@pytest.fixture
def processed(store: Store) -> Store:
    pipeline.ingest(store, str(samples_dir() / "telegram" / "result.json"))
    for part in ("text", "feeds", "pages"):
        pipeline.ingest(store, str(samples_dir() / part))
    pipeline.process(store)
    return store


def _expected(records: list[dict[str, Any]], period: str) -> dict[tuple[str, str, str], tuple[int, int, int]]:
    figures: dict[tuple[str, str, str, str, str], int] = {}
    claims: dict[tuple[str, str, str], int] = defaultdict(int)
    events: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for r in records:
        if r["rejected"] or not r["time_start"] or not r["event_id"]:
            continue
        key = (period_of(r["day"], period), r["action"], r["weapon_class"] or "unknown")
        unit = (*key, r["event_id"], r["weapon_class"] or "")
        figures[unit] = max(figures.get(unit, 0), r["count"] or 0)
        claims[key] += 1
        events[key].add(r["event_id"])
    sums: dict[tuple[str, str, str], int] = defaultdict(int)
    for (when, action, value, _event, _weapon), figure in figures.items():
        sums[(when, action, value)] += figure
    return {key: (sums[key], n, len(events[key])) for key, n in claims.items()}


@pytest.mark.parametrize("period", ["day", "week", "month"])
def test_the_tally_follows_the_rule_for_both_callers(processed: Store, period: str) -> None:
    records = claim_records(processed)
    dated = [r for r in records if r["time_start"] and r["event_id"]]
    assert len({r["day"] for r in dated}) > 1  # several days, so that a day rule can disagree
    expected = _expected(records, period)
    frame = frame_tally(processed, by=period, group="weapon")
    analyst = {(r.period, r.action, r.weapon_class): (r.figure, r.claims, r.events) for r in frame.itertuples()}
    assert analyst == expected
    rows = sql_tally(processed, period=period, by="weapon_class")
    sql = {(r["period"], r["action"], r["key"] or "unknown"): (r["figure"], r["claims"], r["events"]) for r in rows}
    assert sql == expected


@pytest.mark.parametrize(("period", "since"), [("day", None), ("week", None), ("month", "2025-01-01")])
def test_several_groupings_at_once_give_each_grouping_s_own_tally(
    processed: Store, period: str, since: str | None
) -> None:
    dated = [r for r in claim_records(processed) if r["time_start"] and r["event_id"] and r["count"]]
    first, second = dated[0], dated[-1]
    pipeline.correct(processed, first["claim_id"], {"count": first["count"] + 40, "region": "UA-63"}, author="anna")
    pipeline.correct(processed, second["claim_id"], {"rejected": True}, author="anna")
    f = TallyFilter(since=since)
    together = tallies(processed, period=period, bys=GROUPINGS, f=f)
    assert set(together) == set(GROUPINGS)
    for by in GROUPINGS:
        alone = sql_tally(processed, period=period, by=by, f=f)
        assert alone, by
        assert together[by] == alone, by
