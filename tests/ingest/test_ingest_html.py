"""HTML article pages, from files and through a fetcher."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from skyledger.errors import IngestError
from skyledger.fetch import FetchedDocument
from skyledger.ingest import read_input
from skyledger.model import content_hash

BODY = (
    "<p>Уночі 15 березня російські війська вдарили по Харкову двома балістичними ракетами Іскандер-М, повідомив "
    "начальник обласної військової адміністрації.</p><p>Поранено чотирьох людей, пошкоджено кілька будинків "
    "та автомобілі. Усім потерпілим надано медичну допомогу.</p>"
)
PAGE = f"""<!DOCTYPE html><html lang="uk-UA"><head><meta charset="utf-8">
<title>Удар по Харкову — Новини</title>
<link rel="canonical" href="https://www.Novyny.example/kharkiv/1">
<meta property="og:site_name" content="Новини">
<meta property="article:published_time" content="2025-03-15T09:20:00+02:00">
<script>var tracking = 1;</script></head>
<body><nav><a href="/">Головна</a> <a href="/sport">Спорт</a></nav>
<article><h1>Удар по Харкову</h1>{BODY}</article>
<footer>© 2025 Новини</footer></body></html>"""


class OnePage:
    def __init__(self, url: str, content: bytes, content_type: str = "text/html; charset=utf-8") -> None:
        self.document = FetchedDocument(url, content, content_type.split(";")[0], "utf-8")

    def fetch(self, url: str) -> FetchedDocument:
        return self.document


def test_an_article_page(tmp_path: Path, read) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    sources, [report], _ = read(path)
    assert [(source.handle, source.name) for source in sources] == [("novyny.example", "Новини")]
    assert report.source == "novyny.example"
    assert report.external_id == report.url == "https://www.Novyny.example/kharkiv/1"
    assert report.title == "Удар по Харкову"
    assert report.text.startswith("Удар по Харкову\n")
    assert "Іскандер-М" in report.text and "Поранено чотирьох людей" in report.text
    assert "Головна" not in report.text and "tracking" not in report.text and "©" not in report.text
    assert report.published is not None and report.published.utcoffset() == timedelta(hours=2)
    assert report.language == "uk"


def test_a_page_without_url_or_metadata_falls_back(tmp_path: Path, read) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    path = folder / "page.htm"
    path.write_bytes(f"<html><body><article>{BODY}</article></body></html>".encode("cp1251"))
    _, [report], _ = read(path)
    assert report.source == "file:saved"
    assert report.external_id == content_hash(report.text)
    assert report.url is None and report.published is None
    assert "Іскандер-М" in report.text


def test_a_page_url_goes_through_the_fetcher(read) -> None:
    url = "https://novyny.example/kharkiv/1?utm=x"
    sources, [report], _ = read(url, fetcher=OnePage(url, PAGE.encode("utf-8")))
    assert report.url == "https://www.Novyny.example/kharkiv/1"  # the canonical URL wins
    assert sources[0].handle == "novyny.example"


def test_a_fetched_text_document_is_one_report(read) -> None:
    url = "https://example.org/post.txt"
    _, [report], _ = read(url, fetcher=OnePage(url, "Сбит БПЛА.".encode("cp1251"), "text/plain"))
    assert (report.source, report.external_id, report.text) == ("example.org", url, "Сбит БПЛА.")


def test_a_page_with_no_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><head><title></title></head><body><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(IngestError, match=r"page\.html: no article text found"):
        list(read_input(str(path)))


def test_a_fetched_export_must_be_downloaded_first() -> None:
    url = "https://example.org/result.json"
    with pytest.raises(IngestError, match="download it first"):
        list(read_input(url, fetcher=OnePage(url, b'{"messages": []}', "application/json")))
