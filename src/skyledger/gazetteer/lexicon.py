"""Build the gazetteer's phrase indexes from the bundled tables and the hand lexicons."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError
from .keys import base as _base
from .keys import is_latin, name_key, token_bases, words
from .phrases import PhraseIndex, Token
from .tables import (
    District,
    RegionInfo,
    Settlement,
    load_districts,
    load_pairs,
    load_regions,
    load_settlements,
    load_words,
)

base = lru_cache(maxsize=100_000)(_base)

SHORT_CUE = 3  # cue words this short match only letter for letter ("г." is not "He")
CUE_KINDS = {
    "region",
    "region_mod",
    "region_prefix",
    "district",
    "district_mod",
    "settlement",
    "authority",
    "water",
    "conjunction",
}
_FILLERS = {"of", "the"}  # "the village of X", "Republic of Tatarstan"


@dataclass
class Lexicon:
    regions: dict[str, RegionInfo]
    districts: list[District]
    settlements: Sequence[Settlement]
    region_nouns: PhraseIndex[str] = field(default_factory=PhraseIndex)  # standalone: Крым, Київщина, Moscow
    region_stems: PhraseIndex[str] = field(default_factory=PhraseIndex)  # need a cue: Калужская, Kaluga
    district_stems: PhraseIndex[int] = field(default_factory=PhraseIndex)
    settlement_names: PhraseIndex[int] = field(default_factory=PhraseIndex)
    water_stems: PhraseIndex[str] = field(default_factory=PhraseIndex)  # Черное (море), Azov (Sea of)
    countries: PhraseIndex[str] = field(default_factory=PhraseIndex)
    cues: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    short_cues: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    adjective_bases: set[str] = field(default_factory=set)  # Cyrillic region adjectives: never a bare settlement
    stop_bases: dict[bool, set[str]] = field(default_factory=lambda: {True: set(), False: set()})  # by is-Latin
    person_bases: dict[bool, set[str]] = field(default_factory=lambda: {True: set(), False: set()})
    district_by_id: dict[str, int] = field(default_factory=dict)
    settlement_keys: list[str] = field(default_factory=list)  # per settlement: "primary|...;alternate|..." keys

    def primary_keys(self, number: int) -> list[str]:
        """Keys of a settlement's English, Russian and Ukrainian names (not of its alternate names)."""
        return self.settlement_keys[number].split(";", 1)[0].split("|")

    def cue(self, token: Token, kind: str) -> bool:
        """Whether a token is a generic word of this kind; short ones ("г", "обл") must match letter for letter."""
        if len(token.text) <= SHORT_CUE:
            return kind in self.short_cues.get(token.text.lower(), ())
        return any(kind in self.cues.get(key, ()) for key in token.bases)

    def filler(self, word: str) -> bool:
        return word.lower() in _FILLERS

    def first_keys(self) -> set[str]:
        keys = set(self.cues) | {key for word in self.short_cues for key in token_bases(word)}
        for index in (self.region_nouns, self.region_stems, self.district_stems, self.settlement_names):
            keys |= index.firsts()
        return keys | self.water_stems.firsts() | self.countries.firsts()


def build_lexicon(directory: Path) -> Lexicon:
    regions = {region.iso: region for region in load_regions(directory)}
    settlements, settlement_keys = load_settlements(directory)
    lexicon = Lexicon(regions, load_districts(directory), settlements)
    _add_cues(lexicon, directory)
    _add_regions(lexicon, directory)
    _add_districts(lexicon)
    lexicon.settlement_keys = settlement_keys
    add = lexicon.settlement_names.add_raw
    for number, keys in enumerate(settlement_keys):
        for key in keys.replace(";", "|").split("|"):
            if key:
                parts = tuple(key.split(" "))
                add(parts[0], parts, number)
    for name, forms in load_pairs(directory / "waters.tsv"):
        for form in forms.split("|"):
            core = [word for word in words(form) if not _is_cue(lexicon, word, "water")]
            lexicon.water_stems.add(tuple(base(word) for word in core), name)
    for code, forms in load_pairs(directory / "countries.tsv"):
        for form in forms.split("|"):
            lexicon.countries.add(name_key(form), code)
    for target, filename in ((lexicon.stop_bases, "stopwords.txt"), (lexicon.person_bases, "persons.txt")):
        for word in load_words(directory, filename):
            target[is_latin(word)].add(base(word))
    return lexicon


def _add_cues(lexicon: Lexicon, directory: Path) -> None:
    path = directory / "cues.tsv"
    for kind, word in load_pairs(path):
        if kind not in CUE_KINDS:
            raise ConfigError(f"unknown cue kind {kind!r}", path=str(path))
        if len(word) <= SHORT_CUE:
            lexicon.short_cues[word.lower()].add(kind)
        else:
            lexicon.cues[base(word)].add(kind)


def _is_cue(lexicon: Lexicon, word: str, *kinds: str) -> bool:
    found = lexicon.short_cues.get(word.lower(), ()) if len(word) <= SHORT_CUE else lexicon.cues.get(base(word), ())
    return any(kind in found for kind in kinds) or word.lower() in _FILLERS


def _add_regions(lexicon: Lexicon, directory: Path) -> None:
    extra: dict[str, list[str]] = defaultdict(list)
    for iso, alias in load_pairs(directory / "region_aliases.tsv"):
        if iso not in lexicon.regions:
            raise ConfigError(f"unknown region {iso!r}", path=str(directory / "region_aliases.tsv"))
        extra[iso].append(alias)
    for region in lexicon.regions.values():
        for name in (region.name_en, region.name_ru, region.name_uk, *region.aliases, *extra[region.iso]):
            _add_region_name(lexicon, region.iso, name)


def _add_region_name(lexicon: Lexicon, iso: str, name: str) -> None:
    """A name ending in a generic word is a stem (needs the word in text); a bare or prefixed one is a noun."""
    parts = words(name.replace("(", " ").replace(")", " "))
    if not parts:
        return
    core = list(parts)
    while core and _is_cue(lexicon, core[-1], "region", "region_mod"):
        core.pop()
    if core and len(core) < len(parts):
        lexicon.region_stems.add(tuple(base(word) for word in core), iso)
        if not is_latin(core[0]) and base(core[-1]).endswith("k"):
            lexicon.adjective_bases.add(base(core[-1]))
        return
    lexicon.region_nouns.add(tuple(base(word) for word in parts), iso)
    while core and _is_cue(lexicon, core[0], "region_prefix"):
        core.pop(0)
    if core and len(core) < len(parts):
        lexicon.region_nouns.add(tuple(base(word) for word in core), iso)


def _add_districts(lexicon: Lexicon) -> None:
    for number, district in enumerate(lexicon.districts):
        lexicon.district_by_id[district.id] = number
        for form in (district.name, *district.names):
            parts = words(form)
            core = [word for word in parts if not _is_cue(lexicon, word, "district", "district_mod")]
            if core and len(core) <= 3:
                key = tuple(base(word) for word in core)
                lexicon.district_stems.add(key, number)
                noun = _noun_of_adjective(key[-1])  # "Uzlovaya district", "Yelets district"
                if noun:
                    lexicon.district_stems.add((*key[:-1], noun), number)


def _noun_of_adjective(adjective: str) -> str | None:
    """The town a district adjective is named after: Узловский -> Узлов(ая), Елецкий -> Елец (in base letters)."""
    if len(adjective) <= 4:
        return None
    if adjective.endswith("sk"):
        return adjective[:-2]
    return adjective[:-1] if adjective.endswith(("ck", "Ck")) else None
