"""Numbers standing alone for a weapon named before them: list items ("десять – над Брянской областью"),
"17 of them over Kursk", "the Kaluga region, with five", "Two were brought down"."""

from __future__ import annotations

import re

from skyledger.extract.actions import ActionMention
from skyledger.extract.candidate import Candidate, nearest_action
from skyledger.extract.context import ReportContext
from skyledger.extract.lexicon import Words, word_pattern
from skyledger.extract.numbers import Number
from skyledger.extract.weapons import WeaponMention
from skyledger.model import Action

_ORPHAN_AFTER = re.compile(
    r"^\s*(?:[-:]\s|(?:more |more,? |ещ[её] |ще )?(?:над|в|у|во|на|over|in|above|of them|of which|из них|з них|near|"
    r"around|close to|около|возле|в районе|біля|поблизу|неподалік|"
    r"from them|more (?=over|in|above|were|had)|ещ[её]|ще)\b)"
)
_ORPHAN_BEFORE = re.compile(r"(?:\bwith|\bwhere|\bof which|из которых|з яких|[-:])\s*$")
_CLAUSE_END = re.compile(r"\s*(?:[.,;]|$)")
_MEASURE = re.compile(r"^\s*(?:%|лет|год|років|км)")  # "5 %", "12 лет": not a count
_OF_THEM = re.compile(r"\s+(?:of them|of which|из них|з них|із них)\b")
_COMPARISON = re.compile(r"^\s*(?:more than|fewer than|less than|больше,? чем|меньше|більше,? ніж|менше)")
_AUXILIARY = re.compile(r"^\s*(?:(?:were|was|had|have|has|been|are|is|были|был|была|было|були|був|була|було)\s+)*$")


def standalone(
    context: ReportContext,
    index: int,
    numbers: list[Number],
    used: set[int],
    acts: list[ActionMention],
    weapons: list[WeaponMention],
    inherited: list[Candidate],
) -> list[Candidate]:
    """Numbers that stand for a weapon named before: list items, "17 of them over Kursk", "Kaluga, with five"."""
    segment = context.segments[index]
    norm = context.norm
    out = []
    for number in numbers:
        if number.start in used or number.weak or number.value is None:
            continue
        after = norm[number.end : number.end + 25]
        before = norm[max(segment.start, number.start - 12) : number.start]
        if _COMPARISON.match(after) or not (
            segment.item or _ORPHAN_AFTER.match(after) or _ORPHAN_BEFORE.search(before) or _acted(norm, acts, number)
        ):
            continue
        if word_pattern("outcomes", "people").match(after.strip()) or _MEASURE.match(after):
            continue
        if _counts_people(norm, number.start):
            continue  # "killed one person and wounded three": casualties, not weapons
        source = _source_weapon(number.start, weapons, inherited)
        if source is None:
            continue
        action = _subject_of(norm, acts, number) or _of_them(norm, acts, number)
        action = action or nearest_action(context, acts, number.start, number.end)
        if action is not None and action.kind in ("lost", "failed"):
            continue
        if action is None and _of_people(norm, segment.start, segment.end):
            continue  # "Пострадали трое работников, одного из них госпитализировали": people, not weapons
        chosen = action.action if action is not None and action.kind not in ("nominal",) else source[2]
        kind = action.kind if action is not None else "inherited"
        out.append(
            Candidate(
                chosen,
                source[0],
                source[1],
                number.value,
                number.qualifier,
                number.start,
                number.end,
                index,
                kind,
                number.distributive,
                orphan=True,
            )
        )
    return out


def _counts_people(norm: str, start: int) -> bool:
    """Whether a casualty word stands right before the number ("wounded three", "ранены трое")."""
    before = norm[max(0, start - 24) : start]
    return any(_right_after(word_pattern("outcomes", key), before) for key in ("injured", "killed"))


def _right_after(words: Words, before: str) -> bool:
    found = list(words.finditer(before))
    return bool(found) and not before[found[-1].end() :].strip()


def _of_people(norm: str, start: int, end: int) -> bool:
    words = (word_pattern("outcomes", key) for key in ("injured", "killed"))
    return any(w.search(norm, start, end) for w in words)


def _of_them(norm: str, acts: list[ActionMention], number: Number) -> ActionMention | None:
    """ "96 з них вдалося збити", "17 of them were downed": the action said of the part, to its right."""
    if not _OF_THEM.match(norm, number.end):
        return None
    return next((a for a in acts if 0 <= a.start - number.end <= 40 and a.kind != "nominal"), None)


def _acted(norm: str, acts: list[ActionMention], number: Number) -> bool:
    return _subject_of(norm, acts, number) is not None or _object_at_clause_end(norm, acts, number)


def _object_at_clause_end(norm: str, acts: list[ActionMention], number: Number) -> bool:
    """ "З 50 запущених БпЛА збито 42.": a number right after a verb of interception, closing the clause (not
    "повреждены 5.": houses)."""
    if not _CLAUSE_END.match(norm, number.end):
        return False
    return any(0 <= number.start - a.end <= 2 and a.action is Action.INTERCEPTED for a in acts)


def _subject_of(norm: str, acts: list[ActionMention], number: Number) -> ActionMention | None:
    """ "Two were brought down", "one struck": the action word a number is the subject of."""
    for act in acts:
        if (
            0 <= act.start - number.end <= 25
            and act.kind != "nominal"
            and _AUXILIARY.match(norm[number.end : act.start])
        ):
            return act
    return None


def _source_weapon(
    position: int, weapons: list[WeaponMention], inherited: list[Candidate]
) -> tuple[str, str | None, Action] | None:
    before = [w for w in weapons if w.end <= position]
    if before:
        return before[-1].weapon_class, before[-1].model, Action.INTERCEPTED
    if inherited:
        last = inherited[-1]
        return last.weapon_class, last.model, last.action
    return None
