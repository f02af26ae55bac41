"""Reading a URL, at the edge: one small seam so the ingest adapters stay testable without a network.

A :class:`Fetcher` turns a URL into a :class:`FetchedDocument` or raises :class:`~skyledger.errors.FetchError`
("cannot fetch URL: <reason>"). :class:`HttpxFetcher` is the real one (timeouts, redirects, a size cap, a
``skyledger/<version>`` User-Agent); tests pass a fake fetcher or an ``httpx.MockTransport``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import httpx

from skyledger import __version__
from skyledger.errors import FetchError

USER_AGENT = f"skyledger/{__version__}"
DEFAULT_TIMEOUT_S = 20.0
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FetchedDocument:
    """What a URL answered: the final URL (after redirects), the body and its media type (``text/html``)."""

    url: str
    content: bytes
    content_type: str | None = None
    charset: str | None = None


class Fetcher(Protocol):
    def fetch(self, url: str) -> FetchedDocument: ...


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


class HttpxFetcher:
    """Fetch over HTTP(S) with httpx. ``transport`` is the seam for tests (``httpx.MockTransport``)."""

    def __init__(
        self,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        max_bytes: int = DEFAULT_MAX_BYTES,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout_s = timeout_s
        self.max_bytes = max_bytes
        self._transport = transport

    def fetch(self, url: str) -> FetchedDocument:
        if not is_url(url):
            raise _error(url, "only http:// and https:// URLs can be fetched")
        try:
            with (
                httpx.Client(
                    timeout=self.timeout_s,
                    follow_redirects=True,
                    headers={"User-Agent": USER_AGENT},
                    transport=self._transport,
                ) as client,
                client.stream("GET", url) as response,
            ):
                if response.status_code >= 400:
                    raise _error(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
                content = self._read_capped(url, response)
                content_type, charset = _media_type(response.headers.get("content-type"))
                return FetchedDocument(str(response.url), content, content_type, charset)
        except httpx.TimeoutException:
            raise _error(url, f"timed out after {self.timeout_s:g} s") from None
        except httpx.TooManyRedirects:
            raise _error(url, "too many redirects") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise _error(url, f"not a valid URL ({error})") from None
        except httpx.ConnectError as error:
            raise _error(url, f"cannot connect ({_first_line(error) or 'name not resolved?'})") from None
        except httpx.HTTPError as error:
            raise _error(url, _first_line(error) or type(error).__name__) from None

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise _error(url, f"larger than the {self.max_bytes // (1024 * 1024)} MB limit")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise _error(url, f"larger than the {self.max_bytes // (1024 * 1024)} MB limit")
            chunks.append(chunk)
        return b"".join(chunks)


def _media_type(header: str | None) -> tuple[str | None, str | None]:
    """``text/html; charset=UTF-8`` -> (``text/html``, ``utf-8``)."""
    if not header:
        return None, None
    media, *params = (part.strip() for part in header.split(";"))
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value:
            charset = value.strip().strip('"').lower()
    return media.lower() or None, charset


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else ""


def _error(url: str, reason: str) -> FetchError:
    return FetchError(f"cannot fetch URL: {reason}", path=url)
