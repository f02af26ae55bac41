"""Turn raw place phrases into resolved mentions: pick each district's and settlement's candidate in the region the text
names nearest to it, and drop small places that nothing in the text supports."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

from ..model import Place, PlacePrecision
from .keys import first_vowel, vowel_agreement
from .lexicon import Lexicon
from .matcher import Level, RawMention
from .phrases import Token
from .shapes import sentence_initial, title_case_line

BIG_PLACE = 10_000  # a settlement this large is taken on its capitalised name alone
BIG_CITY = 100_000  # ... and this large when the name opens a sentence
# A candidate's score: log10(population) plus support from the text (a named district weighs most, then the named
# region nearest to the mention); a city of BIG_CITY gains CITY (its name alone says much); names matched only
# through alternate names lose WEAK; the same first vowel as the English name gains SPELLING.
NAMED_DISTRICT, NEAREST_REGION, OTHER_REGION, CONTEXT_REGION, CITY, WEAK, SPELLING = 4.0, 3.0, 2.0, 1.5, 1.0, 4.0, 0.5
_ADJECTIVE_ENDS = ("ky", "kyi", "kiy", "ki", "kii")  # Yeletsky over the town okrug "Yelets" when both match
_PRECISION = {
    Level.COUNTRY: PlacePrecision.COUNTRY,
    Level.REGION: PlacePrecision.REGION,
    Level.DISTRICT: PlacePrecision.DISTRICT,
    Level.SETTLEMENT: PlacePrecision.SETTLEMENT,
    Level.WATER: PlacePrecision.REGION,
}


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a text: its character span, its level and the resolved place (other readings follow).

    A settlement's place carries its district only when the text names that district too ("в посёлке Дубовое
    Белгородского района"); what the text does not say is not added (use ``Gazetteer.resolve_settlement`` for the
    settlement's district). Its coordinates are the settlement's, or its district's point where it has none.

    ``score`` is a confidence in [0, 1]: 1 for cued or unambiguous names, lower when a candidate was guessed among
    several with no region in the text to choose by. ``authority`` marks a region named through its authority
    ("Курский губернатор", "Kursk governor"), which says who speaks more than where it happened.
    """

    start: int
    end: int
    surface: str
    level: Level
    place: Place
    candidates: tuple[Place, ...] = ()
    score: float = 1.0
    authority: bool = False


@dataclass(frozen=True, slots=True)
class _Anchor:
    position: int
    region: str
    district: str | None = None


class _Anchors:
    """The regions and districts a text names, by position, for nearest-region look-ups (bisect, not a scan)."""

    def __init__(self, items: list[_Anchor]) -> None:
        self.items = items
        self._regions: dict[str, list[int]] | None = None
        self._districts: dict[str, list[int]] = {}

    def add(self, anchor: _Anchor) -> None:
        self.items.append(anchor)
        self._regions = None

    def _index(self) -> dict[str, list[int]]:
        if self._regions is None:
            regions: dict[str, list[int]] = defaultdict(list)
            self._districts = defaultdict(list)
            for anchor in self.items:
                regions[anchor.region].append(anchor.position)
                if anchor.district:
                    self._districts[anchor.district].append(anchor.position)
            for positions in regions.values():
                positions.sort()
            self._regions = dict(regions)
        return self._regions

    def gap(self, region: str, position: int) -> int | None:
        """How far the region is named from a position (after it counts three times); None when not named.

        A mention at the position itself does not count: it does not support itself."""
        positions = self._index().get(region)
        return _gap(positions, position) if positions else None

    def named(self, position: int) -> dict[str, float]:
        """Support for each region named around a position: more for the nearest than for the others."""
        gaps: dict[str, int] = {}
        for region, positions in self._index().items():
            gap = _gap(positions, position)
            if gap is not None:
                gaps[region] = gap
        if not gaps:
            return {}
        support = dict.fromkeys(gaps, OTHER_REGION)
        support[min(gaps, key=gaps.__getitem__)] = NEAREST_REGION
        return support

    def districts(self, position: int) -> set[str]:
        """The districts (GeoNames ids) named elsewhere than at the position."""
        self._index()
        return {district for district, at in self._districts.items() if len(at) > 1 or at[0] != position}


class Resolver:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lx = lexicon
        # Places and a settlement's fixed weights, built once per row asked for: the same in every text (Place is
        # frozen, so one instance serves all); bounded by the tables' size
        self._settlement_places: dict[tuple[int, bool], Place] = {}
        self._district_places: dict[int, Place] = {}
        self._region_places: dict[str, Place] = {}
        self._simple_places: dict[tuple[Level, str], Place] = {}
        self._facts: dict[int, tuple[tuple[str, str], str, float, str | None]] = {}

    def resolve(
        self, text: str, tokens: list[Token], raw: list[RawMention], context_region: str | None = None
    ) -> list[PlaceMention]:
        anchors = _Anchors(self._anchors(tokens, raw))
        resolved: list[PlaceMention | None] = [None] * len(raw)  # in text order
        # districts first: the one each resolves to supports the settlements of the text ("Шайковка Кировского района")
        districts = [number for number, item in enumerate(raw) if item.level is Level.DISTRICT]
        others = [number for number, item in enumerate(raw) if item.level is not Level.DISTRICT]
        for number in districts + others:
            item = raw[number]
            start, end = tokens[item.first].start, tokens[item.last].end
            mention = resolved[number] = self._one(text, item, start, end, anchors, context_region)
            if mention is not None and item.level is Level.DISTRICT and mention.score == 1.0 and mention.place.region:
                district_id = self.lx.districts[self._district_number(mention.place)].id
                anchors.add(_Anchor(start, mention.place.region, district_id))
        return [mention for mention in resolved if mention is not None]

    def _district_number(self, place: Place) -> int:
        return self.lx.district_names[(place.region or "", place.district or "")]

    def _anchors(self, tokens: list[Token], raw: list[RawMention]) -> list[_Anchor]:
        """Regions (and districts) the text names unambiguously, with their positions."""
        anchors: list[_Anchor] = []
        shared = self._list_regions(raw)
        for item in raw:
            position = tokens[item.first].start
            if item.level is Level.REGION and len(item.ids) == 1:
                anchors.append(_Anchor(position, str(item.ids[0])))
            elif item.level is Level.DISTRICT:
                regions = shared.get(item.group) or {self.lx.districts[int(n)].region for n in item.ids}
                if len(regions) == 1:
                    region = next(iter(regions))
                    anchors.extend(
                        _Anchor(position, region, self.lx.districts[int(n)].id)
                        for n in item.ids
                        if self.lx.districts[int(n)].region == region
                    )
            elif item.level is Level.SETTLEMENT:
                best = min(map(int, item.ids))  # rows are sorted by size, largest first
                if self.lx.settlements.ranks[best] >= BIG_PLACE:
                    anchors.append(_Anchor(position, self.lx.settlements.regions[best]))
        return anchors

    def _list_regions(self, raw: list[RawMention]) -> dict[int, set[str]]:
        """For each list of districts, the regions every item of it may lie in ("Курским и Октябрьским районами")."""
        shared: dict[int, set[str]] = {}
        for item in raw:
            if item.level is Level.DISTRICT and item.group:
                regions = {self.lx.districts[int(n)].region for n in item.ids}
                shared[item.group] = shared[item.group] & regions if item.group in shared else regions
        return shared

    def _one(
        self, text: str, item: RawMention, start: int, end: int, anchors: _Anchors, context: str | None
    ) -> PlaceMention | None:
        surface = text[start:end]
        if item.level is Level.WATER or item.level is Level.COUNTRY:
            return PlaceMention(start, end, surface, item.level, self._named_place(item.level, str(item.ids[0])))
        if item.level is Level.REGION:  # several: a hromada's centre name in several regions; the named one first
            codes = sorted(
                (str(iso) for iso in item.ids), key=lambda iso: self._closeness(iso, start, anchors, context)
            )
            places = [self.region_place(iso) for iso in codes]
            return PlaceMention(start, end, surface, item.level, places[0], tuple(places[1:]), 1.0, item.authority)
        if item.level is Level.DISTRICT:
            return self._district(item, start, end, surface, anchors, context)
        return self._settlement(text, item, start, end, anchors, context)

    def _district(
        self, item: RawMention, start: int, end: int, surface: str, anchors: _Anchors, context: str | None
    ) -> PlaceMention:
        numbers = _unique_by(item.ids, lambda n: (self.lx.districts[n].region, self.lx.districts[n].name))

        def order(n: int) -> tuple[tuple[int, int], int, bool]:
            row = self.lx.districts[n]
            spelling = row.name if surface.isascii() else (row.name_ru or row.name_uk)
            closeness = self._closeness(row.region, start, anchors, context)
            return closeness, -vowel_agreement(surface, spelling), not row.name.endswith(_ADJECTIVE_ENDS)

        ranked = sorted(numbers, key=order)
        best = ranked[0]
        known = self._closeness(self.lx.districts[best].region, start, anchors, context)[0] < 2
        score = 1.0 if len(ranked) == 1 or known else 0.5
        places = [self.district_place(n) for n in ranked]
        return PlaceMention(start, end, surface, item.level, places[0], tuple(places[1:]), score)

    def _settlement(
        self, text: str, item: RawMention, start: int, end: int, anchors: _Anchors, context: str | None
    ) -> PlaceMention | None:
        surface = text[start:end]
        table = self.lx.settlements
        regions, row_districts = table.regions, table.districts
        named = anchors.named(start)
        districts = anchors.districts(start)
        # rows are sorted by size: the largest few, and any in a region or district the text names
        by_size = sorted(map(int, item.ids))
        numbers = by_size[:8] + [n for n in by_size[8:] if regions[n] in named or row_districts[n] in districts]
        opening = first_vowel(surface)
        seen: set[tuple[str, str]] = set()
        supports: dict[int, float] = {}  # per candidate (one per region and name): what the text says for it
        scores: dict[int, float] = {}
        facts, fact = self._facts, self._fact
        for n in numbers:
            marker, district, size, vowel = facts.get(n) or fact(n)
            if marker in seen:
                continue
            seen.add(marker)
            support = NAMED_DISTRICT if district and district in districts else 0.0
            support += named.get(marker[0], 0.0)
            support = supports[n] = support + (CONTEXT_REGION if marker[0] == context else 0.0)
            spelling = SPELLING if vowel == opening else 0.0  # Кинель for Кинель, not Канал
            scores[n] = size + support + spelling - (WEAK if n in item.weak else 0.0)
        ranked = sorted(scores, key=scores.__getitem__, reverse=True)
        best = ranked[0]
        if best in item.weak:  # an old or foreign name: only with a settlement word or its district named
            accepted = item.cued or supports[best] >= NAMED_DISTRICT
        elif item.cued or supports[best] > 0:
            accepted = True
        else:  # on its name alone: a large place, spelt with the same first vowel ("Улица" is not "Елец"); a city where
            # the name opens a sentence or a Title Case headline (any word is capitalised there)
            rank = table.ranks[best]
            big = rank >= BIG_CITY or rank >= BIG_PLACE and not _initial(text, start)
            big = big and len(surface) > 3
            accepted = big and first_vowel(surface) == first_vowel(table.names[best])
        if not accepted:
            return None
        rivals = [n for n in ranked[1:] if scores[n] > scores[best] - 1.0]
        places = [self.settlement_place(n, with_district=row_districts[n] in districts) for n in ranked[:4]]
        return PlaceMention(start, end, surface, item.level, places[0], tuple(places[1:]), 0.6 if rivals else 1.0)

    def _fact(self, n: int) -> tuple[tuple[str, str], str, float, str | None]:
        """What scoring a settlement needs of its row: (region, name), its district, its weight by size and the first
        vowel of its name."""
        table = self.lx.settlements
        rank = table.ranks[n]
        size = math.log10(rank + 10) + (CITY if rank >= BIG_CITY else 0.0)
        found = self._facts[n] = (
            (table.regions[n], table.names[n]),
            table.districts[n],
            size,
            first_vowel(table.names[n]),
        )
        return found

    @staticmethod
    def _closeness(region: str, position: int, anchors: _Anchors, context: str | None) -> tuple[int, int]:
        """(0, distance) when the text names the region, (1, 0) for the context region, (2, 0) otherwise."""
        gap = anchors.gap(region, position)
        if gap is not None:
            return (0, gap)
        return (1, 0) if region == context else (2, 0)

    def _named_place(self, level: Level, name: str) -> Place:
        """A sea (by its English name) or a country (by its code) as a place."""
        place = self._simple_places.get((level, name))
        if place is None:
            if level is Level.WATER:
                place = Place(water=name, precision=PlacePrecision.REGION)
            else:
                place = Place(country=name, precision=PlacePrecision.COUNTRY)
            self._simple_places[(level, name)] = place
        return place

    def region_place(self, iso: str) -> Place:
        place = self._region_places.get(iso)
        if place is None:
            info = self.lx.regions[iso]
            place = Place(country=info.country, region=iso, lat=info.lat, lon=info.lon, precision=PlacePrecision.REGION)
            self._region_places[iso] = place
        return place

    def district_place(self, number: int) -> Place:
        place = self._district_places.get(number)
        if place is None:
            row = self.lx.districts[number]
            place = Place(row.country, row.region, row.name, None, row.lat, row.lon, PlacePrecision.DISTRICT)
            self._district_places[number] = place
        return place

    def settlement_place(self, number: int, with_district: bool = True) -> Place:
        """A settlement as a place; ``with_district=False`` leaves its district out (but uses its point)."""
        place = self._settlement_places.get((number, with_district))
        if place is None:
            place = self._settlement_places[(number, with_district)] = self._new_settlement_place(number, with_district)
        return place

    def _new_settlement_place(self, number: int, with_district: bool) -> Place:
        row = self.lx.settlements[number]
        district = (
            self.lx.districts[self.lx.district_by_id[row.district]] if row.district in self.lx.district_by_id else None
        )
        lat, lon = (
            (row.lat, row.lon) if row.lat is not None else (district.lat, district.lon) if district else (None, None)
        )
        name = district.name if district and with_district else None
        return Place(row.country, row.region, name, row.name, lat, lon, PlacePrecision.SETTLEMENT)


def _initial(text: str, start: int) -> bool:
    """Whether a name opens a sentence or stands in a Title Case headline, where any word is capitalised."""
    return sentence_initial(text, start) or title_case_line(text, start)


def _gap(positions: list[int], position: int) -> int | None:
    """How far the nearest of ``positions`` (sorted) lies from ``position``, after it counting three times; None when
    all are at the position itself."""
    before = bisect_left(positions, position)
    after = bisect_right(positions, position, before)
    if before:
        gap = position - positions[before - 1]
        return min(gap, 3 * (positions[after] - position)) if after < len(positions) else gap
    return 3 * (positions[after] - position) if after < len(positions) else None


def _unique_by(ids: list[str] | list[int], key: object) -> list[int]:
    seen: set[object] = set()
    unique: list[int] = []
    for n in ids:
        marker = key(int(n))  # type: ignore[operator]
        if marker not in seen:
            seen.add(marker)
            unique.append(int(n))
    return unique
