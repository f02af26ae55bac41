"""Running the app: :func:`serve` opens the store and hands the app to uvicorn."""

from __future__ import annotations

from skyledger.store import open_store
from skyledger.web.app import create_app


def serve(store_url: str, host: str = "127.0.0.1", port: int = 8000, read_only: bool = False) -> None:
    """Serve the dashboard and the API for the database at ``store_url`` until interrupted.

    ``read_only`` refuses every write (POST /api/reports answers 403).
    """
    import uvicorn

    store = open_store(store_url, read_only=read_only)
    try:
        uvicorn.run(create_app(store, read_only=read_only), host=host, port=port, log_level="warning")
    finally:
        store.close()
