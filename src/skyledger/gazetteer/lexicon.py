"""Build the gazetteer's phrase indexes from the bundled tables and the hand lexicons."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError
from .keys import base as _base
from .keys import is_latin, name_key, token_bases, words
from .phrases import PhraseIndex, ScriptIndex, Token, consonants
from .tables import (
    District,
    RegionInfo,
    SettlementTable,
    load_districts,
    load_pairs,
    load_regions,
    load_settlements,
    load_words,
)

base = lru_cache(maxsize=100_000)(_base)

# A word in an adjective's form (Russian, Ukrainian, and the English romanisations of both): district names are these.
ADJECTIVE_FORM = re.compile(
    r"(?:ий|ый|ой|ая|ое|ее|ие|ые|ого|его|ому|ему|ом|ем|ым|им|ую|юю|ых|их|ими|ыми|ій|ої|ою|ім|іх|ього|ьому|"
    r"ька|ьку|ькій|ьке|ьких|ька|ська|sky|skiy|skyi|skyy|skii|ski|tsky|tskiy|tskyi|kyi|kiy|ky|iy|yi|yy|nyy|nyi|ny)$"
)
LONG_STOP_WORD = 5  # stop words this long stop every form of themselves (Победа, Победы); shorter ones only as written
HOME = ("RU", "UA", "BY")  # countries covered down to settlements; the neighbours only by region
SOFT_REGION = re.compile(r"ь(?:е|я|ю|ем|и)$")  # Ставрополье, Ставрополья, Ставропольем: the region, not the city
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
    "direction",
    "hromada",
    "street",
    "city",
    "river",
}
_FILLERS = {"of", "the"}  # "the village of X", "Republic of Tatarstan"


@dataclass
class Lexicon:
    regions: dict[str, RegionInfo]
    districts: list[District]
    settlements: SettlementTable
    region_nouns: ScriptIndex[str] = field(default_factory=ScriptIndex)  # standalone: Крым, Київщина, Moscow
    region_stems: ScriptIndex[str] = field(default_factory=ScriptIndex)  # need a cue: Калужская, Kaluga
    abbreviations: dict[str, str] = field(default_factory=dict)  # "ЯНАО" -> RU-YAN, in capitals only
    region_soft: PhraseIndex[str] = field(default_factory=PhraseIndex)  # Ставрополье: its city's key, read by "-ье"
    district_stems: PhraseIndex[int] = field(default_factory=PhraseIndex)  # adjectives: Жуковский, Zhukovsky
    district_nouns: PhraseIndex[int] = field(default_factory=PhraseIndex)  # English nouns: Bucha, Yelets (district)
    settlement_names: PhraseIndex[int] = field(default_factory=PhraseIndex)
    water_stems: PhraseIndex[str] = field(default_factory=PhraseIndex)  # Черное (море), Azov (Sea of)
    countries: ScriptIndex[str] = field(default_factory=ScriptIndex)
    cues: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))  # key -> (kind, word)
    short_cues: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    adjective_bases: set[str] = field(default_factory=set)  # Cyrillic region adjectives: never a bare settlement
    stop_words: set[str] = field(default_factory=set)
    stop_bases: dict[bool, set[str]] = field(default_factory=lambda: {True: set(), False: set()})  # by is-Latin
    people: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # base -> names (lowercase)

    def person(self, token: Token) -> bool:
        """Whether a word is one of the listed names in some case form: same base and the same first letters."""
        lower = token.text.lower()
        return any(lower.startswith(name[:3]) for name in self.people.get(token.bases[0], ()))

    district_by_id: dict[str, int] = field(default_factory=dict)
    district_names: dict[tuple[str, str], int] = field(default_factory=dict)  # (region, English name) -> number
    city_of: dict[str, str] = field(default_factory=dict)  # oblast -> the city region inside it (UA-32 -> UA-30)
    settlement_keys: list[str] = field(default_factory=list)  # per settlement: "primary|...;alternate|..." keys
    _primary: dict[tuple[int, bool], frozenset[str]] = field(default_factory=dict, repr=False)

    def primary_keys(self, number: int, latin: bool) -> frozenset[str]:
        """Keys of a settlement's English names (``latin``) or its Russian and Ukrainian names; not its alternates."""
        keys = self._primary.get((number, latin))
        if keys is None:  # split once per settlement asked about: a name's rows come up in text after text
            fields = self.settlement_keys[number].split(";", 2)
            keys = self._primary[(number, latin)] = frozenset(fields[0 if latin else 1].split("|"))
        return keys

    def cue(self, token: Token, kind: str) -> bool:
        """Whether a token is a generic word of this kind; short ones ("г", "обл") must match letter for letter."""
        return kind in self.cue_kinds(token)

    def cue_kinds(self, token: Token) -> set[str]:
        """The kinds of generic word a token is (see :meth:`cue`)."""
        lower = token.text.lower()
        if len(lower) <= SHORT_CUE:
            return set(self.short_cues.get(lower, ()))
        return {
            cue_kind
            for key in token.bases
            for cue_kind, word in self.cues.get(key, ())
            if lower.startswith(word[:3])  # the key alone would take "Силами" for "село"
        }

    def filler(self, word: str) -> bool:
        return word.lower() in _FILLERS

    def first_keys(self) -> set[str]:
        keys = set(self.cues) | {key for word in self.short_cues for key in token_bases(word)}
        indexes = (
            self.region_nouns,
            self.region_stems,
            self.district_stems,
            self.district_nouns,
            self.settlement_names,
        )
        for index in indexes:
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
    lexicon.settlement_names.add_keys(settlement_keys)
    for name, forms in load_pairs(directory / "waters.tsv"):
        for form in forms.split("|"):
            core = [word for word in words(form) if not _is_cue(lexicon, word, "water")]
            lexicon.water_stems.add(tuple(base(word) for word in core), name)
    for code, forms in load_pairs(directory / "countries.tsv"):
        for form in forms.split("|"):
            lexicon.countries.add(name_key(form), code, is_latin(form))
    lexicon.city_of = dict(load_pairs(directory / "city_regions.tsv"))
    for word in load_words(directory, "stopwords.txt"):
        lexicon.stop_words.add(word.lower())
        if len(word) >= LONG_STOP_WORD:  # a short one ("сім") stops only itself, not "Суми"
            lexicon.stop_bases[is_latin(word)].add(base(word))
    for word in load_words(directory, "function_words.txt"):  # pronouns, conjunctions: each stops only itself
        lexicon.stop_words.add(word.lower())
    for word in load_words(directory, "persons.txt"):
        lexicon.people[base(word)].append(word.lower())
    return lexicon


def _add_cues(lexicon: Lexicon, directory: Path) -> None:
    path = directory / "cues.tsv"
    for kind, word in load_pairs(path):
        if kind not in CUE_KINDS:
            raise ConfigError(f"unknown cue kind {kind!r}", path=str(path))
        if len(word) <= SHORT_CUE:
            lexicon.short_cues[word.lower()].add(kind)
        else:
            lexicon.cues[base(word)].append((kind, word.lower()))


def _is_cue(lexicon: Lexicon, word: str, *kinds: str) -> bool:
    if word.lower() in _FILLERS:
        return True
    if len(word) <= SHORT_CUE:
        return any(kind in lexicon.short_cues.get(word.lower(), ()) for kind in kinds)
    return any(kind in kinds for kind, _ in lexicon.cues.get(base(word), ()))


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
        lexicon.region_stems.add(tuple(base(word) for word in core), iso, is_latin(core[0]))
        if not is_latin(core[0]) and base(core[-1]).endswith("k"):
            lexicon.adjective_bases.add(base(core[-1]))
        return
    key = tuple(base(word) for word in parts)
    if len(parts) == 1 and SOFT_REGION.search(name):
        lexicon.region_soft.add(key, iso)  # Ставрополье and Ставрополь share a key: only the ending tells
        return
    if iso[:2] not in HOME and consonants("".join(key)) < 3:
        return  # a neighbour's short name ("Siauliai") is too easily a Russian word ("Сили")
    if name.isupper():
        lexicon.abbreviations.setdefault(name, iso)  # ДНР, ХМАО, ЯНАО: matched letter for letter
    lexicon.region_nouns.add(key, iso, is_latin(parts[0]))
    while core and _is_cue(lexicon, core[0], "region_prefix"):
        core.pop(0)
    if core and len(core) < len(parts):
        lexicon.region_nouns.add(tuple(base(word) for word in core), iso, is_latin(core[0]))


def _add_districts(lexicon: Lexicon) -> None:
    generic: dict[str, bool] = {}
    for number, district in enumerate(lexicon.districts):
        lexicon.district_by_id[district.id] = number
        lexicon.district_names.setdefault((district.region, district.name), number)
        for form in (district.name, *district.names):
            parts = words(form)
            for word in parts:
                if word not in generic:
                    generic[word] = _is_cue(lexicon, word, "district", "district_mod", "hromada")
            core = [word for word in parts if not generic[word]]
            if not core or len(core) > 3:
                continue
            key = tuple(base(word) for word in core)
            if ADJECTIVE_FORM.search(core[-1].lower()):
                lexicon.district_stems.add(key, number)
                for noun in _nouns_of_adjective(key[-1]):  # "Uzlovaya district", "Yelets district", "Odesa district"
                    lexicon.district_nouns.add((*key[:-1], noun), number)
            elif is_latin(core[-1]):
                lexicon.district_nouns.add(key, number)  # "Bucha Raion", "Gorodskoy Okrug Domodedovo"


def _nouns_of_adjective(adjective: str) -> tuple[str, ...]:
    """The town a district adjective may be named after, in base letters: Узловский -> Узлов(ая), Елецкий -> Елец,
    Одеський -> Одес(а) (the town's с merged into -ськ)."""
    if len(adjective) <= 4:
        return ()
    if adjective.endswith("sk"):
        return (adjective[:-2], adjective[:-1])
    return (adjective[:-1],) if adjective.endswith(("ck", "Ck")) else ()
