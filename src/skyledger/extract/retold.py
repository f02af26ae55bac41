"""An impact told twice: first with its place and no count ("dropped guided bombs on Kharkiv, killing one"), then
with its count and no place ("Three bombs hit the city"). One impact: the count of the second, the place of the first,
the consequences of both."""

from __future__ import annotations

from skyledger.extract.candidate import Candidate
from skyledger.extract.outcomes import Outcome
from skyledger.model import Action

GAP = 2  # sentences between the two tellings at most


def merge_retold(found: list[Candidate], results: dict[int, Outcome]) -> list[Candidate]:
    """``found`` without the first tellings; ``results`` (keyed by ``id``) gives the second both outcomes."""
    dropped: set[int] = set()
    for first, second in zip(found, found[1:], strict=False):
        if _retells(first, second):
            second.places, second.inherited = list(first.places), True
            results[id(second)] = _both(results.get(id(first), Outcome()), results.get(id(second), Outcome()))
            dropped.add(id(first))
    return [candidate for candidate in found if id(candidate) not in dropped]


def _retells(first: Candidate, second: Candidate) -> bool:
    return (
        first.action is Action.IMPACT
        and second.action is Action.IMPACT
        and not first.bare
        and not second.bare
        and first.weapon_class == second.weapon_class
        and first.count is None
        and second.count is not None
        and bool(first.places)
        and not second.places
        and 0 < second.segment - first.segment <= GAP
    )


def _both(first: Outcome, second: Outcome) -> Outcome:
    return Outcome(
        second.killed if second.killed is not None else first.killed,
        second.injured if second.injured is not None else first.injured,
        second.damage if second.damage is not None else first.damage,
    )
