"""Runs: one row per ``ingest`` or ``process``, with a JSON summary of what it did.

A run with ``finished_at`` null was interrupted (or is still going).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update

from skyledger.model import dumps
from skyledger.store.core import Store
from skyledger.store.schema import runs
from skyledger.store.times import utc_now


@dataclass(frozen=True, slots=True)
class Run:
    id: int
    kind: str
    started_at: str
    finished_at: str | None
    stats: dict[str, Any]


def start_run(store: Store, kind: str) -> int:
    with store.begin() as connection:
        result = connection.execute(insert(runs).values(kind=kind, started_at=utc_now()).returning(runs.c.id))
        return int(result.scalar_one())


def set_run_stats(store: Store, run_id: int, stats: Mapping[str, Any]) -> None:
    """Record a run's stats so far (without finishing it): later steps of the same run may read them."""
    with store.begin() as connection:
        connection.execute(update(runs).where(runs.c.id == run_id).values(stats=dumps(dict(stats))))


def finish_run(store: Store, run_id: int, stats: Mapping[str, Any]) -> None:
    with store.begin() as connection:
        connection.execute(
            update(runs).where(runs.c.id == run_id).values(finished_at=utc_now(), stats=dumps(dict(stats)))
        )


def get_run(store: Store, run_id: int) -> Run | None:
    with store.connect() as connection:
        row = connection.execute(select(runs).where(runs.c.id == run_id)).first()
    if row is None:
        return None
    return Run(row.id, row.kind, row.started_at, row.finished_at, json.loads(row.stats) if row.stats else {})


def list_runs(store: Store, limit: int = 20) -> list[Run]:
    """The most recent runs first."""
    with store.connect() as connection:
        rows = connection.execute(select(runs).order_by(runs.c.id.desc()).limit(limit)).all()
    return [
        Run(row.id, row.kind, row.started_at, row.finished_at, json.loads(row.stats) if row.stats else {})
        for row in rows
    ]
