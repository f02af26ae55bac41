"""``skyledger search``: the reports' full-text search (:func:`skyledger.store.reports.search_reports`) on the command
line, each hit with its outlet, publication time, address and the passage that matched."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

from skyledger.cli.app import DbOption, app, db_url
from skyledger.errors import UsageError
from skyledger.store import open_store
from skyledger.store.reports import SearchHit, query_terms, search_reports

console = Console(highlight=False)
_MARK = ("\x02", "\x03")  # around matched words in the snippet; shown in bold once the text is escaped


@app.command(rich_help_panel="Read the record")
def search(
    query: str = typer.Argument(
        ..., help="Words every report listed holds, in any order and case; word* matches as a prefix (Калужск*)."
    ),
    limit: int = typer.Option(20, help="How many reports to list (best matches first)."),
    db: str | None = DbOption,
) -> None:
    """Search the reports' titles and text: the reports holding every word, best matches first, each with its outlet,
    publication time, address and the passage that matched."""
    if not query_terms(query):
        raise UsageError(f"search needs a word to look for (letters or digits; word* for a prefix), not {query!r}")
    if limit < 1:
        raise UsageError(f"--limit takes a number of reports from 1, not {limit}")
    store = open_store(db_url(db))
    try:
        hits = search_reports(store, query, limit + 1, mark=_MARK)
    finally:
        store.close()
    if not hits:
        console.print(f"no report holds every word of {escape(repr(query))}")
        return
    more = " (more with --limit)" if len(hits) > limit else ""
    shown = min(len(hits), limit)
    counted = "1 report matches" if shown == 1 else f"{shown} reports match"
    console.print(f"{counted} {escape(repr(query))}, best first{more}")
    for hit in hits[:limit]:
        console.print(_heading(hit), soft_wrap=True)
        console.print("  " + _snippet(hit.snippet), soft_wrap=True)


def _heading(hit: SearchHit) -> str:
    published = (hit.published or "undated").replace("T", " ")
    if published.endswith("+00:00"):  # the store writes aware times in UTC; naive ones stay as they were given
        published = published.removesuffix("+00:00") + " UTC"
    parts = [f"[bold]report {hit.report_id}[/bold]", escape(hit.source), escape(published)]
    if hit.title:
        parts.append(escape(hit.title))
    if hit.url:
        parts.append(escape(hit.url))
    return "  ".join(parts)


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return escape(flat).replace(_MARK[0], "[bold]").replace(_MARK[1], "[/bold]")
