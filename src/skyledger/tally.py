"""Tallies of claimed figures over time, grouped by region, weapon class, claimant or side, as a pandas DataFrame, and a
stacked-bar chart of them.

The figures are those of the one tally engine, :func:`skyledger.store.tallies.tally` (the dashboard's too): per event,
period, action, weapon class and group, the largest count any of its claims gives, summed over events; rewrites of one
post, and two claimants of one side about the same event, count once in a tally by side (once each in a tally by
claimant). A week's or month's figure takes one figure per event in it. Corrections are applied and rejected claims
left out. A claim's period is that of its day (:func:`skyledger.store.times.claim_day`: the UTC+3 date of the middle of
its time window). Counted are claims linked to an event and with a time window; claims without either are left out,
as on the dashboard. This module only turns the engine's rows into a table and a chart.

The table (long form) has one row per (period, action, group): ``period`` (the first day of the day / ISO week /
month, ISO text), ``action``, the group's column (``region``, ``weapon_class``, ``claimant`` or ``side``; a claim
without a region is ``"national"``, without another value ``"unknown"``), ``figure`` (the sum of figures), ``claims``
(claims counted) and ``events`` (distinct events).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from skyledger.errors import UsageError
from skyledger.store import tallies
from skyledger.store.core import Store
from skyledger.store.records import Filters

PERIODS = tallies.PERIODS
# --group value -> the record column it groups on
GROUPS = {
    "region": "region",
    "weapon": "weapon_class",
    "weapon_class": "weapon_class",
    "claimant": "claimant",
    "side": "side",
}
MEASURES = ("figure", "claims", "events")
TABLE_COLUMNS = ("period", "action", "figure", "claims", "events")
_UNITS = {"day": "day", "week": "week starting (Monday)", "month": "month"}
_MEASURE_LABELS = {"figure": "weapons claimed", "claims": "claims", "events": "events"}
_MEASURE_TITLES = {
    "figure": "weapons claimed (the largest figure per event, summed)",
    "claims": "claims",
    "events": "events",
}
MISSING = {"region": "national"}  # the label of a claim without a value in the group's column; else "unknown"


def period_start(day: date, by: str) -> date:
    """The first day of the day / ISO week / month holding ``day``."""
    return date.fromisoformat(tallies.period_of(day.isoformat(), by))


def tally_filter(filters: Filters | None) -> tallies.TallyFilter:
    """The engine's filter for the analyst's :class:`~skyledger.store.records.Filters` (``until`` inclusive there)."""
    f = filters or Filters()
    until = (f.until + timedelta(days=1)).isoformat() if f.until else None
    return tallies.TallyFilter(
        action=f.action,
        region=f.region,
        country=f.country,
        weapon_class=f.weapon,
        claimant=f.claimant,
        side=f.side,
        since=f.since.isoformat() if f.since else None,
        until=until,
        event=f.event,
        source=f.source,
        credibility=f.credibility,
    )


def tally(store: Store, *, by: str = "day", group: str = "region", filters: Filters | None = None) -> pd.DataFrame:
    """The tally of claims matching ``filters``, per ``by`` (day, week, month) and ``group`` (region, weapon, claimant,
    side), as a long DataFrame (see the module docstring)."""
    if by not in PERIODS:
        raise UsageError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    if group not in GROUPS:
        raise UsageError(f"--group must be one of region, weapon, claimant, side, not {group!r}")
    column = GROUPS[group]
    rows = [
        {
            "period": row["period"],
            "action": row["action"],
            column: row["key"] or MISSING.get(column, "unknown"),
            "figure": row["figure"],
            "claims": row["claims"],
            "events": row["events"],
        }
        for row in tallies.tally(store, period=by, by=column, f=tally_filter(filters))
    ]
    frame = pd.DataFrame(rows, columns=["period", "action", column, "figure", "claims", "events"])
    return frame.astype({"figure": "int64", "claims": "int64", "events": "int64"})


def pivot(table: pd.DataFrame, *, measure: str = "figure", action: str | None = None) -> pd.DataFrame:
    """The wide form of one action's tally: one row per period, one column per group, ``measure`` in the cells."""
    if measure not in MEASURES:
        raise UsageError(f"--measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    group = _group_column(table)
    rows = table if action is None else table[table["action"] == action]
    wide = rows.pivot_table(index="period", columns=group, values=measure, aggfunc="sum", fill_value=0)
    wide.columns.name = group
    return wide.astype("int64")


def plot(table: pd.DataFrame, path: str | Path, *, measure: str = "figure", by: str = "day") -> Path:
    """A stacked-bar chart of the tally (one panel per action) written to ``path`` (PNG, SVG or PDF by its suffix)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    target = Path(path)
    if not target.parent.is_dir():
        raise UsageError("the folder to write the chart into does not exist", path=str(target.parent))
    if table.empty:
        raise UsageError("nothing to plot: no dated claims match the filters")
    group = _group_column(table)
    actions = sorted(table["action"].unique())
    figure, axes = plt.subplots(len(actions), 1, figsize=(10, 3.6 * len(actions)), squeeze=False)
    for axis, action in zip(axes[:, 0], actions, strict=True):
        wide = pivot(table, measure=measure, action=action)
        wide.plot(kind="bar", stacked=True, ax=axis, width=0.8)
        axis.set_title(f"{action}: {_MEASURE_TITLES[measure]} by {group}")
        axis.set_xlabel(_UNITS.get(by, by))
        axis.set_ylabel(_MEASURE_LABELS[measure])
        axis.legend(title=group, fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0))
        axis.tick_params(axis="x", labelrotation=45)
    figure.tight_layout()
    try:
        figure.savefig(target, dpi=110)
    except (OSError, ValueError) as error:
        raise UsageError(f"cannot write the chart: {error}", path=str(target)) from None
    finally:
        plt.close(figure)
    return target


def _group_column(table: pd.DataFrame) -> str:
    extra = [name for name in table.columns if name not in TABLE_COLUMNS]
    if len(extra) != 1:
        raise UsageError("not a tally table: it needs exactly one group column")
    return str(extra[0])


def describe(table: pd.DataFrame) -> dict[str, Any]:
    """Totals of a tally, for summaries: figure, claims, periods, groups."""
    if table.empty:
        return {"figure": 0, "claims": 0, "periods": 0, "groups": 0}
    group = _group_column(table)
    return {
        "figure": int(table["figure"].sum()),
        "claims": int(table["claims"].sum()),
        "periods": int(table["period"].nunique()),
        "groups": int(table[group].nunique()),
    }
