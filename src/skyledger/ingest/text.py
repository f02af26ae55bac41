"""Plain text files: one file, one report.

A file may open with a header of ``Key: value`` lines ended by a blank line, naming what a bare file cannot say::

    Source: t.me/kaluga_governor
    URL: https://t.me/kaluga_governor/1480
    Published: 2025-03-14T06:42:00+03:00
    Language: ru
    Title: ...

Keys (any case): source (or outlet), url, published (or date), language (or lang), title. Every line before the
blank line must be such a key, else the file has no header and all of it is the text. Without a source the handle is
the URL's domain, else ``file:<parent folder name>``; the external id is the URL, else the text's content hash.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from skyledger.errors import IngestError
from skyledger.ingest.decode import decode_text, read_bytes
from skyledger.ingest.items import Item, SourceBook, guess_language, local_handle, parse_datetime
from skyledger.model import Report, SourceKind, content_hash
from skyledger.registry import normalise_handle

_KEYS = {
    "source": "source",
    "outlet": "source",
    "url": "url",
    "published": "published",
    "date": "published",
    "language": "language",
    "lang": "language",
    "title": "title",
}
_HEADER_LINE = re.compile(r"^([A-Za-z]+):[ \t]*(.*)$")
_MAX_HEADER_LINES = 12


def read_text(path: Path, book: SourceBook) -> Iterator[Item]:
    """The report in the text file ``path`` (after the Source it belongs to, the first time that source is seen)."""
    yield from read_text_data(read_bytes(path), str(path), book, default_handle=local_handle(path))


def read_text_data(
    data: bytes,
    where: str,
    book: SourceBook,
    *,
    default_handle: str,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Item]:
    """The report in the text ``data`` read from ``where`` (a path, or the URL it was fetched from)."""
    text = decode_text(data, where, declared=charset).replace("\r\n", "\n").replace("\r", "\n")
    header, body = split_header(text)
    body = body.strip()
    if not body:
        raise IngestError("has a header but no text", path=where)
    url = header.get("url") or url
    if header.get("source"):
        handle = normalise_handle(header["source"])
    else:
        handle = normalise_handle(url) if url else default_handle
    published = None
    if header.get("published"):
        published = parse_datetime(header["published"])
        if published is None:
            raise IngestError(f"cannot read the date {header['published']!r}", path=where, locator="header")
    yield from book.announce(handle, _kind_of(handle))
    yield Report(
        source=handle,
        external_id=url or content_hash(body),
        text=body,
        url=url,
        published=published,
        language=(header.get("language") or "").lower() or guess_language(body),
        title=header.get("title") or None,
        meta={"path": where} if where != url else {},
    )


def _kind_of(handle: str) -> SourceKind:
    if handle.startswith("t.me/"):
        return SourceKind.TELEGRAM
    return SourceKind.FILE if handle.startswith("file:") else SourceKind.WEBSITE


def split_header(text: str) -> tuple[dict[str, str], str]:
    """``({key: value}, body)``; an empty header when the opening lines are not all known keys."""
    lines = text.lstrip("\n").split("\n")
    header: dict[str, str] = {}
    for number, line in enumerate(lines[: _MAX_HEADER_LINES + 1]):
        if not line.strip():
            return (header, "\n".join(lines[number + 1 :])) if header else ({}, text)
        match = _HEADER_LINE.match(line)
        if not match or match.group(1).lower() not in _KEYS:
            return {}, text
        header[_KEYS[match.group(1).lower()]] = match.group(2).strip()
    return {}, text
