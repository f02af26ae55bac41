"""Who stands behind an event: the roots of the provenance graph, and each root's Admiralty reliability."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from skyledger.model import (
    RELIABILITY_GRADES,
    Claim,
    LinkKind,
    Report,
    ReportLink,
    Role,
    Source,
)
from skyledger.registry import load_registry, normalise_handle


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


def is_media(claimant: str) -> bool:
    return claimant.startswith(Role.MEDIA.value + ":")


def _base_unit(claim: Claim, evidence: Evidence) -> str:
    if is_media(claim.claimant):
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
        if is_media(claim.claimant) and claim.report_id is not None and depth < 8:
            inherited = {
                unit
                for parent in parents.get(claim.report_id, ())
                for other in by_report.get(parent, ())
                if other.action == claim.action or not is_media(other.claimant)
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
