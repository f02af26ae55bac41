"""The Typer application and the options every command shares."""

from __future__ import annotations

import os

import typer

app = typer.Typer(
    name="skyledger",
    help="Turn public reports of air attacks and air-defence engagements into a corroborated, auditable record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEFAULT_DB = "sqlite:///skyledger.db"


def db_url(value: str | None) -> str:
    """The database URL: ``--db``, else ``$SKYLEDGER_DB``, else ``skyledger.db`` in the current folder.

    A plain file path is taken as a SQLite file.
    """
    url = value or os.environ.get("SKYLEDGER_DB") or DEFAULT_DB
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url


DbOption = typer.Option(
    None,
    "--db",
    help="Database URL (sqlite:///file.db or postgresql+psycopg://...) or a SQLite file path. "
    "Default: $SKYLEDGER_DB, else skyledger.db.",
)


def _show_version(value: bool) -> None:
    if value:
        from skyledger import __version__

        typer.echo(f"skyledger {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True, help="Print the version."),
    db: str | None = typer.Option(
        None, "--db", help="Database for every command (as each command's own --db, which wins over this one)."
    ),
) -> None:
    """Turn public reports of air attacks and air-defence engagements into a corroborated, auditable record."""
    if db:
        os.environ["SKYLEDGER_DB"] = db
