"""One left-to-right pass over a text's word tokens that finds raw place phrases (not yet resolved).

At each token the grammar tries, in order:

1. a list of sea stems closed by a sea word ("Азовского и Черного морей", "Black Sea") or opened by one ("Sea of Azov");
2. a list of region stems closed by a region word ("Тульской и Орловской областей", "Kaluga region") or a region stem
   before an authority ("Курский губернатор", "Kursk governor");
3. a list of district stems closed by a district word ("Малоярославецким и Жуковским районами");
4. a settlement after a settlement word ("в селе Дубовое", "the village of Golovchino");
5. a capitalised standalone name: a region ("Крым", "Київщиною"), a country, or a settlement.

Resolution (which region, which candidate, whether a small place is kept) happens in :mod:`.resolve`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import reduce
from itertools import compress, repeat
from operator import attrgetter, itemgetter, or_
from typing import Any, Protocol

from .lexicon import HOME, Lexicon
from .phrases import Token, consonants, list_gap, tight
from .roles import (
    ADJECTIVAL,
    ADJECTIVE,
    BIG_SHORT,
    COUNTRY,
    CUE,
    DISTRICT,
    HROMADA,
    HROMADA_WORD,
    KIND,
    NAME,
    NOUN,
    PERSON,
    REGION,
    SEA,
    SETTLEMENT,
    SETTLEMENT_PHRASE,
    SOFT,
    WATER,
    Roles,
    possible,
)
from .shapes import compound, name_like

_TEXT = attrgetter("text")
# a town in -ино/-ово (Ukrainian -ине/-ове) declined as an adjective: "у Шебекиному", "під Тьоткіним"
_NEUTER_TOWN_CASE = re.compile(r"(?:[иіыо]н|[оеє]в)(?:ому|ім|им|ого)$")
_STREET_OR_RIVER = KIND["street"] | KIND["river"]
_DIRECTION_OR_RIVER = KIND["direction"] | KIND["river"]


class Level(StrEnum):
    COUNTRY = "country"
    REGION = "region"
    DISTRICT = "district"
    SETTLEMENT = "settlement"
    WATER = "water"


@dataclass
class RawMention:
    first: int  # token index
    last: int  # token index, inclusive
    level: Level
    ids: list[str] | list[int]  # region codes, district or settlement numbers, a water name, a country code
    cued: bool = False  # a generic word marks the kind ("область", "район", "село")
    authority: bool = False  # "Курский губернатор": the region named through its authority
    group: int = 0  # mentions of one list share a group number (> 0)
    weak: frozenset[int] = frozenset()  # settlements matched only through an alternate (foreign, old) name


@dataclass
class _Item:
    first: int
    last: int
    ids: list


class _Finder(Protocol):
    def longest(self, text: str, tokens: list[Token], i: int) -> tuple[int, list[Any]] | None: ...


class _DistrictFinder:
    """District names: adjectives in any script ("Жуковским", "Zhukovsky"); English nouns only in Latin ("Bucha")."""

    def __init__(self, lexicon: Lexicon, roles: Roles) -> None:
        self.lx = lexicon
        self.roles = roles

    def longest(self, text: str, tokens: list[Token], i: int) -> tuple[int, list[int]] | None:
        found = self.lx.district_stems.longest(text, tokens, i)
        if tokens[i].latin:
            nouns = self.lx.district_nouns.longest(text, tokens, i)
            if nouns and (not found or nouns[0] > found[0]):
                return nouns
            if nouns and found and nouns[0] == found[0]:
                return found[0], found[1] + [n for n in nouns[1] if n not in found[1]]
            return found
        # "міста", "Белгород" are not district names whatever follows them; "Білгород-Дністровський" is
        if found and self.roles.of(tokens[found[0] - 1]) & ADJECTIVE:
            return found
        return None


class Matcher:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lx = lexicon
        self.roles = Roles(lexicon)  # what each word may start or be, once per distinct word
        self._district_finder = _DistrictFinder(lexicon, self.roles)
        self._weak: dict[str, frozenset[int]] = {}
        self._groups = 0

    def scan(self, text: str, tokens: list[Token]) -> list[RawMention]:
        found: list[RawMention] = []
        roles = list(map(self.roles.cached, map(_TEXT, tokens), repeat(-1)))  # one look-up per word
        if -1 in roles:  # words not seen before
            roles = [role if role >= 0 else self.roles.of(token) for role, token in zip(roles, tokens, strict=True)]
        present = reduce(or_, roles, 0)
        starts = possible(present)  # no district word in the text: no list of districts to try, and so on
        active = [role & starts for role in roles]
        if present & HROMADA_WORD:  # "Білопільська громада": the word before names a region
            for number in range(1, len(roles)):
                if roles[number] & HROMADA_WORD:
                    active[number - 1] |= HROMADA
        free = 0  # the first token that no mention has taken
        for i in compress(range(len(active)), active):  # most words start nothing: only the others are visited
            if i >= free:
                mentions = self._at(text, tokens, i, active[i])
                if mentions:
                    found.extend(mentions)
                    free = mentions[-1].last + 1
        return found

    def _at(self, text: str, tokens: list[Token], i: int, role: int) -> list[RawMention]:
        mentions: list[RawMention] = []
        if role & (WATER | SEA):
            mentions = self._water(text, tokens, i)
        if not mentions and role & REGION:
            mentions = self._regions(text, tokens, i)
        if not mentions and role & DISTRICT:
            mentions = self._districts(text, tokens, i)
        if not mentions and role & HROMADA:
            mentions = self._hromada(text, tokens, i)
        if not mentions and role & CUE:
            mentions = self._cued_settlement(text, tokens, i)
        if not mentions and role & NAME:
            mentions = self._bare_name(text, tokens, i)
        return mentions

    def _is(self, tokens: list[Token], k: int, kind: str) -> bool:
        # a kind that no cue may have ("water_mod" is not among CUE_KINDS) matches nothing
        return k < len(tokens) and bool(self.roles.of(tokens[k]) & KIND.get(kind, 0))

    def _list(self, index: _Finder, text: str, tokens: list[Token], i: int) -> list[_Item]:
        """Names of one index joined by commas and conjunctions: "Белгородской, Брянской и Курской"."""
        items: list[_Item] = []
        k = i
        while k < len(tokens):
            match = index.longest(text, tokens, k)
            if match is None:
                break
            end = match[0]
            items.append(_Item(k, end - 1, match[1]))
            k = end
            if k >= len(tokens) or not list_gap(text, tokens[k - 1], tokens[k]):
                break
            if self._is(tokens, k, "conjunction"):
                k += 1
                if self._is(tokens, k, "conjunction"):  # "а также"
                    k += 1
            elif "," not in text[tokens[k - 1].end : tokens[k].start]:
                break
        return items

    def _close(self, text: str, tokens: list[Token], items: list[_Item], mod: str, cue: str) -> int | None:
        """The token index of the generic word closing a list (after optional modifiers), or None."""
        k = items[-1].last + 1
        while self._is(tokens, k, mod) and tight(text, tokens[k - 1], tokens[k]):
            k += 1
        if self._is(tokens, k, cue) and tight(text, tokens[k - 1], tokens[k]):
            return k
        return None

    def _emit(self, items: list[_Item], level: Level, close: int) -> list[RawMention]:
        """Cued mentions for the items of a list; the last one's span takes in the closing generic word."""
        self._groups += 1
        group = self._groups if len(items) > 1 else 0
        mentions = [RawMention(item.first, item.last, level, item.ids, cued=True, group=group) for item in items]
        mentions[-1].last = close
        return mentions

    def _water(self, text: str, tokens: list[Token], i: int) -> list[RawMention]:
        k = i
        if self._is(tokens, k, "water"):  # "Sea of Azov"
            k += 1
            while k < len(tokens) and self.lx.filler(tokens[k].text):
                k += 1
            if k < len(tokens) and tight(text, tokens[k - 1], tokens[k]):
                match = self.lx.water_stems.longest(text, tokens, k)
                if match:
                    return [RawMention(i, match[0] - 1, Level.WATER, match[1][:1], cued=True)]
            return []
        items = self._list(self.lx.water_stems, text, tokens, i)
        close = self._close(text, tokens, items, "water_mod", "water") if items else None
        return self._emit(items, Level.WATER, close) if close is not None else []

    def _regions(self, text: str, tokens: list[Token], i: int) -> list[RawMention]:
        items = self._list(self.lx.region_stems, text, tokens, i)
        if not items:
            return []
        close = self._close(text, tokens, items, "region_mod", "region")
        if close is not None and not self._district_okrug(tokens, close, items[-1].last + 1):
            return self._emit(items, Level.REGION, close)
        k = items[0].last + 1
        if self._is(tokens, k, "authority") and tight(text, tokens[k - 1], tokens[k]):
            first = items[0]
            return [RawMention(first.first, first.last, Level.REGION, first.ids, cued=True, authority=True)]
        return []

    def _district_okrug(self, tokens: list[Token], close: int, after_stem: int) -> bool:
        """ "округ" right after a stem is a district (Шебекинский городской округ is caught by the modifier); a region's
        okrug has "автономный" between (Ханты-Мансийского автономного округа)."""
        return close == after_stem and self._is(tokens, close, "district") and not self._is(tokens, close, "region_mod")

    def _districts(self, text: str, tokens: list[Token], i: int) -> list[RawMention]:
        items = self._list(self._district_finder, text, tokens, i)
        close = self._close(text, tokens, items, "district_mod", "district") if items else None
        return self._emit(items, Level.DISTRICT, close) if close is not None else []

    def _hromada(self, text: str, tokens: list[Token], i: int) -> list[RawMention]:
        """ "Білопільська громада": the region of its centre Білопілля (the adjective's base less -ськ is the town's;
        Шосткинська less -инськ is Шостка). A hromada is neither a raion nor its centre: it names only a region."""
        if not self._followed_by(text, tokens, i + 1, "hromada") or not self.roles.of(tokens[i]) & ADJECTIVE:
            return []
        if compound(text, tokens, i):
            return []  # "Середино-Будська громада" is not "Будська громада"
        found: list[int] = []
        for key in tokens[i].bases[:1]:
            for noun in (key[:-2], key[:-1], key[:-4] if key.endswith("Vnsk") else "") if key.endswith("sk") else ():
                found.extend(
                    n
                    for n in self.lx.settlement_names.lookup((noun,))
                    if self.lx.settlements.regions[n].startswith("UA-") and noun in self.lx.primary_keys(n, False)
                )
        if not found:
            return []
        regions = [self.lx.settlements.regions[n] for n in sorted(found)]  # the largest centre's region first
        return [RawMention(i, i + 1, Level.REGION, list(dict.fromkeys(regions)), cued=True)]

    def _cued_settlement(self, text: str, tokens: list[Token], i: int) -> list[RawMention]:
        if not self._is(tokens, i, "settlement") or tokens[i].text.isupper() and len(tokens[i].text) > 1:
            return []
        k = i + 1
        while k < len(tokens) and (self._is(tokens, k, "settlement") or self.lx.filler(tokens[k].text)):
            k += 1
        if k >= len(tokens) or not name_like(tokens[k].text):
            return []
        between = text[tokens[k - 1].end : tokens[k].start].strip()
        abbreviation = between == "." and not tokens[k - 1].latin and len(tokens[k - 1].text) <= 4
        if between and not abbreviation or len(tokens[k].text) < 3:  # "г. Курск", "с. Дубовое"; not "city. In"
            return []
        if self._regions(text, tokens, k) or self._districts(text, tokens, k):
            return []  # "the city's Nakhimovsky district": the district, found at the next token
        match = self.lx.settlement_names.longest(text, tokens, k)
        if not match or self._followed_by(text, tokens, match[0], "direction"):
            return []
        return [self._settlement(tokens, k, match, cued=True)]

    def _bare_name(self, text: str, tokens: list[Token], i: int) -> list[RawMention]:
        token = tokens[i]  # called for words whose role has NAME: capitalised, may be a name
        role = self.roles.of(token)  # which indexes may know the word: the others are not asked
        before = self.roles.of(tokens[i - 1]) if i > 0 else 0
        if role & PERSON or before & PERSON:
            return []  # a listed name, or a word after a listed (first) name: "Вячеслав Гладков"
        if before & _STREET_OR_RIVER:
            return []  # "улица Ленина", "вулиця Київська", "на берегу Днепра"
        if token.text in self.lx.abbreviations:
            return [RawMention(i, i, Level.REGION, [self.lx.abbreviations[token.text]])]
        if role & SOFT:  # "-ье" (SOFT_REGION) and a soft name's base
            soft = self.lx.region_soft.longest(text, tokens, i)
            if soft:
                return [RawMention(i, soft[0] - 1, Level.REGION, soft[1])]
        options: list[tuple[int, Level, list[str] | list[int]]] = []  # (last token, level, ids)
        nouns = self.lx.region_nouns.longest(text, tokens, i) if role & NOUN else None
        if nouns:
            options.append((nouns[0] - 1, Level.REGION, nouns[1]))
        countries = self.lx.countries.longest(text, tokens, i) if role & COUNTRY else None
        if countries:
            options.append((countries[0] - 1, Level.COUNTRY, countries[1][:1]))
        abroad = (
            bool(options) and options[0][1] is Level.REGION and all(str(iso)[:2] not in HOME for iso in options[0][2])
        )
        # A one-word settlement name neither outlasts a region or a country nor displaces a home region: not sought
        wanted = not options or abroad or role & SETTLEMENT_PHRASE
        places = self._bare_settlements(text, tokens, i) if role & SETTLEMENT and wanted else None
        if places:
            if abroad:
                options.pop(0)  # "Рязанью" is Ryazan, not Moldova's Rezina
            options.append((places[0] - 1, Level.SETTLEMENT, places[1]))
        if not options:
            return []
        last, level, ids = max(options, key=itemgetter(0))  # longest; ties keep the region, then the country
        if level is Level.SETTLEMENT and places:
            return [self._settlement(tokens, i, places, cued=False)]
        return [RawMention(i, last, level, ids)]

    def _bare_settlements(self, text: str, tokens: list[Token], i: int) -> tuple[int, list[int]] | None:
        """A settlement named at a word whose role has SETTLEMENT (long enough, no stop word), or None."""
        token = tokens[i]
        if compound(text, tokens, i):
            return None
        match = self.lx.settlement_names.longest(text, tokens, i)
        if not match:
            return None
        end, numbers = match
        if compound(text, tokens, end - 1, after=True):
            return None  # "Южно-Донецкое"
        if (
            end < len(tokens)
            and self.roles.of(tokens[end]) & _DIRECTION_OR_RIVER
            and tight(text, tokens[end - 1], tokens[end])
        ):
            return None  # "на Купянском направлении", "the Dnipro river"
        if self.roles.of(tokens[end - 1]) & ADJECTIVE and self._in_district_list(text, tokens, end):
            return None  # "Салтівський район", "the Saltivskyi and Kyivskyi districts": districts unknown here
        if end == i + 1 and consonants(token.bases[0]) < 2:  # "Уфа" yes, any short word no
            numbers = [n for n in numbers if self.lx.settlements.ranks[n] >= BIG_SHORT]
        if end == i + 1 and self.roles.of(token) & ADJECTIVAL and token.bases[0] in self.lx.adjective_bases:
            return None  # "Курский" is the region's adjective, not a village
        return (end, numbers) if numbers else None

    def _settlement(self, tokens: list[Token], i: int, match: tuple[int, list[int]], cued: bool) -> RawMention:
        end, numbers = match
        weak = self._weak_of(tokens[i]).intersection(numbers) if end == i + 1 else frozenset()
        return RawMention(i, end - 1, Level.SETTLEMENT, numbers, cued=cued, weak=weak)

    def _weak_of(self, token: Token) -> frozenset[int]:
        """The settlements a one-word name (any of them) names only through an alternate (foreign, old) name; the word
        alone decides, so once per word."""
        weak = self._weak.get(token.text)
        if weak is None:
            # An adjectival word is strong only as a place's own name (Октябрьский), not as a town's adjective
            # (Азовского) nor as another case of an adjectival name (Балабиного): those need their district named.
            bases = set(token.bases)
            if self.roles.of(token) & ADJECTIVAL and not self._town_case(token):
                bases = {token.bases[0]}
            latin = token.latin  # a name in the other script is weak too: "Місцеві" is not "Moscow"
            names = self.lx.settlement_names
            numbers = [n for key in token.bases for n in names.single(key)]
            weak = frozenset(n for n in numbers if bases.isdisjoint(self.lx.primary_keys(n, latin)))
            if len(self._weak) > 100_000:
                self._weak.clear()
            self._weak[token.text] = weak
        return weak

    @staticmethod
    def _town_case(token: Token) -> bool:
        """ "Шебекиному" is Шебекине's locative, a case of the town's own name (not "Нового": too short a stem)."""
        return bool(_NEUTER_TOWN_CASE.search(token.text.lower())) and consonants(token.bases[-1]) >= 3

    def _in_district_list(self, text: str, tokens: list[Token], k: int) -> bool:
        """Whether a district word closes the list that the name before token ``k`` belongs to ("Салтівський район",
        "Saltivskyi and Kyivskyi districts"; not "Дубовое Белгородского района")."""
        joined = False
        for _ in range(6):
            if k >= len(tokens) or not list_gap(text, tokens[k - 1], tokens[k]):
                return False
            if self._is(tokens, k, "district") or self._is(tokens, k, "district_mod"):
                return True
            if self._is(tokens, k, "conjunction") or "," in text[tokens[k - 1].end : tokens[k].start]:
                joined = True
            elif not joined or not self.roles.of(tokens[k]) & ADJECTIVE:
                return False
            k += 1
        return False

    def _followed_by(self, text: str, tokens: list[Token], k: int, kind: str) -> bool:
        return k < len(tokens) and self._is(tokens, k, kind) and tight(text, tokens[k - 1], tokens[k])
