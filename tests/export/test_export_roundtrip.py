"""Every export round-trips: written, read back with pandas / pyarrow / json, the same rows and values."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from ledger_fixture import fill
from skyledger.errors import UsageError
from skyledger.export import ALLOWED, SCHEMA_VERSION, export, records
from skyledger.store import Store
from skyledger.store.corrections import correct_claim

LIST_COLUMNS = {"regions", "cites", "corrected_fields", "weapon_classes", "actions", "claimants", "sources"}
TABULAR = [(what, fmt) for what, formats in ALLOWED.items() for fmt in formats if fmt in {"csv", "jsonl", "parquet"}]


@pytest.fixture
def filled(store: Store) -> Store:
    ids = fill(store)
    correct_claim(store, ids["claims"][0], {"count": 2, "cites": ["mod:RU"]}, author="tester")
    return store


def _same(expected: Any, got: Any) -> bool:
    """Equal, allowing what a CSV reader does to types: NaN for empty, floats for integer columns with gaps."""
    if expected is None:
        return got is None or (isinstance(got, float) and math.isnan(got)) or got == ""
    if isinstance(expected, list):
        return expected == (json.loads(got) if isinstance(got, str) else list(got))
    if isinstance(expected, bool):
        return bool(got) == expected and str(got).lower() in {"true", "false", "1", "0"}
    if isinstance(expected, int | float) and not isinstance(got, str):
        return float(expected) == float(got)
    return str(expected) == str(got)


def _compare(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> None:
    assert len(got) == len(expected)
    for want, have in zip(expected, got, strict=True):
        assert have["schema_version"] == SCHEMA_VERSION
        assert set(have) == {"schema_version", *want}
        wrong = {key: (value, have[key]) for key, value in want.items() if not _same(value, have[key])}
        assert not wrong


@pytest.mark.parametrize(("what", "fmt"), TABULAR)
def test_tabular_exports_round_trip(filled: Store, tmp_path: Path, what: str, fmt: str) -> None:
    path = tmp_path / f"out.{fmt}"
    summary = export(filled, what=what, format=fmt, path=path)
    expected = records(filled, what)
    assert summary.rows == len(expected) > 0
    if fmt == "csv":
        got = pd.read_csv(path).to_dict("records")
    elif fmt == "jsonl":
        got = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
        assert got == [{"schema_version": SCHEMA_VERSION, **row} for row in expected]  # exactly, types included
    else:
        table = pq.read_table(path)
        assert table.schema.metadata[b"skyledger_schema"] == SCHEMA_VERSION.encode()
        got = table.to_pylist()
        assert got == [{"schema_version": SCHEMA_VERSION, **row} for row in expected]
        assert len(pd.read_parquet(path)) == len(expected)
    _compare(expected, got)


def test_claims_csv_keeps_cyrillic_evidence_and_the_correction(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    export(filled, what="claims", format="csv", path=path)
    frame = pd.read_csv(path)
    first = frame.iloc[0]
    assert first["evidence"] == "уничтожен беспилотник"
    assert first["count"] == 2 and bool(first["corrected"]) is True
    assert json.loads(first["corrected_fields"]) == ["count", "cites"]
    assert json.loads(first["cites"]) == ["mod:RU"]
    assert not frame.iloc[1:]["corrected"].any()


def test_filters_select_rows(filled: Store, tmp_path: Path) -> None:
    from skyledger.store.records import make_filters

    path = tmp_path / "ua.jsonl"
    summary = export(filled, what="claims", format="jsonl", path=path, filters=make_filters(side="ua"))
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert summary.rows == 3 and {row["side"] for row in rows} == {"UA"}
    events = records(filled, "events", make_filters(since="2024-05-13", credibility=3))
    assert [row["event_id"] for row in events] == ["E3", "E4", "E5"]  # the night of 13 May is the 13th
    night = records(filled, "events", make_filters(since="2024-05-12", until="2024-05-12"))
    assert [row["event_id"] for row in night] == ["E1", "E2"]
    assert [row["event_id"] for row in records(filled, "events", make_filters(credibility=2))] == ["E1"]


def test_empty_store_exports_a_header(sqlite_store: Store, tmp_path: Path) -> None:
    for fmt in ("csv", "parquet"):
        path = tmp_path / f"empty.{fmt}"
        assert export(sqlite_store, what="claims", format=fmt, path=path).rows == 0
        frame = pd.read_csv(path) if fmt == "csv" else pd.read_parquet(path)
        assert len(frame) == 0 and "schema_version" in frame.columns and "claim_id" in frame.columns


@pytest.mark.parametrize(
    ("what", "fmt", "message"),
    [("reports", "geojson", "not offered"), ("claims", "acled", "not offered"), ("things", "csv", "cannot export")],
)
def test_impossible_exports_are_usage_errors(
    sqlite_store: Store, tmp_path: Path, what: str, fmt: str, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        export(sqlite_store, what=what, format=fmt, path=tmp_path / "x")


def test_missing_folder_is_a_usage_error_and_leaves_nothing(sqlite_store: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        export(sqlite_store, what="claims", format="csv", path=tmp_path / "nowhere" / "x.csv")
    assert not (tmp_path / "nowhere").exists()


def test_a_failed_write_leaves_no_half_file(sqlite_store: Store, tmp_path: Path) -> None:
    fill(sqlite_store)
    target = tmp_path / "claims.csv"
    target.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(UsageError, match="cannot write"):
        export(sqlite_store, what="claims", format="csv", path=target)
    assert not list(tmp_path.glob(".claims.csv.*"))


def test_every_column_is_documented(filled: Store) -> None:
    from skyledger.export.acled import COLUMNS

    text = (Path(__file__).resolve().parents[2] / "docs" / "exports.md").read_text("utf-8")
    columns = {name for what in ("claims", "events", "reports", "corrections") for name in records(filled, what)[0]}
    missing = sorted(name for name in columns | set(COLUMNS) | {"schema_version"} if f"`{name}`" not in text)
    assert not missing
