"""The ACLED-shaped event table loads with ACLED's column names and maps skyledger's events onto its codebook."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ledger_fixture import fill
from skyledger.export import SCHEMA_VERSION, export, records
from skyledger.export.acled import ACLED_COLUMNS, OWN_COLUMNS, acled_rows
from skyledger.store import Store


@pytest.fixture
def frame(store: Store, tmp_path: Path) -> pd.DataFrame:
    fill(store)
    path = tmp_path / "acled.csv"
    summary = export(store, what="events", format="acled", path=path)
    data = pd.read_csv(path, keep_default_na=False, na_values=[""])
    assert summary.rows == len(data)
    return data.set_index("skyledger_event_id", drop=False)


def test_acled_columns_and_rows(frame: pd.DataFrame) -> None:
    assert set(ACLED_COLUMNS) <= set(frame.columns) and set(OWN_COLUMNS) <= set(frame.columns)
    assert (frame["schema_version"] == SCHEMA_VERSION).all()
    assert list(frame.index) == ["E1", "E2", "E3", "E4", "E5"]  # the merged-away E6 is not an event any more
    assert (frame["event_type"] == "Explosions/Remote violence").all()
    assert (frame["disorder_type"] == "Political violence").all()


def test_acled_values_follow_the_codebook(frame: pd.DataFrame) -> None:
    kaluga, kyiv = frame.loc["E1"], frame.loc["E5"]
    assert kaluga["event_id_cnty"] == "RUSE1" and kyiv["event_id_cnty"] == "UKRE5"
    assert kaluga["country"] == "Russia" and kaluga["admin1"] == "Kaluga Oblast" and kaluga["admin2"] == "Dzerzhinsky"
    assert kaluga["event_date"] == "2024-05-12" and kaluga["year"] == 2024 and kaluga["time_precision"] == 1
    assert kaluga["sub_event_type"] == "Air/drone strike"
    assert kyiv["sub_event_type"] == "Shelling/artillery/missile attack"
    # actor1: the attacker the event's claimants name (all Russian claimants -> Ukraine's forces, and the reverse)
    assert kaluga["actor1"] == "Military Forces of Ukraine (2019-)"
    assert kyiv["actor1"] == "Military Forces of Russia (2000-)"
    # region-level: the region's centroid, geo_precision 3; the Kyiv event has claim coordinates in a settlement
    assert kaluga["geo_precision"] == 3 and kaluga["geo_basis"] == "region centroid"
    assert 53 < kaluga["latitude"] < 56 and 33 < kaluga["longitude"] < 37
    assert (kyiv["latitude"], kyiv["longitude"], kyiv["geo_precision"]) == (50.45, 30.52, 2)
    assert kyiv["location"] == "Kyiv" and kyiv["fatalities"] == 1 and kaluga["fatalities"] == 0
    assert kaluga["source"] == "t.me/kaluga_governor; t.me/mod_russia; tass.com"
    assert kaluga["source_scale"] == "National-New media"
    assert kaluga["claimant"] == "mod:RU" and kaluga["independent_sources"] == 2 and kaluga["credibility"] == 2
    national = frame.loc["E4"]
    assert pd.isna(national["latitude"]) and pd.isna(national["geo_precision"]) and pd.isna(national["admin1"])


def test_acled_round_trip(store: Store, tmp_path: Path, frame: pd.DataFrame) -> None:
    expected = acled_rows(records(store, "events"), records(store, "claims"))
    for row in expected:
        got = frame.loc[row["skyledger_event_id"]]
        for column, value in row.items():
            have = got[column]
            if value is None or value == "":
                assert pd.isna(have) or have == "", column
            elif isinstance(value, float | int):
                assert float(have) == float(value), column
            else:
                assert str(have) == str(value), column
