"""Load the lexicons under ``extract/data/{ru,uk,en}/`` and compile them once.

Every recogniser reads all three languages at once: reports mix languages (a Ukrainian article quoting a Russian
post), and a report's declared language is often wrong. A bad lexicon fails at load with a ConfigError naming the file.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from skyledger.errors import ConfigError
from skyledger.extract.heads import (
    first_chars,
    list_heads,
    list_triples,
    literal_prefixes,
    longest_literal,
    required_literals,
)
from skyledger.extract.starts import Triples, matches_at, matches_by_heads, starts_among, word_starts

LANGUAGES = ("ru", "uk", "en")
_LEFT = r"(?<![\w-])"
_RIGHT = r"(?![\w])"
SMALL_LIST = 80  # word lists up to this size are scanned by one expression


@dataclass(frozen=True, slots=True)
class Entry:
    """One family of surface forms with its attributes (``class``, ``model``, ``action``, ``kind``, ...)."""

    attrs: dict[str, Any]
    singular: Words | None = None


@dataclass(frozen=True, slots=True)
class Alternation:
    """Many entries compiled into one regular expression; ``entry_of(match)`` names the entry that matched.

    ``finditer`` tries, at each word start only, the entries that can begin with that word's first character
    (one compiled expression per first character): much faster than scanning one huge alternation everywhere.
    """

    entries: tuple[Entry, ...]
    buckets: dict[str, re.Pattern[str]]
    anywhere: re.Pattern[str] | None
    needs: tuple[str, ...] | None = None  # every match of ``anywhere`` contains one of these (None: cannot tell)
    heads: frozenset[str] = frozenset()  # what a match of a bucket's pattern begins with, where that is known
    loose: frozenset[str] = frozenset()  # the first characters of the buckets' other patterns
    triples: Triples | None = None  # the buckets' patterns' list_triples, when none is loose
    numbers: dict[str, int] = field(default_factory=dict)  # group name -> entry number, as they turn up

    def entry_of(self, match: re.Match[str]) -> Entry:
        name = match.lastgroup or "g0"
        number = self.numbers.get(name)
        if number is None:
            number = self.numbers[name] = int(name[1:].split("_", 1)[0])  # "g12_1": entry 12
        return self.entries[number]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        position = 0
        get, anywhere, needs = self.buckets.get, self.anywhere, self.needs
        if anywhere is not None and needs is not None and not any(map(text.__contains__, needs)):
            anywhere = None  # none of its literals is in the text: it cannot match (and is slow to try everywhere)
        # without ``anywhere``, a match begins at a word start with one of ``heads`` or a first character of ``loose``
        if anywhere is None:
            yield from matches_by_heads(text, self.buckets, self.heads, self.loose, self.triples)
            return
        for at in word_starts(text):
            if at < position:
                continue
            bucket = get(text[at])
            match = bucket.match(text, at) if bucket is not None else None
            if anywhere is not None:
                other = anywhere.match(text, at)
                if other is not None and (match is None or other.end() > match.end()):
                    match = other
            if match is not None:
                end = match.end()
                if end > at:
                    yield match
                    position = end


@cache
def read(language: str, name: str) -> dict[str, Any]:
    """The parsed TOML file ``data/<language>/<name>.toml``."""
    origin = f"skyledger/extract/data/{language}/{name}.toml"
    try:
        text = resources.files("skyledger.extract").joinpath(f"data/{language}/{name}.toml").read_text("utf-8")
        return tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read lexicon: {error}", path=origin) from None


def words(patterns: list[str]) -> str:
    """One non-capturing alternation of ``patterns``, matched as whole words."""
    return _LEFT + "(?:" + "|".join(patterns) + ")" + _RIGHT


class Words:
    """A list of word patterns matched as whole words, tried only at word starts by first character.

    Offers the ``search`` / ``finditer`` / ``match`` of a compiled pattern (``pos``/``endpos`` included); ``pattern``
    is the plain alternation, for use inside other expressions.
    """

    def __init__(self, patterns: list[str], origin: str) -> None:
        self.pattern = "|".join(patterns) if patterns else "(?!x)x"
        self._small = len(patterns) <= SMALL_LIST
        self._last: tuple[str, list[re.Match[str]]] | None = None  # the last whole text scanned, and its matches
        self._searched: tuple[str, list[int] | None] | None = None  # the last text searched in parts (``_starts``)
        self._prefixes = literal_prefixes(patterns)  # every match contains one of these (None: cannot tell)
        self._patterns = patterns
        self._literals = required_literals(patterns)  # per pattern, text every match of it contains
        self._subsets: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._heads = list_heads(patterns)  # the two characters every match begins with (None: cannot tell)
        self._headed = _headed_part(patterns) if self._heads is None else None
        self._triples = list_triples(patterns) if self._heads is not None else None
        by_first: dict[str, list[str]] = {}
        anywhere: list[str] = []
        for pattern in patterns:
            firsts = first_chars(pattern)
            for char in firsts or ():
                by_first.setdefault(char, []).append(pattern)
            if firsts is None:
                anywhere.append(pattern)
        try:
            self._buckets = {char: re.compile("(?:" + "|".join(alts) + ")" + _RIGHT) for char, alts in by_first.items()}
            self._anywhere = re.compile("(?:" + "|".join(anywhere) + ")" + _RIGHT) if anywhere else None
            self._whole = re.compile(words(patterns) if patterns else r"(?!x)x")
        except re.error as error:
            raise ConfigError(f"bad pattern: {error}", path=origin) from None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        if self._small and pos == 0 and endpos is None:  # a whole text: one compiled expression scans it faster
            last = self._last
            if last is None or last[0] is not text:  # recognisers often scan the same text for the same list
                found = self._scan(text)
                last = self._last = (text, found)
            return iter(last[1])
        return self._bucketed(text, pos, endpos)

    def _scan(self, text: str) -> list[re.Match[str]]:
        """The whole-text matches. Where every match begins at a word start with one of the list's heads, the
        expression is tried only at those starts (a scan tries every character). Else by an expression of only the
        patterns that can match in ``text`` (those whose required literal it contains): dropping alternatives that
        cannot match anywhere changes no match."""
        if self._heads is not None:
            if self._anywhere is None and not self._whole.groups:
                return matches_by_heads(text, self._buckets, self._heads, triples=self._triples, empty=True)
            return matches_at(self._whole, text, starts_among(text, self._heads, triples=self._triples))
        if self._absent(text):
            return []
        headed = self._headed
        if headed is not None and not any(map(text.__contains__, headed.loose)):
            if headed.buckets is not None:
                return matches_by_heads(text, headed.buckets, headed.heads, triples=headed.triples, empty=True)
            return matches_at(headed.compiled, text, starts_among(text, headed.heads, triples=headed.triples))
        literals = self._literals
        if literals is None:
            return list(self._whole.finditer(text))
        kept = tuple([number for number, literal in enumerate(literals) if not literal or literal in text])
        if not kept:
            return []
        if len(kept) == len(literals):
            return list(self._whole.finditer(text))
        compiled = self._subsets.get(kept)
        if compiled is None:
            if len(self._subsets) > 512:
                self._subsets.clear()
            compiled = self._subsets[kept] = re.compile(words([self._patterns[number] for number in kept]))
        return list(compiled.finditer(text))

    def _absent(self, text: str) -> bool:
        """Whether no word of the list can occur in ``text``: none of their literal beginnings is in it (cheap)."""
        prefixes = self._prefixes
        return prefixes is not None and not any(map(text.__contains__, prefixes))

    def _starts(self, text: str) -> list[int]:
        """The word starts of ``text`` where a match can begin. A text searched again (a report, sentence by
        sentence) gets only those with the list's heads, found once; one searched once (often a short slice) all."""
        if self._heads is None or self._anywhere is not None:
            return word_starts(text)
        last = self._searched
        if last is None or last[0] is not text:
            self._searched = (text, None)
            return word_starts(text)
        starts = last[1]
        if starts is None:
            starts = starts_among(text, self._heads, triples=self._triples)
            self._searched = (text, starts)
        return starts

    def _bucketed(self, text: str, pos: int, endpos: int | None) -> Iterator[re.Match[str]]:
        while (found := self.search(text, pos, endpos)) is not None:
            yield found
            pos = found.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The first match in ``text[pos:endpos]``, tried at the list's word starts (``_starts``) by first character."""
        stop = len(text) if endpos is None else endpos
        starts = self._starts(text)
        get, anywhere = self._buckets.get, self._anywhere
        for number in range(bisect.bisect_left(starts, pos), len(starts)):
            at = starts[number]
            if at >= stop:
                return None
            bucket = get(text[at])
            found = bucket.match(text, at, stop) if bucket is not None else None
            if anywhere is not None:
                other = anywhere.match(text, at, stop)
                if other is not None and (found is None or other.end() > found.end()):
                    found = other
            if found is not None and found.end() > at:
                return found
        return None

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self._whole.match(text, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self._whole.fullmatch(text)


@dataclass(frozen=True, slots=True)
class _Headed:
    """The patterns of a list whose matches begin with known heads, when the others have required literals: in a text
    that lacks those literals only the former can match, and only at word starts with their heads."""

    heads: frozenset[str]
    loose: tuple[str, ...]  # a required literal of each other pattern
    compiled: re.Pattern[str]  # the former alone, in list order
    triples: Triples | None  # their list_triples
    buckets: dict[str, re.Pattern[str]] | None  # the former by first character, as Words has them (None: not known)


def _headed_part(patterns: list[str]) -> _Headed | None:
    heads: set[str] = set()
    headed: list[str] = []
    loose: list[str] = []
    for pattern in patterns:
        found = list_heads([pattern])
        if found is not None:
            heads |= found
            headed.append(pattern)
        elif literal := longest_literal(pattern):
            loose.append(literal)
        else:
            return None
    try:
        compiled = re.compile(words(headed))
    except re.error:
        return None  # the whole list fails to compile too, with the error reported there
    if not headed or not loose or compiled.groups:  # capturing groups: dropping patterns would renumber them
        return None
    return _Headed(frozenset(heads), tuple(loose), compiled, list_triples(headed), _by_first(headed))


def _by_first(patterns: list[str]) -> dict[str, re.Pattern[str]] | None:
    """One expression per first character over ``patterns`` in list order, as Words has its buckets; None when the
    first characters of a pattern are not known."""
    by_first: dict[str, list[str]] = {}
    for pattern in patterns:
        firsts = first_chars(pattern)
        if firsts is None:
            return None
        for char in firsts:
            by_first.setdefault(char, []).append(pattern)
    return {char: re.compile("(?:" + "|".join(alts) + ")" + _RIGHT) for char, alts in by_first.items()}


def compile_words(patterns: list[str], origin: str) -> Words:
    return Words(patterns, origin)


def alternation(entries: list[tuple[dict[str, Any], list[str], list[str]]], origin: str) -> Alternation:
    """Compile ``(attrs, patterns, singular_patterns)`` triples into one alternation, earlier entries first."""
    compiled = []
    by_first: dict[str, list[str]] = {}
    anywhere: list[str] = []
    plain: list[str] = []  # the patterns of ``anywhere`` as written
    heads: set[str] = set()
    loose: set[str] = set()
    headed: list[str] = []  # the patterns in buckets with known heads
    for number, (attrs, patterns, singular) in enumerate(entries):
        for pattern in patterns:
            firsts = first_chars(pattern)
            if firsts is None:
                plain.append(pattern)
                anywhere.append(f"(?P<g{number}>{pattern})")
            for char in firsts or ():
                by_first.setdefault(char, []).append(f"(?P<g{number}>{pattern})")
            if firsts is not None:
                found = list_heads([pattern])
                heads.update(found or ())
                loose.update(firsts if found is None else ())
                headed += [pattern] if found is not None else []
        single = None
        if singular:
            single = compile_words(singular, origin)
        compiled.append(Entry(attrs, single))
    try:
        buckets = {char: _bucket(alts) for char, alts in by_first.items()}
        rest = _bucket(anywhere) if anywhere else None
    except re.error as error:
        raise ConfigError(f"bad pattern: {error}", path=origin) from None
    literals = [longest_literal(pattern) for pattern in plain]
    needs = tuple(literals) if literals and all(literals) else None
    triples = list_triples(headed) if not loose else None
    return Alternation(tuple(compiled), buckets, rest, needs, frozenset(heads), frozenset(loose), triples)


def _bucket(alternatives: list[str]) -> re.Pattern[str]:
    """One expression over ``alternatives`` (several may share a group name: the first that matches wins)."""
    ordered = sorted(alternatives, key=lambda alt: int(alt[5 : alt.index(">")]))
    return re.compile("(?:" + "|".join(_renamed(ordered)) + ")" + _RIGHT)


def _renamed(alternatives: list[str]) -> list[str]:
    """Group names must be unique in one expression: repeated ones become (?P=...)-free copies named g<n>_<k>."""
    seen: dict[str, int] = {}
    out = []
    for alt in alternatives:
        name = alt[4 : alt.index(">")]
        count = seen.get(name, 0)
        seen[name] = count + 1
        out.append(alt if count == 0 else alt.replace(f"(?P<{name}>", f"(?P<{name}_{count}>", 1))
    return out


@cache
def merged_list(name: str, key: str, section: str | None = None) -> list[str]:
    """The list ``key`` (under ``section``) of ``name.toml``, over all languages."""
    out: list[str] = []
    for language in LANGUAGES:
        data = read(language, name)
        if section is not None:
            data = data.get(section, {})
        out.extend(data.get(key, []))
    return out


@cache
def word_pattern(name: str, key: str, section: str | None = None) -> Words:
    """A compiled whole-word alternation of the list ``key`` of ``name.toml`` in every language."""
    return compile_words(merged_list(name, key, section), f"skyledger/extract/data/*/{name}.toml")
