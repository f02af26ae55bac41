"""Word tokens with their candidate bases, and an index of multi-word phrases looked up by their first word."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Generic, TypeVar, cast

from .keys import TOKEN_RE, token_bases

T = TypeVar("T")
_WORDS_LIMIT = 100_000  # words remembered per index
_LIST_GAP = re.compile(r"^[\s,*_]*$")
_TOKEN_SPLIT = re.compile("(" + TOKEN_RE.pattern + ")")
# The same split over the Latin, Russian, Ukrainian and Belarusian letters only: a character class the regex engine
# tests by table, not by Unicode category. Where no other letter is left in the gaps, both splits are the same.
_COMMON_LETTERS = "a-zA-Zа-яА-ЯёЁіІїЇєЄґҐўЎ"
_COMMON_SPLIT = re.compile(f"([{_COMMON_LETTERS}]+(?:['’ʼ][{_COMMON_LETTERS}]+)*)")
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=200_000)
def cached_bases(word: str) -> tuple[str, ...]:
    return token_bases(word)


class Token:
    """A word of the text with its offsets; its candidate bases are computed on first use."""

    __slots__ = ("start", "end", "text", "_bases")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self._bases: tuple[str, ...] | None = None

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"

    @property
    def bases(self) -> tuple[str, ...]:
        if self._bases is None:
            self._bases = cached_bases(self.text)
        return self._bases

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def latin(self) -> bool:
        return self.text[0].isascii()  # is_latin, inline: asked often (a token is never empty)


def tokenize(text: str) -> list[Token]:
    parts = _COMMON_SPLIT.split(text)  # gap, word, gap, word, ..., gap: no match objects to build
    if _LETTER.search("".join(parts[0::2])):  # a letter of another alphabet ("é", "ʼ"): split by Unicode categories
        parts = _TOKEN_SPLIT.split(text)
    tokens = []
    position = len(parts[0])
    for number in range(1, len(parts), 2):
        word = parts[number]
        end = position + len(word)
        tokens.append(Token(position, end, word))
        position = end + len(parts[number + 1])
    return tokens


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
    """Phrases (tuples of word bases) -> payloads. A phrase matches tokens whose candidate bases contain its bases.

    One-word phrases (nearly all) sit in one list per key, so a look-up costs a dictionary hit, not a loop."""

    def __init__(self) -> None:
        self._single: dict[str, list[T]] = {}
        self._multi: dict[str, dict[str, list[tuple[tuple[str, ...], T]]]] = {}  # first -> second -> phrases
        # per word asked about: whether a phrase of several words may start with it, and its one-word payloads (None
        # for none); the word alone decides both, and the same words come up text after text
        self._words: dict[str, tuple[bool, list[T] | None]] = {}

    def add(self, key: tuple[str, ...], payload: T) -> None:
        """Add a phrase; one of fewer than two consonants ("ВАО", "Уфа") is too easily a common word and is left out."""
        if not key or not all(key) or consonants("".join(key)) < 2:
            return
        self._words.clear()
        if len(key) == 1:
            payloads = self._single.setdefault(key[0], [])
            if payload not in payloads:
                payloads.append(payload)
            return
        entries = self._multi.setdefault(key[0], {}).setdefault(key[1], [])
        if (key, payload) not in entries:
            entries.append((key, payload))

    def add_keys(self: PhraseIndex[int], rows: list[str]) -> None:
        """Bulk-load prebuilt keys: row number -> "key|key;key" (words of a key space-joined), no duplicate check."""
        single, multi = self._single, self._multi
        self._words.clear()
        for number, field in enumerate(rows):
            for key in field.replace(";", "|").split("|"):
                if not key:
                    continue
                if " " in key:
                    parts = tuple(key.split(" "))
                    multi.setdefault(parts[0], {}).setdefault(parts[1], []).append((parts, number))
                    continue
                payloads = single.get(key)
                if payloads is None:
                    single[key] = [number]
                elif payloads[-1] != number:
                    payloads.append(number)

    def firsts(self) -> set[str]:
        return set(self._single) | set(self._multi)

    def multi_firsts(self) -> set[str]:
        """First keys of phrases of two words or more."""
        return set(self._multi)

    def single(self, key: str) -> list[T]:
        """Payloads of the one-word phrase ``key`` (the index's own list: read it, do not change it)."""
        return self._single.get(key, [])

    def longest(self, text: str, tokens: list[Token], i: int) -> tuple[int, list[T]] | None:
        """The longest phrase starting at token ``i``: (end token index, its payloads), or None.

        The payload list may be the index's own: read it, do not change it."""
        token = tokens[i]
        word = self._words.get(token.text)
        if word is None:
            word = self._word(token.bases)
            if len(self._words) > _WORDS_LIMIT:
                self._words.clear()
            self._words[token.text] = word
        phrase, singles = word
        if phrase and i + 1 < len(tokens):
            best_end, best = self._longest_phrase(text, tokens, i)
            if best_end > i + 1:  # a phrase found is two words or more long
                return best_end, best
        return (i + 1, singles) if singles else None

    def _word(self, bases: tuple[str, ...]) -> tuple[bool, list[T] | None]:
        """Whether a phrase of several words may start with a word of these bases, and the payloads of the one-word
        phrases among them (in order of the bases, each once)."""
        phrase = any(first in self._multi for first in bases)
        singles = [found for found in (self._single.get(first) for first in bases) if found]
        if len(singles) <= 1:
            return phrase, singles[0] if singles else None
        merged: list[T] = []
        seen: set[T] = set()
        for found in singles:
            for payload in found:
                if payload not in seen:
                    seen.add(payload)
                    merged.append(payload)
        return phrase, merged

    def _longest_phrase(self, text: str, tokens: list[Token], i: int) -> tuple[int, list[T]]:
        best_end, best = 0, cast(list[T], [])
        if not tight(text, tokens[i], tokens[i + 1]):
            return best_end, best
        for first in tokens[i].bases:
            by_second = self._multi.get(first)
            if not by_second:
                continue
            for second in tokens[i + 1].bases:
                for key, payload in by_second.get(second, ()):
                    end = i + len(key)
                    if end < best_end or end > len(tokens):
                        continue
                    if all(key[k] in tokens[i + k].bases and tight(text, tokens[i + k - 1], tokens[i + k]) for k in
                           range(2, len(key))):  # fmt: skip
                        if end > best_end:
                            best_end, best = end, []
                        if payload not in best:
                            best.append(payload)
        return best_end, best

    def lookup(self, key: tuple[str, ...]) -> list[T]:
        """Payloads of exactly this phrase key."""
        if len(key) == 1:
            return list(self._single.get(key[0], ()))
        if not key:
            return []
        return [payload for phrase, payload in self._multi.get(key[0], {}).get(key[1], ()) if phrase == key]


class ScriptIndex(Generic[T]):
    """Two phrase indexes, one per script: a Latin word matches only names written in Latin, a Cyrillic word only
    names written in Cyrillic, so that "Місцеві" never reads as "Moscow" although their skeletons agree."""

    def __init__(self) -> None:
        self._by_script: dict[bool, PhraseIndex[T]] = {True: PhraseIndex(), False: PhraseIndex()}

    def add(self, key: tuple[str, ...], payload: T, latin: bool) -> None:
        self._by_script[latin].add(key, payload)

    def firsts(self) -> set[str]:
        return self._by_script[True].firsts() | self._by_script[False].firsts()

    def of_script(self, latin: bool) -> PhraseIndex[T]:
        return self._by_script[latin]

    def longest(self, text: str, tokens: list[Token], i: int) -> tuple[int, list[T]] | None:
        return self._by_script[tokens[i].latin].longest(text, tokens, i)
