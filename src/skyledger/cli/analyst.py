"""The analyst's commands: export, tally, correct, diff.

Each parses its options, calls one library function (``skyledger.export``, ``skyledger.tally``,
``skyledger.store.corrections``, ``skyledger.diff``) and formats what comes back with Rich.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from skyledger import pipeline
from skyledger.cli.app import DbOption, app, db_url
from skyledger.errors import UsageError
from skyledger.store import Store, open_store
from skyledger.store.corrections import parse_value
from skyledger.store.records import Filters, make_filters

if TYPE_CHECKING:  # pandas, pyarrow and matplotlib load only when a command needs them
    import pandas as pd

    from skyledger.diff import RunDiff

__all__ = ["app"]

console = Console(highlight=False)

Region = typer.Option(None, "--region", help="ISO 3166-2 region code, e.g. RU-KLU or UA-30.")
Country = typer.Option(None, "--country", help="ISO 3166-1 country code, e.g. RU or UA.")
Since = typer.Option(None, "--since", help="First day kept (2024-05-12).")
Until = typer.Option(None, "--until", help="Last day kept (2024-05-31).")
Weapon = typer.Option(None, "--weapon", help="Weapon class: uav, cruise_missile, ballistic_missile, ...")
ActionOption = typer.Option(None, "--action", help="launched, intercepted or impact.")
Claimant = typer.Option(None, "--claimant", help="Claimant, e.g. mod:RU or regional_authority:RU-KLU.")
Side = typer.Option(None, "--side", help="Country of the claimant's jurisdiction, e.g. RU or UA.")
Credibility = typer.Option(None, "--credibility", help="At least this credible: 1 (confirmed) .. 6.")
Event = typer.Option(None, "--event", help="One event id.")
SourceOption = typer.Option(None, "--source", help="Source handle, e.g. t.me/mod_russia or tass.com.")


@contextmanager
def _store(db: str | None) -> Iterator[Store]:
    store = open_store(db_url(db))
    try:
        yield store
    finally:
        store.close()


def _filters(**given: str | int | None) -> Filters:
    return make_filters(**given)


@app.command("export", rich_help_panel="Analyse and export")
def export_command(
    output: str = typer.Option(..., "--output", "-o", help="The file to write."),
    what: str = typer.Option("claims", "--what", help="What to export: claims, events, reports, corrections."),
    format: str = typer.Option("csv", "--format", help="Format: csv, jsonl, geojson, parquet, acled, claims-jsonl."),
    region_geometry: str = typer.Option(
        "polygon", "--region-geometry", help="GeoJSON: draw a region-level place as its outline (polygon) or centroid."
    ),
    region: str | None = Region,
    country: str | None = Country,
    since: str | None = Since,
    until: str | None = Until,
    weapon: str | None = Weapon,
    action: str | None = ActionOption,
    claimant: str | None = Claimant,
    side: str | None = Side,
    credibility: int | None = Credibility,
    event: str | None = Event,
    source: str | None = SourceOption,
    db: str | None = DbOption,
) -> None:
    """Export claims, events, reports or corrections (CSV, JSONL, GeoJSON, Parquet, ACLED, CLAIMS.md JSONL).

    Formats by what: claims: csv jsonl parquet geojson claims-jsonl; events: csv jsonl parquet geojson acled;
    reports: csv jsonl parquet; corrections: csv jsonl parquet claims-jsonl (the corrected reports in the CLAIMS.md
    shape, ready to become test data). Every export carries the schema version skyledger-export/1.
    """
    filters = _filters(
        region=region, country=country, since=since, until=until, weapon=weapon, action=action,
        claimant=claimant, side=side, credibility=credibility, event=event, source=source,
    )  # fmt: skip
    from skyledger.export import ALLOWED, export

    if what in ALLOWED and format not in ALLOWED[what]:
        raise UsageError(f"--what {what} cannot be written as --format {format}; use one of {', '.join(ALLOWED[what])}")
    with _store(db) as store:
        summary = export(store, what=what, format=format, path=output, filters=filters, region_geometry=region_geometry)
    console.print(
        f"wrote {summary.rows} {'documents' if format == 'claims-jsonl' else 'rows'} of {what} as {format} "
        f"({summary.schema_version}) -> {escape(str(summary.path))}"
    )


@app.command("tally", rich_help_panel="Analyse and export")
def tally_command(
    by: str = typer.Option("day", "--by", help="Period: day, week or month."),
    group: str = typer.Option("region", "--group", help="Group by: region, weapon, claimant or side."),
    measure: str = typer.Option("figure", "--measure", help="Shown in the chart: figure, claims or events."),
    plot_path: str | None = typer.Option(None, "--plot", help="Also draw a stacked-bar chart to this PNG/SVG/PDF."),
    as_csv: bool = typer.Option(False, "--csv", help="Print the table as CSV instead of a formatted table."),
    region: str | None = Region,
    country: str | None = Country,
    since: str | None = Since,
    until: str | None = Until,
    weapon: str | None = Weapon,
    action: str | None = ActionOption,
    claimant: str | None = Claimant,
    side: str | None = Side,
    credibility: int | None = Credibility,
    source: str | None = SourceOption,
    db: str | None = DbOption,
) -> None:
    """Tally claimed figures per day, week or month, grouped by region, weapon, claimant or side.

    A figure is the largest count a group's claims give for one event, action and weapon class: rewrites of one post,
    and several claimants of one side about one event, count once. Counted are claims linked to an event and with a
    time window, as on the dashboard. Columns: figure (sum of figures), claims, events.
    """
    from skyledger.tally import MEASURES, plot, tally

    if measure not in MEASURES:
        raise UsageError(f"--measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    filters = _filters(
        region=region, country=country, since=since, until=until, weapon=weapon, action=action,
        claimant=claimant, side=side, credibility=credibility, source=source,
    )  # fmt: skip
    with _store(db) as store:
        table = tally(store, by=by, group=group, filters=filters)
    if as_csv:
        typer.echo(table.to_csv(index=False), nl=False)
    else:
        _print_tally(table, by)
    if plot_path:
        path = plot(table, plot_path, measure=measure, by=by)
        console.print(f"chart -> {escape(str(path))}")


def _print_tally(table: pd.DataFrame, by: str) -> None:
    out = Table(title=f"tally by {by}" + ("" if len(table) else ": no dated claims match"), title_justify="left")
    for column in table.columns:
        out.add_column(str(column), justify="right" if column in {"figure", "claims", "events"} else "left")
    for row in table.itertuples(index=False):
        out.add_row(*(escape(str(value)) for value in row))
    console.print(out)


@app.command("correct", rich_help_panel="Analyse and export")
def correct_command(
    claim_id: int = typer.Argument(..., help="The claim's id (see `skyledger show EVENT_ID` or an export)."),
    assignments: list[str] = typer.Argument(..., help="field=value ... e.g. count=6 region=RU-KLU damage=null"),
    author: str | None = typer.Option(None, "--author", help="Who corrects (default: $SKYLEDGER_AUTHOR, else login)."),
    note: str | None = typer.Option(None, "--note", help="Why, or the source of the correction."),
    db: str | None = DbOption,
) -> None:
    """Correct fields of a claim. The machine's value is kept beside; the correction survives re-processing.

    Fields: action weapon_class weapon_model count count_qualifier country region regions district settlement water
    killed injured damage claimant cites time_start time_end rejected. Lists are comma-separated; null clears.
    """
    changes: dict[str, object] = {}
    for assignment in assignments:
        field, sep, value = assignment.partition("=")
        if not sep or not field.strip():
            raise UsageError(f"{assignment!r} is not field=value")
        changes[field.strip()] = parse_value(field.strip(), value)
    who = author or os.environ.get("SKYLEDGER_AUTHOR") or getpass.getuser()
    with _store(db) as store:
        made = pipeline.correct(store, claim_id, changes, author=who, note=note)
    for item in made:
        console.print(
            f"claim {claim_id}: {item.field} {escape(json.dumps(item.machine_value, ensure_ascii=False))} -> "
            f"{escape(json.dumps(item.value, ensure_ascii=False))} (by {escape(item.author)})"
        )


@app.command("diff", rich_help_panel="Analyse and export")
def diff_command(
    run_a: int | None = typer.Argument(None, help="The earlier run (0: the beginning)."),
    run_b: int | None = typer.Argument(None, help="The later run."),
    since: str | None = typer.Option(None, "--since", help="Instead of runs: the runs started on or after this day."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    db: str | None = DbOption,
) -> None:
    """Which events and claims were added, changed or merged between two runs (or since a date)."""
    from skyledger.diff import diff, diff_since

    with _store(db) as store:
        if since is not None:
            if run_a is not None:
                raise UsageError("give either RUN_A RUN_B or --since, not both")
            day = make_filters(since=since).since
            assert day is not None
            result = diff_since(store, day)
        elif run_a is None or run_b is None:
            raise UsageError("give two runs (RUN_A RUN_B) or --since DATE")
        else:
            result = diff(store, run_a, run_b)
    if as_json:
        typer.echo(json.dumps(result.as_dict(), ensure_ascii=False))
    else:
        _print_diff(result)


def _print_diff(result: RunDiff) -> None:
    runs = f"runs {result.runs[0]}-{result.runs[-1]}" if result.runs else "no runs"
    console.print(f"from run {result.run_a} to run {result.run_b} ({runs}):")
    merged = [f"{gone} -> {kept or '?'}" for gone, kept in result.events_merged.items()]
    for label, items in (
        ("events added", result.events_added),
        ("events changed", result.events_changed),
        ("events merged", merged),
        ("claims added", [str(c) for c in result.claims_added]),
        ("claims changed", [str(c) for c in result.claims_changed]),
    ):
        shown = ", ".join(items[:20]) + (f" ... (+{len(items) - 20})" if len(items) > 20 else "")
        console.print(f"  {label}: {len(items)}" + (f"  {escape(shown)}" if items else ""))
    console.print(f"  corrections made: {result.corrections}")
