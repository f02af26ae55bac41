"""HTML article pages, from a file or a fetched URL: the main text (trafilatura), one report per page.

The page URL is the canonical URL (``<link rel="canonical">``, else ``og:url``), else the fetched URL; it is the
external id (a page without any URL falls back to the content hash) and its domain is the source (else
``file:<folder>``). The published time comes from the page's metadata (``article:published_time`` and kin, keeping the
offset), else trafilatura's date. Extraction cascade: 1. trafilatura's main text, 2. the ``<article>`` element,
3. the ``<body>``; a page with no text in any raises IngestError.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from skyledger.errors import IngestError
from skyledger.ingest.decode import decode_text
from skyledger.ingest.items import Item, SourceBook, guess_language, local_handle, parse_datetime
from skyledger.ingest.markup import element_text, tidy
from skyledger.model import Report, SourceKind, content_hash
from skyledger.registry import normalise_handle

_MARKUP = re.compile(r"<(?:!doctype html|html|head|body|article|p|div|title)\b", re.IGNORECASE)
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "dc.date.issued",
    "pubdate",
    "publish-date",
)


@dataclass(frozen=True, slots=True)
class PageMeta:
    url: str | None
    og_title: str | None
    title: str | None
    published: str | None
    language: str | None
    site_name: str | None


def read_html(
    data: bytes, where: str, book: SourceBook, *, url: str | None = None, charset: str | None = None
) -> Iterator[Item]:
    """The report of the HTML page ``data`` (read from ``where``; ``url`` when it was fetched)."""
    markup = decode_text(data, where, declared=charset)
    if not _MARKUP.search(markup[:65536]):
        raise IngestError("not an HTML page", path=where)
    try:
        tree = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as error:
        raise IngestError(f"cannot parse the HTML: {error}", path=where) from None
    meta = page_meta(tree)
    page_url = meta.url or url
    extracted = _trafilatura(markup, page_url)
    body = extracted.get("text") or _fallback_text(tree)
    if not body.strip():
        raise IngestError("no article text found in the page", path=where)
    title, text = _titled(meta.og_title or extracted.get("title") or meta.title, body)
    handle = normalise_handle(page_url) if page_url else local_handle(Path(where))
    published = parse_datetime(meta.published) or parse_datetime(extracted.get("date"))
    yield from book.announce(handle, SourceKind.WEBSITE, meta.site_name)
    yield Report(
        source=handle,
        external_id=page_url or content_hash(text),
        text=text,
        url=page_url,
        published=published,
        language=meta.language or guess_language(text),
        title=title,
        meta={"path": where} if not url else {},
    )


def page_meta(tree: lxml_html.HtmlElement) -> PageMeta:
    """What the page says about itself in ``<head>``."""
    metas: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if key and content:
            metas.setdefault(key, content)
    canonical = next(
        (link.get("href") for link in tree.iter("link") if (link.get("rel") or "").lower() == "canonical"), None
    )
    titles = tree.xpath("//title/text()")
    lang = tree.get("lang") or metas.get("og:locale") or ""
    return PageMeta(
        url=(canonical or metas.get("og:url") or "").strip() or None,
        og_title=tidy(metas.get("og:title") or "") or None,
        title=tidy(titles[0] if titles else "") or None,
        published=next((metas[key] for key in _PUBLISHED_META if key in metas), None),
        language=lang.strip().lower().replace("_", "-").split("-")[0] or None,
        site_name=metas.get("og:site_name"),
    )


def _titled(title: str | None, body: str) -> tuple[str | None, str]:
    """(title, text): the title leads the text unless the text already opens with it (a headline in the body)."""
    first_line = body.split("\n", 1)[0].strip()
    if not title:
        return None, body
    if first_line and (first_line == title or first_line in title):
        return first_line, body
    return title, f"{title}\n\n{body}"


def _trafilatura(markup: str, url: str | None) -> dict[str, Any]:
    import trafilatura  # slow to import; only pages need it

    result = trafilatura.bare_extraction(
        markup, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if result is None:
        return {}
    return result if isinstance(result, dict) else dict(result.as_dict())


def _fallback_text(tree: lxml_html.HtmlElement) -> str:
    for xpath in ("//article", "//body"):
        found = tree.xpath(xpath)
        if found:
            text = element_text(found[0])
            if text.strip():
                return text
    return ""
