"""Places named in a report, through ``skyledger.gazetteer``, with what the extractor needs on top of it.

On top of the gazetteer: regions listed with one shared noun ("Тульской и Орловской областей" -> both), mentions that
are other recognised words ("ПВО") dropped, and two flags per place: ``origin`` (where weapons came from: "запущеною
з Курської області", "(Курська обл.)" in an air-force list) and ``authority`` (a title: "Курский губернатор").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from skyledger.extract.lexicon import merged_list
from skyledger.gazetteer import Gazetteer, PlaceLevel, PlaceMention, load_gazetteer
from skyledger.model import Place, PlacePrecision

_PLURAL_NOUN = re.compile(
    r"(?:областей|областях|областям|областями|регионов|регионах|краев|республик|областей|"
    r"областей|oblasts|regions|провинций)\s*$"
)
_HROMADA = re.compile(r"\s+(?:міськ\w* |селищн\w* |сільськ\w* )?(?:територіальн\w* )?громад")
_SINGULAR_NOUN = re.compile(r"(?:област(?:ью|и|ь|ю|і)|oblast)\s*$")
_ELLIPTIC = re.compile(
    r"(?<!\w)(?:над|в|у|на)\s+([А-ЯІЇЄҐ][\w'-]*(?:ской|ською|ській|ская|ська))(?![\w-])(?!\s+(?:област|район|округ|громад))"
)
_LIST_WORD = re.compile(r"([\w'-]+)\s*(?:,|\s(?:и|і|та|й|and))\s*$")
_WATER_WORDS = re.compile(r"мор[ея]|море|sea|акватор", re.IGNORECASE)
_ADJECTIVE = re.compile(r"(?:ского|ской|скому|ском|ских|ського|ської|ському|ських|цкого|цкой)$")
_PLACE_NOUN = re.compile(r"\s+(?:район|округ|муниципальн|городск|громад|сельсовет|поселени)")
MAX_SPAN = 200
LEVELS = ("country", "region", "district", "settlement", "water")
_LEVEL_NAMES = {level: level.value for level in PlaceLevel}  # a dictionary hit, not an enum property, per mention


@dataclass(frozen=True, slots=True)
class PlaceHit:
    start: int
    end: int
    level: str  # country / region / district / settlement / water
    place: Place
    origin: bool = False
    authority: bool = False
    target: bool = False  # "летевших на Москву", "у напрямку Миколаївщини": where weapons headed
    water: str | None = None


@lru_cache(maxsize=1)
def _origin_tail() -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(merged_list("context", "origin")) + r")[\s:]+(?:[\w']+\s+){0,2}$")


@lru_cache(maxsize=1)
def _target_tail() -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(merged_list("context", "target")) + r")\s+(?:\w+\s+){0,1}$")


@lru_cache(maxsize=1)
def _locative_tail() -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(merged_list("context", "locative")) + r")[ \t]+(?:the[ \t]+)?$")


@lru_cache(maxsize=1)
def _not_place_after() -> re.Pattern[str]:
    return re.compile(r"(?:'s)?(?:\s+|-)(?:" + "|".join(merged_list("context", "not_place_after")) + r")(?![\w-])")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@lru_cache(maxsize=1)
def _not_places() -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(merged_list("context", "not_places")) + r")$")


def _dateline(text: str, start: int, end: int) -> bool:
    """ "KYIV, Nov 12 –": the place a news agency's story was filed from, not where anything happened."""
    line_start = text.rfind("\n", 0, start) + 1
    surface = text[start:end]
    return not text[line_start:start].strip() and surface.isupper() and text[end : end + 1] in (",", " ")


def _plausible(mention: PlaceMention, norm: str, blocked: list[tuple[int, int]]) -> bool:
    """False for a mention that is another recognised word, a common word, or an adjective with no place noun."""
    surface = norm[mention.start : mention.end]
    if len(surface) <= 2 or _overlaps(mention.start, mention.end, blocked) or _not_places().match(surface):
        return False
    if mention.level is PlaceLevel.SETTLEMENT and _ADJECTIVE.search(surface):
        return bool(_PLACE_NOUN.match(norm[mention.end : mention.end + 12]))
    return True


def find_places(text: str, norm: str, blocked: list[tuple[int, int]], context_region: str | None) -> list[PlaceHit]:
    """Places in ``text`` (original) whose spans overlap none of ``blocked`` (other recognised words)."""
    gaz = gazetteer()
    blocked = sorted([span for span in blocked if span[1] - span[0] <= MAX_SPAN])
    hits: list[PlaceHit] = []
    target_tail, locative_tail = _target_tail(), _locative_tail()
    for mention in gaz.find_places(text, context_region):
        start, end = mention.start, mention.end
        if not _plausible(mention, norm, blocked) or _dateline(text, start, end):
            continue
        if _not_place_after().match(norm, end):
            continue  # "the Kyiv regime attempted", "Moscow time": no place
        level = _LEVEL_NAMES[mention.level]
        if level == "country" and not locative_tail.search(norm[max(0, start - 30) : start]):
            continue  # "Russia launched ...": the attacker, not where it happened
        water = mention.surface if level == "water" or _WATER_WORDS.search(mention.surface) else None
        place = mention.place
        if level == "water":
            place = Place(water=mention.surface, precision=PlacePrecision.NONE)
        elif level == "settlement" and _HROMADA.match(norm, end):  # a hromada names its region only
            level, place = "region", Place(country=place.country, region=place.region, precision=PlacePrecision.REGION)
        origin = _is_origin(norm, start, end)
        target = bool(target_tail.search(norm[max(0, start - 40) : start]))
        hit = PlaceHit(start, end, level, place, origin, mention.authority, target, water)
        if level == "region":
            hits.extend(_listed_regions(text, norm, hit, gaz))
            hits.extend(_elliptic_regions(text, norm, hit, gaz))
        hits.append(hit)
    hits.sort(key=lambda hit: hit.start)
    for number in range(1, len(hits)):  # "з напрямків: Курськ, Брянськ, Орел": the whole list is an origin
        if hits[number - 1].origin and _listed_on(text, norm, hits[number - 1].end, hits[number].start):
            hits[number] = replace(hits[number], origin=True)
    return _consistent(hits, context_region)


def _listed_on(text: str, norm: str, start: int, end: int) -> bool:
    """Whether the gap between two places continues one list: two words at most, or more names that the gazetteer
    does not know, each capitalised ("Курськ, Міллерово, Приморсько-Ахтарськ, Гвардійське")."""
    gap = norm[start:end]
    if re.fullmatch(r"[\s,;()-]*(?:[\w']+[\s,;()-]+){0,2}", gap):
        return True
    items = [item.strip(" ()-") for item in re.split(r"[,;]", text[start:end])]
    named = [item for item in items if item]
    return len(named) <= 6 and all(
        re.fullmatch(r"[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?", n) and n[0].isupper() for n in named
    )


def _consistent(hits: list[PlaceHit], own: str | None) -> list[PlaceHit]:
    """Drop a district or settlement in a region the text neither names nor mostly talks about (a homonym); a
    channel's own region counts as named ("у Шевченківському районі" in a Zaporizhzhia post is Zaporizhzhia's)."""
    named = {h.place.region for h in hits if h.level == "region" and h.place.region}
    counts: dict[str, int] = {}
    for hit in hits:
        if hit.place.region:
            counts[hit.place.region] = counts.get(hit.place.region, 0) + 1
    main = own or (max(counts, key=lambda code: counts[code]) if counts else None)
    if own:
        named.add(own)
    if main is None:
        return hits
    return [
        h
        for h in hits
        if h.level in ("region", "country", "water")
        or h.place.region in named
        or h.place.region == main
        or not named
        or _capital(h)
    ]


def _capital(hit: PlaceHit) -> bool:
    """A region's capital that gives the region its name ("11 over Kursk"): never a homonym to drop."""
    info = gazetteer().region(hit.place.region) if hit.level == "settlement" and hit.place.region else None
    name = hit.place.settlement or ""
    return info is not None and bool(name) and info.name_en.split(" ")[0] == name


def _is_origin(norm: str, start: int, end: int) -> bool:
    before = norm[max(0, start - 40) : start]
    if _origin_tail().search(before):
        return True
    opened = norm.rfind("(", max(0, start - 4), start)
    return opened != -1 and ")" in norm[end : end + 8]


def _listed_regions(text: str, norm: str, hit: PlaceHit, gaz: Gazetteer) -> list[PlaceHit]:
    """The other regions of "Брянской, Калужской и Тульской областей" ending in ``hit``."""
    if not _PLURAL_NOUN.search(norm[hit.start : hit.end]):
        return []
    out: list[PlaceHit] = []
    position = hit.start
    while True:
        match = _LIST_WORD.search(text, max(0, position - 60), position)
        if match is None or match.end() != position:
            break
        found = _adjective_region(gaz, match, hit.origin)
        if found is None:
            break
        out.append(found)
        position = match.start(1)
    return out


def _adjective_region(gaz: Gazetteer, match: re.Match[str], origin: bool) -> PlaceHit | None:
    """The region whose adjective is ``match``'s first group ("Калужской"), or None."""
    code = gaz.region_of_adjective(match.group(1))
    if code is None:
        return None
    info = gaz.region(code)
    place = Place(country=info.country if info else None, region=code, precision=PlacePrecision.REGION)
    return PlaceHit(match.start(1), match.end(1), "region", place, origin)


def _elliptic_regions(text: str, norm: str, hit: PlaceHit, gaz: Gazetteer) -> list[PlaceHit]:
    """The regions named after ``hit`` by their adjective alone: "14 – над Брянской областью, 9 – над Курской"."""
    if not _SINGULAR_NOUN.search(norm, hit.start, hit.end):
        return []
    stop = text.find(".", hit.end, hit.end + 160)
    out = []
    for match in _ELLIPTIC.finditer(text, hit.end, stop if stop >= 0 else hit.end + 160):
        found = _adjective_region(gaz, match, hit.origin)
        if found is None:
            break
        out.append(found)
    return out


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps one of ``spans`` (sorted by start; none is longer than MAX_SPAN)."""
    for number in range(bisect.bisect_left(spans, (start - MAX_SPAN, 0)), len(spans)):
        a, b = spans[number]
        if a >= end:
            return False
        if start < b:
            return True
    return False


def region_country(code: str | None) -> str | None:
    if not code:
        return None
    info = gazetteer().region(code)
    return info.country if info else code.split("-", 1)[0]


def timezone(code: str | None) -> str | None:
    return gazetteer().timezone(code) if code else None


def region_of_words(phrase: str) -> str | None:
    """The region an authority's title names ("Курский губернатор", "Kharkiv OVA"), or None."""
    return gazetteer().region_of_jurisdiction(phrase)


def settlement_region(name: str) -> str | None:
    """The region of the largest settlement called ``name``, or None."""
    place = gazetteer().resolve_settlement(name)
    return place.region if place is not None else None
