"""Telegram Desktop exports: single chat, whole account, entities, edits, forwards, bad input, streaming."""

from __future__ import annotations

import json
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from skyledger.errors import IngestError
from skyledger.ingest import read_input

MOD = {"name": "Минобороны России", "type": "public_channel", "id": 1095624410}
UNKNOWN = {"name": "Тестовый канал", "type": "public_channel", "id": 1777000222}


def _message(number: int, text: Any = None, **extra: Any) -> dict[str, Any]:
    return {
        "id": number,
        "type": "message",
        "date": "2025-03-14T07:05:00",
        "date_unixtime": str(1741925100 + number),
        "from": "канал",
        "from_id": "channel1",
        "text": f"Уничтожено {number} БПЛА над Брянской областью." if text is None else text,
        **extra,
    }


def _write(path: Path, data: Any, indent: int | None = 1) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=indent), encoding="utf-8")
    return path


def test_a_single_chat_export(tmp_path: Path, read) -> None:
    messages = [
        {"id": 1, "type": "service", "date": "2025-03-13T10:00:00", "action": "create_channel", "text": ""},
        _message(2, ["Уничтожены ", {"type": "bold", "text": "23 БпЛА"}, {"type": "link", "text": " t.me/x"}]),
        _message(3, "Текст после правки", edited="2025-03-14T08:00:00", edited_unixtime="1741928400"),
        _message(4, "", photo="photos/1.jpg"),
        _message(5, [], photo="photos/2.jpg"),
    ]
    path = _write(tmp_path / "result.json", {**MOD, "messages": messages})
    sources, reports, rejections = read(path)
    assert [(source.handle, source.claimant) for source in sources] == [("t.me/mod_russia", "mod:RU")]
    assert [report.external_id for report in reports] == ["2", "3"]  # service and media-only posts skipped
    entity, edited = reports
    assert entity.text == "Уничтожены 23 БпЛА t.me/x"
    assert entity.url == "https://t.me/mod_russia/2"
    assert entity.published == datetime.fromtimestamp(1741925102, UTC)
    assert entity.edited is None and entity.language == "ru"
    assert edited.edited == datetime(2025, 3, 14, 5, 0, tzinfo=UTC)
    assert rejections == []


def test_the_text_falls_back_to_text_entities_and_a_naive_date(tmp_path: Path, read) -> None:
    message = {
        "id": 9,
        "type": "message",
        "date": "2025-03-14T07:05:00",
        "text_entities": [{"type": "plain", "text": "x"}],
    }
    path = _write(tmp_path / "result.json", {**MOD, "messages": [message]})
    _, [report], _ = read(path)
    assert (report.text, report.published) == ("x", datetime(2025, 3, 14, 7, 5))


def test_an_unknown_channel_gets_a_stable_handle_from_its_id(tmp_path: Path, read) -> None:
    path = _write(tmp_path / "result.json", {**UNKNOWN, "messages": [_message(7)]})
    sources, [report], _ = read(path)
    assert sources[0].handle == report.source == "t.me/channel1777000222"
    assert sources[0].name == "Тестовый канал" and sources[0].reliability == "F"
    assert report.url == "https://t.me/c/1777000222/7"


def test_a_username_in_the_export_wins(tmp_path: Path, read) -> None:
    path = _write(tmp_path / "result.json", {**UNKNOWN, "username": "@Test_Chan", "messages": [_message(7)]})
    _, [report], _ = read(path)
    assert (report.source, report.url) == ("t.me/test_chan", "https://t.me/test_chan/7")


def test_the_same_export_twice_gives_the_same_identities(tmp_path: Path, read) -> None:
    path = _write(tmp_path / "result.json", {**UNKNOWN, "messages": [_message(number) for number in range(1, 6)]})
    first = [(report.source, report.external_id, report.text) for report in read(path)[1]]
    assert first == [(report.source, report.external_id, report.text) for report in read(path)[1]]
    assert len({key[:2] for key in first}) == 5


def _account(chats: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "about": "Here is the data you requested.",
        "personal_information": {"user_id": 1, "first_name": "Имя", "phone_number": "+0"},
        "chats": {"about": "chats", "list": chats},
        "left_chats": {"about": "left", "list": [{**UNKNOWN, "messages": [_message(1)]}]},
    }


def test_a_whole_account_export_reads_channels_only(tmp_path: Path, read) -> None:
    chats = [
        {"name": "Олена", "type": "personal_chat", "id": 55, "messages": [_message(1, "Привіт")]},
        {**MOD, "messages": [_message(10), _message(11)]},
        {"name": "Группа", "type": "private_supergroup", "id": 66, "messages": [_message(2)]},
        {"type": "saved_messages", "messages": [_message(3)]},
    ]
    path = _write(tmp_path / "result.json", _account(chats))
    sources, reports, rejections = read(path)
    assert [source.handle for source in sources] == ["t.me/mod_russia", "t.me/channel1777000222"]
    assert [(report.source, report.external_id) for report in reports] == [
        ("t.me/mod_russia", "10"),
        ("t.me/mod_russia", "11"),
        ("t.me/channel1777000222", "1"),
    ]
    assert rejections == []


def test_a_forward_is_a_report_of_the_forwarding_channel(tmp_path: Path, read) -> None:
    tally = "Уничтожены 23 БпЛА: 10 над Брянской областью, 8 над Калужской."
    chats = [
        {**MOD, "messages": [_message(48711, tally)]},
        {
            **UNKNOWN,
            "messages": [
                _message(5, tally, forwarded_from="Минобороны России", forwarded_from_id="channel1095624410"),
                _message(6, "x", forwarded_from="Минобороны России"),  # resolved by the registry alias
                _message(7, "y", forwarded_from="Неизвестный канал", forwarded_from_id="channel42"),
                _message(8, "z", forwarded_from="Неизвестный канал"),
                _message(9, "w", forwarded_from="Тестовый канал", forwarded_message_id=3),  # this export's chat
            ],
        },
    ]
    path = _write(tmp_path / "result.json", {"chats": {"list": chats}})
    _, reports, _ = read(path)
    forwards = {report.external_id: (report.source, report.forwarded_from, report.forwarded_id) for report in reports}
    assert forwards["5"] == ("t.me/channel1777000222", "t.me/mod_russia", "48711")
    assert forwards["6"] == ("t.me/channel1777000222", "t.me/mod_russia", None)
    assert forwards["7"] == ("t.me/channel1777000222", "t.me/channel42", None)
    assert forwards["8"][1] is not None and forwards["8"][1].startswith("t.me/unresolved_")
    assert forwards["9"] == ("t.me/channel1777000222", "t.me/channel1777000222", "3")
    assert forwards["48711"] == ("t.me/mod_russia", None, None)


def test_a_malformed_message_is_a_rejection_naming_it(tmp_path: Path, read) -> None:
    messages = [_message(1), _message(2, {"oops": 1}), _message(3, date="bad", date_unixtime=None), "junk", _message(4)]
    messages.append({"type": "message", "date": "2025-03-14T07:05:00", "text": "без id"})
    path = _write(tmp_path / "result.json", {**UNKNOWN, "messages": messages})
    _, reports, rejections = read(path)
    assert [report.external_id for report in reports] == ["1", "4"]
    assert [(rejection.locator, rejection.reason) for rejection in rejections] == [
        ("message 2", '"text" is neither a string nor a list of text entities'),
        ("message 3", "no readable date ('bad')"),
        ("message #4", "not a JSON object but str"),
        ("message #6", "no message id"),
    ]


def test_malformed_json_names_the_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text('{\n "name": "x",\n "id": 1,\n "messages": [\n  {"id": 1,}\n ]\n}\n', encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        list(read_input(str(path)))
    assert str(caught.value) == f"{path} (line 5, column 12): malformed JSON: unexpected symbol '}}'"


def test_a_truncated_export_names_its_end(tmp_path: Path, read) -> None:
    path = _write(tmp_path / "result.json", {**UNKNOWN, "messages": [_message(number) for number in range(1, 4)]})
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.rindex('"id": 3')], encoding="utf-8")
    items: list[object] = []
    with pytest.raises(IngestError, match=r"\(line \d+, column \d+\): malformed JSON: unexpected end of file"):
        items.extend(read_input(str(path)))
    assert len(items) == 3  # the source and the two complete messages came before the error


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01PK\x03\x04", "is a binary file"),
        (b"[1, 2, 3]", "the top level is not a JSON object"),
        (b'{"name": "x"}', 'no "messages" list'),
        (b'\xef\xbb\xbf{"about": 1}', 'no "messages" list'),
    ],
)
def test_inputs_that_are_no_export(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "result.json"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=message):
        list(read_input(str(path), format="telegram"))


def test_a_large_export_streams_with_bounded_memory_and_reports_progress(tmp_path: Path) -> None:
    posts = 4000
    filler = " Дежурными средствами ПВО перехвачены и уничтожены беспилотные летательные аппараты." * 30
    messages = [_message(number, f"Сообщение {number}." + filler) for number in range(1, posts + 1)]
    path = _write(tmp_path / "result.json", {**UNKNOWN, "messages": messages})
    del messages
    size = path.stat().st_size
    calls: list[tuple[int, int | None]] = []
    tracemalloc.start()
    count = 0
    last_id = 0
    for item in read_input(str(path), on_progress=lambda done, total: calls.append((done, total))):
        if hasattr(item, "external_id"):
            count += 1
            assert int(item.external_id) == last_id + 1
            last_id += 1
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == posts
    assert size > 8 * 1024 * 1024
    assert peak < size / 4, f"peak {peak} bytes for a {size}-byte export: not streamed"
    assert len(calls) >= 8 and calls[-1] == (size, size)
    assert all(total == size for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_bytes_that_are_not_utf8_are_located(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    head = '{\n "name": "Канал",\n "id": 5,\n "messages": [\n  {"id": 1, "text": "'.encode()
    path.write_bytes(head + b"\xff\xfe bad" + b'"}\n ]\n}\n')
    with pytest.raises(IngestError) as caught:
        list(read_input(str(path)))
    assert str(caught.value) == f"{path} (line 5, column 22): malformed JSON: not UTF-8 text"
