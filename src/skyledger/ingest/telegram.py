"""Telegram Desktop's JSON export (``result.json``): one chat, or a whole account with its ``chats.list``.

- Streamed with ijson (bounded memory for a 200 MB export); ``on_progress(bytes read, file size)`` as it goes.
- A whole-account export contributes its channels only (``public_channel``, ``private_channel``, in ``chats`` and
  ``left_chats``); personal chats, groups, bots and saved messages are skipped. A single-chat export is read whatever
  its type: the user chose it.
- The channel is the source. Exports carry a channel's title, not its @username, so the handle is, in order: a
  ``username`` field where the export has one; the registry entry whose name or alias is the title
  (``Registry.by_name``); else ``t.me/channel<id>`` (the export's ``from_id`` form). The post URL is
  ``https://t.me/<username>/<id>``, or ``https://t.me/c/<id>/<post>`` for a derived handle.
- Text is a string or a list of strings and entity objects (``{"type": "bold", "text": ...}``), joined as plain text.
  ``published`` is ``date_unixtime`` (aware, UTC), else ``date`` (naive: the exporting computer's local time);
  ``edited`` the same way.
- Service messages (``type`` other than ``message``) and media-only posts (no text) are skipped silently.
- A forward (``forwarded_from`` title, ``forwarded_from_id`` peer where the export has it) is a report of the
  forwarding channel with ``forwarded_from`` = the original's handle (a chat of this export, else the registry by
  title, else ``t.me/<peer id>``, else ``t.me/unresolved_<hash of the title>``) and ``forwarded_id``: the export's
  ``forwarded_message_id`` where it has one, else the id of the post of that channel with the same text met earlier
  in this export (Telegram Desktop does not write the original's id).
- A message that is malformed inside a valid export is a Rejection ("message <id>"); malformed JSON raises
  IngestError with the JSON line and column.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ijson

from skyledger.errors import IngestError
from skyledger.ingest.items import Item, Progress, SourceBook, guess_language, parse_datetime, short
from skyledger.ingest.json_stream import ChatHeader, CountingReader, Message, syntax_error, walk_export
from skyledger.model import Rejection, Report, SourceKind, content_hash
from skyledger.registry import normalise_handle

CHANNEL_TYPES = frozenset({"public_channel", "private_channel"})
_PROGRESS_EVERY_BYTES = 1024 * 1024
_PEER = re.compile(r"^[a-z]+\d+$")


@dataclass(frozen=True, slots=True)
class Chat:
    handle: str
    name: str | None
    url_base: str | None  # "https://t.me/mod_russia" or "https://t.me/c/1234"; None when unknown
    skipped: bool = False

    def post_url(self, message_id: int) -> str | None:
        return f"{self.url_base}/{message_id}" if self.url_base else None


class _Channels:
    """The chats seen so far in one export, for resolving forwards to the same handles."""

    def __init__(self, book: SourceBook, where: str) -> None:
        self.book = book
        self.where = where
        self.by_peer: dict[str, str] = {}
        self.by_title: dict[str, str] = {}
        self.posts: dict[tuple[str, str], str] = {}  # (handle, text hash) -> message id, to find a forward's original

    def chat(self, header: ChatHeader) -> Chat:
        fields = header.fields
        name = fields.get("name") if isinstance(fields.get("name"), str) else None
        kind = str(fields.get("type") or "")
        chat_id = fields.get("id")
        if header.in_account_export and kind not in CHANNEL_TYPES:
            return Chat("", name, None, skipped=True)
        username = fields.get("username")
        known = self.book.registry.by_name(name) if name else None
        if isinstance(username, str) and username.strip():
            handle = normalise_handle("t.me/" + username.strip().lstrip("@"))
            url_base: str | None = "https://" + handle
        elif known is not None:
            handle, url_base = known.handle, "https://" + known.handle
        elif isinstance(chat_id, int | str) and str(chat_id).lstrip("-").isdigit():
            number = str(chat_id).lstrip("-")
            prefix = "channel" if kind.endswith("channel") else "chat"
            handle, url_base = f"t.me/{prefix}{number}", f"https://t.me/c/{number}"
        elif name:
            handle, url_base = _unresolved(name), None
        else:
            raise IngestError("a chat has neither a name nor an id before its messages", path=self.where)
        if isinstance(chat_id, int | str):
            self.by_peer[f"channel{str(chat_id).lstrip('-')}"] = handle
        if name:
            self.by_title.setdefault(name.casefold(), handle)
        return Chat(handle, name, url_base)

    def forward_of(self, message: dict[str, Any]) -> str | None:
        title = message.get("forwarded_from") or message.get("saved_from")
        peer = message.get("forwarded_from_id") or message.get("saved_from_id")
        peer = peer.lower() if isinstance(peer, str) and _PEER.match(peer.lower()) else None
        if peer and peer in self.by_peer:
            return self.by_peer[peer]
        if isinstance(title, str) and title.strip():
            known = self.book.registry.by_name(title)
            if known is not None:
                return known.handle
            if title.casefold() in self.by_title:
                return self.by_title[title.casefold()]
        if peer:
            return "t.me/" + peer
        if isinstance(title, str) and title.strip():
            return _unresolved(title)
        return None


def _unresolved(title: str) -> str:
    """A stable handle for a channel known only by its title."""
    return "t.me/unresolved_" + hashlib.sha1(title.strip().casefold().encode()).hexdigest()[:10]


def read_telegram(path: Path, book: SourceBook, on_progress: Progress | None = None) -> Iterator[Item]:
    """Reports (and rejections) from the Telegram Desktop export at ``path``, streamed."""
    where = str(path)
    try:
        size = path.stat().st_size
        stream = path.open("rb")
    except FileNotFoundError:
        raise IngestError("no such file", path=where) from None
    except OSError as error:
        raise IngestError(f"cannot read: {error.strerror or error}", path=where) from None
    if size == 0:
        stream.close()
        raise IngestError("is empty", path=where)
    with stream:
        head = stream.read(4096)
        if b"\x00" in head:
            raise IngestError("is a binary file, not a Telegram export", path=where)
        if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
            raise IngestError("not a Telegram Desktop export (not JSON)", path=where)
        stream.seek(0)
        reader = CountingReader(stream)
        try:
            yield from _items(walk_export(reader, where), reader, book, where, (on_progress, size))
        except ijson.JSONError as error:
            raise syntax_error(path, error, reader.count) from None
    if on_progress is not None:
        on_progress(size, size)


def _items(
    walk: Iterator[ChatHeader | Message],
    reader: CountingReader,
    book: SourceBook,
    where: str,
    progress: tuple[Progress | None, int],
) -> Iterator[Item]:
    channels = _Channels(book, where)
    chat: Chat | None = None
    on_progress, size = progress
    reported = 0
    for step in walk:
        if isinstance(step, ChatHeader):
            chat = channels.chat(step)
            continue
        if chat is None or chat.skipped:
            continue
        yield from message_items(step, chat, channels, book, where)
        if on_progress is not None and reader.count - reported >= _PROGRESS_EVERY_BYTES:
            reported = reader.count
            on_progress(reader.count, size)


def message_items(step: Message, chat: Chat, channels: _Channels, book: SourceBook, where: str) -> Iterator[Item]:
    """The Source (first time), Report or Rejection of one message; nothing for service and media-only messages."""
    message = step.value
    if not isinstance(message, dict):
        yield Rejection(where, f"not a JSON object but {type(message).__name__}", f"message #{step.index}")
        return
    message_id = message.get("id")
    locator = f"message {message_id}" if isinstance(message_id, int | str) else f"message #{step.index}"
    if message.get("type", "message") != "message":
        return
    try:
        report = _report(message, chat, channels)
    except ValueError as problem:
        yield Rejection(where, str(problem), locator, short(json.dumps(message, ensure_ascii=False, default=str)))
        return
    if report is None:
        return
    yield from book.announce(chat.handle, SourceKind.TELEGRAM, chat.name)
    yield report


def _report(message: dict[str, Any], chat: Chat, channels: _Channels) -> Report | None:
    message_id = message.get("id")
    if isinstance(message_id, str) and message_id.isdigit():
        message_id = int(message_id)
    if not isinstance(message_id, int) or isinstance(message_id, bool):
        raise ValueError("no message id")
    text = plain_text(message.get("text"))
    if text is None:
        text = plain_text(message.get("text_entities"))
    if text is None:
        raise ValueError('"text" is neither a string nor a list of text entities')
    if not text.strip():
        return None  # media only
    published = parse_datetime(message.get("date_unixtime")) or parse_datetime(message.get("date"))
    if published is None:
        raise ValueError(f"no readable date ({message.get('date')!r})")
    edited = parse_datetime(message.get("edited_unixtime")) or parse_datetime(message.get("edited"))
    forwarded_from = channels.forward_of(message)
    original = message.get("forwarded_message_id")
    if forwarded_from and not isinstance(original, int | str):
        original = channels.posts.get((forwarded_from, content_hash(text)[:16]))
    channels.posts.setdefault((chat.handle, content_hash(text)[:16]), str(message_id))
    meta: dict[str, Any] = {"chat": chat.name}
    if isinstance(message.get("from"), str):
        meta["author"] = message["from"]
    if forwarded_from and isinstance(message.get("forwarded_from"), str):
        meta["forwarded_from_title"] = message["forwarded_from"]
    return Report(
        source=chat.handle,
        external_id=str(message_id),
        text=text,
        url=chat.post_url(message_id),
        published=published,
        language=guess_language(text),
        edited=edited,
        forwarded_from=forwarded_from,
        forwarded_id=str(original) if isinstance(original, int | str) and str(original) else None,
        meta=meta,
    )


def plain_text(value: Any) -> str | None:
    """A message's text as plain text: a string as is, a list of strings and entities joined; None otherwise."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        return None
    parts: list[str] = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            parts.append(part["text"])
        else:
            return None
    return "".join(parts)
