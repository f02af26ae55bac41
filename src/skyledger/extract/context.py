"""Everything the assembler reads about one report: the recognisers' findings, per sentence, plus report-wide context
(the source's owner, the report's main region, the classes of weapons it names, which sentences to skip)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from skyledger.extract import attribution, places, times
from skyledger.extract.actions import ActionMention, find_actions, marker
from skyledger.extract.attribution import Speaker
from skyledger.extract.lexicon import merged_list, word_pattern
from skyledger.extract.normalise import normalise
from skyledger.extract.numbers import Number, find_collective, find_numbers
from skyledger.extract.places import PlaceHit
from skyledger.extract.sentences import Segment, split
from skyledger.extract.weapons import WeaponMention, find_weapons
from skyledger.model import Action, Report, Source

_TITLE_END = re.compile(r"[.!?:…»\")]\s*$")


@lru_cache(maxsize=1)
def _not_count() -> re.Pattern[str]:
    return re.compile(r"\s*(?:" + "|".join(merged_list("numbers", "not_count", "qualifiers")) + r")(?!\w)")


@lru_cache(maxsize=1)
def _month_before() -> re.Pattern[str]:
    """ "Nov. 12", "May 14": a month name right before a number makes it a date."""
    return re.compile(r"(?<!\w)(?:" + "|".join(merged_list("numbers", "not_count", "qualifiers")) + r")\.?\s+$")


def _is_count(norm: str, number: Number, weapons: list[WeaponMention], starts: list[int]) -> bool:
    if _inside(number.start, weapons, starts) or _not_count().match(norm, number.end):
        return False
    return not _month_before().search(norm[max(0, number.start - 14) : number.start])


@dataclass
class ReportContext:
    report: Report
    source: Source | None
    text: str
    norm: str
    segments: list[Segment]
    weapons: list[WeaponMention]
    actions: list[ActionMention]
    numbers: list[Number]
    places: list[PlaceHit]
    speakers: list[Speaker]
    owner: str | None
    region: str | None  # the report's main region
    skipped: set[int] = field(default_factory=set)
    _starts: dict[str, list[int]] = field(default_factory=dict)
    _found: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    memo: dict[object, object] = field(default_factory=dict)
    title: set[int] = field(default_factory=set)  # the headline's sentences: no claims, but the weapons it names

    def within(self, items: list, name: str, start: int, end: int) -> list:  # type: ignore[type-arg]
        """The items of ``items`` (sorted by start) that start in ``[start, end)``."""
        if not items:
            return []
        starts = self._starts.get(name)
        if starts is None:
            starts = self._starts[name] = [item.start for item in items]
        first = bisect.bisect_left(starts, start)
        if first == len(starts) or starts[first] >= end:  # most often none: no second search
            return []
        return items[first : bisect.bisect_left(starts, end, first)]

    def has_marker(self, key: str, start: int, end: int) -> bool:
        """Whether an action marker (ad, ew, lost, ...) starts in ``[start, end)``: one scan per report."""
        found = self._found.get(("markers", key))
        if found is None:
            found = self._found[("markers", key)] = [m.start() for m in marker(key).finditer(self.norm)]
        at = bisect.bisect_left(found, start)
        return at < len(found) and found[at] < end

    def has(self, key: str, start: int, end: int, name: str = "context") -> bool:
        """Whether a word of list ``key`` (of ``name``.toml) starts in ``[start, end)``: one scan per report."""
        return _any_within(self.found(key, name), start, end)

    def found(self, key: str, name: str = "context") -> list[int]:
        """Where the words of list ``key`` (of ``name``.toml) start, in order: one scan per report."""
        found = self._found.get((name, key))
        if found is None:
            found = self._found[(name, key)] = [m.start() for m in word_pattern(name, key).finditer(self.norm)]
        return found


def _any_within(found: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted positions ``found`` is in ``[start, end)``."""
    if not found:
        return False
    at = bisect.bisect_left(found, start)
    return at < len(found) and found[at] < end


def build(report: Report, source: Source | None) -> ReportContext | None:
    """The report's context, or None when it names no weapon and no impact (no claim is possible)."""
    text = report.text or ""
    norm = normalise(text)
    weapons = find_weapons(norm)
    actions = find_actions(norm)
    if not any(w.in_scope for w in weapons) and not any(a.action is Action.IMPACT for a in actions):
        return None
    weapon_starts = [w.start for w in weapons]
    numbers = [n for n in find_numbers(norm) if _is_count(norm, n, weapons, weapon_starts)]
    blocked = [(w.start, w.end) for w in weapons] + [(a.start, a.end) for a in actions]
    blocked += [(n.start, n.end) for n in numbers] + [(m.start(), m.end()) for m in marker("ad").finditer(norm)]
    for key in ("night", "today", "evening", "subset"):
        blocked += [(m.start(), m.end()) for m in word_pattern("context", key).finditer(norm)]
    blocked += [(start, end) for start, end, _ in find_collective(norm)]
    owner_hint = attribution.owner_claimant(source, report.source or "", None)
    hint_region = owner_hint.split(":", 1)[1] if owner_hint and "-" in owner_hint else None
    hits = places.find_places(text, norm, blocked, hint_region)
    region = hint_region or _main_region(hits)
    speakers = attribution.find_speakers(norm, hits, region)
    owner = attribution.owner_claimant(source, report.source or "", region)
    if owner and "-" in owner.split(":", 1)[1]:
        region = owner.split(":", 1)[1]
    context = ReportContext(
        report, source, text, norm, split(text), weapons, actions, numbers, hits, speakers, owner, region
    )
    context.skipped = _skipped(context)
    return context


def _inside(position: int, weapons: list[WeaponMention], starts: list[int]) -> bool:
    at = bisect.bisect_right(starts, position) - 1
    return at >= 0 and weapons[at].start <= position < weapons[at].end


def _main_region(hits: list[PlaceHit]) -> str | None:
    counts = Counter(h.place.region for h in hits if h.place.region and not h.origin)
    return counts.most_common(1)[0][0] if counts else None


def _skipped(context: ReportContext) -> set[int]:
    """Sentences that yield no claim: a media report's title, recaps, advice, alerts, emergency crews at a site."""
    skipped: set[int] = set()
    stale = times.stale_dates(context.norm, context.report.published)
    recaps, skips, weak_recaps = context.found("recap"), context.found("skip"), context.found("recap_weak")
    title_end = _title_end(context.text) if context.owner is None else 0
    recalled = -1  # the last recap sentence: "Тоді ..." right after it goes on recalling
    for index, segment in enumerate(context.segments):
        start, end = segment.start, segment.end
        dated_earlier = _any_within(stale, start, end)
        title = start < title_end
        if _any_within(recaps, start, end) or (recalled == index - 1 and context.has("recap_then", start, start + 3)):
            recalled = index
        recap = recalled == index or _any_within(skips, start, end) or _response_only(context, start, end)
        weak = _any_within(weak_recaps, start, end) and not attribution.has_speech(context.norm, start, end)
        if title or recap or weak or dated_earlier:
            skipped.add(index)
        if title and not recap:
            context.title.add(index)
    return skipped


def _response_only(context: ReportContext, start: int, end: int) -> bool:
    """ "Пожежу вже ліквідували рятувальники": firefighting after an impact, telling no other impact."""
    if not context.has("response", start, end):
        return False
    return len(context.within(context.actions, "actions", start, end)) <= 1


def _title_end(text: str) -> int:
    """Where a media report's headline ends (0 when it has none): a first line with no final stop, followed by more
    text. Sentences that start before it are inside the headline."""
    first_end = text.find("\n")
    if first_end == -1 or not text[first_end:].strip() or _TITLE_END.search(text[:first_end].rstrip()):
        return 0
    return first_end


def report_classes(context: ReportContext) -> list[tuple[str, str | None]]:
    """(class, model) of every in-scope weapon named in the headline and the sentences that are not skipped."""
    out = []
    for index, segment in enumerate(context.segments):
        if index in context.skipped and index not in context.title:
            continue
        for weapon in context.within(context.weapons, "weapons", segment.start, segment.end):
            if weapon.in_scope:
                out.append((weapon.weapon_class, weapon.model))
    return out
