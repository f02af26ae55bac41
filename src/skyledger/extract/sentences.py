"""Sentences and list items, as offsets into the text (the normalised text has the same offsets).

A list item ("▫️ десять – над территорией Брянской области,") is its own segment and points to the segment that
introduced the list (the header ending in a colon), whose weapon and action it inherits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from skyledger.extract.heads import max_width

# a sentence ends at . ! ? or a line break; not after an initial or an abbreviation like "обл." before a lower-case word
_END = re.compile(
    r"(?<=[.!?…])[\"')\]*_]*\s+(?=[\"'«(\[*_]*[A-ZА-ЯІЇЄҐ0-9\W])|\n\s*|(?<=;)\s+|(?<=:)[*_]*\s+(?=[-–—•▫▪●◾️\d*]|(?:\S+\s+){1,2}[-–—]\s)"
    r"|\s+(?=[*_]*[▫▪•●◾])"
)
# where an _END match can begin: right after . ! ? … ; : (its look-behinds), at a line break, or where the whitespace
# before a bullet begins. Keep it in step with _END: every match of _END must begin at one of these places.
_TRIGGER = re.compile(r"[.!?…;:\n]|\s+[*_]*[▫▪•●◾]")
_AFTER_TRIGGER = frozenset(".!?…;:")
_BULLET = re.compile(r"^[\s*_]*[\-–—•▫▪●◾️🔸🔹➖\u200d\ufe0f]+")
_BULLET_AT = re.compile(_BULLET.pattern[1:])  # the same, matched at a given position (no copy of the rest)
_ABBREV = re.compile(
    r"(?:\b[А-ЯA-ZІЇЄ]|\b(?:обл|р-н|г|с|пос|пгт|ст|им|ул|млн|тыс|тис|etc|St|Mr|Dr|No|т\.г|н\.п|Gov|Gen|Lt|Col|Sen|Rep"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec))\.$"
)
_ABBREV_WIDTH = max_width(_ABBREV.pattern)  # a match is no longer: only a sentence's last characters are searched
# "десять – над ...", "два БПЛА – над ...", "29 ракет и 149 дронов": what follows a colon, item by item
_ITEM = re.compile(r"[\s*_]*(?:(?:[\w'*]+\s+){0,2}[\w'*]+\s*[-–—]\s|\d)")  # used with match(text, pos, endpos)
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
    for match in _ends(text):
        end = match.start()
        if "\n" not in match.group(0) and _abbreviation_at_end(text, start, end):
            continue
        bounds.extend(_cut(start, end, paragraph))
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
        is_item = header is not None and _is_item(text, seg_start, seg_end)
        if not is_item:
            header = None
        segments.append(Segment(seg_start, seg_end, is_item, header if is_item else None, para))
        if piece.rstrip(" *_").endswith(":"):
            header = len(segments) - 1
    return segments


def _ends(text: str) -> Iterator[re.Match[str]]:
    """What ``_END.finditer(text)`` finds, trying _END only where a match can begin (a search tries every character,
    most of them inside words): at the triggers, and right where a match ended (inside whitespace)."""
    position = 0
    match = _END.match
    for trigger in _TRIGGER.finditer(text):
        at = trigger.end() if trigger.group() in _AFTER_TRIGGER else trigger.start()
        if at < position:
            continue
        found = match(text, at)
        while found is not None:
            yield found
            position = found.end()
            found = match(text, position)


def _abbreviation_at_end(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with an initial or an abbreviation ("обл.")."""
    # searched in the text, not a copy of the sentence: what precedes ``start`` is the whitespace ending the sentence
    # before, where a sentence begins anyway
    return end > start and text[end - 1] == "." and bool(_ABBREV.search(text, max(start, end - _ABBREV_WIDTH), end))


def _is_item(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, after a list's header, is an item: a bullet or what looks like one."""
    return bool(_BULLET_AT.match(text, start, end) or _ITEM.match(text, start, end))


def _cut(start: int, end: int, paragraph: int) -> list[tuple[int, int, int]]:
    out = []
    while end - start > MAX_SEGMENT:
        out.append((start, start + MAX_SEGMENT, paragraph))
        start += MAX_SEGMENT
    out.append((start, end, paragraph))
    return out
