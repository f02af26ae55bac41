"""Numbers: digits and number words in Russian, Ukrainian and English, with their qualifiers.

"сорока двух" -> 42, "forty-two" -> 42, "более десяти" -> 10 at_least, "about a dozen" -> 12 approximate,
"несколько" -> no number, unspecified; "по три" -> 3 in each place. Digit runs longer than seven digits are not
numbers (no huge integers from a run of digits); clock times, dates and ages are skipped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from skyledger.errors import ConfigError
from skyledger.extract.heads import WORD_START, first_chars, list_heads
from skyledger.extract.lexicon import LANGUAGES, Words, compile_words, matches_at, read, starts_among
from skyledger.model import CountQualifier

MAX_DIGITS = 7
# the check of the character before a number follows its first digit ("\d(?<![...]\d)" rather than "(?<![...])\d"):
# an expression that opens with a digit is searched by skipping to digits, one that opens with a look-behind is tried
# at every character
_DIGITS = re.compile(
    r"(\d(?<![\d.,:/№-]\d)\d{0,6})(?![\d])(?![.:]\d)(?!-?(?:летн|річн|year|х год|т[иі]|го\b|й\b|мм|mm|км|km))"
)
_AFTER_HYPHEN = re.compile(r"-(?=[\w\"«(-])")  # its end: where a number word may begin though no word does
_JOINER = re.compile(r"^(?:\s|-|\s+and\s+|\s+и\s+|\s+і\s+)$")
WEAK = frozenset({"a", "an", "another", "single", "lone"})


@dataclass(frozen=True, slots=True)
class Number:
    start: int
    end: int
    value: int | None
    qualifier: CountQualifier = CountQualifier.EXACT
    distributive: bool = False
    weak: bool = False  # "a", "another": a count only right before a weapon
    qualifier_start: int | None = None


@dataclass(frozen=True, slots=True)
class _Tables:
    words: re.Pattern[str]
    values: tuple[tuple[re.Pattern[str], int], ...]
    collective: Words
    collective_values: tuple[tuple[re.Pattern[str], int], ...]
    at_least: re.Pattern[str]
    approximate: re.Pattern[str]
    unspecified: Words
    distributive: re.Pattern[str]
    any_qualifier: re.Pattern[str]  # finds something where one of the three above does (a cheap test before them)
    scales: tuple[tuple[re.Pattern[str], int], ...]
    any_scale: re.Pattern[str]  # matches where one of ``scales`` does (a cheap test before trying each)
    # what a number word begins with: its first two characters, or for one that may be shorter its first (None: unknown)
    word_heads: tuple[frozenset[str], frozenset[str]] | None


MAX_VALUE = 10_000_000


def _number_words(patterns: list[str], origin: str) -> re.Pattern[str]:
    """Number words as whole words; a hyphen may join them ("forty-two")."""
    try:
        return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)")
    except re.error as error:
        raise ConfigError(f"bad pattern: {error}", path=origin) from None


def _tail(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")\s*$")


@lru_cache(maxsize=1)
def tables() -> _Tables:
    values: list[tuple[str, int]] = []
    collective: list[tuple[str, int]] = []
    scales: list[tuple[str, int]] = []
    quals: dict[str, list[str]] = {"at_least": [], "approximate": [], "unspecified": [], "distributive": []}
    for language in LANGUAGES:
        data = read(language, "numbers")
        values += [(pattern, int(value)) for pattern, value in data.get("words", {}).items()]
        collective += [(pattern, int(value)) for pattern, value in data.get("collective", {}).items()]
        scales += [(pattern, int(value)) for pattern, value in data.get("scales", {}).items()]
        for key in quals:
            quals[key] += data.get("qualifiers", {}).get(key, [])
    origin = "skyledger/extract/data/*/numbers.toml"
    return _Tables(
        words=_number_words(sorted((pattern for pattern, _ in values), key=len, reverse=True), origin),
        values=tuple((re.compile(f"(?:{pattern})$"), value) for pattern, value in values),
        collective=compile_words([pattern for pattern, _ in collective], origin),
        collective_values=tuple((re.compile(f"(?:{pattern})$"), value) for pattern, value in collective),
        at_least=_tail(quals["at_least"]),
        approximate=_tail(quals["approximate"]),
        unspecified=compile_words(quals["unspecified"], origin),
        distributive=_tail(quals["distributive"]),
        any_qualifier=_tail(quals["at_least"] + quals["approximate"] + quals["distributive"]),
        scales=tuple((re.compile(r"\s*(?:" + pattern + r")(?!\w)"), value) for pattern, value in scales),
        any_scale=re.compile(r"\s*(?:" + "|".join(f"(?:{pattern})" for pattern, _ in scales) + r")(?!\w)"),
        word_heads=_beginnings([pattern for pattern, _ in values]),
    )


def _beginnings(patterns: list[str]) -> tuple[frozenset[str], frozenset[str]] | None:
    heads: set[str] = set()
    firsts: set[str] = set()
    for pattern in patterns:
        found = list_heads([pattern])
        chars = first_chars(pattern) if found is None else frozenset()
        if chars is None or not all(WORD_START.fullmatch(char) for char in chars):
            return None  # a number word could begin where no word does (and not after a hyphen)
        heads.update(found or ())
        firsts.update(chars)
    return frozenset(heads), frozenset(firsts)


@lru_cache(maxsize=4096)
def word_value(word: str) -> int | None:
    for pattern, value in tables().values:
        if pattern.match(word):
            return value
    return None


@lru_cache(maxsize=1024)
def collective_value(word: str) -> int | None:
    for pattern, value in tables().collective_values:
        if pattern.match(word):
            return value
    return None


def _scale(value: int) -> int:
    """The place value of the last written part of ``value``: 40 -> 10, 100 -> 100, 142 -> 1."""
    if value % 100 == 0:
        return 100
    if value % 10 == 0:
        return 10
    return 1


def find_numbers(text: str) -> list[Number]:
    """Every number in the normalised ``text``, in order, with qualifier and distributive flags."""
    table = tables()
    raw: list[tuple[int, int, int]] = [(m.start(1), m.end(1), int(m.group(1))) for m in _DIGITS.finditer(text)]
    words: list[tuple[int, int, int]] = []
    for match in _word_matches(text):
        value = word_value(match.group(0))
        if value is not None:
            joined = words and _JOINER.match(text[words[-1][1] : match.start()])
            if joined and value < _scale(words[-1][2]) and words[-1][2] >= 20:
                words[-1] = (words[-1][0], match.end(), words[-1][2] + value)
            else:
                words.append((match.start(), match.end(), value))
    numbers = [_qualify(text, start, *_scaled(text, end, value)) for start, end, value in sorted(raw + words)]
    starts = [number.start for number in numbers]
    for match in table.unspecified.finditer(text):
        at = bisect.bisect_right(starts, match.start()) - 1
        if at >= 0 and numbers[at].end > match.start():
            continue  # "двух десятков": part of a number already read
        numbers.append(Number(match.start(), match.end(), None, CountQualifier.UNSPECIFIED))
    numbers.sort(key=lambda number: number.start)
    return numbers


def _word_matches(text: str) -> list[re.Match[str]]:
    """What ``tables().words.finditer`` finds, trying only where a number word can begin (not after a letter): at a
    word start or right after a hyphen ("forty-two"), with a number word's beginning. A scan tries every character."""
    table = tables()
    if table.word_heads is None:
        return list(table.words.finditer(text))
    heads, firsts = table.word_heads
    starts = starts_among(text, heads, firsts)
    if "-" in text:  # after a hyphen no word starts: those places are added
        extra = [
            at
            for match in _AFTER_HYPHEN.finditer(text)
            if text[(at := match.end()) : at + 2] in heads or text[at : at + 1] in firsts
        ]
        starts = sorted(starts + extra) if extra else starts
    return matches_at(table.words, text, starts)


def _scaled(text: str, end: int, value: int) -> tuple[int, int]:
    """ "60 тысяч", "2 million": the number times its scale word (capped), and where the number now ends."""
    table = tables()
    if not table.any_scale.match(text, end):
        return end, value
    for pattern, scale in table.scales:
        match = pattern.match(text, end)
        if match:
            return match.end(), min(value * scale, MAX_VALUE)
    return end, value


def _qualify(text: str, start: int, end: int, value: int) -> Number:
    table = tables()
    before = text[max(0, start - 24) : start]
    weak = text[start:end] in WEAK
    if not table.any_qualifier.search(before):  # most numbers: one search instead of three
        return Number(start, end, value, CountQualifier.EXACT, False, weak, None)
    qualifier, q_start = CountQualifier.EXACT, None
    for pattern, kind in ((table.at_least, CountQualifier.AT_LEAST), (table.approximate, CountQualifier.APPROXIMATE)):
        match = pattern.search(before)
        if match:
            qualifier, q_start = kind, start - len(before) + match.start()
            break
    distributive = bool(table.distributive.search(before))
    return Number(start, end, value, qualifier, distributive, weak, q_start)


def find_collective(text: str) -> list[tuple[int, int, int]]:
    """Collective numerals for people ("трое", "четверо"): (start, end, value)."""
    out = []
    for match in tables().collective.finditer(text):
        value = collective_value(match.group(0))
        if value is not None:
            out.append((match.start(), match.end(), value))
    return out
