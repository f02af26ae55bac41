"""HttpxFetcher over httpx.MockTransport: no network."""

from __future__ import annotations

import httpx
import pytest

from skyledger import __version__
from skyledger.errors import FetchError
from skyledger.fetch import FetchedDocument, HttpxFetcher


def _fetcher(handler, **options) -> HttpxFetcher:  # type: ignore[no-untyped-def]
    return HttpxFetcher(transport=httpx.MockTransport(handler), **options)


def test_a_page_is_fetched_with_our_user_agent_and_redirects_followed() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "https://site.example/new"})
        return httpx.Response(200, content=b"<p>x</p>", headers={"Content-Type": "text/html; charset=Windows-1251"})

    document = _fetcher(handler).fetch("https://site.example/old")
    assert document == FetchedDocument("https://site.example/new", b"<p>x</p>", "text/html", "windows-1251")
    assert [request.url.path for request in seen] == ["/old", "/new"]
    assert seen[0].headers["User-Agent"] == f"skyledger/{__version__}"


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (httpx.ConnectError("[Errno -2] Name or service not known"), "cannot connect ([Errno -2] Name or service"),
        (httpx.ReadTimeout("read timed out"), "timed out after 3 s"),
        (httpx.ConnectTimeout("connect timed out"), "timed out after 3 s"),
        (httpx.RemoteProtocolError("peer closed connection"), "peer closed connection"),
    ],
)
def test_transport_failures_are_fetch_errors(error: Exception, reason: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    with pytest.raises(FetchError) as caught:
        _fetcher(handler, timeout_s=3).fetch("https://feed.example/rss")
    assert str(caught.value).startswith(f"https://feed.example/rss: cannot fetch URL: {reason}")


@pytest.mark.parametrize(("status", "reason"), [(404, "HTTP 404 Not Found"), (503, "HTTP 503 Service Unavailable")])
def test_http_errors_are_fetch_errors(status: int, reason: str) -> None:
    with pytest.raises(FetchError, match=f"cannot fetch URL: {reason}$"):
        _fetcher(lambda request: httpx.Response(status)).fetch("https://site.example/x")


def test_a_body_over_the_size_cap_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * (3 * 1024 * 1024))

    with pytest.raises(FetchError, match="larger than the 2 MB limit"):
        _fetcher(handler, max_bytes=2 * 1024 * 1024).fetch("https://site.example/big")


def test_endless_redirects_and_other_schemes_are_refused() -> None:
    def loop(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": str(request.url)})

    with pytest.raises(FetchError, match="too many redirects"):
        _fetcher(loop).fetch("https://site.example/loop")
    with pytest.raises(FetchError, match="only http:// and https:// URLs"):
        _fetcher(loop).fetch("ftp://site.example/file")
