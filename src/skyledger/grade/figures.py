"""Each claimant's figures, where they agree or conflict, and the event's low / best / high estimate."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from skyledger.model import (
    RELIABILITY_GRADES,
    Action,
    Claim,
    ClaimantFigure,
    CountQualifier,
    Damage,
    Role,
    WeaponClass,
)

APPROXIMATE_SPAN = 0.2  # "about N" covers N +- 20 %
ACTION_ORDER = (Action.INTERCEPTED, Action.LAUNCHED, Action.IMPACT)
ROLE_ORDER = tuple(Role)  # mod, armed_forces, regional_authority, local_authority, emergency_service, media, other
QUALIFIER_ORDER = (
    CountQualifier.EXACT,
    CountQualifier.AT_LEAST,
    CountQualifier.APPROXIMATE,
    CountQualifier.UNSPECIFIED,
)

Key = tuple[Action, WeaponClass]


def _combine(qualifiers: set[CountQualifier]) -> CountQualifier:
    if CountQualifier.APPROXIMATE in qualifiers:
        return CountQualifier.APPROXIMATE
    if qualifiers & {CountQualifier.AT_LEAST, CountQualifier.UNSPECIFIED}:
        return CountQualifier.AT_LEAST
    return CountQualifier.EXACT


WHOLE_REGION = (None, None)  # the place key of a claim with no district or settlement


def _largest(members: Sequence[Claim]) -> Claim | None:
    """The largest count among claims at one place (running updates), exact before qualified on a tie."""
    counted = [claim for claim in members if claim.count is not None]
    return max(counted, key=lambda c: (c.count or 0, c.count_qualifier is CountQualifier.EXACT), default=None)


def _place_total(
    places: Mapping[tuple[str | None, str | None], list[Claim]],
) -> tuple[int | None, CountQualifier, int | None]:
    """A claimant's figure from its claims grouped by place: the districts' and settlements' figures add up; a
    figure for the whole region is its total unless those add up to more. The third value is the other reading, where
    the whole-region figure is one more place (an unsplit list of districts) and adds to them; None when there is
    no such choice."""
    parts = {place: _largest(members) for place, members in places.items() if place != WHOLE_REGION}
    whole = _largest(places.get(WHOLE_REGION, []))
    part_sum = sum(claim.count or 0 for claim in parts.values() if claim is not None)
    if whole is not None and (whole.count or 0) >= part_sum:
        return whole.count, whole.count_qualifier, ((whole.count or 0) + part_sum) if part_sum else None
    counted = [claim for claim in parts.values() if claim is not None]
    if not counted:
        return None, CountQualifier.UNSPECIFIED, None
    qualifiers = {claim.count_qualifier for claim in counted}
    if len(counted) < len(parts):
        qualifiers.add(CountQualifier.UNSPECIFIED)  # a place without a count: the sum is a lower bound
    return part_sum, _combine(qualifiers), None


def figure_readings(claims: Sequence[Claim]) -> tuple[list[ClaimantFigure], dict[tuple[str, Key], int]]:
    """Each claimant's figure per (action, weapon class) (see :func:`_place_total`), and the other reading where a
    claimant's whole-region figure could add to its districts' instead of containing them."""
    groups: dict[tuple[str, Key], dict[tuple[str | None, str | None], list[Claim]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for claim in claims:
        place = (claim.place.district, claim.place.settlement)
        groups[(claim.claimant, (claim.action, claim.weapon_class))][place].append(claim)
    figures, others = [], {}
    for (claimant, (action, weapon)), places in groups.items():
        count, qualifier, other = _place_total(places)
        reports = {claim.report_id for members in places.values() for claim in members if claim.report_id is not None}
        figures.append(ClaimantFigure(claimant, action, weapon, count, qualifier, tuple(sorted(reports))))
        if other is not None:
            others[(claimant, (action, weapon))] = other
    return sorted(figures, key=_figure_order), others


def claimant_figures(claims: Sequence[Claim]) -> list[ClaimantFigure]:
    """Each claimant's figure per (action, weapon class), reconciled (see :func:`reconcile`)."""
    return reconcile(*figure_readings(claims))


def reconcile(figures: Sequence[ClaimantFigure], others: Mapping[tuple[str, Key], int]) -> list[ClaimantFigure]:
    """Where a claimant's figure conflicts with the others' and its other reading agrees with all of them, the text
    was ambiguous and the reading that agrees is taken."""
    result = list(figures)
    for key, members in conflicts(result).items():
        for figure in members:
            other = others.get((figure.claimant, key))
            if other is None:
                continue
            trial = [replace(f, count=other) if f is figure else f for f in result]
            if key not in conflicts(trial):
                result = trial
                break
    return result


def _figure_order(figure: ClaimantFigure) -> tuple[int, int, str]:
    return ACTION_ORDER.index(figure.action), list(WeaponClass).index(figure.weapon_class), figure.claimant


def bounds(figure: ClaimantFigure) -> tuple[float, float] | None:
    """The counts a figure allows: exact N -> [N, N]; at least N -> [N, inf); about N -> N +- 20 %."""
    if figure.count is None:
        return None
    count = figure.count
    if figure.count_qualifier is CountQualifier.AT_LEAST:
        return count, math.inf
    if figure.count_qualifier is CountQualifier.APPROXIMATE:
        return math.floor(count * (1 - APPROXIMATE_SPAN)), math.ceil(count * (1 + APPROXIMATE_SPAN))
    return count, count


def compatible(a: ClaimantFigure, b: ClaimantFigure) -> bool:
    first, second = bounds(a), bounds(b)
    return first is None or second is None or (first[0] <= second[1] and second[0] <= first[1])


def conflicts(figures: Sequence[ClaimantFigure]) -> dict[Key, list[ClaimantFigure]]:
    """The (action, weapon class) keys whose claimants' figures cannot all be true, with those figures."""
    by_key: dict[Key, list[ClaimantFigure]] = defaultdict(list)
    for figure in figures:
        by_key[(figure.action, figure.weapon_class)].append(figure)
    found = {}
    for key, members in by_key.items():
        if any(not compatible(a, b) for i, a in enumerate(members) for b in members[i + 1 :]):
            found[key] = [figure for figure in members if figure.count is not None]
    return found


def headline(figures: Sequence[ClaimantFigure]) -> Key | None:
    """The figure an event is summed up by: the (action, class) most claimants give a count for; then by action
    (intercepted, launched, impact) and class order."""
    keys: dict[Key, tuple[int, int]] = {}
    for figure in figures:
        key = (figure.action, figure.weapon_class)
        counted, named = keys.get(key, (0, 0))
        keys[key] = (counted + (figure.count is not None), named + 1)
    if not keys:
        return None
    return min(
        keys,
        key=lambda k: (-keys[k][0], -keys[k][1], ACTION_ORDER.index(k[0]), list(WeaponClass).index(k[1])),
    )


def _role_rank(claimant: str) -> int:
    role = claimant.split(":", 1)[0]
    return ROLE_ORDER.index(Role(role)) if role in Role._value2member_map_ else len(ROLE_ORDER)


def estimate(figures: Sequence[ClaimantFigure], reliability: Mapping[str, str]) -> tuple[int | None, ...]:
    """(low, best, high): low and high the smallest and largest figure given; best the figure of the most reliable
    claimant (reliability, then exact before "at least" before "about", then role, then the most reports)."""
    counted = [figure for figure in figures if figure.count is not None]
    if not counted:
        return None, None, None
    best = min(
        counted,
        key=lambda f: (
            RELIABILITY_GRADES.index(reliability.get(f.claimant, "F")),
            QUALIFIER_ORDER.index(f.count_qualifier),
            _role_rank(f.claimant),
            -len(f.report_ids),
            f.count,
        ),
    )
    values = [figure.count for figure in counted if figure.count is not None]
    return min(values), best.count, max(values)


def spread(members: Sequence[ClaimantFigure]) -> float:
    values = [figure.count for figure in members if figure.count is not None]
    if not values or max(values) == 0:
        return 0.0
    return (max(values) - min(values)) / max(values)


OUTCOME_FIELDS = ("killed", "injured", "damage")


def claimant_outcomes(claims: Sequence[Claim]) -> dict[str, dict[str, int | str]]:
    """Each claimant's stated outcomes: the largest killed and injured it gives (updates only grow), and damage
    "reported" when any of its claims reports damage, "none" when it only says there was none."""
    found: dict[str, dict[str, int | str]] = defaultdict(dict)
    for claim in claims:
        mine = found[claim.claimant]
        if claim.casualties is not None:
            for name in ("killed", "injured"):
                value = getattr(claim.casualties, name)
                if value is not None:
                    mine[name] = max(int(mine.get(name, 0)), value)
        if claim.damage is not None and mine.get("damage") != Damage.REPORTED.value:
            mine["damage"] = claim.damage.value
    return {claimant: values for claimant, values in found.items() if values}


def outcome_conflicts(outcomes: Mapping[str, Mapping[str, int | str]]) -> dict[str, dict[str, int | str]]:
    """The outcomes (killed, injured, damage) on which claimants state different values: field -> claimant -> value."""
    found = {}
    for name in OUTCOME_FIELDS:
        stated = {claimant: values[name] for claimant, values in sorted(outcomes.items()) if name in values}
        if len(set(stated.values())) > 1:
            found[name] = stated
    return found
