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
# Single-byte European code pages and UTF-8; a guess outside them (EBCDIC, East Asian, UTF-16 without a BOM) means a
# short Cyrillic text fooled the detector.
_PLAUSIBLE = ("ascii", "utf_8", "cp1250", "cp1252", "iso8859_1", "iso8859_2", "iso8859_15", "latin_1", "mac_roman")
_CYRILLIC_PAGES = ("cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "iso8859_5")
_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)
_MIXED_CASE = re.compile(r"[а-яёіїєґ][А-ЯЁІЇЄҐ]")
# Letter frequencies of Russian and Ukrainian text: common letters count up, rare ones down (a wrong page swaps them).
_COMMON = frozenset("оеаинтсрвлкпд")
_RARE = frozenset("ъэщфцюжшчё")
_LONG_CAPITALS = re.compile(r"\b[А-ЯЁІЇЄҐ]{5,}\b")  # acronyms are short (ПВО, БПЛА); long words are rarely capitals
_PSEUDO_GRAPHICS = re.compile(r"[\u2500-\u25ff\u00a0-\u00bf]")  # box drawing and Latin-1 signs of a wrong page
_MAX_CONTROL_SHARE = 0.02
_MAX_ACCENTED_SHARE = 0.3


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of ``path`` (the first ``limit`` of them, if given), or an IngestError that names it (missing, a
    folder, unreadable, empty)."""
    try:
        with path.open("rb") as stream:
            data = stream.read() if limit is None else stream.read(limit)
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
    guess = best.encoding if best is not None else ""
    if guess in _PLAUSIBLE and guess not in _CYRILLIC_PAGES and not _mostly_accented(str(best)):
        return str(best)
    candidates: list[tuple[int, int, str]] = []  # (score, preference, text): the detector's own page wins a tie
    for encoding in _CYRILLIC_PAGES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_letter_score(text), encoding == guess, text))
    if not candidates:
        raise IngestError("cannot detect the text encoding (a binary file?)", path=where)
    return max(candidates, key=lambda candidate: candidate[:2])[2]


def _mostly_accented(text: str) -> bool:
    """Most letters in À-ÿ: Cyrillic bytes read in a Western code page (real French or German text has few)."""
    letters = sum(1 for char in text if char.isalpha())
    accented = sum(1 for char in text if "\u00c0" <= char <= "\u00ff")
    return letters > 0 and accented / letters > _MAX_ACCENTED_SHARE


def _letter_score(text: str) -> int:
    """How much ``text`` reads as Cyrillic: letters, weighted by frequency, less wrong-case pairs (``сБИТ``)."""
    score = 0
    for char in _CYRILLIC.findall(text):
        lower = char.lower()
        score += 2 if lower in _COMMON else -2 if lower in _RARE else 1
    wrong = len(_MIXED_CASE.findall(text)) + len(_LONG_CAPITALS.findall(text)) + len(_PSEUDO_GRAPHICS.findall(text))
    return score - 4 * wrong


def _checked(text: str, where: str) -> str:
    if not text.strip():
        raise IngestError("is empty", path=where)
    control = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\n\r\t\f\v")
    if control > max(2, len(text) * _MAX_CONTROL_SHARE):
        raise IngestError("is a binary file, not text", path=where)
    return text.lstrip("\ufeff")
