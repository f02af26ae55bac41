"""Turn one report into claims: candidates per sentence, then each one's place, claimant, outcomes and time window;
finally the report-wide rules of CLAIMS.md (a model named once holds for its class, a stated total that is also split
is not counted twice, duplicates from repeated sentences go)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from skyledger.extract import outcomes, totals
from skyledger.extract.attribution import media_claimant
from skyledger.extract.candidate import NEARBY, Candidate
from skyledger.extract.candidates import segment_candidates
from skyledger.extract.claimplaces import (
    claim_hits,
    district_from_heading,
    event_hits,
    heading_hits,
    region_place,
    resolve_place,
    share_places,
    unnamed_region_word,
)
from skyledger.extract.context import ReportContext, build, report_classes
from skyledger.extract.impacts import sentence_class
from skyledger.extract.lexicon import word_pattern
from skyledger.extract.outcomes import Outcome
from skyledger.extract.retold import merge_retold
from skyledger.extract.times import claim_window
from skyledger.model import (
    Action,
    Casualties,
    Claim,
    CountQualifier,
    Place,
    Report,
    Source,
    WeaponClass,
)

_OPPONENT = {"RU": "UA", "UA": "RU"}
NATIONAL_ROLES = ("mod", "media", "other")
_TOTAL = re.compile(r"(?:всего|в целом|итого|загалом|усього|всього|in total|a total of|overall)")


@dataclass(frozen=True, slots=True)
class _Voice:
    claimant: str
    cites: tuple[str, ...]


def assemble(report: Report, source: Source | None, rule_set: str) -> list[Claim]:
    context = build(report, source)
    if context is None:
        return []
    found: list[Candidate] = []
    by_segment: dict[int, list[Candidate]] = {}
    for index in range(len(context.segments)):
        if index not in context.skipped:
            candidates = segment_candidates(context, index, found)
            share_places(context, index, candidates)
            _places_from_paragraph(context, index, candidates, by_segment)
            found += candidates
            by_segment[index] = candidates
    found = _drop_repeats(context, found)
    found += _impacts_of_deadly_launches(context, found)
    _impacts_at_targets(context, found)
    named = report_classes(context)
    bare_class, bare_model = _report_class(named)
    single = _one_weapon(found, bare_class)
    voices = _voices(context)
    results = _outcomes(context, found, voices)
    found = merge_retold(found, results)
    pairs: list[tuple[Candidate, Claim]] = []
    for candidate in found:
        candidate.header = context.segments[candidate.segment].header
        if candidate.bare:
            candidate.weapon_class, candidate.model = bare_class, bare_model
            own = sentence_class(context, candidate.segment)  # "a warehouse caught fire after a drone strike"
            if own != WeaponClass.OTHER.value and own != bare_class:
                candidate.weapon_class, candidate.model = own, None
            if single and candidate.count is None:  # "ударили ракетою ... Пошкоджено будинки": that one missile
                candidate.count, candidate.qualifier = 1, CountQualifier.EXACT
        if (
            candidate.subset
            and candidate.kind != "strike"
            and not event_hits(candidate.places, candidate.action is Action.LAUNCHED)
        ):
            continue
        pairs += [(candidate, claim) for claim in _claims_of(context, candidate, voices, results, rule_set)]
    _cites_said_after(context, voices, pairs)
    return totals.finalise(pairs, named)


def _cites_said_after(
    context: ReportContext, voices: dict[int, list[tuple[int, _Voice]]], pairs: list[tuple[Candidate, Claim]]
) -> None:
    """ "... уничтожены два беспилотника. Глава региона сослался на данные Минобороны.": a sentence that only says
    whom its speaker relied on adds that source to the claims its speaker made just before."""
    with_claims = {candidate.segment for candidate, _ in pairs}
    for index, options in voices.items():
        said = options[-1][1]
        if index in with_claims or not said.cites or context.owner:
            continue
        before = [s for s in with_claims if index - 3 <= s < index]
        if not before:
            continue
        for candidate, claim in pairs:
            if candidate.segment == max(before) and claim.claimant == said.claimant:
                claim.cites = tuple(dict.fromkeys((*claim.cites, *said.cites)))


def _places_from_paragraph(
    context: ReportContext, index: int, candidates: list[Candidate], by_segment: dict[int, list[Candidate]]
) -> None:
    """A sentence that names no place continues the paragraph's last one ("Белгородский район. Над посёлком ...
    сбиты три беспилотника. Обломками повреждены окна"); a launch's target is not carried to what follows."""
    if not candidates:
        return
    segment = context.segments[index]
    district_from_heading(context, index, candidates)
    if segment.item or context.norm[segment.start : segment.end].rstrip(" *_").endswith(":"):
        return
    for candidate in candidates:
        if (
            candidate.places
            or candidate.header is not None
            or _TOTAL.search(context.norm, segment.start, candidate.anchor)
        ):
            continue
        if context.owner is None and candidate.action is not Action.IMPACT:
            continue
        for earlier in range(index - 1, max(-1, index - 7), -1):
            if context.segments[earlier].paragraph != segment.paragraph or context.segments[earlier].item:
                break
            if earlier in context.skipped:
                continue
            before = by_segment.get(earlier, [])
            if before and all(c.action is Action.LAUNCHED for c in before):
                break
            placed = [c for c in before if c.places]
            hits = placed[-1].places if placed else ([] if before else heading_hits(context, earlier))
            if hits:
                candidate.places, candidate.inherited = list(hits), True
                break


def _impacts_of_deadly_launches(context: ReportContext, found: list[Candidate]) -> list[Candidate]:
    """ "launched a missile strike on Zaporizhzhia, killing three": casualties stated for an attack make it an impact,
    unless the report tells that impact in a sentence of its own."""
    hit = {(h.place.region, h.place.settlement) for c in found if c.action is Action.IMPACT for h in c.places}
    regions_hit = {region for region, _ in hit}
    if any(c.action is Action.IMPACT and not c.places for c in found):
        return []
    out = []
    for candidate in found:
        segment = context.segments[candidate.segment]
        region = next((h.place.region for h in candidate.places if h.place.region), None)
        town = next((h.place.settlement for h in candidate.places if h.place.settlement), None)
        told = (region, town) in hit if town else region in regions_hit  # "... wounded three in Rylsk": a town apart
        if candidate.action is not Action.LAUNCHED or region is None or told:
            continue
        if outcomes.states_casualties(context.norm, segment.start, segment.end):
            out.append(
                replace(
                    candidate,
                    action=Action.IMPACT,
                    kind="hit",
                    count=None,
                    qualifier=CountQualifier.UNSPECIFIED,
                    bare=False,
                )
            )
            regions_hit.add(region)
            hit.add((region, town))
    return out


def _impacts_at_targets(context: ReportContext, found: list[Candidate]) -> None:
    """An impact that names no place is where the attack before it was aimed ("завдав удару по Харкову ...
    Перехопити ракети не вдалося: обидві влучили в об'єкти міста"), also an attack told with no weapon ("Ворог
    завдав удару по Запоріжжю. ... Пошкоджено будівлю")."""
    target: list = []  # type: ignore[type-arg]
    attacks = _weaponless_attacks(context, {c.segment for c in found})
    for candidate in found:
        while attacks and attacks[0][0] < candidate.segment:
            target = attacks.pop(0)[1]
        if candidate.action is Action.LAUNCHED and any(h.place.region for h in candidate.places):
            target = candidate.places
        elif candidate.action is Action.IMPACT and not candidate.places and target:
            candidate.places, candidate.inherited = list(target), True


def _weaponless_attacks(context: ReportContext, told: set[int]) -> list[tuple[int, list]]:  # type: ignore[type-arg]
    """(sentence, places) of the sentences telling an attack on a named settlement but no weapon (no claim)."""
    out = []
    for index, segment in enumerate(context.segments):
        if index in told or index in context.skipped:
            continue
        acts = context.within(context.actions, "actions", segment.start, segment.end)
        if any(a.action is Action.LAUNCHED for a in acts):
            hits = [h for h in claim_hits(context, index) if h.level == "settlement" and h.place.region]
            if hits:
                out.append((index, hits))
    return out


def _drop_repeats(context: ReportContext, found: list[Candidate]) -> list[Candidate]:
    """ "the drones were brought down between ...": a plural with no number repeats the claim counted before it;
    it may give that claim the place it lacked ("Ракеты ATACMS уничтожены над Белгородской областью"); a paragraph
    of its own about a place ("In Zaporizhzhia, a drone attack ...") tells another episode."""
    kept: list[Candidate] = []
    for candidate in found:
        if candidate.unquantified and not candidate.bare:
            paragraph = context.segments[candidate.segment].paragraph
            earlier = [
                c
                for c in kept[-NEARBY:]
                if c.count is not None
                and not (candidate.kind == "nominal" and candidate.places and _elsewhere(context, c, paragraph))
                and c.action is candidate.action
                and c.weapon_class == candidate.weapon_class
                and candidate.model in (None, c.model)
            ]
            if earlier:
                for claim in earlier:
                    if not claim.places and claim.segment != candidate.segment:
                        claim.places = candidate.places
                continue
        kept.append(candidate)
    return kept


def _elsewhere(context: ReportContext, candidate: Candidate, paragraph: int) -> bool:
    return context.segments[candidate.segment].paragraph != paragraph


def _one_weapon(found: list[Candidate], weapon_class: str) -> bool:
    """Whether the report tells of a single weapon of ``weapon_class`` and no other ("a ballistic missile")."""
    named = [c for c in found if not c.bare]
    return bool(named) and all(
        c.weapon_class == weapon_class and c.count == 1 and c.qualifier is CountQualifier.EXACT for c in named
    )


def _report_class(named: list[tuple[str, str | None]]) -> tuple[str, str | None]:
    """The class (and model) a weapon-less impact is of: the one class of weapon the report names, if one."""
    classes = {cls for cls, _ in named} - {WeaponClass.OTHER.value}
    specific = classes & {WeaponClass.BALLISTIC_MISSILE.value, WeaponClass.CRUISE_MISSILE.value}
    if len(specific) == 1:  # "балістичними ракетами ... 4 ракети": one kind of missile
        classes.discard(WeaponClass.MISSILE.value)
    if len(classes) != 1:
        return WeaponClass.OTHER.value, None
    models = {model for _, model in named if model}
    return classes.pop(), (models.pop() if len(models) == 1 else None)


def _unnamed_source(context: ReportContext, start: int, end: int) -> bool:
    """ "..., officials said", "сообщили источники": the outlet tells what unnamed people said (its own account)."""
    return word_pattern("attribution", "patterns", "unnamed").search(context.norm, start, end) is not None


def _media_voice(context: ReportContext) -> _Voice:
    return _Voice(media_claimant(context.source, context.report.source or ""), ())


def _voices(context: ReportContext) -> dict[int, list[tuple[int, _Voice]]]:
    """Per sentence: (position, voice) pairs; a candidate takes the nearest voice before it, else after it."""
    out: dict[int, list[tuple[int, _Voice]]] = {}
    current: _Voice | None = None
    pending: list[int] = []
    owner = _Voice(context.owner, ()) if context.owner else None  # what most sentences of an owned source say
    for index, segment in enumerate(context.segments):
        speakers = context.within(context.speakers, "speakers", segment.start, segment.end)
        if owner is not None and not speakers:
            out[index] = [(segment.start, owner)]
            continue
        cited = tuple(s.claimant for s in speakers if s.cited)
        own = [s for s in speakers if not s.cited]
        if context.owner:
            out[index] = [(segment.start, _Voice(context.owner, tuple(c for c in cited if c != context.owner)))]
            continue
        if index in context.skipped:
            continue
        if own:
            out[index] = [(s.start, _Voice(s.claimant, tuple(c for c in cited if c != s.claimant))) for s in own]
        elif cited:
            nearest = [s for s in speakers if s.cited]
            out[index] = [(s.start, _Voice(s.claimant, ())) for s in nearest]
        if index in out:
            current = out[index][-1][1]
            for waiting in pending:
                out[waiting] = [(context.segments[waiting].start, _Voice(current.claimant, ()))]
            pending = []
        elif current is not None:
            out[index] = [(segment.start, _Voice(current.claimant, ()))]
        elif _unnamed_source(context, segment.start, segment.end):  # "..., officials said": not a later speaker's
            out[index] = [(segment.start, _media_voice(context))]
        else:
            pending.append(index)
    for waiting in pending:
        out[waiting] = [(context.segments[waiting].start, _media_voice(context))]
    for index, segment in enumerate(context.segments):  # a list's items say what its header says, citing alike
        header = out.get(segment.header) if segment.header is not None else None
        if header and index in out and not any(v.cites for _, v in out[index]):
            said = header[-1][1]
            out[index] = [
                (p, _Voice(v.claimant, said.cites) if v.claimant == said.claimant else v) for p, v in out[index]
            ]
    return out


def _voice_for(voices: dict[int, list[tuple[int, _Voice]]], candidate: Candidate) -> _Voice:
    options = voices.get(candidate.segment) or [(0, _Voice("media:XX", ()))]
    before = [voice for position, voice in options if position <= candidate.anchor]
    return before[-1] if before else options[0][1]


def _claims_of(
    context: ReportContext,
    candidate: Candidate,
    voices: dict[int, list[tuple[int, _Voice]]],
    results: dict[int, Outcome],
    rule_set: str,
) -> list[Claim]:
    voice = _voice_for(voices, candidate)
    hits = event_hits(candidate.places, candidate.action is Action.LAUNCHED)
    found, regions = resolve_place(hits) if hits else ([Place()], ())
    if candidate.distributive and regions:
        found, regions = [region_place(code) for code in regions], ()
    found = [_fallback_place(context, candidate, voice, place, regions) for place in found]
    own_strike = candidate.kind == "strike"  # "нанесен групповой удар ...": asserted with no count or place
    if own_strike:  # on the other side's territory
        side = _OPPONENT.get(voice.claimant.partition(":")[2][:2])
        found = [replace(p, country=side) if p.country is None and not p.region and side else p for p in found]
    if (
        candidate.action is Action.LAUNCHED
        and candidate.count is None
        and not _has_target(found, regions)
        and not own_strike
    ):
        if not _names_own_territory(context, candidate, voice):
            return []
        found = [_fallback_place(context, candidate, voice, place, regions, own=True) for place in found]
        if not any(place.region for place in found):
            return []
    segment = context.segments[candidate.segment]
    outcome = results.get(id(candidate), outcomes.NOTHING)
    span = _span(context, segment.start, segment.end)
    action = candidate.action
    if action is Action.LAUNCHED and candidate.weapon_class == WeaponClass.GUIDED_BOMB.value:
        action = Action.IMPACT  # "завдали удару по Харкову КАБом": guided bombs are told as impacts only (CLAIMS.md)
    claims = []
    for place in found:
        claim = Claim(
            action=action,
            weapon_class=WeaponClass(candidate.weapon_class),
            count=candidate.count,
            count_qualifier=candidate.qualifier,
            weapon_model=candidate.model,
            place=place,
            regions=regions,
            claimant=voice.claimant,
            cites=voice.cites,
            evidence_span=span,
            evidence=context.text[span[0] : span[1]],
            time=claim_window(context, candidate.segment, place.region),
            rule_set=rule_set,
            report_id=context.report.id,
            doc_id=context.report.external_id,
        )
        if action is not Action.LAUNCHED:
            if outcome.killed is not None or outcome.injured is not None:
                claim.casualties = Casualties(outcome.killed, outcome.injured)
            claim.damage = outcome.damage
        claims.append(claim)
    return claims


def _has_target(found: list[Place], regions: tuple[str, ...]) -> bool:
    return bool(regions) or any(place.region for place in found)


def _names_own_territory(context: ReportContext, candidate: Candidate, voice: _Voice) -> bool:
    """ "ворог атакував столицю", "били по об'єктах області": an authority names its own territory as the target."""
    segment = context.segments[candidate.segment]
    regional = "-" in voice.claimant.partition(":")[2]
    return regional and context.has("self_place", segment.start, segment.end)


def _fallback_place(
    context: ReportContext,
    candidate: Candidate,
    voice: _Voice,
    place: Place,
    regions: tuple[str, ...],
    own: bool = False,
) -> Place:
    """A claim whose sentence names no place: a list item's header, then the claimant's own region."""
    if place.region or regions or place.water:
        return place
    if candidate.places and place.country:
        return place
    header = context.segments[candidate.segment].header
    if header is not None:
        hits = claim_hits(context, header)
        if hits:
            resolved, listed = resolve_place(hits)
            if not listed and resolved[0].region:
                return resolved[0]
    role, _, jurisdiction = voice.claimant.partition(":")
    if "-" in jurisdiction and candidate.action is not Action.LAUNCHED:
        return region_place(jurisdiction)
    if (
        candidate.action is Action.INTERCEPTED
        and context.region
        and not candidate.places
        and unnamed_region_word(context, candidate.segment)
    ):
        return region_place(context.region)  # "destroyed over the region": the region the report is about
    if "-" in jurisdiction and candidate.action is Action.LAUNCHED and (candidate.count is not None or own):
        return region_place(jurisdiction)
    if role not in NATIONAL_ROLES and len(jurisdiction) == 2:
        return Place(country=jurisdiction, precision=Place().precision)
    return place


def _span(context: ReportContext, start: int, end: int) -> tuple[int, int]:
    text = context.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _outcomes(
    context: ReportContext, found: list[Candidate], voices: dict[int, list[tuple[int, _Voice]]]
) -> dict[int, Outcome]:
    def voice_of(index: int) -> str:
        options = voices.get(index)
        return options[-1][1].claimant if options else ""

    return outcomes.by_candidate(context, found, lambda c: _voice_for(voices, c).claimant, voice_of)
