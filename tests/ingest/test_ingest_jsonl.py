"""JSONL in the CLAIMS.md report shape."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from skyledger.errors import IngestError
from skyledger.ingest import read_input
from skyledger.model import content_hash


def _row(doc_id: str, **extra: object) -> str:
    row = {
        "doc_id": doc_id,
        "url": f"https://www.Outlet.example/news/{doc_id}",
        "outlet": "outlet.example",
        "published": "2025-03-14",
        "language": "ru",
        "text": f"Над Брянской областью уничтожены 10 БПЛА ({doc_id}).",
        "claims": [{"action": "intercepted"}],
    }
    row.update(extra)
    return json.dumps(row, ensure_ascii=False)


def test_rows_become_reports_of_their_outlet(tmp_path: Path, read) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(_row("p1") + "\n\n" + _row("p2", published="2025-03-14T07:05:00+03:00", language="EN") + "\n")
    sources, reports, rejections = read(path)
    assert [source.handle for source in sources] == ["outlet.example"]
    assert [(report.source, report.external_id) for report in reports] == [
        ("outlet.example", "p1"),
        ("outlet.example", "p2"),
    ]
    first, second = reports
    assert first.published == datetime(2025, 3, 14)
    assert first.meta["published"] == "2025-03-14"
    assert first.meta["doc_id"] == "p1" and first.meta["line"] == 1
    assert second.published is not None and second.published.isoformat() == "2025-03-14T07:05:00+03:00"
    assert (first.language, second.language) == ("ru", "en")
    assert first.url == "https://www.Outlet.example/news/p1"
    assert rejections == []


def test_the_source_falls_back_to_the_url_and_the_id_to_the_content(tmp_path: Path, read) -> None:
    row = {"url": "https://www.tass.com/politics/1", "text": "Сбит беспилотник."}
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n" + json.dumps({"outlet": "@Mod_Russia", "text": "x"}))
    _, reports, _ = read(path)
    assert [(report.source, report.external_id) for report in reports] == [
        ("tass.com", "https://www.tass.com/politics/1"),
        ("t.me/mod_russia", content_hash("x")),
    ]


def test_a_bad_line_is_a_rejection_with_its_number(tmp_path: Path, read) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [_row("p1"), '{"doc_id": "p2", "text": ', _row("p3"), json.dumps({"doc_id": "p4"}), "[1, 2]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, reports, rejections = read(path)
    assert [report.external_id for report in reports] == ["p1", "p3"]
    assert [(rejection.locator, rejection.reason.split(":")[0]) for rejection in rejections] == [
        ("line 2", "not valid JSON"),
        ("line 4", 'no "text"'),
        ("line 5", "a JSON list, not an object"),
    ]
    assert all(rejection.input == str(path) for rejection in rejections)


def test_rejections_before_the_first_good_line_are_kept(tmp_path: Path, read) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text("not json\n" + _row("p1") + "\n", encoding="utf-8")
    _, reports, rejections = read(path)
    assert [report.external_id for report in reports] == ["p1"]
    assert [rejection.locator for rejection in rejections] == ["line 1"]


def test_a_file_with_no_report_at_all_is_not_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text("first line\nsecond line\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"docs\.jsonl \(line 1\): not JSONL reports: not valid JSON"):
        list(read_input(str(path)))


def test_a_non_utf8_line_is_rejected_not_garbled(tmp_path: Path, read) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(_row("p1").encode() + b"\n" + _row("p2").encode("cp1251") + b"\n")
    _, reports, rejections = read(path)
    assert [report.external_id for report in reports] == ["p1"]
    assert rejections[0].locator == "line 2" and rejections[0].reason.startswith("not UTF-8")


def test_empty_and_binary_files_are_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(IngestError, match="is empty"):
        list(read_input(str(empty)))
    with pytest.raises(IngestError, match="is a binary file"):
        list(read_input(str(binary)))


def test_progress_counts_bytes_up_to_the_size(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(_row(f"p{number}") for number in range(3000)) + "\n", encoding="utf-8")
    calls: list[tuple[int, int | None]] = []
    reports = [item for item in read_input(str(path), on_progress=lambda done, total: calls.append((done, total)))]
    assert len(reports) == 3001  # a source and 3000 reports
    size = path.stat().st_size
    assert len(calls) > 1
    assert calls[-1] == (size, size)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
