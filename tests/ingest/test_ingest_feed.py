"""RSS and Atom feeds, from files and through a fetcher."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from skyledger.errors import FetchError, IngestError
from skyledger.fetch import FetchedDocument
from skyledger.ingest import read_input
from skyledger.model import content_hash

RSS = """<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0"><channel>
  <title>Лента</title><link>https://www.Lenta.example/</link><language>ru-RU</language>
  <item><title>Сбиты 8 БПЛА</title><link>https://lenta.example/n/1</link><guid>id-1</guid>
    <pubDate>Fri, 14 Mar 2025 07:20:00 +0300</pubDate>
    <description>&lt;p&gt;Над Калужской областью &lt;b&gt;сбиты&lt;/b&gt; 8 БПЛА.&lt;/p&gt;
    &lt;p&gt;Пострадавших нет.&lt;/p&gt;</description></item>
  <item><title>Без guid</title><link>https://lenta.example/n/2</link><description>Текст.</description></item>
  <item><description>Только текст, без ссылки.</description></item>
  <item><title></title><description></description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Wire</title><link href="https://wire.example/"/><id>urn:wire</id><updated>2025-03-15T08:00:00Z</updated>
  <entry><title>Six drones downed</title><id>urn:wire:1</id><link href="https://wire.example/a/1"/>
    <published>2025-03-14T09:35:00+01:00</published><updated>2025-03-14T11:00:00+01:00</updated>
    <content type="html">&lt;p&gt;Air defences destroyed six drones.&lt;/p&gt;</content></entry>
</feed>
"""


class FakeFetcher:
    def __init__(self, documents: dict[str, FetchedDocument]) -> None:
        self.documents = documents
        self.asked: list[str] = []

    def fetch(self, url: str) -> FetchedDocument:
        self.asked.append(url)
        if url not in self.documents:
            raise FetchError("cannot fetch URL: cannot connect (name not resolved)", path=url)
        return self.documents[url]


def test_an_rss_file(tmp_path: Path, read) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(RSS.encode("cp1251"))
    sources, reports, rejections = read(path)
    assert [(source.handle, source.kind.value, source.name) for source in sources] == [
        ("lenta.example", "feed", "Лента")
    ]
    first, second, third = reports
    assert first.text == "Сбиты 8 БПЛА\n\nНад Калужской областью сбиты 8 БПЛА.\n\nПострадавших нет."
    assert (first.external_id, first.url, first.title, first.language) == (
        "id-1",
        "https://lenta.example/n/1",
        "Сбиты 8 БПЛА",
        "ru",
    )
    assert first.published == datetime(2025, 3, 14, 7, 20, tzinfo=timezone(timedelta(hours=3)))
    assert second.external_id == "https://lenta.example/n/2"  # no guid: the link
    assert third.external_id == content_hash(third.text) and third.published is None
    assert [rejection.locator for rejection in rejections] == ["entry 4"]
    assert rejections[0].reason == "entry has no title and no text"


def test_an_atom_file_keeps_offsets_and_marks_updates(tmp_path: Path, read) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    _, [report], _ = read(path)
    assert report.source == "wire.example" and report.external_id == "urn:wire:1"
    assert report.text == "Six drones downed\n\nAir defences destroyed six drones."
    assert report.published == datetime(2025, 3, 14, 8, 35, tzinfo=UTC)
    assert report.published.utcoffset() == timedelta(hours=1)
    assert report.edited == datetime(2025, 3, 14, 10, 0, tzinfo=UTC)
    assert report.language == "en"


def test_the_same_feed_twice_gives_the_same_identities(tmp_path: Path, read) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    keys = [(report.source, report.external_id) for report in read(path)[1]]
    assert keys == [(report.source, report.external_id) for report in read(path)[1]]


def test_a_feed_url_goes_through_the_fetcher(read) -> None:
    url = "https://lenta.example/rss"
    fetcher = FakeFetcher({url: FetchedDocument(url, RSS.encode("cp1251"), "application/rss+xml")})
    sources, reports, _ = read(url, fetcher=fetcher)
    assert fetcher.asked == [url]
    assert sources[0].handle == "lenta.example" and len(reports) == 3


def test_an_unreachable_url_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match=r"^https://nowhere\.invalid/rss: cannot fetch URL: cannot connect"):
        list(read_input("https://nowhere.invalid/rss", fetcher=FakeFetcher({})))


def test_a_document_that_is_no_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("<?xml version='1.0'?><note><to>x</to></note>", encoding="utf-8")
    with pytest.raises(IngestError, match=r"feed\.xml: not an RSS or Atom feed"):
        list(read_input(str(path)))


def test_an_empty_feed_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(IngestError, match="is empty"):
        list(read_input(str(path)))
