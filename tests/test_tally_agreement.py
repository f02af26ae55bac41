"""The dashboard's SQL tally (store.tallies) and ``skyledger tally`` (skyledger.tally): the same days and figures."""

from __future__ import annotations

from skyledger import pipeline
from skyledger.samples import samples_dir
from skyledger.store import Store
from skyledger.store.records import claim_records
from skyledger.store.tallies import tally as sql_tally
from skyledger.tally import tally as frame_tally


def test_both_tallies_agree_per_day(store: Store) -> None:
    pipeline.ingest(store, str(samples_dir() / "telegram" / "result.json"))
    for part in ("text", "feeds", "pages"):
        pipeline.ingest(store, str(samples_dir() / part))
    pipeline.process(store)
    dated = [r for r in claim_records(store) if r["time_start"] and r["event_id"]]
    assert len({r["day"] for r in dated}) > 1  # several days, so that a day rule can disagree
    rows = sql_tally(store, by="weapon_class")
    sql = {(r["period"], r["action"], r["key"]): (r["figure"], r["claims"]) for r in rows}
    frame = frame_tally(store, by="day", group="weapon")
    analyst = {(r.period, r.action, r.weapon_class): (r.figure, r.claims) for r in frame.itertuples()}
    assert sql == analyst
    assert sum(claims for _, claims in sql.values()) == len(dated)
