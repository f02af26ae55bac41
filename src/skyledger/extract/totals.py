"""Report-wide rules applied after every claim is read (CLAIMS.md, Rules):

- a model named once for a class holds for the class's other claims ("48 Shahed launched; 41 destroyed" -> Shahed);
- a stated total that is also split is not annotated again: the total that opens a list, and a figure equal to the
  sum of two or more figures of the same claimant and action ("5 over the region" = "3 here" + "2 there");
- an impact that names no place of its own adds to the impact reported just before it;
- repeated sentences (liveblogs, content farms) give each claim once.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from skyledger.extract.candidate import NEARBY, Candidate
from skyledger.model import Action, Casualties, Claim, WeaponClass

# a line of a list by place ("🔹 Шосткинська громада: ...", "Грайворонский округ: ..."): each line its own episode
_LIST_LINE = re.compile(r"^[\W_]*(?:[-–—•▫▪●◾🔸🔹]|[\w'-]+\s+(?:громада|округ|район|district|hromada)\s*:)")
_MISSILES = {WeaponClass.MISSILE, WeaponClass.CRUISE_MISSILE, WeaponClass.BALLISTIC_MISSILE}


def finalise(pairs: list[tuple[Candidate, Claim]], named: list[tuple[str, str | None]]) -> list[Claim]:
    """``named``: (class, model) of every weapon the report names, claim or not ("из РСЗО «Вампир»")."""
    _carry_models([claim for _, claim in pairs], named)
    pairs = _drop_implied_launches(pairs)
    pairs = _drop_listed_totals(pairs)
    pairs = _drop_summed_totals(pairs)
    pairs = _merge_placeless_impacts(pairs)
    return _drop_placeless_twins(_dedupe([claim for _, claim in pairs]))


def _carry_models(claims: list[Claim], named: list[tuple[str, str | None]]) -> None:
    models: dict[WeaponClass, set[str]] = {}
    for claim in claims:
        if claim.weapon_model:
            models.setdefault(claim.weapon_class, set()).add(claim.weapon_model)
    for cls, model in named:
        if model:
            models.setdefault(WeaponClass(cls), set()).add(model)
    missiles = {(cls, model) for cls, names in models.items() if cls in _MISSILES for model in names}
    specific: set[WeaponClass] = set()  # the classes named, read before any claim changes class; only for missiles
    if any(claim.weapon_class is WeaponClass.MISSILE for claim in claims):
        kinds = {claim.weapon_class for claim in claims} | {WeaponClass(cls) for cls, _ in named}
        specific = kinds & {WeaponClass.BALLISTIC_MISSILE, WeaponClass.CRUISE_MISSILE}
    for claim in claims:
        names = models.get(claim.weapon_class, set())
        if claim.weapon_model is None and len(names) == 1:
            claim.weapon_model = next(iter(names))
        elif (
            claim.weapon_model is None
            and claim.weapon_class is WeaponClass.MISSILE
            and len(missiles) == 1
            and not _named_by_others(claims, claim, next(iter(missiles))[1])
        ):
            # "ракета «Точка-У»" named once: "украинская ракета уничтожена" is that missile
            claim.weapon_class, claim.weapon_model = next(iter(missiles))
        elif claim.weapon_class is WeaponClass.MISSILE and not missiles and len(specific) == 1:
            claim.weapon_class = next(iter(specific))  # "балістичними ракетами ... знищили 4 ракети"


def _named_by_others(claims: list[Claim], claim: Claim, model: str) -> bool:
    """Whether only other claimants' claims name ``model`` (the ministry's "Storm Shadow" does not make the governor's
    "two missiles" cruise missiles)."""
    naming = {c.claimant for c in claims if c.weapon_model == model}
    return bool(naming) and claim.claimant not in naming


def _drop_implied_launches(pairs: list[tuple[Candidate, Claim]]) -> list[tuple[Candidate, Claim]]:
    """The launch implied by "42 of 50 drones" when the report states a launch of that class itself."""
    stated = {
        claim.weapon_class
        for candidate, claim in pairs
        if claim.action is Action.LAUNCHED and candidate.kind != "whole"
    }
    if stated & _MISSILES:
        stated.add(WeaponClass.MISSILE)

    def implied(candidate: Candidate, claim: Claim) -> bool:
        return candidate.kind == "whole" and claim.action is Action.LAUNCHED

    return [(c, claim) for c, claim in pairs if not (implied(c, claim) and claim.weapon_class in stated)]


def _drop_listed_totals(pairs: list[tuple[Candidate, Claim]]) -> list[tuple[Candidate, Claim]]:
    """The count that introduces a list ("уничтожены 32 беспилотника:") when the list splits it."""
    items: dict[int, list[Claim]] = {}
    headers = {c.segment for c, _ in pairs}
    for candidate, claim in pairs:
        header = _header_of(candidate)
        if header is not None:
            items.setdefault(header, []).append(claim)
    if not items:  # no list in the report
        return list(pairs)
    out = []
    for candidate, claim in pairs:
        listed = [c for c in items.get(candidate.segment, []) if c.action is claim.action and c.count is not None]
        split = len(listed) >= 2 or sum(c.count or 0 for c in listed) == claim.count
        if candidate.segment in headers and claim.count is not None and listed and split:
            continue
        out.append((candidate, claim))
    return out


def _header_of(candidate: Candidate) -> int | None:
    return candidate.header


def _compatible(total: Claim, part: Claim) -> bool:
    if total.claimant != part.claimant or total.action is not part.action or part is total:
        return False
    if total.place.region and part.place.region != total.place.region:
        return False
    if total.weapon_class is part.weapon_class:
        return True
    if total.weapon_class is WeaponClass.MISSILE:
        return part.weapon_class in _MISSILES
    return total.weapon_class is WeaponClass.OTHER


def _drop_summed_totals(pairs: list[tuple[Candidate, Claim]]) -> list[tuple[Candidate, Claim]]:
    out = []
    segments = [k.segment for k, _ in pairs]  # in sentence order
    for candidate, claim in pairs:
        if claim.count is not None and not candidate.bare:
            low = bisect.bisect_left(segments, candidate.segment - NEARBY)
            high = bisect.bisect_right(segments, candidate.segment + NEARBY)
            parts = [  # the count test first: most claims near it are not smaller parts of it
                p for _, p in pairs[low:high] if p.count is not None and p.count < claim.count and _compatible(claim, p)
            ]
            if len(parts) >= 2 and sum(p.count or 0 for p in parts) == claim.count:
                continue
        out.append((candidate, claim))
    return out


def _merge_placeless_impacts(pairs: list[tuple[Candidate, Claim]]) -> list[tuple[Candidate, Claim]]:
    out: list[tuple[Candidate, Claim]] = []
    last: dict[str, tuple[int, Claim]] = {}  # claimant -> (sentence, its latest impact)
    for candidate, claim in pairs:
        if candidate.bare and (not candidate.places or candidate.inherited) and claim.count is None:
            earlier = last.get(claim.claimant)
            if earlier is not None and earlier[0] != candidate.segment:
                _absorb(earlier[1], claim)
                continue
        if claim.action is Action.IMPACT:
            last[claim.claimant] = (candidate.segment, claim)
        out.append((candidate, claim))
    return out


def _absorb(into: Claim, other: Claim) -> None:
    if other.casualties is not None:
        old = into.casualties or Casualties()
        into.casualties = Casualties(
            other.casualties.killed if other.casualties.killed is not None else old.killed,
            other.casualties.injured if other.casualties.injured is not None else old.injured,
        )
    if other.damage is not None and into.damage is None:
        into.damage = other.damage


def _drop_placeless_twins(claims: list[Claim]) -> list[Claim]:
    """ "Another Su-34 has been destroyed", said again with no place: the claim already placed stands for it."""

    def twin(claim: Claim) -> tuple[object, ...]:
        return (claim.action, claim.weapon_class, claim.weapon_model, claim.count, claim.claimant)

    placed = {twin(c) for c in claims if c.place.region or c.regions}
    return [
        c for c in claims if c.place.region or c.regions or c.place.water or c.count is None or twin(c) not in placed
    ]


def _key(claim: Claim) -> tuple[object, ...]:
    place = claim.place
    return (
        claim.action,
        claim.weapon_class,
        claim.weapon_model,
        claim.count,
        claim.count_qualifier,
        place.region,
        place.district,
        place.settlement,
        claim.regions,
        claim.claimant,
    )


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: dict[tuple[object, ...], Claim] = {}
    out = []
    for claim in claims:
        key = _key(claim)
        listed = key in seen and _LIST_LINE.match(claim.evidence) and _LIST_LINE.match(seen[key].evidence)
        if key in seen and claim.evidence != seen[key].evidence and not listed:
            _absorb(seen[key], claim)
            continue
        seen.setdefault(key, claim)
        out.append(claim)
    return _unshared(out)


def _unshared(claims: list[Claim]) -> list[Claim]:
    """``claims`` with every repeat of one object replaced by a copy, so that no later change reaches two claims."""
    held: set[int] = set()
    out = []
    for claim in claims:
        if id(claim) in held:
            claim = replace(claim)
        held.add(id(claim))
        out.append(claim)
    return out
