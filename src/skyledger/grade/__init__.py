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

from collections import defaultdict
from collections.abc import Sequence

from skyledger.grade.explain import explain
from skyledger.grade.figures import (
    bounds,
    claimant_figures,
    claimant_outcomes,
    compatible,
    conflicts,
    estimate,
    headline,
    outcome_conflicts,
    spread,
)
from skyledger.grade.sources import Evidence, independent_sources, reliability_of
from skyledger.model import RELIABILITY_GRADES, Claim, Grade

SMALL_SPREAD = 0.25  # a conflict within 25 % of the larger figure is "doubtful" (4), a wider one "improbable" (5)

__all__ = [
    "Evidence",
    "bounds",
    "claimant_figures",
    "claimant_outcomes",
    "compatible",
    "conflicts",
    "credibility",
    "estimate",
    "explain",
    "grade_event",
    "independent_sources",
    "outcome_conflicts",
    "reliability_of",
]


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
    key = headline(figures)
    low, best, high = estimate([f for f in figures if (f.action, f.weapon_class) == key], claimant_reliability)
    widest = max((spread(members) for members in clash.values()), default=0.0)
    differ = outcome_conflicts(claimant_outcomes(claims))
    articles = len(report_ids) or len({id(claim) for claim in claims})
    return Grade(
        article_count=len(report_ids),
        independent_sources=len(roots),
        credibility=credibility(len(roots), best_reliability, bool(clash or differ), widest),
        reliability=best_reliability,
        conflict=bool(clash or differ),
        count_low=low,
        count_best=best,
        count_high=high,
        figures=tuple(figures),
        explanation=explain(roots, figures, clash, articles, differ),
    )
