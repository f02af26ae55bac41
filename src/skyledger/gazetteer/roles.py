"""What a word may start or be, judged from the word alone and worked out once per distinct word.

The matcher tries a rule at a token only when the token's role allows it, so most tokens of a text cost one dictionary
look-up. A role says no only where the rule could find nothing whatever the neighbours are: a bare name needs a word
whose base names a place in its own script and that is no stop word; a district adjective in Cyrillic needs an
adjective's ending. The bits above the rule flags say which kinds of generic word ("область", "район") the word is.
"""

from __future__ import annotations

from .lexicon import ADJECTIVE_FORM, CUE_KINDS, SOFT_REGION, Lexicon
from .phrases import Token, consonants
from .shapes import abbreviation, adjectival, name_like

BIG_SHORT = 100_000  # a settlement whose name has one consonant ("Уфа") is taken only when this large
# Rules a word may start: a list of sea stems, "Sea of", a list of region stems, a list of district names, a settlement
# after a settlement word, a bare name; and what the word is: the word "громада", a listed person's name
WATER, SEA, REGION, DISTRICT, CUE, NAME, HROMADA_WORD, PERSON = 1, 2, 4, 8, 16, 32, 64, 128
HROMADA = 256  # set by the matcher on a word followed by "громада"
STARTS = WATER | SEA | REGION | DISTRICT | CUE | NAME
# What a bare name may be: a soft-ending region (Ставрополье), a region, a country, a settlement (of several words)
SOFT, NOUN, COUNTRY, SETTLEMENT, SETTLEMENT_PHRASE = 512, 1024, 2048, 4096, 8192
# The word's shape: an adjective's ending (ADJECTIVE_FORM, any script), a Cyrillic adjective (shapes.adjectival)
ADJECTIVE, ADJECTIVAL = 16384, 32768
KIND = {kind: 1 << (20 + number) for number, kind in enumerate(sorted(CUE_KINDS))}  # a generic word of this kind
_CACHE_LIMIT = 200_000


class Roles:
    """The role of each distinct word (its text decides it), worked out on first sight and kept."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lx = lexicon
        self._water = lexicon.water_stems.firsts()
        self._regions = {latin: lexicon.region_stems.of_script(latin).firsts() for latin in (True, False)}
        self._districts_latin = lexicon.district_stems.firsts() | lexicon.district_nouns.firsts()
        self._district_phrases = lexicon.district_stems.multi_firsts()
        self._soft = lexicon.region_soft.firsts()
        self._nouns = {latin: lexicon.region_nouns.of_script(latin).firsts() for latin in (True, False)}
        self._countries = {latin: lexicon.countries.of_script(latin).firsts() for latin in (True, False)}
        self._settlement_phrases = lexicon.settlement_names.multi_firsts()
        self._roles: dict[str, int] = {}
        self.cached = self._roles.get

    def of(self, token: Token) -> int:
        role = self._roles.get(token.text)
        if role is None:
            if len(self._roles) > _CACHE_LIMIT:
                self._roles.clear()
            role = self._roles[token.text] = self._role(token)
        return role

    def _role(self, token: Token) -> int:
        text = token.text
        role = 0
        for kind in self.lx.cue_kinds(token):
            role |= KIND[kind]
        if role & KIND["water"]:
            role |= SEA
        if role & KIND["hromada"]:
            role |= HROMADA_WORD
        if role & KIND["settlement"] and not (text.isupper() and len(text) > 1):  # "С-300" is no "с. Дубовое"
            role |= CUE
        if ADJECTIVE_FORM.search(text.lower()):
            role |= ADJECTIVE
        if adjectival(token):
            role |= ADJECTIVAL
        bases = token.bases
        if any(key in self._water for key in bases):
            role |= WATER
        if any(key in self._regions[token.latin] for key in bases):
            role |= REGION
        if self._district(token):
            role |= DISTRICT
        if name_like(text) or abbreviation(text):  # names are capitalised (or abbreviated: ДНР, РФ)
            role |= self._name(token)
            if self.lx.person(token):
                role |= PERSON
        return role

    def _district(self, token: Token) -> bool:
        """Whether a list of district names may begin here: in Cyrillic only adjectives are district names."""
        if token.latin:
            return any(key in self._districts_latin for key in token.bases)
        if any(key in self._district_phrases for key in token.bases):
            return True  # a longer name may end in an adjective
        stems = self.lx.district_stems
        return any(stems.single(key) for key in token.bases) and bool(ADJECTIVE_FORM.search(token.text.lower()))

    def _name(self, token: Token) -> int:
        """What a capitalised word may be as a bare name (an abbreviated region, a soft-ending region, a region, a
        country, a settlement), with NAME when anything."""
        bases = token.bases
        found = NAME if token.text in self.lx.abbreviations else 0
        if SOFT_REGION.search(token.text) and any(key in self._soft for key in bases):
            found |= SOFT
        if any(key in self._nouns[token.latin] for key in bases):
            found |= NOUN
        if any(key in self._countries[token.latin] for key in bases):
            found |= COUNTRY
        if self._settlement(token):
            found |= SETTLEMENT
            if any(key in self._settlement_phrases for key in bases):
                found |= SETTLEMENT_PHRASE
        return found | NAME if found else 0

    def _settlement(self, token: Token) -> bool:
        """Whether a word may be a settlement's bare name: not a stop word, and a name that its shape allows."""
        text, bases, lx = token.text, token.bases, self.lx
        if abbreviation(text) or len(text) < 3:
            return False
        if text.lower() in lx.stop_words or bases[0] in lx.stop_bases[token.latin]:
            return False
        if any(key in self._settlement_phrases for key in bases):
            return True  # a longer name may follow
        numbers = [number for key in bases for number in lx.settlement_names.single(key)]
        if not numbers or adjectival(token) and bases[0] in lx.adjective_bases:
            return False  # "Курский" is the region's adjective, not a village
        return consonants(bases[0]) >= 2 or any(lx.settlements.ranks[number] >= BIG_SHORT for number in numbers)


def possible(present: int) -> int:
    """The rules that may succeed in a text holding the generic words in ``present`` (its words' roles or-ed): a list
    of region, district or sea names is closed by such a word, and a region stem may name an authority instead."""
    starts = STARTS
    if not present & KIND["district"]:
        starts &= ~DISTRICT
    if not present & (KIND["region"] | KIND["authority"]):
        starts &= ~REGION
    if not present & KIND["water"]:
        starts &= ~WATER
    return starts
