"""The web commands: ``serve`` the dashboard and API, and manage the API's write ``token``s."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from skyledger.cli.app import DbOption, app, db_url
from skyledger.store import open_store
from skyledger.store.tokens import create_token, list_tokens, revoke_token

__all__ = ["app"]

console = Console()
token_app = typer.Typer(help="Tokens that allow writes through the API (POST /api/reports).", no_args_is_help=True)
app.add_typer(token_app, name="token", rich_help_panel="Serve")


@app.command(rich_help_panel="Serve")
def serve(
    db: str | None = DbOption,
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    read_only: bool = typer.Option(False, "--read-only", help="Refuse every write through the API."),
) -> None:
    """Serve the dashboard and the JSON API (OpenAPI at /openapi.json) until Ctrl-C."""
    from skyledger.web.server import serve as run

    url = db_url(db)
    open_store(url).close()  # a bad URL or an unmigratable database fails here, in one line
    mode = " (read-only)" if read_only else ""
    console.print(f"serving {escape(url)} at http://{host}:{port}{mode} (Ctrl-C to stop)", highlight=False)
    try:
        run(url, host, port, read_only)
    except KeyboardInterrupt:
        console.print("stopped")


@token_app.command("create")
def token_create(
    name: str = typer.Argument(..., help="Who or what the token is for."), db: str | None = DbOption
) -> None:
    """Create a token and print it once: only its SHA-256 hash is stored."""
    store = open_store(db_url(db))
    try:
        token = create_token(store, name)
    finally:
        store.close()
    typer.echo(token)
    Console(stderr=True).print("keep it now: it cannot be shown again. Send it as 'Authorization: Bearer TOKEN'.")


@token_app.command("revoke")
def token_revoke(name: str = typer.Argument(..., help="The token's name."), db: str | None = DbOption) -> None:
    """Revoke every live token of this name."""
    store = open_store(db_url(db))
    try:
        count = revoke_token(store, name)
    finally:
        store.close()
    console.print(f"revoked {count} token{'s' if count != 1 else ''} named {escape(name)}", highlight=False)


@token_app.command("list")
def token_list(db: str | None = DbOption) -> None:
    """Token names and dates (the tokens themselves are not stored)."""
    store = open_store(db_url(db))
    try:
        rows = list_tokens(store)
    finally:
        store.close()
    table = Table("name", "created", "revoked")
    for row in rows:
        table.add_row(escape(str(row["name"])), str(row["created_at"]), str(row["revoked_at"] or ""))
    console.print(table)
