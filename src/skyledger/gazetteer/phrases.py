"""Word tokens with their candidate bases, and an index of multi-word phrases looked up by their first word."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from .keys import TOKEN_RE, is_latin, token_bases

T = TypeVar("T")
_LIST_GAP = re.compile(r"^[\s,*_]*$")


@lru_cache(maxsize=200_000)
def cached_bases(word: str) -> tuple[str, ...]:
    return token_bases(word)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    bases: tuple[str, ...]

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def latin(self) -> bool:
        return is_latin(self.text)


def tokenize(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(), cached_bases(m.group())) for m in TOKEN_RE.finditer(text)]


def gap(text: str, left: Token, right: Token) -> str:
    """The characters between two tokens."""
    return text[left.end : right.start]


def tight(text: str, left: Token, right: Token) -> bool:
    """Only spaces, a hyphen or Markdown emphasis between two tokens (one phrase): "**Брянской** **области**"."""
    between = text[left.end : right.start]
    return len(between) <= 8 and between.strip(" -\u00a0*_") == "" and "\n\n" not in between


def list_gap(text: str, left: Token, right: Token) -> bool:
    """Spaces and commas only between two tokens (items of a list)."""
    between = text[left.end : right.start]
    return len(between) <= 8 and bool(_LIST_GAP.match(between))


def consonants(key: str) -> int:
    return len(key) - key.count("V")


class PhraseIndex(Generic[T]):
    """Phrases (tuples of word bases) -> payloads. A phrase matches tokens whose candidate bases contain its bases."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}

    def add(self, key: tuple[str, ...], payload: T) -> None:
        """Add a phrase; one of fewer than two consonants ("ВАО", "Уфа") is too easily a common word and is left out."""
        if not key or not all(key) or consonants("".join(key)) < 2:
            return
        entries = self._by_first.setdefault(key[0], [])
        if (key, payload) not in entries:
            entries.append((key, payload))

    def add_keys(self: PhraseIndex[int], rows: list[str]) -> None:
        """Bulk-load prebuilt keys: row number -> "key|key;key" (words of a key space-joined), no duplicate check."""
        by_first = self._by_first
        for number, field in enumerate(rows):
            for key in field.replace(";", "|").split("|"):
                if not key:
                    continue
                parts = tuple(key.split(" ")) if " " in key else (key,)
                entries = by_first.get(parts[0])
                if entries is None:
                    by_first[parts[0]] = [(parts, number)]
                else:
                    entries.append((parts, number))

    def firsts(self) -> set[str]:
        return set(self._by_first)

    def match(self, text: str, tokens: list[Token], i: int) -> list[tuple[int, T]]:
        """(end token index, payload) for every phrase starting at token ``i``, longest first."""
        found: list[tuple[int, T]] = []
        for first in tokens[i].bases:
            for key, payload in self._by_first.get(first, ()):
                end = i + len(key)
                if end > len(tokens):
                    continue
                if all(
                    key[k] in tokens[i + k].bases and tight(text, tokens[i + k - 1], tokens[i + k])
                    for k in range(1, len(key))
                ):
                    found.append((end, payload))
        found.sort(key=lambda item: -item[0])
        return found

    def lookup(self, key: tuple[str, ...]) -> list[T]:
        """Payloads of exactly this phrase key."""
        return [payload for phrase, payload in self._by_first.get(key[0], ()) if phrase == key] if key else []
