"""The Python API: a ledger (one store) whose records come out as pandas DataFrames.

>>> import skyledger
>>> ledger = skyledger.open(folder / "ledger.db")   # a file path or a database URL; created when new
>>> ledger.claims().empty
True
>>> ledger.ingest(folder / "post.txt").new
1
>>> ledger.process().reports
1
>>> claims = ledger.claims()
>>> int(claims["count"].sum()) > 0 and bool((claims["region"] == "RU-KLU").all())
True
>>> ledger.close()

Filters are keyword arguments, the same everywhere (``claims``, ``events``, ``reports``, ``tally``, ``export``):
``region`` (ISO 3166-2), ``country``, ``since`` / ``until`` (dates, inclusive), ``weapon`` (weapon class),
``action``, ``claimant``, ``side``, ``credibility`` (at least this good: 1 is best), ``event``, ``source``.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd

from skyledger import pipeline
from skyledger.diff import RunDiff, diff, diff_since
from skyledger.export import ExportSummary, export, records
from skyledger.store import Store, open_store
from skyledger.store.corrections import Correction
from skyledger.store.records import make_filters
from skyledger.tally import plot, tally

__all__ = ["Ledger", "open"]


def open(url_or_path: str | Path, *, read_only: bool = False) -> Ledger:
    """Open (creating where needed) the ledger at a SQLite file path or a database URL
    (``sqlite:///ledger.db``, ``postgresql+psycopg://user@host/db``)."""
    text = str(url_or_path)
    url = text if "://" in text else f"sqlite:///{text}"
    return Ledger(open_store(url, read_only=read_only))


class Ledger:
    """One store, with the pipeline, the records as DataFrames, tallies, corrections, exports and diffs."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __repr__(self) -> str:
        return f"Ledger({self.store.url!r})"

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    # -- the pipeline ------------------------------------------------------------------------------------------------

    def ingest(self, path: str | Path, *, format: str | None = None) -> pipeline.IngestSummary:
        """Read a file, folder or URL into the ledger (idempotent: the same input twice adds nothing)."""
        return pipeline.ingest(self.store, str(path), format=format)

    def process(self) -> pipeline.ProcessSummary:
        """Extract claims from new or edited reports, then link and grade events."""
        return pipeline.process(self.store)

    # -- records -----------------------------------------------------------------------------------------------------

    def claims(self, **filters: Any) -> pd.DataFrame:
        """One row per claim, corrections applied (``corrected``, ``corrected_fields``)."""
        return _frame(records(self.store, "claims", make_filters(**filters)))

    def events(self, **filters: Any) -> pd.DataFrame:
        """One row per event with its grade (credibility 1-6, independent sources, counts low / best / high)."""
        return _frame(records(self.store, "events", make_filters(**filters)))

    def reports(self, **filters: Any) -> pd.DataFrame:
        """One row per report, its text verbatim."""
        return _frame(records(self.store, "reports", make_filters(**filters)))

    def corrections(self) -> pd.DataFrame:
        """Every correction made, with the claim it applies to now (``claim_id`` missing: unmatched)."""
        return _frame(records(self.store, "corrections"))

    def tally(self, by: str = "day", group: str = "region", **filters: Any) -> pd.DataFrame:
        """Figures per period (day, week, month) and group (region, weapon, claimant, side); see ``skyledger.tally``."""
        return tally(self.store, by=by, group=group, filters=make_filters(**filters))

    def plot(self, path: str | Path, by: str = "day", group: str = "region", **filters: Any) -> Path:
        """A stacked-bar chart of :meth:`tally` written to ``path`` (PNG, SVG or PDF)."""
        return plot(self.tally(by=by, group=group, **filters), path, by=by)

    # -- corrections, exports, diffs ---------------------------------------------------------------------------------

    def correct(self, claim_id: int, *, author: str, note: str | None = None, **changes: Any) -> list[Correction]:
        """Correct fields of a claim (``count=6, region="RU-KLU"``); the machine's value is kept beside."""
        return pipeline.correct(self.store, claim_id, changes, author=author, note=note)

    def export(
        self, what: str, format: str, path: str | Path, *, region_geometry: str = "polygon", **filters: Any
    ) -> ExportSummary:
        """Write claims / events / reports / corrections as csv, jsonl, parquet, geojson, acled or claims-jsonl."""
        return export(
            self.store,
            what=what,
            format=format,
            path=path,
            filters=make_filters(**filters),
            region_geometry=region_geometry,
        )

    def diff(self, run_a: int, run_b: int) -> RunDiff:
        """Events and claims added, changed or merged by the runs after ``run_a`` up to ``run_b``."""
        return diff(self.store, run_a, run_b)

    def diff_since(self, day: Any) -> RunDiff:
        """Like :meth:`diff`, for the runs started on or after ``day`` (a date or ISO text)."""
        return diff_since(self.store, make_filters(since=day).since or day)


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A DataFrame whose integer columns with gaps stay integers (pandas' nullable ``Int64``), not floats."""
    frame = pd.DataFrame.from_records(rows)
    for column in frame.columns:
        values = [row[column] for row in rows if row[column] is not None]
        if values and all(isinstance(value, int) and not isinstance(value, bool) for value in values):
            frame[column] = pd.array([row[column] for row in rows], dtype="Int64")
    return frame
