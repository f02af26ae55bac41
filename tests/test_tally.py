"""Tallies: figures per period and group (rewrites and repeated claimants counted once), and the chart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import update

from ledger_fixture import fill
from skyledger.errors import UsageError
from skyledger.store import Store
from skyledger.store.corrections import correct_claim
from skyledger.store.records import claim_records, make_filters
from skyledger.store.schema import claims
from skyledger.store.tallies import tally as sql_tally
from skyledger.tally import period_start, pivot, plot, tally, tally_filter


@pytest.fixture
def filled(store: Store) -> Store:
    fill(store)
    return store


def _rows(frame, group: str) -> set[tuple]:  # type: ignore[no-untyped-def]
    return {(r.period, r.action, getattr(r, group), r.figure, r.claims, r.events) for r in frame.itertuples()}


def test_tally_by_region_counts_each_event_once(filled: Store) -> None:
    table = tally(filled, by="day", group="region")
    assert list(table.columns) == ["period", "action", "region", "figure", "claims", "events"]
    assert _rows(table, "region") == {
        # Kaluga: the governor's 1, the ministry's 5 and TASS's rewrite of the 5: one event, figure 5, three claims
        ("2024-05-12", "intercepted", "RU-KLU", 5, 3, 1),
        ("2024-05-12", "intercepted", "RU-BRY", 7, 1, 1),
        ("2024-05-13", "launched", "national", 20, 1, 1),
        ("2024-05-13", "intercepted", "UA-32", 17, 1, 1),
        ("2024-06-02", "intercepted", "UA-30", 2, 1, 1),
    }


def test_tally_by_claimant_and_side_per_month(filled: Store) -> None:
    by_claimant = tally(filled, by="month", group="claimant", filters=make_filters(action="intercepted"))
    assert _rows(by_claimant, "claimant") == {
        ("2024-05-01", "intercepted", "regional_authority:RU-KLU", 1, 1, 1),
        ("2024-05-01", "intercepted", "mod:RU", 12, 3, 2),  # Kaluga 5 (twice: one figure) + Bryansk 7
        ("2024-05-01", "intercepted", "armed_forces:UA", 17, 1, 1),
        ("2024-06-01", "intercepted", "armed_forces:UA", 2, 1, 1),
    }
    by_side = tally(filled, by="month", group="side", filters=make_filters(action="intercepted"))
    # the governor (1) and the ministry (5) about one Kaluga event are one figure of one side: 5, + Bryansk 7
    assert ("2024-05-01", "intercepted", "RU", 12, 4, 2) in _rows(by_side, "side")


def test_tally_applies_corrections_and_leaves_out_rejected_claims(filled: Store) -> None:
    records = claim_records(filled)
    bryansk = next(r for r in records if r["region"] == "RU-BRY")
    kyiv = next(r for r in records if r["region"] == "UA-30")
    correct_claim(filled, bryansk["claim_id"], {"count": 9}, author="anna")
    correct_claim(filled, kyiv["claim_id"], {"rejected": True}, author="anna")
    table = tally(filled, by="week", group="weapon")
    weeks = _rows(table, "weapon_class")
    # the week of Monday 6 May: Kaluga 5, Bryansk 9 (corrected from 7); the night of Monday 13 May is the next week
    assert ("2024-05-06", "intercepted", "uav", 5 + 9, 4, 2) in weeks
    assert ("2024-05-13", "intercepted", "uav", 17, 1, 1) in weeks
    assert not any(row[0] == "2024-05-27" for row in weeks)  # the rejected Kyiv claim is gone


def _move(store: Store, claim_id: int, **values: object) -> None:
    with store.engine.begin() as connection:
        connection.execute(update(claims).where(claims.c.id == claim_id).values(**values))


def test_a_week_takes_one_figure_per_event_in_both_callers(filled: Store) -> None:
    tass = next(r for r in claim_records(filled) if r["source"] == "tass.com")
    # TASS's rewrite of the Kaluga 5, dated the night before (Saturday 11 May): same event, same week, another day
    _move(filled, tass["claim_id"], time_start="2024-05-10T21:00:00+00:00", time_end="2024-05-11T03:00:00+00:00")
    days = _rows(tally(filled, by="day", group="region", filters=make_filters(region="RU-KLU")), "region")
    assert days == {("2024-05-11", "intercepted", "RU-KLU", 5, 1, 1), ("2024-05-12", "intercepted", "RU-KLU", 5, 2, 1)}
    weeks = _rows(tally(filled, by="week", group="region", filters=make_filters(region="RU-KLU")), "region")
    assert weeks == {("2024-05-06", "intercepted", "RU-KLU", 5, 3, 1)}  # one event: 5, not 5 + 5
    (row,) = sql_tally(filled, period="week", by="region", f=tally_filter(make_filters(region="RU-KLU")))
    assert (row["period"], row["key"], row["figure"], row["claims"], row["events"]) == ("2024-05-06", "RU-KLU", 5, 3, 1)


def test_claims_without_an_event_or_a_window_are_left_out(filled: Store) -> None:
    records = claim_records(filled)
    bryansk = next(r for r in records if r["region"] == "RU-BRY")
    kyiv = next(r for r in records if r["region"] == "UA-30")
    _move(filled, bryansk["claim_id"], event_id=None)
    _move(filled, kyiv["claim_id"], time_start=None, time_end=None)
    regions = {row[2] for row in _rows(tally(filled, by="month", group="region"), "region")}
    assert regions == {"RU-KLU", "UA-32", "national"}
    assert {row["key"] for row in sql_tally(filled, period="month", by="region")} == {"RU-KLU", "UA-32", None}


def test_filters_of_the_analyst(filled: Store) -> None:
    until = tally(filled, group="side", filters=make_filters(until="2024-05-12"))  # inclusive
    assert set(until["period"]) == {"2024-05-12"}
    graded = tally(filled, group="region", filters=make_filters(credibility=2))  # only E1 is graded 2
    assert _rows(graded, "region") == {("2024-05-12", "intercepted", "RU-KLU", 5, 3, 1)}
    tass = tally(filled, group="claimant", filters=make_filters(source="tass.com"))
    assert _rows(tass, "claimant") == {("2024-05-12", "intercepted", "mod:RU", 5, 1, 1)}
    assert tally(filled, filters=make_filters(event="E5"))["figure"].tolist() == [2]


def test_pivot_is_one_column_per_group(filled: Store) -> None:
    wide = pivot(tally(filled, group="region"), action="intercepted")
    assert list(wide.columns) == ["RU-BRY", "RU-KLU", "UA-30", "UA-32"]
    assert wide.loc["2024-05-12"].tolist() == [7, 5, 0, 0]


def test_period_start() -> None:
    assert period_start(date(2024, 5, 12), "week") == date(2024, 5, 6)
    assert period_start(date(2024, 5, 12), "month") == date(2024, 5, 1)
    assert period_start(date(2024, 5, 12), "day") == date(2024, 5, 12)


def test_bad_arguments(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--by"):
        tally(filled, by="year")
    with pytest.raises(UsageError, match="--group"):
        tally(filled, group="colour")
    with pytest.raises(UsageError, match="nothing to plot"):
        plot(tally(filled, filters=make_filters(region="RU-TVE")), tmp_path / "x.png")


def test_plot_writes_a_stacked_bar_chart(sqlite_store: Store, tmp_path: Path) -> None:
    fill(sqlite_store)
    table = tally(sqlite_store, by="day", group="region")
    path = plot(table, tmp_path / "chart.png", by="day")
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size[0] > 600 and image.size[1] > 500  # two panels: both actions
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 20  # bars, labels and a legend, not a blank canvas


def test_plot_labels_axes_and_legend(sqlite_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib.figure

    fill(sqlite_store)
    seen: list[matplotlib.figure.Figure] = []
    original = matplotlib.figure.Figure.savefig

    def keep(self: matplotlib.figure.Figure, *args: object, **kwargs: object) -> None:
        seen.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", keep)
    plot(tally(sqlite_store, by="week", group="claimant"), tmp_path / "chart.svg", by="week")
    (figure,) = seen
    for axis in figure.axes:
        assert axis.get_xlabel() == "week starting (Monday)"
        assert axis.get_ylabel() == "weapons claimed" and axis.get_title().endswith("by claimant")
        legend = axis.get_legend()
        assert legend is not None and legend.get_title().get_text() == "claimant"
        assert [text.get_text() for text in legend.get_texts()]
        assert len(axis.patches) >= 1  # bars
    assert (tmp_path / "chart.svg").read_text("utf-8").startswith("<?xml")
