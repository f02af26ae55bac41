"""Sentences and list items, as offsets into the text (the normalised text has the same offsets).

A list item ("▫️ десять – над территорией Брянской области,") is its own segment and points to the segment that
introduced the list (the header ending in a colon), whose weapon and action it inherits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# a sentence ends at . ! ? or a line break; not after an initial or an abbreviation like "обл." before a lower-case word
_END = re.compile(
    r"(?<=[.!?…])[\"')\]*_]*\s+(?=[\"'«(\[*_]*[A-ZА-ЯІЇЄҐ0-9\W])|\n\s*|(?<=;)\s+|(?<=:)[*_]*\s+(?=[-–—•▫▪●◾️\d*]|(?:\S+\s+){1,2}[-–—]\s)"
    r"|\s+(?=[*_]*[▫▪•●◾])"
)
_BULLET = re.compile(r"^[\s*_]*[\-–—•▫▪●◾️🔸🔹➖\u200d\ufe0f]+")
_BULLET_AT = re.compile(_BULLET.pattern[1:])  # the same, matched at a given position (no copy of the rest)
_ABBREV = re.compile(
    r"(?:\b[А-ЯA-ZІЇЄ]|\b(?:обл|р-н|г|с|пос|пгт|ст|им|ул|млн|тыс|тис|etc|St|Mr|Dr|No|т\.г|н\.п|Gov|Gen|Lt|Col|Sen|Rep"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec))\.$"
)
MAX_SEGMENT = 4000


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    item: bool = False  # a list item
    header: int | None = None  # index of the segment that introduced the list
    paragraph: int = 0


def split(text: str) -> list[Segment]:
    """Sentences and list items of ``text`` in order; long runs without punctuation are cut at MAX_SEGMENT."""
    bounds: list[tuple[int, int, int]] = []
    start, paragraph = 0, 0
    for match in _END.finditer(text):
        piece = text[start : match.start()]
        if piece.endswith(".") and _ABBREV.search(piece) and "\n" not in match.group(0):
            continue
        bounds.extend(_cut(start, match.start(), paragraph))
        if match.group(0).count("\n") >= 2 or ("\n" in match.group(0) and not _BULLET_AT.match(text, match.end())):
            paragraph += 1
        start = match.end()
    bounds.extend(_cut(start, len(text), paragraph))
    segments: list[Segment] = []
    header: int | None = None
    for seg_start, seg_end, para in bounds:
        piece = text[seg_start:seg_end]
        if not piece.strip():
            continue
        bullet = _BULLET.match(piece)
        is_item = header is not None and (bool(bullet) or _looks_like_item(piece))
        if not is_item:
            header = None
        segments.append(Segment(seg_start, seg_end, is_item, header if is_item else None, para))
        if piece.rstrip(" *_").endswith(":"):
            header = len(segments) - 1
    return segments


def _looks_like_item(piece: str) -> bool:
    """ "десять – над ...", "два БПЛА – над ...", "29 ракет и 149 дронов": what follows a colon, item by item."""
    return bool(re.match(r"^[\s*_]*(?:(?:[\w'*]+\s+){0,2}[\w'*]+\s*[-–—]\s|\d)", piece))


def _cut(start: int, end: int, paragraph: int) -> list[tuple[int, int, int]]:
    out = []
    while end - start > MAX_SEGMENT:
        out.append((start, start + MAX_SEGMENT, paragraph))
        start += MAX_SEGMENT
    out.append((start, end, paragraph))
    return out
