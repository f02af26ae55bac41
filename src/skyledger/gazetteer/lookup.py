"""The gazetteer: find places in report text and resolve names to places, offline, from the bundled tables."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from ..model import Place
from .keys import words
from .lexicon import Lexicon, build_lexicon
from .matcher import Level, Matcher, RawMention
from .phrases import tokenize
from .resolve import PlaceMention, Resolver
from .tables import District, RegionInfo, Settlement, data_dir


class Gazetteer:
    """Regions, districts and settlements of RU/UA/BY (regions of the neighbours), seas and countries.

    Build it with :func:`load_gazetteer` (a cached singleton over the bundled data).
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self._lx = lexicon
        self._matcher = Matcher(lexicon)
        self._resolver = Resolver(lexicon)

    def find_places(self, text: str, context_region: str | None = None) -> list[PlaceMention]:
        """Every place named in ``text``, in order, with character offsets.

        ``context_region`` (an ISO 3166-2 code, e.g. the jurisdiction of the governor who posted) breaks ties between
        same-named districts and settlements when the text itself names no region.
        """
        tokens = tokenize(text)
        raw = self._matcher.scan(text, tokens)
        return self._resolver.resolve(text, tokens, raw, context_region)

    def region(self, code: str) -> RegionInfo | None:
        return self._lx.regions.get(code)

    def regions(self, country: str | None = None) -> list[RegionInfo]:
        return [info for info in self._lx.regions.values() if country is None or info.country == country]

    def timezone(self, code: str) -> str | None:
        """The IANA zone of a region (or of a country's capital region for a bare country code)."""
        info = self._lx.regions.get(code)
        if info is not None:
            return info.timezone
        capitals = {"RU": "RU-MOW", "UA": "UA-30", "BY": "BY-HM"}
        return self._lx.regions[capitals[code]].timezone if code in capitals else None

    def resolve_region(self, name: str) -> str | None:
        """The region a name denotes: "Калужской области", "Київщина", "Kaluga region", "Crimea"."""
        for mention in self._mentions_of(name):
            if mention.level is Level.REGION:
                return mention.place.region
        return None

    def resolve_district(self, name: str, region: str | None = None) -> Place | None:
        """A district by any form of its name ("Жуковский", "Малоярославецким районом", "Bilotserkivskyi Raion")."""
        tokens = tokenize(name)
        if not tokens:
            return None
        match = self._lx.district_stems.longest(name, tokens, 0) or self._lx.district_nouns.longest(name, tokens, 0)
        numbers = list(match[1]) if match else []
        return self._pick(numbers, region, self._lx.districts, self._resolver.district_place)

    def resolve_settlement(self, name: str, region: str | None = None) -> Place | None:
        """A settlement by any form of its name ("Шебекине", "Kyiv"); the largest one when several share it."""
        tokens = tokenize(name)
        if not tokens:
            return None
        match = self._lx.settlement_names.longest(name, tokens, 0)
        primary = set(tokens[0].bases) if match and match[0] == 1 else set()

        def order(n: int) -> tuple[bool, int]:  # own names before old or foreign ones, then by size (row order)
            return (bool(primary) and not primary.intersection(self._lx.primary_keys(n, tokens[0].latin)), n)

        numbers = sorted(match[1], key=order) if match else []
        return self._pick(numbers, region, self._lx.settlements, self._resolver.settlement_place)

    @staticmethod
    def _pick(
        numbers: list[int], region: str | None, rows: Sequence[District | Settlement], make: Callable[[int], Place]
    ) -> Place | None:
        chosen = [n for n in numbers if region is None or rows[n].region == region]
        return make(chosen[0]) if chosen else None

    def region_of_adjective(self, phrase: str) -> str | None:
        """The region of an adjective or stem alone: "Курский" (губернатор), "Белгородская", "Kursk" -> its code."""
        tokens = tokenize(phrase)
        if not tokens:
            return None
        match = self._lx.region_stems.longest(phrase, tokens, 0)
        return match[1][0] if match else None

    def region_of_jurisdiction(self, text: str) -> str | None:
        """The region an authority's title names: "Губернатор Курской области", "Kyiv City Military Administration",
        "Харківська ОВА", "Belgorod governor"; None when it names none (or several different ones)."""
        regions = [m.place.region for m in self.find_places(text) if m.level is Level.REGION and m.place.region]
        if not regions:
            found = [self.region_of_adjective(word) for word in words(text)]
            regions = [code for code in found if code]
        if any(self._lx.cue(token, "city") for token in tokenize(text)):  # "Київська міська ВА" is the city's
            regions = [self._lx.city_of.get(code, code) for code in regions]
        return regions[0] if len(set(regions)) == 1 else None

    def _mentions_of(self, name: str) -> list[PlaceMention]:
        return self.find_places(name)

    @property
    def lexicon(self) -> Lexicon:
        return self._lx


_lock = threading.Lock()
_cache: dict[Path, Gazetteer] = {}


def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """The gazetteer over the bundled data (or ``directory``), loaded once per process."""
    path = directory or data_dir()
    with _lock:
        if path not in _cache:
            _cache[path] = Gazetteer(build_lexicon(path))
        return _cache[path]


__all__ = ["Gazetteer", "PlaceMention", "RawMention", "load_gazetteer"]
