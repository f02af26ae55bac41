"""The dashboard pages in-process: JSON twins, escaping of untrusted text, security headers, errors."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from skyledger.store import Store
from skyledger.web.app import create_app
from skyledger.web.render import highlight, marked, when
from skyledger.web.security import CONTENT_SECURITY_POLICY
from web.fixture_db import Fixture

PAGES = [
    "/",
    "/events",
    "/events?region=RU-KLU",
    "/events/E1",
    "/events/E5",
    "/reports/6",
    "/sources",
    "/search?q=drone*",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_is_html_with_a_json_twin(client: TestClient, url: str) -> None:
    html = client.get(url)
    assert html.status_code == 200
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    path, _, query = url.partition("?")
    twin_path = "/index.json" if path == "/" else f"{path}.json"
    twin = client.get(twin_path + (f"?{query}" if query else ""))
    assert twin.status_code == 200 and twin.headers["content-type"] == "application/json"
    separator = "&" if query else "?"
    assert client.get(f"{url}{separator}format=json").json() == twin.json()


@pytest.mark.parametrize("url", [*PAGES, "/api/events", "/static/skyledger.css", "/nope", "/openapi.json"])
def test_security_headers_everywhere(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert "access-control-allow-origin" not in headers


def test_no_cors_for_other_origins(client: TestClient) -> None:
    response = client.options(
        "/api/events", headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_inline_script_or_style(client: TestClient, url: str) -> None:
    html = client.get(url).text
    assert "<script" not in html.lower()
    assert "<style" not in html.lower()
    for tag in re.findall(r"<[a-zA-Z][^>]*>", html):
        assert not re.search(r"\sstyle\s*=", tag), f"inline style attributes are refused by the CSP: {tag}"
        assert not re.search(r"\son[a-z]+\s*=", tag), f"event handler attributes would be inline script: {tag}"


def test_hostile_report_is_escaped_on_every_page(client: TestClient, fixture: Fixture) -> None:
    for url in ("/events/E5", f"/reports/{fixture.xss_report_id}", "/search?q=pwned", "/sources", "/"):
        html = client.get(url).text
        assert "<script>window.__pwned" not in html, url
        assert "<img src=x" not in html, url
        assert "<b>unverified</b>" not in html, url
    html = client.get("/events/E5").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&lt;em&gt;down&lt;/em&gt;" in html  # even the grade's explanation is text


def test_empty_form_fields_are_no_filter(client: TestClient) -> None:
    assert client.get("/events?region=&side=&q=&min_credibility=").status_code == 200
    assert client.get("/api/events?region=").status_code == 422  # the API stays strict


def test_page_errors_are_pages(client: TestClient) -> None:
    missing = client.get("/events/E999")
    assert missing.status_code == 404 and "no event" in missing.text and "<h1>404</h1>" in missing.text
    bad = client.get("/events?region=nowhere")
    assert bad.status_code == 422 and "region" in bad.text
    assert client.get("/events/E999.json").json() == {"error": "no event 'E999'"}


def test_highlight_escapes_segments_and_marks_spans() -> None:
    text = "<b>3</b> drones & <i>2</i> missiles"
    html = highlight(text, [(0, 8, "1"), (18, 26, "2")])
    assert str(html) == (
        '<mark data-claims="1">&lt;b&gt;3&lt;/b&gt;</mark> drones &amp; '
        '<mark data-claims="2">&lt;i&gt;2&lt;/i&gt;</mark> missiles'
    )


def test_highlight_merges_overlaps_and_ignores_bad_spans() -> None:
    html = highlight("abcdefgh", [(1, 4, "a"), (3, 6, "b"), (5, 5, "empty"), (7, 99, "outside"), (-1, 2, "neg")])
    assert str(html) == 'a<mark data-claims="a b">bcdef</mark>gh'


def test_marked_snippets_escape_between_marks() -> None:
    assert str(marked("x ⟦<b>⟧ y ⟦z⟧")) == "x <mark>&lt;b&gt;</mark> y <mark>z</mark>"


def test_when_reads_for_people() -> None:
    assert when("2024-05-11T20:00:00+00:00", "2024-05-11T23:59:00+00:00") == "2024-05-11 20:00 – 23:59 UTC"
    assert when("2024-05-11T23:00:00+03:00") == "2024-05-11 20:00 UTC"
    assert when(None) == "time unknown"


def test_only_web_links_are_drawn(fresh_store: Store) -> None:
    from sqlalchemy import update

    from skyledger.store.schema import reports

    with fresh_store.begin() as connection:
        connection.execute(update(reports).where(reports.c.id == 6).values(url="javascript:window.__pwned=4"))
    client = TestClient(create_app(fresh_store))
    for url in ("/reports/6", "/events/E5"):
        html = client.get(url).text
        assert 'href="javascript:' not in html
        assert 'href="https://t.me/belgorod_governor/4040"' in client.get("/events/E5").text
