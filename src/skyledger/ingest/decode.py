"""Bytes to text, robustly: BOMs, UTF-8, then detected legacy encodings (Windows-1251, KOI8-R ...); binary refused.

Russian and Ukrainian files outside UTF-8 are usually Windows-1251 or KOI8-R/U. charset-normalizer detects them;
where its guess is not a plausible encoding for en/ru/uk text (short inputs fool it), the Cyrillic code pages are
tried and scored by how much of the text reads as letters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from skyledger.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PLAUSIBLE = {
    "ascii",
    "utf_8",
    "utf_16",
    "utf_16_le",
    "utf_16_be",
    "utf_32",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "mac_cyrillic",
    "iso8859_5",
    "cp866",
    "cp1252",
    "latin_1",
    "iso8859_15",
}
_CYRILLIC_PAGES = ("cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic")
_WORD = re.compile(r"[а-яёіїєґ]{2,}", re.IGNORECASE)
_MIXED_CASE = re.compile(r"[а-яёіїєґ][А-ЯЁІЇЄҐ]")
_MAX_CONTROL_SHARE = 0.02


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``, or an IngestError that names it (missing, a folder, unreadable, empty)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise IngestError("is a folder, not a file", path=str(path)) from None
    except OSError as error:
        raise IngestError(f"cannot read: {error.strerror or error}", path=str(path)) from None
    if not data.strip():
        raise IngestError("is empty", path=str(path))
    return data


def decode_text(data: bytes, where: str, declared: str | None = None) -> str:
    """Decode ``data`` (the content of ``where``, a path or URL); ``declared`` is a charset the transport named."""
    if not data.strip():
        raise IngestError("is empty", path=where)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), where)
    if b"\x00" in data:
        raise IngestError("is a binary file, not text", path=where)
    for candidate in (declared, "utf-8"):
        if candidate is not None:
            try:
                return _checked(data.decode(candidate), where)
            except (UnicodeDecodeError, LookupError):
                continue
    return _checked(_detect(data, where), where)


def _detect(data: bytes, where: str) -> str:
    best = from_bytes(data).best()
    if best is not None and best.encoding in _PLAUSIBLE:
        return str(best)
    candidates = []
    for encoding in _CYRILLIC_PAGES:
        try:
            candidates.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise IngestError("cannot detect the text encoding (a binary file?)", path=where)
    return max(candidates, key=_letter_score)


def _letter_score(text: str) -> int:
    """Cyrillic words count up, a lower-case letter followed by an upper-case one (a wrong code page) counts down."""
    return len(_WORD.findall(text)) - 3 * len(_MIXED_CASE.findall(text))


def _checked(text: str, where: str) -> str:
    if not text.strip():
        raise IngestError("is empty", path=where)
    control = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\n\r\t\f\v")
    if control > max(2, len(text) * _MAX_CONTROL_SHARE):
        raise IngestError("is a binary file, not text", path=where)
    return text.lstrip("\ufeff")
