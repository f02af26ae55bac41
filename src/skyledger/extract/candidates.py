"""Per sentence: weapons with their counts, numbers standing for a listed weapon ("десять – над Брянской областью"),
the action each belongs to, and impacts reported with no weapon named ("влучання на 6 локаціях").

Numbers standing alone are read in ``standalone``, impacts with no weapon in ``impacts``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from skyledger.extract.actions import ActionMention, marker
from skyledger.extract.candidate import NEARBY, Candidate, nearest_action
from skyledger.extract.context import ReportContext
from skyledger.extract.impacts import bare_impacts
from skyledger.extract.lexicon import merged_list
from skyledger.extract.numbers import Number
from skyledger.extract.standalone import standalone
from skyledger.extract.weapons import WeaponMention, preceded_by_all
from skyledger.model import Action, CountQualifier, WeaponClass

_GAP = re.compile(r"^[\s\"'(«]*(?:[\w'-]+[\s\"'»)]+){0,4}$")
_WEAK_GAP = re.compile(r"^\s*(?:[\w'-]+\s+){0,2}$")
_COORD = re.compile(r"^[\s«»\"']*(?:,|и|і|та|й|and|or|или|або)[\s«»\"']*$")
_NEGATED = re.compile(r"(?:none of(?: the)?|\bno|ни одна|ни один|ни одной|жодн\w*|жоден|not a single)\s*$")
_WITH = re.compile(r"(?<![\w-])with\s+(?:[\w-]+\s+)?$")
_PART_OF = re.compile(r"^\s+(?:of(?: the)?|из|з|із|от)\s+$")
_STOPS = re.compile(r"[.;:]")
_WHOLE_FIRST = re.compile(r"(?:^|[,:;.]\s*|\n\s*)(?:из|з|із|out of|of the)\s+$", re.IGNORECASE)
_SUBSET = re.compile(r"(?:из них|з них|в том числе|у тому числі|including|of them|of those|of these),?\s*$")


def _count_for(context: ReportContext, weapon: WeaponMention, numbers: list[Number], used: set[int]) -> Number | None:
    for number in reversed(numbers):
        if number.end > weapon.start or number.start in used:
            continue
        gap = context.norm[number.end : weapon.start]
        if (_WEAK_GAP if number.weak else _GAP).match(gap) and not _STOPS.search(gap):
            return number
        break
    return _tally(context, weapon, numbers, used)


@lru_cache(maxsize=1)
def _tally_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    before = "|".join(merged_list("context", "tally_before"))
    verb = "|".join(merged_list("context", "tally_verb"))
    return re.compile(r"(?<!\w)(?:" + before + r")\s+$"), re.compile(r"^(?:\s+[\w'-]+){0,6}\s+(?:" + verb + r")\s+$")


def _tally(context: ReportContext, weapon: WeaponMention, numbers: list[Number], used: set[int]) -> Number | None:
    """ "put the number of drones destroyed over the region at 26", "число сбитых беспилотников составило 26"."""
    before, verb = _tally_words()
    if not before.search(context.norm[max(0, weapon.start - 60) : weapon.start]):
        return None
    after = [n for n in numbers if n.start >= weapon.end and n.start not in used and not n.weak]
    if after and after[0].start - weapon.end <= 80 and verb.match(context.norm[weapon.end : after[0].start]):
        return after[0]
    return None


def segment_candidates(context: ReportContext, index: int, previous: list[Candidate]) -> list[Candidate]:
    """The candidates of sentence ``index``; ``previous`` are those already found (for inherited weapons)."""
    segment = context.segments[index]
    start, end = segment.start, segment.end
    weapons = context.within(context.weapons, "weapons", start, end)
    if weapons and not any(w.in_scope for w in weapons):
        return []
    weapons = [w for w in weapons if w.in_scope]
    numbers = context.within(context.numbers, "numbers", start, end)
    if not weapons and not numbers and not _has_impact(context, start, end):
        return []  # nothing to count and no impact: the common background sentence, spared the steps below
    acts = _usable_actions(context, index)
    parts = _parts_of(context.norm, numbers)
    used: set[int] = {part.start for part in parts.values()}
    out: list[Candidate] = []
    header = _header_candidates(previous, segment.header) or _header_actions(context, segment.header)
    for weapon in weapons:
        number = None if weapon.launcher or weapon.modifier else _count_for(context, weapon, numbers, used)
        if number is not None:
            used.add(number.start)
        candidate = _weapon_candidate(context, index, weapon, number, acts, header or out[-1:])
        if candidate is not None and number is not None and number.start in parts:
            out += _part_and_whole(context, candidate, parts[number.start], acts)
        elif candidate is not None:
            if _absorbed(context, out, candidate):
                continue
            out.append(candidate)
    out = _drop_general(out)
    out += [replace(c, action=Action.LAUNCHED, kind="verb") for c in out if _struck_with(context, c)]
    out = _expand_all(context, out, previous)
    inherited = [c for c in (header or previous[-3:]) if not c.bare]
    out += standalone(context, index, numbers, used, acts, weapons, inherited)
    out = _drop_general(out)
    out += bare_impacts(context, index, acts, out)
    return out


def _has_impact(context: ReportContext, start: int, end: int) -> bool:
    return any(a.action is Action.IMPACT for a in context.within(context.actions, "actions", start, end))


def _struck_with(context: ReportContext, candidate: Candidate) -> bool:
    """ "struck the refinery with Neptune missiles": the weapons were launched at the target they hit (guided bombs
    are only dropped: impacts, as CLAIMS.md's annotations have them)."""
    if candidate.action is not Action.IMPACT or candidate.kind != "hit" or candidate.bare:
        return False
    if candidate.weapon_class == WeaponClass.GUIDED_BOMB.value:
        return False
    return bool(_WITH.search(context.norm, max(0, candidate.anchor - 20), candidate.anchor))


def _parts_of(norm: str, numbers: list[Number]) -> dict[int, Number]:
    """ "42 of the 58 drones", "29 из 34 ракет": the whole's start -> the part."""
    out = {}
    for part, whole in zip(numbers, numbers[1:], strict=False):
        if part.value is not None and whole.value is not None and _PART_OF.match(norm[part.end : whole.start]):
            out[whole.start] = part
    return out


def _part_and_whole(
    context: ReportContext, whole: Candidate, part: Number, acts: list[ActionMention]
) -> list[Candidate]:
    """The part takes the action said of it; the whole is what was launched: said so by the sentence, or implied
    ("shot down 42 of 50 drones": kind "whole", dropped in ``totals`` when the report states the launch itself)."""
    action = nearest_action(context, acts, part.start, part.end)
    out = []
    if action is not None:
        out.append(
            replace(
                whole,
                action=action.action,
                kind=action.kind,
                count=part.value,
                qualifier=part.qualifier,
                anchor=part.start,
            )
        )
    if any(a.action is Action.LAUNCHED and a.kind == "verb" for a in acts):
        out.append(replace(whole, action=Action.LAUNCHED, kind="verb"))
    elif action is not None and action.action is not Action.LAUNCHED:
        out.append(replace(whole, action=Action.LAUNCHED, kind="whole"))
    return out


def _drop_general(out: list[Candidate]) -> list[Candidate]:
    """ "атака с применением БПЛА ... БПЛА уничтожен": the uncounted mention only names the weapon used; and
    "fired rockets from a Vampire launcher" is one uncounted claim, not two."""
    if len(out) < 2:  # one candidate has nothing to be dropped for
        return list(out)
    counted = {(c.weapon_class, c.action) for c in out if c.count is not None}
    kept: list[Candidate] = []
    for candidate in out:
        if candidate.count is None and (candidate.weapon_class, candidate.action) in counted and not candidate.bare:
            continue
        twin = next(
            (
                k
                for k in kept
                if k.count is None
                and candidate.count is None
                and k.action is candidate.action
                and k.weapon_class == candidate.weapon_class
                and not k.bare
            ),
            None,
        )
        if twin is not None:
            twin.model = twin.model or candidate.model
            continue
        kept.append(candidate)
    return kept


def _expand_all(context: ReportContext, out: list[Candidate], previous: list[Candidate]) -> list[Candidate]:
    """ "все воздушные цели были уничтожены", "all three missiles were shot down": the weapons launched before."""
    if not out:
        return out
    launched = [c for c in _recent(previous, out[0].segment) if c.action is Action.LAUNCHED and c.count]
    if not launched:
        return out
    total = sum(c.count or 0 for c in launched)
    expanded: list[Candidate] = []
    for candidate in out:
        summed = candidate.count is None or candidate.count == total
        if summed and candidate.action is not Action.LAUNCHED and preceded_by_all(context.norm, candidate.anchor):
            expanded += [  # those weapons, where they were sent (unless only as a target they flew towards)
                replace(
                    candidate,
                    weapon_class=c.weapon_class,
                    model=c.model,
                    count=c.count,
                    qualifier=c.qualifier,
                    places=[h for h in c.places if not h.target],
                )
                for c in launched
            ]
        else:
            expanded.append(candidate)
    return expanded


def _usable_actions(context: ReportContext, index: int) -> list[ActionMention]:
    segment = context.segments[index]
    acts = context.within(context.actions, "actions", segment.start, segment.end)
    norm = context.norm
    if (  # "уничтожены танк и позиции": destroyed on the ground (cheap test first: the lists are scanned once)
        any(a.kind == "destroy" for a in acts)
        and not context.has_marker("ad", segment.start, segment.end)
        and context.has("ground", segment.start, segment.end)
    ):
        acts = [a for a in acts if a.kind != "destroy"]
    lost = marker("lost").search(norm, segment.start, segment.end) if context.has_marker("lost", 0, len(norm)) else None
    if lost is not None:  # lost locationally: an interception only when electronic warfare is credited
        ew = marker("ew").search(norm, max(segment.start, lost.start() - 60), min(segment.end, lost.end() + 60))
        kind = "intercept" if ew else "lost"
        acts = [a for a in acts if not (a.start < lost.end() and lost.start() < a.end)]
        acts = sorted([*acts, ActionMention(lost.start(), lost.end(), Action.INTERCEPTED, kind)], key=lambda a: a.start)
    return acts


def _header_actions(context: ReportContext, header: int | None) -> list[Candidate]:
    """A list whose header names no weapon ("збито/подавлено 119 цілей:"): its items take the header's action."""
    if header is None:
        return []
    acts: list[ActionMention] = []
    for index in (header, header - 1):  # "Загалом зафіксовано 218 засобів:" continues the sentence before it
        if index < 0 or context.segments[index].paragraph != context.segments[header].paragraph:
            break
        segment = context.segments[index]
        found = context.within(context.actions, "actions", segment.start, segment.end)
        acts = [a for a in found if a.kind != "nominal"] or found
        if acts:
            break
    if not acts:
        return []
    act = acts[0]
    return [
        Candidate(
            act.action,
            WeaponClass.OTHER.value,
            None,
            None,
            CountQualifier.UNSPECIFIED,
            act.start,
            act.end,
            header,
            act.kind,
        )
    ]


def _recent(previous: list[Candidate], segment: int) -> list[Candidate]:
    """The candidates of the last NEARBY sentences before ``segment`` (``previous`` is in sentence order)."""
    start = len(previous)
    while start > 0 and previous[start - 1].segment >= segment - NEARBY:
        start -= 1
    return previous[start:]


def _header_candidates(previous: list[Candidate], header: int | None) -> list[Candidate]:
    if header is None:
        return []
    out = []
    for candidate in reversed(previous):
        if candidate.segment < header:
            break
        if candidate.segment == header:
            out.append(candidate)
    return out[::-1]


def _weapon_candidate(
    context: ReportContext,
    index: int,
    weapon: WeaponMention,
    number: Number | None,
    acts: list[ActionMention],
    header: list[Candidate],
) -> Candidate | None:
    anchor = number.start if number is not None else weapon.start
    action = nearest_action(context, acts, anchor, weapon.end)
    if action is None and header:
        chosen, kind = header[0].action, header[0].kind
    elif action is None and _subset_start(context, index):
        return _counted(number, weapon, index, anchor, Action.LAUNCHED, "inherited", subset=False)
    elif action is None:
        return None
    else:
        chosen, kind = action.action, action.kind
    if kind in ("lost", "failed") or _NEGATED.search(context.norm[max(0, anchor - 16) : anchor]):
        return None
    if kind == "repel":  # "repelled a missile attack on X": the attack; "repelled two missiles": an interception
        has_count = number is not None and number.value is not None
        chosen = Action.INTERCEPTED if has_count or weapon.singular else Action.LAUNCHED
    if weapon.modifier and chosen is not Action.LAUNCHED:
        return None  # "anti-aircraft missile units", "aircraft losses": no weapon of their own
    subset = bool(_SUBSET.search(context.norm[max(0, anchor - 20) : anchor]))
    if number is not None and _WHOLE_FIRST.search(context.norm, max(0, anchor - 12), anchor):
        chosen, kind = Action.LAUNCHED, "whole"  # "Из 50 беспилотников 42 сбиты": the 50 were launched
    return _counted(number, weapon, index, anchor, chosen, kind, subset)


def _counted(
    number: Number | None, weapon: WeaponMention, index: int, anchor: int, action: Action, kind: str, subset: bool
) -> Candidate:
    if number is not None:
        count, qualifier = number.value, number.qualifier
        distributive = number.distributive
    elif weapon.singular:
        count, qualifier, distributive = 1, CountQualifier.EXACT, False
    else:
        count, qualifier, distributive = None, CountQualifier.UNSPECIFIED, False
    return Candidate(
        action,
        weapon.weapon_class,
        weapon.model,
        count,
        qualifier,
        anchor,
        weapon.end,
        index,
        kind,
        distributive,
        subset=subset,
        unquantified=number is None and not weapon.singular,
    )


def _subset_start(context: ReportContext, index: int) -> bool:
    segment = context.segments[index]
    return context.has("subset", segment.start, min(segment.end, segment.start + 30))


def _absorbed(context: ReportContext, out: list[Candidate], candidate: Candidate) -> bool:
    """An uncounted weapon right after a counted one ("понад 20 ракет і дронів") shares its count."""
    if not out or candidate.count is not None or out[-1].count is None:
        return False
    last = out[-1]
    if not _COORD.match(context.norm[last.end : candidate.anchor]):
        return False
    if last.weapon_class != candidate.weapon_class:
        last.weapon_class, last.model = WeaponClass.OTHER.value, None
    elif candidate.model and last.model and candidate.model != last.model:
        last.model = None  # "Shahed, «Гербера» та дрони-імітатори": several models lumped together
    last.end = candidate.end
    return True
