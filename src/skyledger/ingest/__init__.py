"""Ingest: files, folders and URLs to Sources, Reports and Rejections; one module per input format.

    read_input(target, format=None, fetcher=None, on_progress=None) -> Iterator[Source | Report | Rejection]

A Source comes before the first Report of that source (registry defaults applied); per-item problems are Rejections;
whole-input problems (missing, empty, binary, undecodable, malformed JSON, unreachable URL) raise IngestError or
FetchError naming the file or URL and, where there is one, the line or message. In a folder, a file that cannot be
read at all becomes a Rejection and the walk goes on.

Formats: ``text`` (:mod:`.text`), ``jsonl`` (:mod:`.jsonl`), ``telegram`` (:mod:`.telegram`), ``rss`` (RSS/Atom,
:mod:`.feed`), ``html`` (:mod:`.html`); detected from the extension and the first bytes when not forced.
``on_progress(done, total)`` counts bytes for a single file (Telegram and JSONL, the long ones) and files for a folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from skyledger.errors import IngestError, UsageError
from skyledger.fetch import FetchedDocument, Fetcher, HttpxFetcher, is_url
from skyledger.ingest.decode import read_bytes
from skyledger.ingest.feed import read_feed
from skyledger.ingest.html import read_html
from skyledger.ingest.items import Item, Progress, SourceBook
from skyledger.ingest.jsonl import read_jsonl
from skyledger.ingest.telegram import read_telegram
from skyledger.ingest.text import read_text, read_text_data
from skyledger.model import Rejection
from skyledger.registry import normalise_handle

__all__ = ["FORMATS", "detect_format", "read_input"]

FORMATS = ("text", "jsonl", "telegram", "rss", "html")
_ALIASES = {"feed": "rss", "atom": "rss", "txt": "text", "json": "telegram", "htm": "html"}
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": None,  # sniffed: a Telegram export or JSONL
    ".xml": "rss",
    ".rss": "rss",
    ".atom": "rss",
    ".html": "html",
    ".htm": "html",
}
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(?:!doctype html|html|head|body)\b", re.IGNORECASE)
_TELEGRAM_KEYS = re.compile(rb'"(?:messages|chats|left_chats)"\s*:')
_LINE_BOUNDARY = re.compile(rb"}[ \t\r]*\n[ \t\r]*{")  # one JSON object ends on a line, the next begins
_HEAD_BYTES = 65536


def read_input(
    target: str,
    *,
    format: str | None = None,
    fetcher: Fetcher | None = None,
    on_progress: Progress | None = None,
) -> Iterator[Item]:
    """Sources, Reports and Rejections read from ``target``: a file, a folder or an http(s) URL."""
    forced = _format_name(format)
    book = SourceBook()
    if is_url(target):
        document = (fetcher or HttpxFetcher()).fetch(target)
        yield from _read_document(document, forced, book)
        return
    path = Path(target).expanduser()
    if path.is_dir():
        yield from _read_folder(path, forced, book, on_progress)
    else:
        yield from _read_file(path, forced or detect_format(path), book, on_progress)


def detect_format(path: Path) -> str:
    """The format of the file at ``path`` from its extension, else from its first bytes."""
    suffix = path.suffix.lower()
    if _EXTENSIONS.get(suffix):
        return str(_EXTENSIONS[suffix])
    return sniff_format(read_bytes(path, limit=_HEAD_BYTES))


def sniff_format(head: bytes, content_type: str | None = None) -> str:
    """The format of a document from its first bytes (and its media type, when fetched)."""
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    media = (content_type or "").lower()
    if body.startswith((b"{", b"[")) or "json" in media:
        if _TELEGRAM_KEYS.search(body):
            return "telegram"
        first_line = body.split(b"\n", 1)[0].rstrip()
        return "jsonl" if first_line.endswith(b"}") or _LINE_BOUNDARY.search(body) else "telegram"
    if body.startswith(b"<") or "xml" in media or "html" in media:
        if _FEED_ROOT.search(body[:4096]) or "rss" in media or "atom" in media:
            return "rss"
        if _HTML_ROOT.search(body[:4096]) or "html" in media:
            return "html"
        return "rss" if body.startswith(b"<?xml") else "html"
    return "text"


def _format_name(format: str | None) -> str | None:
    if format is None:
        return None
    name = _ALIASES.get(format.lower(), format.lower())
    if name not in FORMATS:
        raise UsageError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    return name


def _read_file(path: Path, format: str, book: SourceBook, on_progress: Progress | None) -> Iterator[Item]:
    if format == "telegram":
        yield from read_telegram(path, book, on_progress)
    elif format == "jsonl":
        yield from read_jsonl(path, book, on_progress)
    elif format == "text":
        yield from read_text(path, book)
    elif format == "rss":
        yield from read_feed(read_bytes(path), str(path), book)
    else:
        yield from read_html(read_bytes(path), str(path), book)


def _read_folder(folder: Path, forced: str | None, book: SourceBook, on_progress: Progress | None) -> Iterator[Item]:
    """Every file under ``folder`` with a known extension (hidden ones aside), in sorted order."""
    files = sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix.lower() in _EXTENSIONS
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )
    if not files:
        raise IngestError("has no files to ingest (.txt, .jsonl, .json, .xml, .html ...)", path=str(folder))
    for done, path in enumerate(files, 1):
        try:
            yield from _read_file(path, forced or detect_format(path), book, None)
        except UsageError:
            raise
        except IngestError as error:
            yield Rejection(str(path), error.message, error.locator)
        if on_progress is not None:
            on_progress(done, len(files))


def _read_document(document: FetchedDocument, forced: str | None, book: SourceBook) -> Iterator[Item]:
    format = forced or sniff_format(document.content[:_HEAD_BYTES], document.content_type)
    if format == "rss":
        yield from read_feed(document.content, document.url, book, url=document.url)
    elif format == "html":
        yield from read_html(document.content, document.url, book, url=document.url, charset=document.charset)
    elif format == "text":
        handle = normalise_handle(document.url)
        yield from read_text_data(
            document.content, document.url, book, default_handle=handle, url=document.url, charset=document.charset
        )
    else:
        raise IngestError(f"a {format} input is read from a file: download it first", path=document.url)
