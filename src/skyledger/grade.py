"""The grade stage: how well an event is corroborated, where its figures disagree, and why (docs/grading.md).

Pure: an event's claims plus the reports, provenance links and sources they came from, in; a :class:`Grade` out.

- **Independent sources** are the roots of the provenance graph: a claim counts for its claimant (the governor, the
  ministry), however many outlets repeat it; a claimant citing another (``cites``) counts for the cited one; the
  outlet's own unattributed reporting (``media:*``) counts for the outlet, unless the report rewrites, quotes or
  forwards a report of the event, in which case it counts for that report's sources.
- **Figures**: per claimant and (action, weapon class), claims at one place (district, settlement) across reports are
  running updates (the largest stands); figures at different places add up; a figure for the whole region is the
  claimant's total unless its places add up to more.
- **Conflict**: two claimants' figures for one (action, weapon class) that no single number satisfies (exact 10 vs
  exact 11; "more than 10" vs 8; "about 30" spans +-20 %).
- **Best estimate** (UCDP-style low / best / high) of the headline figure; **credibility** 1-6 and **reliability**
  A-F (Admiralty scale); a one-sentence explanation.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from skyledger.model import (
    RELIABILITY_GRADES,
    Action,
    Claim,
    ClaimantFigure,
    CountQualifier,
    Grade,
    LinkKind,
    Report,
    ReportLink,
    Role,
    Source,
    WeaponClass,
)
from skyledger.registry import load_registry, normalise_handle

APPROXIMATE_SPAN = 0.2  # "about N" covers N +- 20 %
SMALL_SPREAD = 0.25  # a conflict within 25 % of the larger figure is "doubtful" (4), a wider one "improbable" (5)
ACTION_ORDER = (Action.INTERCEPTED, Action.LAUNCHED, Action.IMPACT)
ROLE_ORDER = tuple(Role)  # mod, armed_forces, regional_authority, local_authority, emergency_service, media, other
QUALIFIER_ORDER = (
    CountQualifier.EXACT,
    CountQualifier.AT_LEAST,
    CountQualifier.APPROXIMATE,
    CountQualifier.UNSPECIFIED,
)
_NUMBERS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")
_NOUNS = {
    WeaponClass.UAV: ("UAV", "UAVs"),
    WeaponClass.CRUISE_MISSILE: ("cruise missile", "cruise missiles"),
    WeaponClass.BALLISTIC_MISSILE: ("ballistic missile", "ballistic missiles"),
    WeaponClass.GUIDED_BOMB: ("guided bomb", "guided bombs"),
    WeaponClass.ROCKET: ("rocket", "rockets"),
    WeaponClass.AIRCRAFT: ("aircraft", "aircraft"),
    WeaponClass.MISSILE: ("missile", "missiles"),
    WeaponClass.OTHER: ("weapon", "weapons"),
}

Key = tuple[Action, WeaponClass]


@dataclass(frozen=True)
class Evidence:
    """What grading reads besides the claims: their reports (by id), the provenance links, the sources (by handle)."""

    reports: Mapping[int, Report] = field(default_factory=dict)
    links: Sequence[ReportLink] = ()
    sources: Mapping[str, Source] = field(default_factory=dict)
    parents: Mapping[int, set[int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        parents: dict[int, set[int]] = defaultdict(set)
        for link in self.links:
            if link.kind in (LinkKind.REWRITE, LinkKind.QUOTE, LinkKind.FORWARD):
                parents[link.child].add(link.parent)
        object.__setattr__(self, "parents", dict(parents))

    def source_of(self, report_id: int | None) -> Source | None:
        report = self.reports.get(report_id) if report_id is not None else None
        if report is None:
            return None
        handle = normalise_handle(report.source)
        return self.sources.get(handle) or load_registry().lookup(handle)


def _is_media(claimant: str) -> bool:
    return claimant.startswith(Role.MEDIA.value + ":")


def _base_unit(claim: Claim, evidence: Evidence) -> str:
    if _is_media(claim.claimant):
        report = evidence.reports.get(claim.report_id) if claim.report_id is not None else None
        if report is not None:
            return f"{Role.MEDIA.value}:{normalise_handle(report.source)}"
    return claim.claimant


def _cited_roots(claimant: str, cites: Mapping[str, set[str]]) -> set[str]:
    """Follow ``cites`` from a claimant to the claimants nobody further is cited by (cycle-safe)."""
    roots: set[str] = set()
    seen = {claimant}
    frontier = [claimant]
    while frontier:
        current = frontier.pop()
        onward = cites.get(current, set()) - seen
        if not onward and current != claimant:
            roots.add(current)
        seen |= onward
        frontier.extend(onward)
    return roots


def independent_sources(claims: Sequence[Claim], evidence: Evidence) -> dict[str, set[str]]:
    """The roots of the provenance graph behind ``claims``: root -> the claimants that count for it."""
    cites: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        cites[claim.claimant].update(cited for cited in claim.cites if cited != claim.claimant)
    parents = evidence.parents
    by_report: dict[int | None, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_report[claim.report_id].append(claim)

    def units_of(claim: Claim, depth: int = 0) -> set[str]:
        if _is_media(claim.claimant) and claim.report_id is not None and depth < 8:
            inherited = {
                unit
                for parent in parents.get(claim.report_id, ())
                for other in by_report.get(parent, ())
                if other.action == claim.action or not _is_media(other.claimant)
                for unit in units_of(other, depth + 1)
            }
            if inherited:
                return inherited
        if claim.cites:
            return {root for cited in claim.cites for root in (_cited_roots(cited, cites) or {cited})}
        return {_base_unit(claim, evidence)}

    roots: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        for unit in units_of(claim):
            roots[unit].add(claim.claimant)
    return dict(roots)


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


def _place_total(places: Mapping[tuple[str | None, str | None], list[Claim]]) -> tuple[int | None, CountQualifier]:
    """A claimant's figure from its claims grouped by place: the districts' and settlements' figures add up; a
    figure for the whole region is its total unless those add up to more."""
    parts = {place: _largest(members) for place, members in places.items() if place != WHOLE_REGION}
    whole = _largest(places.get(WHOLE_REGION, []))
    part_sum = sum(claim.count or 0 for claim in parts.values() if claim is not None)
    if whole is not None and (whole.count or 0) >= part_sum:
        return whole.count, whole.count_qualifier
    counted = [claim for claim in parts.values() if claim is not None]
    if not counted:
        return None, CountQualifier.UNSPECIFIED
    qualifiers = {claim.count_qualifier for claim in counted}
    if len(counted) < len(parts):
        qualifiers.add(CountQualifier.UNSPECIFIED)  # a place without a count: the sum is a lower bound
    return part_sum, _combine(qualifiers)


def claimant_figures(claims: Sequence[Claim]) -> list[ClaimantFigure]:
    """Each claimant's figure per (action, weapon class): see :func:`_place_total`."""
    groups: dict[tuple[str, Key], dict[tuple[str | None, str | None], list[Claim]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for claim in claims:
        place = (claim.place.district, claim.place.settlement)
        groups[(claim.claimant, (claim.action, claim.weapon_class))][place].append(claim)
    figures = []
    for (claimant, (action, weapon)), places in groups.items():
        count, qualifier = _place_total(places)
        reports = {claim.report_id for members in places.values() for claim in members if claim.report_id is not None}
        figures.append(ClaimantFigure(claimant, action, weapon, count, qualifier, tuple(sorted(reports))))
    return sorted(figures, key=_figure_order)


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


def reliability_of(unit: str, report_ids: Sequence[int], evidence: Evidence) -> str:
    """A root's Admiralty reliability: its own channel's in the sources (or the registry); an outlet's own; else F."""
    grades = [source.reliability for source in evidence.sources.values() if source.claimant == unit]
    grades += [source.reliability for source in load_registry().sources.values() if source.claimant == unit]
    if unit.startswith(Role.MEDIA.value + ":"):
        handle = unit.split(":", 1)[1]
        outlet = evidence.sources.get(handle) or load_registry().lookup(handle)
        if outlet is not None:
            grades.append(outlet.reliability)
    for report_id in report_ids:
        source = evidence.source_of(report_id)
        if source is not None and source.claimant == unit:
            grades.append(source.reliability)
    return min(grades, key=RELIABILITY_GRADES.index, default="F")


def _headline(figures: Sequence[ClaimantFigure]) -> Key | None:
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


def credibility(sources: int, reliability: str, conflict: bool, spread: float) -> int:
    """Admiralty credibility: 1 confirmed (3+ independent sources, none contradicting, one of them A or B),
    2 probably true (2+ agree), 3 possibly true (one source), 4 doubtful (figures conflict by at most 25 %),
    5 improbable (a wider conflict), 6 cannot be judged (no source)."""
    if sources == 0:
        return 6
    if conflict:
        return 4 if spread <= SMALL_SPREAD else 5
    if sources >= 3 and reliability in ("A", "B"):
        return 1
    return 2 if sources >= 2 else 3


def _spread(members: Sequence[ClaimantFigure]) -> float:
    values = [figure.count for figure in members if figure.count is not None]
    if not values or max(values) == 0:
        return 0.0
    return (max(values) - min(values)) / max(values)


def _say(figure: ClaimantFigure | None, key: Key) -> str:
    action, weapon = key
    singular, plural = _NOUNS[weapon]
    count = figure.count if figure is not None else None
    qualifier = {CountQualifier.AT_LEAST: "at least ", CountQualifier.APPROXIMATE: "about "}.get(
        figure.count_qualifier if figure is not None else CountQualifier.UNSPECIFIED, ""
    )
    if action is Action.IMPACT:
        noun = f"{singular} impact" + ("" if count == 1 else "s")
        return f"{qualifier}{count} {noun}" if count is not None else f"{noun} (no count given)"
    if count is None:
        return f"{plural} {action.value} (no count given)"
    return f"{qualifier}{count} {singular if count == 1 else plural} {action.value}"


def _count_text(figure: ClaimantFigure) -> str:
    prefix = {CountQualifier.AT_LEAST: "at least ", CountQualifier.APPROXIMATE: "about "}.get(
        figure.count_qualifier, ""
    )
    return f"{prefix}{figure.count}" if figure.count is not None else "no count"


def _number(value: int, noun: str) -> str:
    word = _NUMBERS[value] if value < len(_NUMBERS) else str(value)
    return f"{word} {noun}{'' if value == 1 else 's'}"


def explain(
    roots: Mapping[str, set[str]],
    figures: Sequence[ClaimantFigure],
    clash: Mapping[Key, list[ClaimantFigure]],
    reports: int,
) -> str:
    """One sentence: who stands behind the event, what they agree or disagree on, how many reports carry it."""
    tail = f"{reports} report{'' if reports == 1 else 's'} in all."
    if not roots:
        return f"No claimant can be identified; {tail}"
    names = ", ".join(sorted(roots))
    citers = {claimant for root, claimants in roots.items() for claimant in claimants if claimant != root}
    cited = sorted(c for c in citers if c not in roots and not _is_media(c))
    via = f", cited by {', '.join(cited)}" if cited else ""
    who = f"{_number(len(roots), 'independent source' if len(roots) > 1 else 'source')} ({names}{via})"
    if clash:
        worst = min(clash, key=lambda k: (ACTION_ORDER.index(k[0]), list(WeaponClass).index(k[1])))
        parts = ", ".join(f"{f.claimant}: {_count_text(f)}" for f in clash[worst])
        what = _say(None, worst).replace(" (no count given)", "")
        return f"{who} disagree on {what} ({parts}); {tail}"
    key = _headline(figures)
    if key is None:
        return f"{who}; {tail}"
    on_key = [f for f in figures if (f.action, f.weapon_class) == key]
    top = max(on_key, key=lambda f: (f.count is not None, len(f.report_ids)))
    counted = {f.claimant for f in on_key if f.count is not None}
    agreeing = {root for root, claimants in roots.items() if claimants & counted}
    verb = "agree on" if len(agreeing) > 1 else ("report" if len(roots) > 1 else "reports")
    return f"{who} {verb} {_say(top, key)}; {tail}"


def grade_event(claims: Sequence[Claim], evidence: Evidence) -> Grade:
    """The grade of one event from its claims."""
    roots = independent_sources(claims, evidence)
    figures = claimant_figures(claims)
    clash = conflicts(figures)
    report_ids = sorted({claim.report_id for claim in claims if claim.report_id is not None})
    by_claimant: dict[str, list[int]] = defaultdict(list)
    for claim in claims:
        if claim.report_id is not None:
            by_claimant[claim.claimant].append(claim.report_id)
    reliability = {
        unit: reliability_of(unit, sorted({r for c in claimants for r in by_claimant.get(c, [])}), evidence)
        for unit, claimants in roots.items()
    }
    claimant_reliability = {c: reliability_of(c, ids, evidence) for c, ids in by_claimant.items()}
    best_reliability = min(reliability.values(), key=RELIABILITY_GRADES.index, default="F")
    key = _headline(figures)
    low, best, high = estimate([f for f in figures if (f.action, f.weapon_class) == key], claimant_reliability)
    spread = max((_spread(members) for members in clash.values()), default=0.0)
    articles = len(report_ids) or len({id(claim) for claim in claims})
    return Grade(
        article_count=len(report_ids),
        independent_sources=len(roots),
        credibility=credibility(len(roots), best_reliability, bool(clash), spread),
        reliability=best_reliability,
        conflict=bool(clash),
        count_low=low,
        count_best=best,
        count_high=high,
        figures=tuple(figures),
        explanation=explain(roots, figures, clash, articles),
    )
