"""Impacts reported with no weapon named: "Зафіксовано влучання на 6 локаціях", "обломки упали в поле"; their
count from the hits when the sentence gives one ("три влучання", "at least seven times")."""

from __future__ import annotations

import re

from skyledger.extract.actions import ActionMention, marker
from skyledger.extract.candidate import Candidate
from skyledger.extract.context import ReportContext
from skyledger.model import Action, CountQualifier, WeaponClass

_COUNT_GAP = re.compile(r"\s*(?:\w+\s+)?")  # "три влучання", "seven more times"
_HIT_KINDS = {"hit": "hit", "drop": "hit", "debris": "debris", "damage": "damage"}
_NOT = re.compile(
    r"(?:\bnot|n't|\bне|\bні|\bno|\bбез|\bnever|\bnothing|\bничего|\bнічого)\s+(?:[\w-]+\s+)?$"
)  # "were not damaged"


def bare_impacts(
    context: ReportContext, index: int, acts: list[ActionMention], found: list[Candidate]
) -> list[Candidate]:
    """Impact words no weapon took: one impact per kind (hit / debris), or one for damage alone ("влучання 5 ракет
    на 8 локаціях, падіння уламків на 6 локаціях": the debris is an impact of its own)."""
    impacts = [c for c in found if c.action is Action.IMPACT]
    kinds: dict[str, ActionMention] = {}
    for act in acts:
        if (
            act.action is not Action.IMPACT
            or act.kind not in _HIT_KINDS
            or _NOT.search(context.norm, max(0, act.start - 14), act.start)
        ):
            continue
        if impacts and not all(_apart(context.norm, c, act) for c in impacts):
            continue
        kind = _HIT_KINDS[act.kind]
        joined = [
            k for k, a in kinds.items() if 0 <= act.start - a.end <= 12 and "," not in context.norm[a.end : act.start]
        ]
        if joined:  # "debris hit her house": one impact, told by two words
            continue
        kinds.setdefault(kind, act)
    if "damage" in kinds and (len(kinds) > 1 or impacts):
        del kinds["damage"]
    if not kinds:
        return []
    count, qualifier = _hit_count(context, index)
    return [
        Candidate(Action.IMPACT, "", None, count, qualifier, act.start, act.end, index, kind, bare=True)
        for kind, act in kinds.items()
    ]


def _apart(norm: str, candidate: Candidate, act: ActionMention) -> bool:
    """A hit and a debris fall told in clauses of their own ("влучання ..., падіння уламків ...")."""
    if _HIT_KINDS.get(candidate.kind) == _HIT_KINDS[act.kind] or act.kind == "damage":
        return False
    between = norm[act.end : candidate.anchor] if act.end <= candidate.anchor else norm[candidate.end : act.start]
    return "," in between or ";" in between


def _hit_count(context: ReportContext, index: int) -> tuple[int | None, CountQualifier]:
    """ "три влучання", "at least seven times": the number of hits, when the sentence gives one."""
    segment = context.segments[index]
    numbers = context.within(context.numbers, "numbers", segment.start, segment.end)
    if not any(number.value is not None and not number.weak for number in numbers):
        return None, CountQualifier.UNSPECIFIED  # no figure to count the hits: no need to look for the nouns
    nouns = list(marker("hitnoun").finditer(context.norm, segment.start, segment.end))
    for noun in nouns:
        for number in context.within(context.numbers, "numbers", segment.start, noun.start()):
            gap = context.norm[number.end : noun.start()]
            if number.value is not None and not number.weak and _COUNT_GAP.fullmatch(gap):
                return number.value, number.qualifier
    return None, CountQualifier.UNSPECIFIED


def sentence_class(context: ReportContext, index: int) -> str:
    """The one weapon class sentence ``index`` names, else "other": the class of an impact no weapon took when the
    report names several ("a warehouse caught fire after a drone strike")."""
    segment = context.segments[index]
    weapons = context.within(context.weapons, "weapons", segment.start, segment.end)
    classes = {w.weapon_class for w in weapons if w.in_scope}
    return classes.pop() if len(classes) == 1 else WeaponClass.OTHER.value
