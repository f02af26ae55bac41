"""The dashboard in a real headless Chromium: every page opens, the map filters, evidence is highlighted, and a
hostile report renders as text without running. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from web.fixture_db import XSS_TEXT, Fixture

pytestmark = pytest.mark.browser


def _by(kind: str) -> Any:
    from selenium.webdriver.common.by import By

    return getattr(By, kind)


def _open(browser: Any, url: str, shot: Path | None = None) -> None:
    browser.get(url)
    if shot is not None:
        screenshot(browser, shot)


def screenshot(browser: Any, path: Path) -> None:
    """The whole page, not just the window: the window grows to the page's height for the shot."""
    width, height = browser.get_window_size()["width"], browser.get_window_size()["height"]
    full = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, min(max(full + 120, height), 6000))
    browser.save_screenshot(str(path))
    browser.set_window_size(width, height)


def test_every_page_opens(browser: Any, live_server: str, screenshots: Path) -> None:
    pages = {
        "overview": ("/", "Overview"),
        "events": ("/events", "Events"),
        "event": ("/events/E1", "Event E1"),
        "sources": ("/sources", "Sources"),
        "search": ("/search?q=Калужск*", "Search reports"),
        "report": ("/reports/2", "Report #2"),
    }
    for name, (path, heading) in pages.items():
        _open(browser, live_server + path, screenshots / f"{name}.png")
        assert browser.find_element(_by("TAG_NAME"), "h1").text.startswith(heading), name
        assert browser.execute_script("return document.characterSet") == "UTF-8"
    browser.set_window_size(390, 844)  # a phone
    try:
        for name in ("overview", "event"):
            _open(browser, live_server + pages[name][0], screenshots / f"{name}-phone.png")
            overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{name} scrolls sideways on a phone by {overflow}px"
    finally:
        browser.set_window_size(1280, 900)


def test_cyrillic_renders_as_text(browser: Any, live_server: str) -> None:
    _open(browser, live_server + "/events/E1")
    text = browser.find_element(_by("ID"), "report-1").text
    assert "Дзержинским районом" in text


def test_map_click_filters_events(browser: Any, live_server: str, screenshots: Path) -> None:
    _open(browser, live_server + "/")
    region = browser.find_element(_by("CSS_SELECTOR"), "#region-RU-KLU path")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", region)
    region.click()
    assert browser.current_url.endswith("/events?region=RU-KLU")
    screenshot(browser, screenshots / "events-filtered-by-map.png")
    assert "Kaluga" in browser.find_element(_by("ID"), "active-region").text
    ids = [a.text for a in browser.find_elements(_by("CSS_SELECTOR"), "table.events tbody td:first-child a")]
    assert ids == ["E1"]


def test_event_highlights_each_claims_evidence(browser: Any, live_server: str, fixture: Fixture) -> None:
    _open(browser, live_server + "/events")
    browser.find_element(_by("LINK_TEXT"), "E1").click()
    assert browser.current_url.endswith("/events/E1")
    marks = browser.find_elements(_by("CSS_SELECTOR"), "mark[data-claims]")
    shown = {m.get_attribute("data-claims"): m.text for m in marks}
    expected = {str(c.id): c.evidence for c in fixture.claims if c.event == "E1"}
    assert shown == expected
    assert "3" in browser.find_element(_by("CSS_SELECTOR"), "tr.conflict").text  # the governor's 3 against the 5


def test_hostile_report_renders_as_text_and_does_not_run(
    browser: Any, live_server: str, fixture: Fixture, screenshots: Path
) -> None:
    for path in ("/events/E5", f"/reports/{fixture.xss_report_id}", "/search?q=pwned"):
        _open(browser, live_server + path, screenshots / f"xss{path.replace('/', '-').replace('?', '-')}.png")
        assert browser.execute_script("return typeof window.__pwned") == "undefined", path
        assert not browser.find_elements(_by("CSS_SELECTOR"), "main img, main script"), path
    _open(browser, live_server + "/events/E5")
    shown = browser.find_element(_by("ID"), f"report-{fixture.xss_report_id}").text
    assert "<script>window.__pwned=1</script>" in shown
    assert '<img src=x onerror="window.__pwned=2">' in shown
    assert XSS_TEXT.split(" One drone")[0] in shown
