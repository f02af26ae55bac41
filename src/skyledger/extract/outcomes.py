"""Casualties and damage stated in a sentence.

"пострадавших нет" -> 0 killed, 0 injured; "ранены двое" -> 2 injured; "ранен мужчина" -> 1; "число раненых выросло
до трех" -> 3, an update that replaces the earlier figure; "повреждены кровля и остекление" -> damage reported;
"разрушений нет" -> damage none. The assembler keeps the latest figure per place across the report.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from skyledger.extract.lexicon import Words, compile_words, merged_list, word_pattern
from skyledger.extract.numbers import Number, find_collective
from skyledger.model import Action, Damage

if TYPE_CHECKING:
    from skyledger.extract.candidate import Candidate
    from skyledger.extract.context import ReportContext

WINDOW = 40
NEARBY = 40  # sentences around a claim whose statements may apply to it
_STOPS = re.compile(r"[.;]")
_ELLIPSIS = re.compile(r"\s[–—-]\s")  # a dash standing for a verb said before
_NO = re.compile(r"(?:\bno|\bни|\bжоден|\bжодна)\s+$")


@dataclass(frozen=True, slots=True)
class Outcome:
    killed: int | None = None
    injured: int | None = None
    damage: Damage | None = None

    @property
    def empty(self) -> bool:
        return self.killed is None and self.injured is None and self.damage is None


NOTHING = Outcome()  # outcomes are frozen: the common ones are made once and shared
_DAMAGED = Outcome(damage=Damage.REPORTED)


@lru_cache(maxsize=1)
def _subject_gap() -> re.Pattern[str]:
    """ "14 people wounded", "двое мирных жителей ранены": the figure is the subject of the casualty word."""
    people = "|".join(merged_list("outcomes", "people"))
    return re.compile(r"^\s*(?:(?:[\w-]+\s+)?(?:" + people + r")\s*)?(?:(?:were|was|have been|had been|are|were)\s*)?$")


@lru_cache(maxsize=1)
def _outdated() -> Words:
    return word_pattern("outcomes", "outdated")


@lru_cache(maxsize=1)
def _update_tail() -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(merged_list("outcomes", "update")) + r")\s*$")


def _pattern(key: str) -> Words:
    return word_pattern("outcomes", key)


@lru_cache(maxsize=1)
def _any_outcome() -> Words:
    """The words of every list ``sentence_outcome`` reads, as one list: a sentence holding none of them states no
    outcome. One search of the merged list, tried at word starts only, is cheaper than one per list."""
    keys = ("killed", "injured", "none_both", "none_killed", "damage_none")
    return compile_words(
        [p for key in keys for p in merged_list("outcomes", key)], "skyledger/extract/data/*/outcomes.toml"
    )


def sentence_outcome(norm: str, start: int, end: int, numbers: list[Number], damaged: bool) -> Outcome:
    """The casualties and damage stated in ``norm[start:end]``; ``numbers`` are free numbers (not weapon counts)."""
    first = _any_outcome().search(norm, start, end)
    if first is None:
        return _unstated(damaged)
    return _stated(norm, start, end, numbers, damaged, first.start())


def _unstated(damaged: bool) -> Outcome:
    """The outcome of a sentence with no casualty or damage word."""
    return _DAMAGED if damaged else NOTHING


def _stated(norm: str, start: int, end: int, numbers: list[Number], damaged: bool, first: int) -> Outcome:
    """``sentence_outcome`` of a sentence whose first casualty or damage word starts at ``first``: no word of the
    lists begins before it, so their searches start there."""
    killed = injured = None
    if _pattern("none_both").search(norm, first, end):
        killed, injured = 0, 0
    if _pattern("none_killed").search(norm, first, end):
        killed = 0
    figures = [(n.start, n.end, n.value) for n in numbers if n.value is not None and start <= n.start < end]
    figures += [(a + start, b + start, value) for a, b, value in find_collective(norm[start:end])]
    found = _figures(norm, start, end, figures, first)
    killed = found.get("killed", killed)
    injured = found.get("injured", injured)
    damage = None
    if _pattern("damage_none").search(norm, first, end):
        damage = Damage.NONE
    elif damaged:
        damage = Damage.REPORTED
    return Outcome(killed, injured, damage)


def _figures(norm: str, start: int, end: int, figures: list[tuple[int, int, int]], first: int) -> dict[str, int]:
    """Each figure goes to the casualty word nearest to it ("two were killed and nine wounded"); a word with no
    figure but a person beside it ("ранен мужчина") counts one; an update ("выросло до 15") wins. No casualty word
    begins before ``first``."""
    words = [
        (m.start(), m.end(), key) for key in ("killed", "injured") for m in _pattern(key).finditer(norm, first, end)
    ]
    if not words:
        return {}
    found: dict[str, tuple[int, int]] = {}  # key -> (position of the figure, value): the last one stated wins
    for f_start, f_end, value in figures:
        if _outdated().search(norm, max(start, f_start - 24), f_start) or _NO.search(
            norm, max(start, f_start - 4), f_start
        ):
            continue  # "which had earlier reported three injured", "no one was injured"
        best: tuple[int, str] | None = None
        for w_start, w_end, key in words:
            if f_end <= w_start:
                between = norm[f_end:w_start]
                gap = 0 if _subject_gap().match(between) else w_start - f_end
            elif f_start >= w_end:
                between = norm[w_end:f_start]
                gap = 0 if _update_tail().search(between) else f_start - w_end
            else:
                continue
            if gap <= WINDOW and not _STOPS.search(between) and (best is None or gap < best[0]):
                best = (gap, key)
        if best is not None:
            found[best[1]] = (f_start, value)
    for w_start, w_end, key in words:
        if key not in found and _pattern("person").search(norm, max(start, w_start - WINDOW), min(end, w_end + WINDOW)):
            found[key] = (w_start, 1)
    return {key: value for key, (_, value) in found.items()}


def _statements(
    context: ReportContext,
    by_segment: dict[int, list[Candidate]],
    claimant_of: Callable[[Candidate], str],
    voice_of: Callable[[int], str],
) -> list[tuple[int, str | None, str, Outcome]]:
    """(sentence, region, claimant, outcome) of every sentence that states an outcome, in order."""
    stated: list[tuple[int, str | None, str, Outcome]] = []
    for index, segment in enumerate(context.segments):
        if index in context.skipped:
            continue
        damaged = any(
            a.kind == "damage" for a in context.within(context.actions, "actions", segment.start, segment.end)
        )
        first = _any_outcome().search(context.norm, segment.start, segment.end)
        if first is not None:  # sentence_outcome, its numbers listed only now
            taken = [(c.anchor, c.end) for c in by_segment.get(index, [])]
            numbers = [
                n
                for n in context.within(context.numbers, "numbers", segment.start, segment.end)
                if not n.weak and not any(a <= n.start < b for a, b in taken)  # "damaging an apartment": no figure
            ]
            outcome = _stated(context.norm, segment.start, segment.end, numbers, damaged, first.start())
        else:
            outcome = _unstated(damaged)
        if not outcome.empty:
            region = _segment_region(
                context, index, by_segment.get(index) or _told_before(context, index, by_segment), claimant_of
            )
            stated.append((index, region, voice_of(index), outcome))
    return stated


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
    stated = _statements(context, by_segment, claimant_of, voice_of)
    out: dict[int, Outcome] = {}
    positions = [index for index, _, _, _ in stated]
    solid = {c.segment for c in found if not c.bare}  # sentences that tell a weapon of their own
    for candidate in found:
        if not stated:  # nothing stated in the report
            out[id(candidate)] = NOTHING
            continue
        region = _candidate_region(context, candidate, claimant_of)
        speaker = claimant_of(candidate)
        window = stated
        if len(stated) > 2 * NEARBY:  # a long post: only the statements of the sentences around it
            low = bisect.bisect_left(positions, candidate.segment - NEARBY)
            window = stated[low : bisect.bisect_right(positions, candidate.segment + NEARBY)]
        states_own = any(index == candidate.segment for index, _, _, _ in window)
        usable = [
            (index, outcome)
            for index, where, voice, outcome in window
            if index == candidate.segment
            or ((index not in by_segment or not states_own) and voice == speaker and _same_place(where, region))
        ]
        paragraph = context.segments[candidate.segment].paragraph
        near = [(i, o) for i, o in usable if context.segments[i].paragraph == paragraph]
        result = NOTHING
        if near:  # the paragraph's own statements, the latest figure winning ("выросло до трех")
            later = [(i, o) for i, o in usable if context.segments[i].paragraph > paragraph and _revises(context, i)]
            for _, outcome in near + later:  # then updates further on ("Оновлено: ... зросла до 15")
                result = _update(result, outcome)
            item = context.segments[candidate.segment].item  # a list item: what the list leaves unsaid, from the report
            if item or (result.killed is None and result.injured is None):  # or a closing "Пострадавших нет."
                for outcome in _closing(context, candidate, window, solid, item, (speaker, region)):
                    result = _update(Outcome(outcome.killed, outcome.injured), result)
            if result.killed is None and result.injured is None and candidate.action is Action.IMPACT:
                said = [
                    (i, o)
                    for i, where, voice, o in window
                    if voice == speaker and _same_place(where, region) and context.segments[i].paragraph == paragraph
                ]
                for outcome in _of_launches(said, candidate.segment, by_segment):
                    result = _update(result, Outcome(outcome.killed, outcome.injured))
        else:  # statements elsewhere in the report about its place: the highest figures stated
            if usable and _opens_episode(
                context, candidate.segment
            ):  # "Увечері ... збили 6 БпЛА": not the day's earlier attack
                usable = [(i, o) for i, o in usable if i > candidate.segment]
            for _, outcome in usable:
                result = _most(result, outcome)
        out[id(candidate)] = result
    by_clause(context, found, out)
    return out


def by_clause(context: ReportContext, found: list[Candidate], results: dict[int, Outcome]) -> None:
    """An impact told in a clause of its own ("у Бєлгороді поранено трьох людей, а в селищі Дубове уламки пошкодили
    будинок") carries that clause's outcome, not the whole sentence's (``results`` changed in place)."""
    for candidate in found:
        if candidate.clause is None:
            continue
        start, end = candidate.clause
        told = start  # where its damage word stands: in an earlier clause when a dash stands for the verb
        if _ELLIPSIS.search(context.norm, start, end):  # "..., а в селищі Дубове – автомобіль"
            told = context.segments[candidate.segment].start
        damaged = any(a.kind == "damage" for a in context.within(context.actions, "actions", told, end))
        numbers = [
            n
            for n in context.within(context.numbers, "numbers", start, end)
            if not n.weak and not candidate.anchor <= n.start < candidate.end
        ]
        own = sentence_outcome(context.norm, start, end, numbers, damaged)
        segment = context.segments[candidate.segment]
        if not states_casualties(context.norm, segment.start, segment.end):  # "... Пострадавших нет." said after
            kept = results.get(id(candidate), NOTHING)
            own = Outcome(kept.killed, kept.injured, own.damage)
        results[id(candidate)] = own


def _closing(
    context: ReportContext,
    candidate: Candidate,
    window: list[tuple[int, str | None, str, Outcome]],
    solid: set[int],
    item: bool,
    said_by: tuple[str, str | None],
) -> list[Outcome]:
    """Outcomes stated after ``candidate``'s paragraph by its speaker about its place, in sentences telling no weapon
    ("Внаслідок обстрілів поранено одну людину."): for a list item any such; else only in paragraphs of their own."""
    paragraph = context.segments[candidate.segment].paragraph
    told = {context.segments[index].paragraph for index in solid}
    speaker, region = said_by
    return [
        outcome
        for index, where, voice, outcome in window
        if context.segments[index].paragraph > paragraph
        and index not in solid
        and (item or context.segments[index].paragraph not in told)
        and voice == speaker
        and _same_place(where, region)
    ]


def _opens_episode(context: ReportContext, index: int) -> bool:
    """Whether sentence ``index`` opens with a part of the day ("Увечері", "This evening"): an episode of its own."""
    segment = context.segments[index]
    text = context.norm[segment.start : segment.end]
    start = segment.start + len(text) - len(text.lstrip())
    return index > 0 and any(context.has(key, start, start + 2) for key in ("today", "evening", "night"))


def _revises(context: ReportContext, index: int) -> bool:
    segment = context.segments[index]
    return bool(_pattern("revision").search(context.norm, segment.start, segment.end))


def _most(old: Outcome, new: Outcome) -> Outcome:
    def high(a: int | None, b: int | None) -> int | None:
        return b if a is None else a if b is None else max(a, b)

    damage = Damage.REPORTED if Damage.REPORTED in (old.damage, new.damage) else (new.damage or old.damage)
    if _hurt(old) and _unhurt(new) or _unhurt(old) and _hurt(new):  # "обійшлося без постраждалих" there, two hurt here
        hurt = old if _hurt(old) else new
        return Outcome(hurt.killed, hurt.injured, damage)
    return Outcome(high(old.killed, new.killed), high(old.injured, new.injured), damage)


def _hurt(outcome: Outcome) -> bool:
    return bool(outcome.killed or outcome.injured)


def _unhurt(outcome: Outcome) -> bool:
    return outcome.killed == 0 and outcome.injured == 0


def _of_launches(said: list[tuple[int, Outcome]], own: int, by_segment: dict[int, list[Candidate]]) -> list[Outcome]:
    """Casualties stated with a launch in the impact's paragraph ("Ворог атакував Одесу дронами: загинула людина.
    Пошкоджено будинок."): a launch claim carries none, so they are the impact's, told in a sentence of its own."""
    return [
        outcome
        for index, outcome in said
        if index != own
        and (outcome.killed is not None or outcome.injured is not None)
        and all(c.action is Action.LAUNCHED for c in by_segment.get(index, [None]))  # type: ignore[union-attr]
    ]


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


def _told_before(context: ReportContext, index: int, by_segment: dict[int, list[Candidate]]) -> list[Candidate]:
    """The claims of the nearest sentence before ``index`` in its paragraph ("... destroyed 11 drones. No damage or
    casualties were reported."): an outcome-only sentence speaks of them."""
    paragraph = context.segments[index].paragraph
    for before in range(index - 1, -1, -1):
        if context.segments[before].paragraph != paragraph:
            break
        if by_segment.get(before):
            return by_segment[before]
    return []


def _candidate_region(
    context: ReportContext, candidate: Candidate, claimant_of: Callable[[Candidate], str]
) -> str | None:
    for hit in candidate.places:
        if hit.place.region:
            return str(hit.place.region)
    jurisdiction = claimant_of(candidate).partition(":")[2]
    return jurisdiction if "-" in jurisdiction else context.region


def _same_place(where: str | None, region: str | None) -> bool:
    return where is None or region is None or where == region


def states_casualties(norm: str, start: int, end: int) -> bool:
    """Whether the sentence says someone was killed or injured (not that nobody was)."""
    hurt = _pattern("killed").search(norm, start, end) or _pattern("injured").search(norm, start, end)
    return bool(hurt) and not _pattern("none_both").search(norm, start, end)
