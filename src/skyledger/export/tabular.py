"""CSV, JSON Lines and Parquet writers for flat records. Every row carries ``schema_version``.

- CSV: UTF-8, a header line, lists written as JSON text (``["mod:RU"]``), empty cells for None, booleans as
  ``true`` / ``false``.
- JSON Lines: one object per line, lists as JSON arrays, Cyrillic unescaped.
- Parquet (pyarrow): lists as ``list<string>``, nullable integers kept as integers; the schema version also in the
  file's key-value metadata (``skyledger_schema``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from skyledger.store.records import SCHEMA_VERSION


def with_version(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"schema_version": SCHEMA_VERSION, **record} for record in records]


def columns_of(records: Sequence[dict[str, Any]], default: Sequence[str]) -> list[str]:
    return list(records[0]) if records else ["schema_version", *default]


def write_csv(records: Sequence[dict[str, Any]], path: Path, *, columns: Sequence[str]) -> int:
    rows = with_version(records)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns_of(rows, columns))
        for row in rows:
            writer.writerow([_cell(value) for value in row.values()])
    return len(rows)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_jsonl(records: Sequence[dict[str, Any]], path: Path) -> int:
    rows = with_version(records)
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def write_parquet(records: Sequence[dict[str, Any]], path: Path, *, columns: Sequence[str]) -> int:
    rows = with_version(records)
    names = columns_of(rows, columns)
    arrays = [pa.array([row[name] for row in rows], type=_arrow_type(name, rows)) for name in names]
    table = pa.Table.from_arrays(arrays, names=names)
    table = table.replace_schema_metadata({"skyledger_schema": SCHEMA_VERSION})
    pq.write_table(table, path)
    return len(rows)


def _arrow_type(name: str, rows: Sequence[dict[str, Any]]) -> pa.DataType:
    """The column's type from its values; a column of only None is a string column."""
    values = [row[name] for row in rows if row[name] is not None]
    if not values:
        return pa.string()
    first = values[0]
    if isinstance(first, bool):
        return pa.bool_()
    if isinstance(first, int) and all(isinstance(value, int) for value in values):
        return pa.int64()
    if isinstance(first, int | float):
        return pa.float64()
    if isinstance(first, list):
        return pa.list_(pa.string())
    return pa.string()
