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
from skyledger.extract.lexicon import LANGUAGES, Words, compile_words, read
from skyledger.model import CountQualifier

MAX_DIGITS = 7
_DIGITS = re.compile(
    r"(?<![\d.,:/№-])(\d{1,7})(?![\d])(?![.:]\d)(?!-?(?:летн|річн|year|х год|т[иі]|го\b|й\b|мм|mm|км|km))"
)
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
    scales: tuple[tuple[re.Pattern[str], int], ...]
    any_scale: re.Pattern[str]  # matches where one of ``scales`` does (a cheap test before trying each)


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
        scales=tuple((re.compile(r"\s*(?:" + pattern + r")(?!\w)"), value) for pattern, value in scales),
        any_scale=re.compile(r"\s*(?:" + "|".join(f"(?:{pattern})" for pattern, _ in scales) + r")(?!\w)"),
    )


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
    for match in table.words.finditer(text):
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
    qualifier, q_start = CountQualifier.EXACT, None
    for pattern, kind in ((table.at_least, CountQualifier.AT_LEAST), (table.approximate, CountQualifier.APPROXIMATE)):
        match = pattern.search(before)
        if match:
            qualifier, q_start = kind, start - len(before) + match.start()
            break
    distributive = bool(table.distributive.search(before))
    weak = text[start:end] in WEAK
    return Number(start, end, value, qualifier, distributive, weak, q_start)


def find_collective(text: str) -> list[tuple[int, int, int]]:
    """Collective numerals for people ("трое", "четверо"): (start, end, value)."""
    out = []
    for match in tables().collective.finditer(text):
        value = collective_value(match.group(0))
        if value is not None:
            out.append((match.start(), match.end(), value))
    return out
