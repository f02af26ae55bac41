"""Streaming a Telegram Desktop export with ijson: chat headers and message objects, one at a time, bounded memory.

:func:`walk_export` yields ``ChatHeader`` when a chat's ``messages`` list begins (its ``name``, ``type``, ``id``,
``username`` read so far: Telegram Desktop writes them before the messages) and then each message item as built.
A syntax error raises IngestError naming the JSON line and column, found by a second, pure-Python pass.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import ijson
import ijson.backends.python as pure_ijson
from ijson.common import ObjectBuilder

from skyledger.errors import IngestError

_CHAT_PREFIXES = ("", "chats.list.item", "left_chats.list.item")
_HEADER_KEYS = ("name", "type", "id", "username")
_BUFFER = 16 * 1024
_OFFSET = re.compile(r" at (\d+)$")


@dataclass(slots=True)
class ChatHeader:
    prefix: str  # "" for a single-chat export, "chats.list.item" for a chat in a whole-account export
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def in_account_export(self) -> bool:
        return self.prefix != ""


@dataclass(frozen=True, slots=True)
class Message:
    index: int  # position in its chat's messages list, from 1
    value: Any  # a dict for a well-formed message


class CountingReader:
    """A binary file that counts the bytes read from it and skips a UTF-8 BOM."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.count = 0
        head = stream.read(3)
        if head != b"\xef\xbb\xbf":
            stream.seek(0)
        else:
            self.count = 3

    def read(self, size: int = -1) -> bytes:
        chunk = self._stream.read(size)
        self.count += len(chunk)
        return chunk


def walk_export(reader: CountingReader, where: str) -> Iterator[ChatHeader | Message]:
    """Chat headers and messages of the export read by ``reader``; IngestError when it is not one."""
    events = ijson.parse(reader, buf_size=_BUFFER, use_float=True)
    first = next(events, None)
    if first is None or first[1] != "start_map":
        raise IngestError("not a Telegram Desktop export: the top level is not a JSON object", path=where)
    header = ChatHeader("")
    saw_messages = False
    for prefix, event, value in events:
        if event == "start_map" and prefix in _CHAT_PREFIXES[1:]:
            header = ChatHeader(prefix)
        elif (
            event == "start_array"
            and prefix.endswith("messages")
            and prefix.removesuffix("messages").rstrip(".") in _CHAT_PREFIXES
        ):
            saw_messages = True
            yield header
            yield from _messages(events, prefix + ".item")
        elif event in ("string", "number") and prefix.rpartition(".")[0] == header.prefix:
            key = prefix.rpartition(".")[2]
            if key in _HEADER_KEYS:
                header.fields[key] = value
    if not saw_messages:
        raise IngestError('not a Telegram Desktop export: no "messages" list and no "chats" list', path=where)


def _messages(events: Iterator[tuple[str, str, Any]], item_prefix: str) -> Iterator[Message]:
    """The items of one messages array, built one at a time; returns at the array's end."""
    for index, (prefix, event, value) in enumerate(events, 1):
        if event == "end_array" and prefix == item_prefix.removesuffix(".item"):
            return
        if event in ("start_map", "start_array"):
            yield Message(index, _build(events, event, value))
        else:
            yield Message(index, value)


def _build(events: Iterator[tuple[str, str, Any]], event: str, value: Any) -> Any:
    builder = ObjectBuilder()
    builder.event(event, value)
    depth = 1
    for _prefix, inner, inner_value in events:
        builder.event(inner, inner_value)
        if inner in ("start_map", "start_array"):
            depth += 1
        elif inner in ("end_map", "end_array"):
            depth -= 1
            if depth == 0:
                break
    return builder.value


def syntax_error(path: Path, error: Exception, position: int) -> IngestError:
    """An IngestError for a JSON syntax ``error`` that the fast parser met about byte ``position`` of ``path``."""
    raw = error.args[0] if error.args else ""
    detail = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    reason = detail.strip().splitlines()[0] if detail.strip() else "malformed JSON"
    located = _locate(path)
    if located is None:
        line = _line_at_byte(path, position)
        return IngestError(f"malformed JSON: {reason}", path=str(path), locator=f"near line {line}")
    (line, column), pure_reason = located
    return IngestError(
        f"malformed JSON: {pure_reason or reason}", path=str(path), locator=f"line {line}, column {column}"
    )


def _locate(path: Path) -> tuple[tuple[int, int], str | None] | None:
    """(line, column) of the first syntax error by the pure-Python parser (slow, bounded memory); None if unknown."""
    try:
        with path.open("rb") as stream:
            for _ in pure_ijson.parse(CountingReader(stream)):
                pass
    except pure_ijson.UnexpectedSymbol as error:
        match = _OFFSET.search(str(error))
        if match:
            return _line_column(path, int(match.group(1))), str(error)[: match.start()].lower()
    except ijson.IncompleteJSONError as error:
        if "utf-8" in str(error).lower():
            offset = _first_bad_utf8(path)
            return None if offset is None else (_line_column_at_byte(path, offset), "not UTF-8 text")
        return _line_column(path, None), "unexpected end of file"
    except (ijson.JSONError, ValueError):
        return None
    return None


def _line_column(path: Path, offset: int | None) -> tuple[int, int]:
    """Line and column (from 1) of character ``offset`` in the text of ``path`` (None: the end of the file)."""
    line, column, seen = 1, 1, 0
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as text:
        while chunk := text.read(1 << 20):
            if offset is not None and seen + len(chunk) > offset:
                chunk = chunk[: offset - seen]
            newlines = chunk.count("\n")
            if newlines:
                line += newlines
                column = len(chunk) - chunk.rfind("\n")
            else:
                column += len(chunk)
            seen += len(chunk)
            if offset is not None and seen >= offset:
                break
    return line, column


def _first_bad_utf8(path: Path) -> int | None:
    """The byte offset of the first byte that is not valid UTF-8, or None."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    seen = 0
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            pending = len(decoder.getstate()[0])  # bytes of a character split across chunks, already counted
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return seen - pending + error.start
            seen += len(chunk)
    return None


def _line_column_at_byte(path: Path, offset: int) -> tuple[int, int]:
    """Line and column (from 1, in characters) of byte ``offset``."""
    with path.open("rb") as stream:
        before = stream.read(offset) if offset < (64 << 20) else b""
    if not before and offset:
        return _line_at_byte(path, offset), 1
    head = before.decode("utf-8", "replace")
    return head.count("\n") + 1, len(head) - head.rfind("\n")


def _line_at_byte(path: Path, position: int) -> int:
    line, seen = 1, 0
    with path.open("rb") as stream:
        while seen < position and (chunk := stream.read(min(1 << 20, position - seen))):
            line += chunk.count(b"\n")
            seen += len(chunk)
    return line
