"""The shape of a word in its text: capitalisation, a sentence's first word, a Title Case headline, hyphen compounds,
adjective endings. What a place name looks like, apart from what it says."""

from __future__ import annotations

import re
from functools import lru_cache

from .phrases import Token

_LATIN_WORD = re.compile(r"[A-Za-z]+")
# Adjectives: Russian -ский/-цкий in every case but the noun-like -ском/-ске/-ска (Курском, Курске, Курска), Ukrainian
# -ський/-цький/-зький in every case; and oblique adjective endings that no noun has (-ого, -ому, -ую, -ым, -ими...).
ADJECTIVAL = re.compile(
    r"(?:(?:ск|цк)(?:ий|ый|ой|ая|ое|ие|ые|ого|ому|ым|им|ую|ых|их|ими|ыми)"
    r"|(?:ськ|цьк|зьк)(?:а|у|і|ий|ій|ої|ою|ому|им|их|ими|е|ого|ім)"
    r"|(?:ого|его|ому|ему|ую|юю|ым|им|ім|ыми|ими|ього|ьому))$"
)


def sentence_initial(text: str, start: int) -> bool:
    """Whether a word opens a sentence, a line or a bullet: only punctuation and spaces back to a full stop."""
    for position in range(start - 1, max(start - 24, -1), -1):
        char = text[position]
        if char in ".!?…\n":
            return True
        if char.isalnum() or char in ",;:(":
            return False
    return start < 24


def title_case_line(text: str, start: int) -> bool:
    """Whether the line around a position is an English headline in Title Case, where every word is capitalised."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", start)
    line = text[first : last if last != -1 else min(len(text), first + 400)]
    return _title_case(line) if len(line) <= 1000 else _title_case.__wrapped__(line)


@lru_cache(maxsize=1024)
def _title_case(line: str) -> bool:  # several names on one line ask about it again
    words = [word for word in _LATIN_WORD.findall(line) if len(word) > 3]
    return len(words) >= 4 and sum(word[0].isupper() for word in words) >= 0.7 * len(words)


def adjectival(token: Token) -> bool:
    return not token.latin and bool(ADJECTIVAL.search(token.text.lower()))


def compound(text: str, tokens: list[Token], i: int, after: bool = False) -> bool:
    """Whether token ``i`` is glued by a hyphen to its neighbour (before it, or after it when ``after``)."""
    if after:
        return i + 1 < len(tokens) and text[tokens[i].end : tokens[i + 1].start] == "-"
    return i > 0 and text[tokens[i - 1].end : tokens[i].start] == "-"


def abbreviation(word: str) -> bool:
    """An all-capitals word: "ДНР", "РФ", "КМВА" may name a region or a country, never a settlement."""
    return len(word) >= 2 and word.isupper()


def name_like(word: str) -> bool:
    """Capitalised like a name: "Курск", "Kyiv", "Ростов-на-Дону"; not "ПВО", "UAVs", "СВОих"."""
    return word[:1].isupper() and not any(ch.isupper() for ch in word[1:])
