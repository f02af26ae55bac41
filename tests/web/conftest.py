"""Web fixtures: the fixture database (written once per session), an in-process client, a live server, a browser."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from skyledger.store import Store, open_store
from skyledger.web.app import create_app
from web import fixture_db

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, fixture_db.Fixture]]:
    """The fixture database in a SQLite file, read-only for the tests that share it."""
    path = tmp_path_factory.mktemp("web") / "fixture.db"
    store = open_store(f"sqlite:///{path}")
    written = fixture_db.build(store)
    yield store, written
    store.close()


@pytest.fixture(scope="session")
def web_store(web_db: tuple[Store, fixture_db.Fixture]) -> Store:
    return web_db[0]


@pytest.fixture(scope="session")
def fixture(web_db: tuple[Store, fixture_db.Fixture]) -> fixture_db.Fixture:
    return web_db[1]


@pytest.fixture(scope="session")
def client(web_store: Store) -> TestClient:
    return TestClient(create_app(web_store))


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[Store]:
    """A store of its own with the fixture written, for tests that write."""
    store = open_store(f"sqlite:///{tmp_path / 'writable.db'}")
    fixture_db.build(store)
    yield store
    store.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(web_store: Store) -> Iterator[str]:
    """uvicorn serving the fixture database on a free port, in a thread."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(web_store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the test server did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _find(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium driven by Selenium; skips without one unless SKYLEDGER_REQUIRE_BROWSER is set."""
    chromium = _find("chromium", "chromium-browser", "google-chrome")
    driver_path = _find("chromedriver")
    if chromium is None or driver_path is None:
        message = "no headless Chromium here (install Debian's chromium and chromium-driver)"
        if os.environ.get("SKYLEDGER_REQUIRE_BROWSER"):
            pytest.fail(message + "; SKYLEDGER_REQUIRE_BROWSER is set")
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
