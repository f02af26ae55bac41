"""Casualties and damage stated in a sentence.

"пострадавших нет" -> 0 killed, 0 injured; "ранены двое" -> 2 injured; "ранен мужчина" -> 1; "число раненых выросло
до трех" -> 3, an update that replaces the earlier figure; "повреждены кровля и остекление" -> damage reported;
"разрушений нет" -> damage none. The assembler keeps the latest figure per place across the report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from skyledger.extract.lexicon import merged_list, word_pattern
from skyledger.extract.numbers import Number, find_collective
from skyledger.model import Damage

if TYPE_CHECKING:
    from skyledger.extract.candidates import Candidate
    from skyledger.extract.context import ReportContext

WINDOW = 40


@dataclass(frozen=True, slots=True)
class Outcome:
    killed: int | None = None
    injured: int | None = None
    damage: Damage | None = None

    @property
    def empty(self) -> bool:
        return self.killed is None and self.injured is None and self.damage is None


@lru_cache(maxsize=1)
def _update_tail() -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(merged_list("outcomes", "update")) + r")\s*$")


def _pattern(key: str) -> re.Pattern[str]:
    return word_pattern("outcomes", key)


def sentence_outcome(norm: str, start: int, end: int, numbers: list[Number], damaged: bool) -> Outcome:
    """The casualties and damage stated in ``norm[start:end]``; ``numbers`` are free numbers (not weapon counts)."""
    killed = injured = None
    if _pattern("none_both").search(norm, start, end):
        killed, injured = 0, 0
    if _pattern("none_killed").search(norm, start, end):
        killed = 0
    figures = [(n.start, n.end, n.value) for n in numbers if n.value is not None and start <= n.start < end]
    figures += [f for f in find_collective(norm[start:end]) for f in [(f[0] + start, f[1] + start, f[2])]]
    used: set[int] = set()
    for key in ("killed", "injured"):
        value = _figure(norm, start, end, key, figures, used)
        if value is not None:
            if key == "killed":
                killed = value
            else:
                injured = value
    damage = None
    if _pattern("damage_none").search(norm, start, end):
        damage = Damage.NONE
    elif damaged:
        damage = Damage.REPORTED
    return Outcome(killed, injured, damage)


def _figure(
    norm: str, start: int, end: int, key: str, figures: list[tuple[int, int, int]], used: set[int]
) -> int | None:
    """The number stated for ``key`` (killed / injured) in the sentence: an update first, else the nearest figure."""
    best: tuple[int, int] | None = None
    for match in _pattern(key).finditer(norm, start, end):
        for f_start, f_end, value in figures:
            if f_start in used:
                continue
            if f_end <= match.start():
                gap = match.start() - f_end
            elif f_start >= match.end():
                gap = f_start - match.end()
                if _update_tail().search(norm[match.end() : f_start]):
                    gap = 0
            else:
                continue
            between = norm[min(f_end, match.end()) : max(f_start, match.start())]
            if gap <= WINDOW and not re.search(r"[.;]", between) and (best is None or gap < best[0]):
                best = (gap, value)
                chosen = f_start
        if best is None and _pattern("person").search(norm, max(start, match.start() - WINDOW), match.end() + WINDOW):
            best = (WINDOW, 1)
            chosen = -1
    if best is None:
        return None
    used.add(chosen)
    return best[1]


def by_candidate(
    context: ReportContext,
    found: list[Candidate],
    claimant_of: Callable[[Candidate], str],
    voice_of: Callable[[int], str],
) -> dict[int, Outcome]:
    """The outcome each candidate carries: its own sentence's, updated by outcome-only sentences about its region.

    Keys are ``id(candidate)``. Outcome-only sentences ("Пострадавших нет.") apply to every candidate of their region;
    a later figure replaces an earlier one ("число раненых выросло до трех").
    """
    by_segment: dict[int, list[Candidate]] = {}
    for candidate in found:
        by_segment.setdefault(candidate.segment, []).append(candidate)
    stated: list[tuple[int, str | None, str, Outcome]] = []
    for index, segment in enumerate(context.segments):
        if index in context.skipped:
            continue
        taken = [(c.anchor, c.end) for c in by_segment.get(index, [])]
        numbers = [
            n
            for n in context.within(context.numbers, "numbers", segment.start, segment.end)
            if not any(a <= n.start < b for a, b in taken)
        ]
        damaged = any(
            a.kind == "damage" for a in context.within(context.actions, "actions", segment.start, segment.end)
        )
        outcome = sentence_outcome(context.norm, segment.start, segment.end, numbers, damaged)
        if not outcome.empty:
            region = _segment_region(context, index, by_segment.get(index, []), claimant_of)
            stated.append((index, region, voice_of(index), outcome))
    out: dict[int, Outcome] = {}
    for candidate in found:
        region = _candidate_region(context, candidate, claimant_of)
        result = Outcome()
        speaker = claimant_of(candidate)
        for index, where, voice, outcome in stated:
            own = index == candidate.segment
            same_place = where is None or region is None or where == region
            if own or (index not in by_segment and same_place and voice == speaker):
                result = _update(result, outcome)
        out[id(candidate)] = result
    return out


def _update(old: Outcome, new: Outcome) -> Outcome:
    return Outcome(
        new.killed if new.killed is not None else old.killed,
        new.injured if new.injured is not None else old.injured,
        new.damage if new.damage is not None else old.damage,
    )


def _segment_region(
    context: ReportContext, index: int, candidates: list[Candidate], claimant_of: Callable[[Candidate], str]
) -> str | None:
    from skyledger.extract.claimplaces import claim_hits

    for hit in claim_hits(context, index):
        if hit.place.region:
            return hit.place.region
    for candidate in candidates:
        region = _candidate_region(context, candidate, claimant_of)
        if region:
            return region
    return context.region


def _candidate_region(
    context: ReportContext, candidate: Candidate, claimant_of: Callable[[Candidate], str]
) -> str | None:
    for hit in candidate.places:
        if hit.place.region:
            return str(hit.place.region)
    jurisdiction = claimant_of(candidate).partition(":")[2]
    return jurisdiction if "-" in jurisdiction else context.region
