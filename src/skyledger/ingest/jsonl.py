"""JSONL in the report shape of ``design/CLAIMS.md``: one report per line; a line's ``claims`` are ignored.

``outlet`` is the source (else the URL's domain), ``doc_id`` the external id within it (else the URL, else the content
hash), ``published`` parsed (a date alone is naive midnight; the raw value is kept in ``meta["published"]``),
``language`` kept. A line that is not a usable report is a Rejection ("line N"); a file with no usable line at all
is not JSONL and raises IngestError.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from skyledger.errors import IngestError
from skyledger.ingest.items import Item, Progress, SourceBook, guess_language, parse_datetime, short
from skyledger.model import Rejection, Report, SourceKind, content_hash
from skyledger.registry import normalise_handle

_PROGRESS_EVERY_BYTES = 256 * 1024


class _BadRow(Exception):
    pass


def read_jsonl(path: Path, book: SourceBook, on_progress: Progress | None = None) -> Iterator[Item]:
    """Reports from the JSONL file ``path``, streamed line by line."""
    where = str(path)
    total = _size(path)
    done = reported = 0
    rejected: list[Rejection] = []
    any_report = False
    with path.open("rb") as stream:
        if b"\x00" in stream.read(8192):
            raise IngestError("is a binary file, not JSONL", path=where)
        stream.seek(0)
        for number, raw in enumerate(stream, 1):
            done += len(raw)
            if not raw.strip():
                continue
            try:
                report = row_report(_load(raw, number), number)
            except _BadRow as problem:
                rejection = Rejection(where, str(problem), f"line {number}", short(raw.decode("utf-8", "replace")))
                if any_report:
                    yield rejection
                else:
                    rejected.append(rejection)  # held until the file shows it is JSONL at all
                continue
            if not any_report:
                any_report = True
                yield from rejected
            kind = SourceKind.TELEGRAM if report.source.startswith("t.me/") else SourceKind.WEBSITE
            yield from book.announce(report.source, kind)
            yield report
            if on_progress is not None and done - reported >= _PROGRESS_EVERY_BYTES:
                reported = done
                on_progress(done, total)
    if not any_report:
        if rejected:
            first = rejected[0]
            raise IngestError(f"not JSONL reports: {first.reason}", path=where, locator=first.locator)
        raise IngestError("is empty", path=where)
    if on_progress is not None:
        on_progress(done, total)


def _size(path: Path) -> int:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IngestError("no such file", path=str(path)) from None
    except OSError as error:
        raise IngestError(f"cannot read: {error.strerror or error}", path=str(path)) from None
    if size == 0:
        raise IngestError("is empty", path=str(path))
    return size


def _load(raw: bytes, number: int) -> dict[str, Any]:
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        raise _BadRow(f"not UTF-8 (byte {error.start + 1})") from None
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise _BadRow(f"not valid JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(row, dict):
        raise _BadRow(f"a JSON {type(row).__name__}, not an object")
    return row


def row_report(row: dict[str, Any], number: int | None = None) -> Report:
    """The Report of one CLAIMS.md row; raises _BadRow with the reason when it is not one."""
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise _BadRow('no "text"' if text is None else '"text" is empty or not a string')
    url = row.get("url") if isinstance(row.get("url"), str) and row.get("url") else None
    outlet = row.get("outlet")
    if isinstance(outlet, str) and outlet.strip():
        handle = normalise_handle(outlet)
    elif url:
        handle = normalise_handle(url)
    else:
        raise _BadRow('no "outlet" and no "url" to name the source')
    doc_id = row.get("doc_id")
    external_id = str(doc_id) if doc_id not in (None, "") else url or content_hash(text)
    language = row.get("language")
    meta: dict[str, Any] = {"doc_id": None if doc_id is None else str(doc_id), "published": row.get("published")}
    if number is not None:
        meta["line"] = number
    return Report(
        source=handle,
        external_id=external_id,
        text=text,
        url=url,
        published=parse_datetime(row.get("published")),
        language=language.lower() if isinstance(language, str) and language else guess_language(text),
        title=row.get("title") if isinstance(row.get("title"), str) else None,
        meta=meta,
    )
