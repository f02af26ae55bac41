"""The core commands: init, ingest, process, annotate, events, show, sources, demo.

Each parses its options, calls one library function (``skyledger.pipeline``, ``skyledger.store``) and formats what
comes back with Rich. Errors are the library's; ``skyledger.cli.main`` turns them into one line and an exit code.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table

from skyledger import pipeline
from skyledger.cli.app import DbOption, app, db_url
from skyledger.errors import UsageError
from skyledger.model import Action, Place, WeaponClass
from skyledger.pipeline.events import EventDetail, event_detail
from skyledger.store import Store, browse, open_store
from skyledger.store.overview import overview
from skyledger.store.sources import list_sources

console = Console(highlight=False)

DEMO_DB = "skyledger-demo.db"


def _open(db: str | None) -> Store:
    return open_store(db_url(db))


@contextmanager
def _progress(label: str, *, counting: bool = False) -> Iterator[Callable[[int, int | None], None]]:
    """An ``on_progress`` callback that shows a bar once work turns out to be long (never on a non-terminal)."""
    columns = [TextColumn(label), BarColumn(), MofNCompleteColumn() if counting else TaskProgressColumn()]
    bar = Progress(*columns, TimeRemainingColumn(), console=console, transient=True)
    task: list[Any] = []

    def on_progress(done: int, total: int | None) -> None:
        if not task:
            if not console.is_terminal or (total is not None and done >= total):
                return  # finished at the first report: not long
            bar.start()
            task.append(bar.add_task(label, total=total))
        bar.update(task[0], completed=done, total=total)

    try:
        yield on_progress
    finally:
        bar.stop()


@app.command(rich_help_panel="Build the record")
def init(db: str | None = DbOption) -> None:
    """Create the database, or bring an existing one's schema up to date."""
    store = _open(db)
    counts = overview(store)
    console.print(f"ready: {escape(store.url)} ({counts.reports} reports, {counts.events} events)")
    store.close()


def _summary_table(title: str, rows: list[tuple[str, int]]) -> Table:
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, value in rows:
        table.add_row(name, str(value))
    return table


def _ingest_table(summaries: list[pipeline.IngestSummary]) -> Table:
    table = Table(title="ingest", title_justify="left")
    table.add_column("input", overflow="fold")
    for column in ("new", "unchanged", "updated", "rejected"):
        table.add_column(column, justify="right")
    for summary in summaries:
        name = Path(summary.target).name if len(summaries) > 1 else summary.target
        counts = (summary.new, summary.unchanged, summary.updated, summary.rejected)
        table.add_row(escape(name), *(str(count) for count in counts))
    return table


def _ingest(store: Store, target: str, format: str | None) -> pipeline.IngestSummary:
    with _progress(f"ingesting {target}") as on_progress:
        return pipeline.ingest(store, target, format=format, on_progress=on_progress)


@app.command("ingest", rich_help_panel="Build the record")
def ingest_command(
    target: str = typer.Argument(..., help="A file, a folder (read recursively) or an http(s) URL."),
    format: str | None = typer.Option(
        None, "--format", "-f", help="Force the format: text, jsonl, telegram, rss or html. Default: detected."
    ),
    db: str | None = DbOption,
) -> None:
    """Read reports from a file, folder or URL into the store.

    Telegram Desktop exports (result.json), JSONL in the CLAIMS.md shape, RSS/Atom feeds, HTML article pages and text
    files. The same input twice adds nothing; an edited post updates its report and queues it for `process` again.
    Items that cannot be read are recorded as rejected with their reason.
    """
    store = _open(db)
    try:
        summary = _ingest(store, target, format)
    finally:
        store.close()
    console.print(_ingest_table([summary]))


def _process(store: Store) -> pipeline.ProcessSummary:
    with _progress("extracting", counting=True) as on_progress:
        summary = pipeline.process(store, on_progress=on_progress)
    if summary.nothing_to_do:
        console.print("nothing to process: no new or edited reports since the last run")
        return summary
    changes = summary.changelog
    rows = [("reports", summary.reports), ("claims", summary.claims)]
    if summary.resumed:
        rows.append(("reports an interrupted run left, finished now", summary.resumed))
    for name in ("added", "changed", "merged"):
        value = getattr(changes, name, None)
        if value is not None:
            rows.append((f"events {name}", value if isinstance(value, int) else len(value)))
    console.print(_summary_table("process", rows))
    return summary


@app.command(rich_help_panel="Build the record")
def process(db: str | None = DbOption) -> None:
    """Extract claims from new and edited reports, link them into events and grade them.

    Only what changed since the last run is worked on; with nothing new, nothing is done.
    """
    store = _open(db)
    try:
        _process(store)
    finally:
        store.close()


@app.command(rich_help_panel="Build the record")
def annotate(
    input: Path = typer.Argument(..., help="Reports as JSONL in the CLAIMS.md shape (doc_id, outlet, text, ...)."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the reports with their claims (JSONL)."),
) -> None:
    """Extract and label claims in memory, no database: every input line comes back with "claims" filled in.

    Claims already present in the input are ignored. The output can be scored with ../shared/bench/score.py.
    """
    summary = pipeline.annotate(input, output)
    console.print(
        f"annotated {summary.reports} reports: {summary.claims} claims in {summary.events} events"
        + (f"; {summary.rejected} lines were not reports" if summary.rejected else "")
        + f" -> {escape(str(output))}"
    )


def _when(value: str | None, option: str) -> date | datetime | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r} is not an ISO date (2024-05-12) or date and time") from None


def _choice(value: str | None, allowed: type[Action] | type[WeaponClass], option: str) -> str | None:
    if value is not None and value not in {member.value for member in allowed}:
        choices = ", ".join(member.value for member in allowed)
        raise UsageError(f"{option} {value!r} is not one of: {choices}")
    return value


@app.command(rich_help_panel="Read the record")
def events(
    region: str | None = typer.Option(None, help="ISO 3166-2 region code, e.g. RU-KLU or UA-30."),
    country: str | None = typer.Option(None, help="ISO 3166-1 country code, e.g. RU or UA."),
    since: str | None = typer.Option(
        None, help="Events of this day (2024-05-12: the UTC+3 date of the window's middle) or later, or from this time."
    ),
    until: str | None = typer.Option(None, help="Events up to this day (inclusive), or before this time."),
    weapon: str | None = typer.Option(None, help="Weapon class: uav, cruise_missile, ballistic_missile, ..."),
    action: str | None = typer.Option(None, help="Action: launched, intercepted or impact."),
    limit: int = typer.Option(50, help="How many events to list (newest first)."),
    db: str | None = DbOption,
) -> None:
    """List events, newest first: wave (the night, N, or day, D, of the attack), region, best count, independent
    sources, credibility (1 confirmed .. 6 cannot be judged), whether the figures conflict, weapon classes."""
    low, high = browse.time_bounds(_when(since, "--since"), _when(until, "--until"))
    query = browse.EventFilter(
        region=region.upper() if region else None,
        country=country.upper() if country else None,
        since=low,
        until=high,
        weapon_class=_choice(weapon, WeaponClass, "--weapon"),
        action=_choice(action, Action, "--action"),
    )
    store = _open(db)
    try:
        page = browse.list_events(store, query, limit=limit)
    finally:
        store.close()
    table = Table(title=f"{len(page.items)} events" + (" (more with --limit)" if page.next_offset else ""))
    for column in ("id", "wave", "region", "count", "sources", "cred.", "conflict"):
        table.add_column(column, no_wrap=True)
    table.add_column("weapons")
    for item in page.items:
        table.add_row(
            item["id"],
            item["wave"],
            item["region"] or item["country"] or "-",
            "-" if item["count_best"] is None else str(item["count_best"]),
            str(item["independent_sources"]),
            str(item["credibility"]),
            "yes" if item["conflict"] else "",
            ", ".join(item["weapon_classes"]),
        )
    console.print(table)


def _place(place: Place) -> str:
    parts = [place.settlement, place.district, place.region or place.country, place.water]
    return ", ".join(part for part in parts if part) or "-"


def _time(moment: datetime | None) -> str:
    return moment.isoformat(timespec="minutes") if moment else "?"


def _print_event(detail: EventDetail) -> None:
    event, grade = detail.event, detail.event.grade
    merged = f" (asked for {', '.join(detail.merged_from)}, merged into it)" if detail.merged_from else ""
    where = event.region or event.country or "no region"
    console.print(
        f"[bold]event {escape(event.id)}[/bold]{escape(merged)}: wave {escape(event.wave)}, {escape(where)}, "
        f"{_time(event.time.start)} .. {_time(event.time.end)}"
    )
    console.print(
        f"grade: credibility {grade.credibility} (1 best, 6 cannot be judged), reliability {grade.reliability}; "
        f"{grade.independent_sources} independent sources in {grade.article_count} reports"
        + ("; the figures conflict" if grade.conflict else "")
    )
    if grade.explanation:
        console.print(escape(grade.explanation))
    figures = Table(title="figures by claimant")
    for column in ("claimant", "action", "weapon", "count", "reports"):
        figures.add_column(column)
    for figure in grade.figures:
        count = "-" if figure.count is None else f"{figure.count} ({figure.count_qualifier.value})"
        cited_in = ", ".join(str(report_id) for report_id in figure.report_ids)
        figures.add_row(figure.claimant, figure.action.value, figure.weapon_class.value, count, cited_in)
    if grade.figures:
        console.print(figures)
    console.print(f"[bold]{len(detail.claims)} claims[/bold], each with the evidence it was read from:")
    for claim in detail.claims:
        count = "?" if claim.count is None else f"{claim.count} ({claim.count_qualifier.value})"
        weapon = claim.weapon_class.value + (f" {claim.weapon_model}" if claim.weapon_model else "")
        console.print(
            f"  report {claim.report_id}: {claim.claimant} {claim.action.value} {escape(weapon)} {count}, "
            f"{escape(_place(claim.place))}"
            + (escape(f" [corrected: {', '.join(detail.corrected[claim.id])}]") if claim.id in detail.corrected else "")
        )
        console.print(f"    [dim]“{escape(claim.evidence)}”[/dim]")
    reports = Table(title="reports")
    for column in ("id", "source", "reliability", "published", "url"):
        reports.add_column(column, overflow="fold")
    for report, source in detail.reports:
        reports.add_row(
            str(report.id), source.handle, source.reliability, _time(report.published), escape(report.url or "")
        )
    console.print(reports)
    for link in detail.links:
        console.print(f"provenance: report {link.child} is a {link.kind.value} of report {link.parent}")
    for cited in detail.claimant_links:
        console.print(f"provenance: {cited.claimant} cites {cited.cites}")


@app.command(rich_help_panel="Read the record")
def show(
    event_id: str = typer.Argument(..., help="An event id, as `skyledger events` lists them (E0001)."),
    db: str | None = DbOption,
) -> None:
    """Show one event: its grade and why, its claims with their evidence, its reports and their provenance."""
    store = _open(db)
    try:
        detail = event_detail(store, event_id)
    finally:
        store.close()
    _print_event(detail)


@app.command(rich_help_panel="Read the record")
def sources(db: str | None = DbOption) -> None:
    """List the sources in the store with their claimant, reliability (A-F) and number of reports."""
    store = _open(db)
    try:
        found = list_sources(store)
    finally:
        store.close()
    table = Table(title=f"{len(found)} sources")
    for column in ("handle", "kind", "name", "claimant", "reliability", "reports"):
        table.add_column(column)
    for summary in found:
        source = summary.source
        table.add_row(
            source.handle,
            source.kind.value,
            escape(source.name or ""),
            source.claimant or "",
            source.reliability,
            str(summary.reports),
        )
    console.print(table)


def _serve(url: str, host: str, port: int) -> None:
    try:
        from skyledger.web.server import serve
    except ImportError:
        console.print("the dashboard is not part of this build; the data is in " + escape(url))
        return
    console.print(f"serving the dashboard at http://{host}:{port} (Ctrl-C to stop)")
    try:
        serve(url, host, port, True)
    except KeyboardInterrupt:
        console.print("stopped")


@app.command(rich_help_panel="Build the record")
def demo(
    no_serve: bool = typer.Option(False, "--no-serve", help="Stop after the summary (for scripts and CI)."),
    host: str = typer.Option("127.0.0.1", help="Address the dashboard listens on."),
    port: int = typer.Option(8000, help="Port the dashboard listens on."),
    db: str | None = typer.Option(None, "--db", help=f"Database URL or SQLite file. Default: {DEMO_DB} here."),
) -> None:
    """Ingest the bundled sample reports, process them, print a summary, then serve the dashboard until Ctrl-C."""
    from skyledger.samples import sample_paths

    database = db or os.environ.get("SKYLEDGER_DB") or DEMO_DB
    url = db_url(database)
    store = open_store(url)
    try:
        summaries = [_ingest(store, str(path), None) for path in sample_paths()]
        console.print(_ingest_table(summaries))
        _process(store)
        counts = overview(store)
        page = browse.list_events(store, browse.EventFilter(), limit=10)
    finally:
        store.close()
    console.print(
        f"{counts.sources} sources, {counts.reports} reports, {counts.claims} claims, {counts.events} events "
        f"in {escape(url)}"
    )
    for item in page.items:
        console.print(
            f"  {item['id']}  {item['region'] or item['country'] or '-':8} {(item['time_start'] or '')[:10]}  "
            f"credibility {item['credibility']}, {item['independent_sources']} independent "
            f"source{'' if item['independent_sources'] == 1 else 's'}"
        )
    console.print(f"next: skyledger events --db {escape(database)}; skyledger show EVENT_ID --db {escape(database)}")
    if not no_serve:
        _serve(url, host, port)
