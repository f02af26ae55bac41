"""Where each candidate happened: the places of its sentence shared out among its candidates, then one Place.

Places after a candidate (up to the next one) are its own: "13 БПЛА над Крымом, шесть над Белгородской областью";
a candidate with none takes those of the candidate it is coordinated with ("два БПЛА и один снаряд над Белгородской
областью"), then the places that open the sentence ("Над Києвом ... знищили 23 ракети та 41 безпілотник").
Several districts of one region give the region; several regions give region null and a ``regions`` list, or one
claim per region for "по три БпЛА – над территориями Тульской и Орловской областей".
"""

from __future__ import annotations

import re
from dataclasses import replace

from skyledger.extract import places
from skyledger.extract.candidate import Candidate
from skyledger.extract.context import ReportContext
from skyledger.extract.lexicon import word_pattern
from skyledger.extract.places import PlaceHit
from skyledger.model import Action, Place, PlacePrecision

FIRST_GAP = 90  # characters from a claim to the first place that is its own
NEXT_GAP = 30  # characters between places listed together
_LEADS = re.compile(r"^[\s,]*(?:where|with|of which|где|де|с|з|из них|з них)?[\s,:-]*$")
_STOPS = re.compile(r"[.;:,]")
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s(?:и|і|та|й|and)\s)\s*$")
# the consequence told of one place, then the next place's clause: "пошкоджено будинок, а в селищі"
_OWN_CLAUSE = re.compile(r"[^,;.:]*,\s*(?:а|і|и|та|й|and|while|whereas)\s+(?:[\w-]+\s+){0,3}")
# what follows that place: its consequence ("Дубове – автомобіль", "Дубове загорівся склад"), not a list going on
_CONSEQUENCE = re.compile(r"\s*(?:[-–—]\s*)?(?!(?:и|і|та|й|and|or|или|або)\s)\w")
_CLAUSE = re.compile(r"[,;(]|\s(?:и|і|та|and)\s+(?:\d|\w+\s+-)")


def event_hits(hits: list[PlaceHit], launched: bool) -> list[PlaceHit]:
    """Where a claim happened: a launch's target counts ("у напрямку Миколаївщини"), for other claims it does not."""
    return hits if launched else [h for h in hits if not h.target]


def claim_hits(context: ReportContext, index: int) -> list[PlaceHit]:
    """The places of sentence ``index`` where a claim can be: not an origin, not an authority's title, not inside a
    speaker's name. Read once per sentence (several steps ask); the list is shared, never changed in place."""
    found = context.memo.get(("claim_hits", index))
    if found is None:
        segment = context.segments[index]
        hits = context.within(context.places, "places", segment.start, segment.end)
        speakers = context.within(context.speakers, "speakers", segment.start - 200, segment.end) if hits else []
        spans = [(s.start, s.end) for s in speakers]
        found = context.memo[("claim_hits", index)] = [
            h for h in hits if not h.origin and not h.authority and not any(a <= h.start < b for a, b in spans)
        ]
    assert isinstance(found, list)
    return found


def share_places(context: ReportContext, index: int, candidates: list[Candidate]) -> None:
    """Fill ``candidate.places`` for the candidates of sentence ``index`` (in place)."""
    if not candidates:
        return
    hits = claim_hits(context, index)
    if not hits:
        return
    ordered = sorted(candidates, key=lambda c: c.anchor)
    norm = context.norm
    taken: set[int] = set()
    for number, candidate in enumerate(ordered):  # numbers standing alone take the places of their own clause first
        if candidate.orphan:
            stop = ordered[number + 1].anchor if number + 1 < len(ordered) else context.segments[index].end
            clause_end = _clause_end(norm, candidate.end, stop)
            mine = _listed([h for h in hits if candidate.end <= h.start < stop], clause_end, norm)
            before = [
                h for h in hits if 0 <= candidate.anchor - h.end <= 40 and _leads_to(norm, h.end, candidate.anchor)
            ]
            candidate.places = mine or before[-1:]
            taken.update(h.start for h in candidate.places)
    for candidate in ordered:  # "shot down over Kursk, and one struck a block": the one is in Kursk too
        if candidate.orphan and not candidate.places:
            source = [c for c in ordered if not c.orphan and not c.bare and c.end <= candidate.anchor]
            if source:
                source_end = source[-1].end
                stop = min((c.anchor for c in ordered if c.anchor > source_end), default=candidate.anchor)
                candidate.places = [h for h in hits if source_end <= h.start < stop] or _opening(hits, ordered)
    for number, candidate in enumerate(ordered):
        if candidate.orphan:
            continue
        stop = ordered[number + 1].anchor if number + 1 < len(ordered) else context.segments[index].end
        mine = _chain([h for h in hits if candidate.end <= h.start < stop and h.start not in taken], candidate.end)
        if candidate.bare:
            mine = [h for h in hits if h.start >= ordered[number - 1].end] if number else hits
            mine = [h for h in mine if h.start < stop] or mine
        candidate.places = mine
    for number, candidate in enumerate(ordered):
        if candidate.places or candidate.bare:
            continue
        for later in ordered[number + 1 :]:
            between = norm[candidate.end : later.anchor]
            if later.places and not _STOPS.search(between) and not later.bare and not later.orphan:
                candidate.places = later.places
                break
    opening = _opening(hits, ordered)
    for candidate in ordered:
        if not candidate.places:
            candidate.places = opening
    _district_of_opening(opening, ordered)
    candidates += _impacts_of_own_clauses(context, index, ordered, hits)


def _impacts_of_own_clauses(
    context: ReportContext, index: int, ordered: list[Candidate], hits: list[PlaceHit]
) -> list[Candidate]:
    """ "У Бєлгороді пошкоджено будинок, а в селищі Дубове – автомобіль": a place with a consequence clause of its own
    among or after an impact's places is an impact of its own."""
    norm, end = context.norm, context.segments[index].end
    claimed = {hit.start for candidate in ordered for hit in candidate.places}
    out: list[Candidate] = []
    for number, candidate in enumerate(ordered):
        if candidate.action is not Action.IMPACT or candidate.orphan or not candidate.places:
            continue
        stop = ordered[number + 1].anchor if number + 1 < len(ordered) else end
        later = [h for h in hits if candidate.places[-1].end <= h.start < stop and h.start not in claimed]
        groups: list[list[PlaceHit]] = [[candidate.places[0]]]
        bounds = [context.segments[index].start]
        for position, hit in enumerate([*candidate.places[1:], *later], start=1):
            own = _OWN_CLAUSE.fullmatch(norm, groups[-1][-1].end, hit.start) and _CONSEQUENCE.match(norm, hit.end)
            if own:
                bounds.append(norm.rfind(",", groups[-1][-1].end, hit.start))
                groups.append([hit])
                claimed.add(hit.start)
            elif position < len(candidate.places):
                groups[-1].append(hit)
            else:
                break
        if len(groups) > 1:
            bounds.append(end)
            candidate.places, candidate.clause = groups[0], (bounds[0], bounds[1])
            out += [replace(candidate, places=g, clause=(bounds[n], bounds[n + 1])) for n, g in enumerate(groups) if n]
    return out


def _district_of_opening(opening: list[PlaceHit], ordered: list[Candidate]) -> None:
    """ "В Белгородском районе ... в селе Разумное ранен мужчина": the district that opens the sentence holds the
    settlement a claim names later when the gazetteer puts the settlement in it."""
    districts = [hit for hit in opening if hit.level == "district"]
    if len(districts) != 1:
        return
    head = districts[0]
    for candidate in ordered:
        if any(hit.level == "district" for hit in candidate.places):
            continue
        settlements = [hit for hit in candidate.places if hit.level == "settlement"]
        if settlements and all(hit.place.district == head.place.district for hit in settlements):
            candidate.places = [head, *candidate.places]


def _chain(hits: list[PlaceHit], start: int) -> list[PlaceHit]:
    """The places that follow a claim closely, one after another ("над Брасовским, Навлинским и Выгоничским
    районами"); a place further on ("..., the latest of the losses for Moscow") belongs to another thought."""
    out: list[PlaceHit] = []
    position, gap = start, FIRST_GAP
    for hit in hits:
        if hit.start - position > gap:
            break
        out.append(hit)
        position, gap = hit.end, NEXT_GAP
    return out


def _listed(hits: list[PlaceHit], clause_end: int, norm: str) -> list[PlaceHit]:
    """The places of a clause, and the places listed right after its last one ("11 more over the Belgorod, Kursk and
    Lipetsk regions": the comma of a list does not end the clause)."""
    mine = [h for h in hits if h.start < clause_end]
    for hit in hits[len(mine) :]:
        if not mine or not _LIST_GAP.match(norm, mine[-1].end, hit.start):
            break
        mine.append(hit)
    return mine


def _opening(hits: list[PlaceHit], ordered: list[Candidate]) -> list[PlaceHit]:
    return [h for h in hits if h.end <= ordered[0].anchor]


def _leads_to(norm: str, end: int, anchor: int) -> bool:
    """ "the Bryansk region, where ten were downed", "Kaluga, with five": a place that introduces the number."""
    return bool(_LEADS.match(norm[end:anchor]))


def _clause_end(norm: str, start: int, stop: int) -> int:
    match = _CLAUSE.search(norm, start, stop)
    return match.start() if match else stop


def resolve_place(hits: list[PlaceHit]) -> tuple[list[Place], tuple[str, ...]]:
    """One place for the hits ([Place], ()) or, over several regions, ([Place(region None)], regions)."""
    if hits and hits[0].water:  # "над акваторией Черного моря у побережья Крыма": over the sea
        return [Place(water=hits[0].water)], ()
    regions: list[str] = []
    for hit in hits:
        if hit.place.region and hit.place.region not in regions:
            regions.append(hit.place.region)
    if not regions:
        countries = {h.place.country for h in hits if h.level == "country" and h.place.country}
        waters = [h.water for h in hits if h.water]
        if waters and not countries:
            return [Place(water=waters[0])], ()
        if len(countries) == 1:
            return [Place(country=countries.pop(), precision=PlacePrecision.COUNTRY)], ()
        return [Place()], ()
    if len(regions) > 1:
        sides = {places.region_country(code) for code in regions}
        country = sides.pop() if len(sides) == 1 and not any(h.water for h in hits) else None
        return [Place(country=country, precision=PlacePrecision.COUNTRY if country else PlacePrecision.NONE)], tuple(
            regions
        )
    return [_one_region(hits, regions[0])], ()


def _one_region(hits: list[PlaceHit], region: str) -> Place:
    inside = [h for h in hits if h.place.region == region]
    settlements = {h.place.settlement for h in inside if h.level == "settlement" and h.place.settlement}
    districts = {h.place.district for h in inside if h.level == "district" and h.place.district}
    country = places.region_country(region)
    if len(settlements) == 1:
        hit = next(h for h in inside if h.level == "settlement")
        # the district only when the text names it ("в посёлке Дубовое Белгородского района")
        district = next(iter(districts)) if len(districts) == 1 else None
        return replace(hit.place, country=country, district=district, precision=PlacePrecision.SETTLEMENT)
    if len(districts) == 1 and not settlements:
        hit = next(h for h in inside if h.level == "district")
        return replace(hit.place, country=country, settlement=None, precision=PlacePrecision.DISTRICT)
    return Place(country=country, region=region, precision=PlacePrecision.REGION)


def region_place(region: str) -> Place:
    return Place(country=places.region_country(region), region=region, precision=PlacePrecision.REGION)


def district_from_heading(context: ReportContext, index: int, candidates: list[Candidate]) -> None:
    """ "Белгородский район. Над посёлком Майский сбиты ...": a settlement under a district heading is in it."""
    first = index
    while first > 0 and context.segments[first - 1].paragraph == context.segments[index].paragraph:
        first -= 1
    heads = heading_hits(context, first) if first != index else []
    if len(heads) != 1 or heads[0].level != "district":
        return
    head = heads[0]
    for candidate in candidates:
        settlements = [hit for hit in candidate.places if hit.level == "settlement"]
        if settlements and all(hit.place.district == head.place.district for hit in settlements):
            candidate.places = [head, *candidate.places]


def heading_hits(context: ReportContext, index: int) -> list[PlaceHit]:
    """The places of a short sentence that only names a place ("Белгородский район.", "Харків.")."""
    segment = context.segments[index]
    if len(context.norm[segment.start : segment.end].split()) > 5:
        return []
    return claim_hits(context, index)


def unnamed_region_word(context: ReportContext, index: int) -> bool:
    """ "уничтожены над областью", "destroyed over the region": a region word that is not part of a named place
    ("над Брянской областью" names its own)."""
    segment = context.segments[index]
    if not context.has("region_word", segment.start, segment.end):
        return False
    hits = context.within(context.places, "places", segment.start, segment.end)
    for match in word_pattern("context", "region_word").finditer(context.norm, segment.start, segment.end):
        if not any(hit.start <= match.start() < hit.end for hit in hits):
            return True
    return False
