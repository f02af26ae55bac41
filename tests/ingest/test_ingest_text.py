"""Plain text files and folders; decoding; whole-input errors; format detection and forcing."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from skyledger.errors import IngestError, UsageError
from skyledger.ingest import detect_format, read_input
from skyledger.ingest.decode import decode_text
from skyledger.model import content_hash

RUSSIAN = "Над Дзержинским районом Калужской области силами ПВО уничтожен беспилотник. Пострадавших нет."
UKRAINIAN = "У ніч на 14 березня противник атакував 64 ударними БпЛА типу Shahed. Збито 51."


def test_a_bare_text_file_is_one_report_of_its_folder(tmp_path: Path, read) -> None:
    folder = tmp_path / "Notes 2025"
    folder.mkdir()
    path = folder / "post.txt"
    path.write_text(RUSSIAN + "\n", encoding="utf-8")
    sources, reports, rejections = read(path)
    assert [source.handle for source in sources] == ["file:notes_2025"]
    [report] = reports
    assert report.source == "file:notes_2025"
    assert report.text == RUSSIAN
    assert report.external_id == content_hash(RUSSIAN)
    assert report.language == "ru"
    assert report.published is None
    assert rejections == []


def test_a_header_names_source_url_time_and_language(tmp_path: Path, read) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "Source: https://t.me/Kaluga_Governor\nURL: https://t.me/kaluga_governor/7\n"
        "Published: 2025-03-14T06:48:00+03:00\nLanguage: RU\nTitle: Ночь\n\n" + RUSSIAN,
        encoding="utf-8",
    )
    sources, [report], _ = read(path)
    assert sources[0].handle == "t.me/kaluga_governor"
    assert sources[0].claimant == "regional_authority:RU-KLU"  # the registry's defaults
    assert report.source == "t.me/kaluga_governor"
    assert report.external_id == "https://t.me/kaluga_governor/7"
    assert report.published is not None and report.published.utcoffset() is not None
    assert report.published.isoformat() == "2025-03-14T06:48:00+03:00"
    assert (report.language, report.title, report.text) == ("ru", "Ночь", RUSSIAN)


def test_text_that_only_looks_like_a_header_stays_text(tmp_path: Path, read) -> None:
    path = tmp_path / "a.txt"
    text = "Внимание: беспилотная опасность\nЖителям рекомендуют оставаться дома.\n\nВторой абзац."
    path.write_text(text, encoding="utf-8")
    _, [report], _ = read(path)
    assert report.text == text


def test_an_unreadable_header_date_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Published: yesterday\n\n" + RUSSIAN, encoding="utf-8")
    with pytest.raises(IngestError, match=r"a\.txt \(header\): cannot read the date 'yesterday'"):
        list(read_input(str(path)))


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "utf-8-sig", "utf-16", "utf-8"])
def test_russian_text_in_legacy_encodings_decodes(tmp_path: Path, encoding: str, read) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(RUSSIAN.encode(encoding))
    _, [report], _ = read(path)
    assert report.text == RUSSIAN


def test_ukrainian_koi8_u_and_cp1251_decode() -> None:
    assert decode_text(UKRAINIAN.encode("koi8_u"), "x") == UKRAINIAN
    assert decode_text(UKRAINIAN.encode("cp1251"), "x") == UKRAINIAN


SHORT_TEXTS = ["Сбит БПЛА.", "ПВО", "обломки обломки", "Курском нет"]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(text, encoding) for text in SHORT_TEXTS for encoding in ("cp1251", "koi8_r", "koi8_u")]
    + [("Уламки впали на Київщині", "cp1251"), ("Уламки впали на Київщині", "koi8_u")],
)
def test_short_cyrillic_texts_decode_in_every_code_page(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding), "x") == text


def test_a_binary_file_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(IngestError, match=r"photo\.txt: is a binary file"):
        list(read_input(str(path)))


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    with pytest.raises(IngestError, match=r"empty\.txt: is empty"):
        list(read_input(str(path)))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"nowhere\.txt: no such file"):
        list(read_input(str(tmp_path / "nowhere.txt")))


def test_a_folder_walks_its_files_in_order_and_rejects_the_bad_one(tmp_path: Path, read) -> None:
    (tmp_path / "b.txt").write_text("второй " + RUSSIAN, encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(("первый " + RUSSIAN).encode("cp1251"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text(UKRAINIAN, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "image.jpg").write_bytes(b"\xff\xd8\xff\x00binary")
    (tmp_path / ".hidden.txt").write_text("скрытый", encoding="utf-8")
    progress: list[tuple[int, int | None]] = []
    sources, reports, rejections = read(tmp_path, on_progress=lambda done, total: progress.append((done, total)))
    assert [report.text.split()[0] for report in reports] == ["первый", "второй", "У"]
    assert {report.source for report in reports} == {f"file:{tmp_path.name.lower()}", "file:sub"}
    assert len(sources) == 2
    assert [(Path(rejection.input).name, rejection.reason) for rejection in rejections] == [("empty.txt", "is empty")]
    assert progress[-1] == (4, 4)


def test_the_same_folder_twice_gives_the_same_identities(tmp_path: Path, read) -> None:
    for number in range(3):
        (tmp_path / f"{number}.txt").write_text(f"{number}. {RUSSIAN}", encoding="utf-8")
    first = [(report.source, report.external_id) for report in read(tmp_path)[1]]
    second = [(report.source, report.external_id) for report in read(tmp_path)[1]]
    assert first == second
    assert len(set(first)) == 3


def test_a_folder_with_nothing_to_read_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    with pytest.raises(IngestError, match="has no files to ingest"):
        list(read_input(str(tmp_path)))


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.txt", b"plain", "text"),
        ("a.jsonl", b'{"text": "x"}\n', "jsonl"),
        ("result.json", b'{\n "name": "x",\n "messages": []}', "telegram"),
        ("rows.json", b'{"text": "x", "outlet": "a.example"}\n{"text": "y"}\n', "jsonl"),
        ("noext", b'{"text": "a"}\n{"text": "b"}', "jsonl"),
        ("noext", b'{"about": "x", "personal_information": {"a": 1}, "chats": {"list": []}}', "telegram"),
        ("feed.xml", b"<rss/>", "rss"),
        ("page.htm", b"<p>x</p>", "html"),
        ("noext", b"\xef\xbb\xbf<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'/>", "rss"),
        ("noext", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("noext", b'{"about": "x", "chats": {"list": []}}', "telegram"),
        ("noext", codecs.BOM_UTF8 + "Сбит БПЛА".encode(), "text"),
    ],
)
def test_formats_are_detected(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert detect_format(path) == expected


@pytest.mark.parametrize(
    ("format", "message"),
    [
        ("telegram", "not a Telegram Desktop export"),
        ("rss", "not an RSS or Atom feed"),
        ("html", "not an HTML page"),
        ("jsonl", "not JSONL reports"),
    ],
)
def test_a_wrong_forced_format_is_a_clear_error(tmp_path: Path, format: str, message: str) -> None:
    path = tmp_path / "post.txt"
    path.write_text(RUSSIAN, encoding="utf-8")
    with pytest.raises(IngestError, match=message) as caught:
        list(read_input(str(path), format=format))
    assert str(path) in str(caught.value)


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown format 'pdf'"):
        list(read_input(str(tmp_path), format="pdf"))


def test_a_forced_text_format_reads_anything_textual(tmp_path: Path, read) -> None:
    path = tmp_path / "page.html"
    path.write_text("<p>Сбит БПЛА</p>", encoding="utf-8")
    _, [report], _ = read(path, format="text")
    assert report.text == "<p>Сбит БПЛА</p>"


def test_a_western_european_text_stays_latin() -> None:
    text = "Les défenses aériennes ont abattu six drones près de Kalouga, a déclaré le gouverneur."
    decoded = decode_text(text.encode("cp1252"), "x")
    assert decoded.startswith("Les d") and "Kalouga" in decoded
    assert not any("а" <= char <= "я" for char in decoded.lower())
