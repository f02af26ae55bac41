"""Load the lexicons under ``extract/data/{ru,uk,en}/`` and compile them once.

Every recogniser reads all three languages at once: reports mix languages (a Ukrainian article quoting a Russian
post), and a report's declared language is often wrong. A bad lexicon fails at load with a ConfigError naming the file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from skyledger.errors import ConfigError

LANGUAGES = ("ru", "uk", "en")
_LEFT = r"(?<![\w-])"
_RIGHT = r"(?![\w])"


@dataclass(frozen=True, slots=True)
class Entry:
    """One family of surface forms with its attributes (``class``, ``model``, ``action``, ``kind``, ...)."""

    attrs: dict[str, Any]
    singular: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Alternation:
    """Many entries compiled into one regular expression; ``entry_of(match)`` names the entry that matched."""

    pattern: re.Pattern[str]
    entries: tuple[Entry, ...]

    def entry_of(self, match: re.Match[str]) -> Entry:
        return self.entries[int((match.lastgroup or "g0")[1:])]


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


def compile_words(patterns: list[str], origin: str) -> re.Pattern[str]:
    try:
        return re.compile(words(patterns) if patterns else r"(?!x)x")
    except re.error as error:
        raise ConfigError(f"bad pattern: {error}", path=origin) from None


def alternation(entries: list[tuple[dict[str, Any], list[str], list[str]]], origin: str) -> Alternation:
    """Compile ``(attrs, patterns, singular_patterns)`` triples into one alternation, earlier entries first."""
    parts, compiled = [], []
    for number, (attrs, patterns, singular) in enumerate(entries):
        parts.append(f"(?P<g{number}>{'|'.join(patterns)})")
        single = None
        if singular:
            single = compile_words(singular, origin)
        compiled.append(Entry(attrs, single))
    try:
        pattern = re.compile(_LEFT + "(?:" + "|".join(parts) + ")" + _RIGHT)
    except re.error as error:
        raise ConfigError(f"bad pattern: {error}", path=origin) from None
    return Alternation(pattern, tuple(compiled))


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
def word_pattern(name: str, key: str, section: str | None = None) -> re.Pattern[str]:
    """A compiled whole-word alternation of the list ``key`` of ``name.toml`` in every language."""
    return compile_words(merged_list(name, key, section), f"skyledger/extract/data/*/{name}.toml")
