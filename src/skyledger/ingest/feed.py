"""RSS and Atom feeds (feedparser), from a file or a fetched URL: one report per entry.

The source is the feed site's domain (the feed's ``link``, else the feed URL's domain, else ``file:<folder>``). An
entry's text is its title and its fullest body (``content``, else ``summary``) as plain text; its external id is the
entry id, else its link, else the content hash; ``published`` keeps the offset the feed gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from skyledger.errors import IngestError
from skyledger.ingest.items import Item, SourceBook, guess_language, local_handle, parse_datetime
from skyledger.ingest.markup import html_to_text
from skyledger.model import Rejection, Report, SourceKind, content_hash
from skyledger.registry import normalise_handle


def read_feed(data: bytes, where: str, book: SourceBook, *, url: str | None = None) -> Iterator[Item]:
    """Reports from the feed document ``data`` (read from ``where``; ``url`` when it was fetched)."""
    import feedparser  # slow to import; only feeds need it

    if not data.strip():
        raise IngestError("is empty", path=where)
    parsed = feedparser.parse(data)
    if not parsed.get("version") or (not parsed.entries and parsed.get("bozo")):
        reason = parsed.get("bozo_exception")
        detail = f" ({str(reason).splitlines()[0]})" if reason else ""
        raise IngestError(f"not an RSS or Atom feed{detail}", path=where)
    feed = parsed.feed
    site = feed.get("link") or url
    handle = normalise_handle(site) if site else local_handle(Path(where))
    language = _language(feed.get("language"))
    for index, entry in enumerate(parsed.entries, 1):
        report = _entry_report(entry, handle, language)
        if report is None:
            locator = f"entry {entry.get('id') or entry.get('link') or index}"
            yield Rejection(where, "entry has no title and no text", locator)
            continue
        yield from book.announce(handle, SourceKind.FEED, feed.get("title"))
        yield report


def _entry_report(entry: Any, handle: str, language: str | None) -> Report | None:
    title = html_to_text(entry.get("title") or "")
    contents = entry.get("content") or []
    body_markup = contents[0].get("value") if contents else entry.get("summary")
    body = html_to_text(body_markup or "")
    text = f"{title}\n\n{body}" if body and title and not body.startswith(title) else body or title
    if not text.strip():
        return None
    link = entry.get("link") or None
    published = _entry_time(entry, "published") or _entry_time(entry, "updated")
    updated = _entry_time(entry, "updated")
    return Report(
        source=handle,
        external_id=str(entry.get("id") or link or content_hash(text)),
        text=text,
        url=link,
        published=published,
        language=_language(entry.get("language")) or language or guess_language(text),
        title=title or None,
        edited=updated if updated and published and updated > published else None,
    )


def _entry_time(entry: Any, key: str) -> datetime | None:
    """The entry's ``published``/``updated`` time with its own offset (RFC 822 or ISO 8601), else feedparser's UTC."""
    raw = dict.get(entry, key)  # plain dict access: feedparser's own maps "updated" to "published" with a warning
    if isinstance(raw, str) and raw.strip():
        try:
            return parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            parsed = parse_datetime(raw)
            if parsed is not None:
                return parsed
    struct = dict.get(entry, f"{key}_parsed")
    if struct:
        year, month, day, hour, minute, second = struct[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    return None


def _language(value: Any) -> str | None:
    """``ru-RU`` -> ``ru``."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().lower().replace("_", "-").split("-")[0] or None
