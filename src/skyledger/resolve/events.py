"""Linking claims into events: one event per attack wave over one region (CLAIMS.md, "Events").

Every claim falls in a *block* (its region, or ``N:<country>`` for a wave's national event: claims with no single
region, keyed by the country of the place, else the side of the claimant) and in a *wave* (:mod:`.waves`). An event is
one (block, wave). The wave of a claim is read, in this order:

1. from its own time window, when the extractor resolved one no longer than :data:`LONG_WINDOW` (its midpoint);
2. from the other claims of its report that have one (a report speaks of one wave unless its times say otherwise);
3. from the report's publication time: the report speaks of the wave it was published in or of one that ended at most
   :data:`LOOKBACK` before; among those it joins the wave whose existing events agree best with its claims (same
   figure, same district or settlement), the latest on a tie; where none exists yet, the wave of the moment
   :data:`LAG` before publication.

Two events of one block in consecutive waves merge when their claims' own time windows overlap (an attack that ran
across 18:00 or 09:00); the older id survives. Ids are stable: existing events keep theirs, new ones take the next
number, processing the same claims again gives the same ids.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from functools import lru_cache

from skyledger.model import Action, Claim, Event, Report, TimePrecision, TimeWindow, WeaponClass
from skyledger.resolve.blocks import block_of, block_of_event, block_place, event_id, event_number
from skyledger.resolve.waves import wave_at, wave_bounds, wave_label, wave_number, zone_for

LAG = timedelta(hours=1, minutes=30)
LOOKBACK = timedelta(hours=12)
LONG_WINDOW = timedelta(hours=18)
MERGE_TOLERANCE = timedelta(minutes=30)
STALE = timedelta(hours=20)  # a window ending longer before publication is a misread date, not this report's wave
AHEAD = timedelta(hours=1)  # nor is one starting after publication
UNDATED = -1  # the wave of claims with neither a time window nor a publication time


@dataclass(slots=True)
class Resolution:
    """What linking decided: the event of every input claim, and the events it created, changed or merged."""

    labels: list[str]  # event id of each input claim, in input order
    events: dict[str, Event]  # every event added or changed, by id
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    merged: dict[str, str] = field(default_factory=dict)  # existing event absorbed -> surviving id
    next_number: int = 1


@dataclass(slots=True)
class _State:
    id: str
    block: str
    wave: int
    existing: bool = False
    touched: bool = False
    start: datetime | None = None  # span of the member claims' own time windows
    end: datetime | None = None
    first: datetime | None = None  # span of the member claims' reports' publication times
    last: datetime | None = None
    figures: set[tuple[Action, WeaponClass, int]] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    classes: set[WeaponClass] = field(default_factory=set)
    claim_ids: list[int] = field(default_factory=list)

    def add(
        self,
        claim: Claim,
        window: tuple[datetime, datetime] | None,
        published: datetime | None,
        *,
        member: bool = True,
    ) -> None:
        if window is not None:
            self.start = window[0] if self.start is None else min(self.start, window[0])
            self.end = window[1] if self.end is None else max(self.end, window[1])
        if published is not None:
            self.first = published if self.first is None else min(self.first, published)
            self.last = published if self.last is None else max(self.last, published)
        if claim.count is not None:
            self.figures.add((claim.action, claim.weapon_class, claim.count))
        self.places.update(_places(claim))
        self.classes.add(claim.weapon_class)
        if member and claim.id is not None:
            self.claim_ids.append(claim.id)

    def absorb(self, other: _State) -> None:
        if other.start is not None and other.end is not None:
            self.start = other.start if self.start is None else min(self.start, other.start)
            self.end = other.end if self.end is None else max(self.end, other.end)
        if other.first is not None and other.last is not None:
            self.first = other.first if self.first is None else min(self.first, other.first)
            self.last = other.last if self.last is None else max(self.last, other.last)
        self.figures |= other.figures
        self.places |= other.places
        self.classes |= other.classes
        self.claim_ids.extend(other.claim_ids)


def _places(claim: Claim) -> list[str]:
    return [name.casefold() for name in (claim.place.district, claim.place.settlement) if name]


def _aware(moment: datetime, zone: tzinfo) -> datetime:
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def own_window(claim: Claim, zone: tzinfo, published: datetime | None = None) -> tuple[datetime, datetime] | None:
    """The claim's own time window when it is short enough to name a wave and fits the report's publication time
    (it ends at most :data:`STALE` before it and starts at most :data:`AHEAD` after it)."""
    time = claim.time
    if time.start is None or time.precision is TimePrecision.UNKNOWN:
        return None
    start = _aware(time.start, zone)
    end = _aware(time.end, zone) if time.end is not None else start
    if end < start or end - start > LONG_WINDOW:
        return None
    if published is not None:
        published = _aware(published, zone)
        if end < published - STALE or start > published + AHEAD:
            return None
    return start, end


class _Linker:
    def __init__(
        self,
        existing: Sequence[Event],
        existing_claims: Sequence[Claim],
        next_number: int | None,
        published: Mapping[int | None, datetime],
    ) -> None:
        self.states: dict[str, _State] = {}
        self.index: dict[tuple[str, int], str] = {}
        self.merged: dict[str, str] = {}
        self.added: list[str] = []
        numbers = [event_number(event.id) for event in existing]
        self.next_number = max([next_number or 1, *(n + 1 for n in numbers)])
        for event in sorted(existing, key=lambda e: event_number(e.id)):
            self._load(event)
        owner = {claim_id: state.id for state in self.states.values() for claim_id in state.claim_ids}
        for claim in existing_claims:
            home = owner.get(claim.id) if claim.id is not None else None
            if home is not None:
                state = self.states[self.resolve(home)]
                zone = self.zone(state.block)
                moment = published.get(claim.report_id)
                state.add(claim, own_window(claim, zone, moment), moment, member=False)

    def _load(self, event: Event) -> None:
        block = block_of_event(event)
        wave = wave_number(event.wave)
        state = _State(event.id, block, UNDATED if wave is None else wave, existing=True)
        state.claim_ids = list(event.claim_ids)
        state.classes = set(event.weapon_classes)
        self.states[event.id] = state
        key = (block, state.wave)
        if key in self.index:  # two stored events for one wave: the younger joins the older
            self._merge(self.index[key], event.id)
        else:
            self.index[key] = event.id

    @staticmethod
    @lru_cache(maxsize=1024)
    def zone(block: str) -> tzinfo:
        country, region = block_place(block)
        return zone_for(region, country)

    def resolve(self, identifier: str) -> str:
        while identifier in self.merged:
            identifier = self.merged[identifier]
        return identifier

    def event_for(self, block: str, wave: int) -> _State:
        key = (block, wave)
        identifier = self.index.get(key)
        if identifier is None:
            identifier = event_id(self.next_number)
            self.next_number += 1
            self.states[identifier] = _State(identifier, block, wave)
            self.index[key] = identifier
            self.added.append(identifier)
        state = self.states[self.resolve(identifier)]
        state.touched = True
        return state

    def score(self, claim: Claim, block: str, wave: int) -> float:
        identifier = self.index.get((block, wave))
        if identifier is None:
            return 0.0
        state = self.states[self.resolve(identifier)]
        value = 1.0
        if claim.count is not None and (claim.action, claim.weapon_class, claim.count) in state.figures:
            value += 2.0
        if state.places.intersection(_places(claim)):
            value += 1.0
        return value

    def choose_wave(self, claims: list[tuple[Claim, str]], published: datetime | None) -> int:
        """The wave of a report's claims that carry no time of their own."""
        if published is None:
            return UNDATED
        scores: dict[int, float] = defaultdict(float)
        default: int | None = None
        for claim, block in claims:
            zone = self.zone(block)
            moment = _aware(published, zone)
            base = wave_at(moment, zone)
            if default is None:
                default = wave_at(moment - LAG, zone)
            for wave in (base, base - 1, base - 2):
                if wave_bounds(wave, zone)[1] > moment - LOOKBACK:
                    scores[wave] += self.score(claim, block, wave)
        best = max(scores.items(), key=lambda item: (item[1], item[0]), default=(UNDATED, 0.0))
        if best[1] > 0:
            return best[0]
        return default if default is not None else UNDATED

    def link_report(self, published: datetime | None, claims: list[tuple[int, Claim]]) -> list[tuple[int, str]]:
        placed: list[tuple[int, Claim, str, tuple[datetime, datetime] | None, int | None]] = []
        for position, claim in sorted(claims, key=lambda item: _claim_order(item[1])):
            block = block_of(claim)
            zone = self.zone(block)
            window = own_window(claim, zone, published)
            wave = wave_at(window[0] + (window[1] - window[0]) / 2, zone) if window else None
            placed.append((position, claim, block, window, wave))
        timed = [wave for *_, wave in placed if wave is not None]
        untimed = [(claim, block) for _, claim, block, _, wave in placed if wave is None]
        fallback = None
        if untimed:
            fallback = Counter(timed).most_common(1)[0][0] if timed else self.choose_wave(untimed, published)
        labels = []
        for position, claim, block, window, wave in placed:
            state = self.event_for(block, wave if wave is not None else (fallback if fallback is not None else UNDATED))
            state.add(claim, window, _aware(published, self.zone(block)) if published is not None else None)
            labels.append((position, state.id))
        return labels

    def _merge(self, keep: str, gone: str) -> None:
        if event_number(gone) < event_number(keep):
            keep, gone = gone, keep
        survivor, absorbed = self.states[keep], self.states[gone]
        survivor.absorb(absorbed)
        survivor.touched = True
        self.merged[gone] = keep  # index entries naming ``gone`` resolve to ``keep`` (see resolve)

    def merge_overlapping(self) -> None:
        """Join events of consecutive waves of one block whose own time windows overlap."""
        for identifier in sorted(self.states, key=event_number):
            state = self.states[identifier]
            if identifier in self.merged or not state.touched or state.start is None or state.end is None:
                continue
            for wave in (state.wave - 1, state.wave + 1):
                other_id = self.index.get((state.block, wave))
                if other_id is None or self.resolve(other_id) == identifier:
                    continue
                other = self.states[self.resolve(other_id)]
                if other.start is None or other.end is None:
                    continue
                if other.start - state.end <= MERGE_TOLERANCE and state.start - other.end <= MERGE_TOLERANCE:
                    self._merge(identifier, other.id)
                    if identifier in self.merged:
                        break

    def settle_floating(self) -> None:
        """An event known only from publication times (no claim has a time of its own) guessed its wave; where an
        event with own times lies in a wave its reports could equally speak of (rule 3 of the module), it joins that
        one and takes its wave. This undoes the guesses of reports that came in before the posts they rewrite."""
        for identifier in sorted(self.states, key=event_number):
            floating = self.states[identifier]
            if identifier in self.merged or floating.start is not None or floating.first is None:
                continue
            assert floating.last is not None
            zone = self.zone(floating.block)
            latest = wave_at(floating.first, zone)
            for wave in range(latest, latest - 3, -1):
                other_id = self.index.get((floating.block, wave))
                other = self.states[self.resolve(other_id)] if other_id is not None else None
                if other is None or other.id == identifier or other.start is None:
                    continue
                if not (floating.touched or other.touched):
                    continue
                if wave_bounds(wave, zone)[1] > floating.last - LOOKBACK:
                    self._merge(identifier, other.id)
                    survivor = self.states[self.resolve(identifier)]
                    self.index.pop((survivor.block, survivor.wave), None)
                    survivor.wave = wave
                    self.index[(survivor.block, wave)] = survivor.id
                    break

    def event(self, state: _State) -> Event:
        country, region = block_place(state.block)
        zone = self.zone(state.block)
        if state.start is not None and state.end is not None:
            time = TimeWindow(state.start, state.end, TimePrecision.HOUR)
        elif state.wave != UNDATED:
            start, end = wave_bounds(state.wave, zone)
            time = TimeWindow(start, end, TimePrecision.PART_OF_DAY)
        else:
            time = TimeWindow()
        return Event(
            id=state.id,
            wave="undated" if state.wave == UNDATED else wave_label(state.wave),
            country=country,
            region=region,
            time=time,
            weapon_classes=tuple(sorted(state.classes, key=list(WeaponClass).index)),
            claim_ids=tuple(dict.fromkeys(state.claim_ids)),
        )


def _claim_order(claim: Claim) -> tuple[str, ...]:
    """A canonical order of a report's claims, so that new ids do not depend on the order claims come in."""
    place = claim.place
    count = "" if claim.count is None else f"{claim.count:012d}"
    return (
        block_of(claim),
        claim.action.value,
        claim.weapon_class.value,
        count,
        place.district or "",
        place.settlement or "",
        claim.claimant,
    )


def _report_order(reports: Sequence[Report]) -> list[Report]:
    """Reports by publication time (naive times read as UTC+3), undated last; ties by source and id."""

    def key(report: Report) -> tuple[float, str, str]:
        published = report.published
        if published is None:
            return float("inf"), report.source, report.external_id
        return _aware(published, zone_for(None, None)).timestamp(), report.source, report.external_id

    return sorted(reports, key=key)


def link_events(
    claims: Sequence[Claim],
    reports: Sequence[Report],
    existing: Sequence[Event] = (),
    *,
    existing_claims: Sequence[Claim] = (),
    next_number: int | None = None,
) -> Resolution:
    """Assign every claim to an event, joining ``existing`` events (with their ``existing_claims``) where they fit.

    Claims find their report through ``report_id`` (a claim whose report is not given is read as undated). The result
    lists the event of each claim in input order, and every event added, changed or merged.
    """
    published = {
        report.id: _aware(report.published, zone_for(None, None)) for report in reports if report.published is not None
    }
    linker = _Linker(existing, existing_claims, next_number, published)
    by_report: dict[int | None, list[tuple[int, Claim]]] = defaultdict(list)
    for position, claim in enumerate(claims):
        by_report[claim.report_id].append((position, claim))
    labels: list[str] = [""] * len(claims)
    ordered = [report for report in _report_order(reports) if report.id in by_report]
    known = {report.id for report in ordered}
    for report in ordered:
        for position, label in linker.link_report(report.published, by_report[report.id]):
            labels[position] = label
    for report_id, members in by_report.items():
        if report_id not in known:
            for position, label in linker.link_report(None, members):
                labels[position] = label
    linker.merge_overlapping()
    linker.settle_floating()
    labels = [linker.resolve(label) for label in labels]
    touched = [state for state in linker.states.values() if state.touched or state.id in linker.merged]
    events = {state.id: linker.event(state) for state in touched if state.id not in linker.merged}
    added = [identifier for identifier in linker.added if identifier not in linker.merged]
    changed = [state.id for state in touched if state.existing and state.id not in linker.merged]
    return Resolution(
        labels=labels,
        events=events,
        added=added,
        changed=changed,
        merged={gone: linker.resolve(gone) for gone in linker.merged if linker.states[gone].existing},
        next_number=linker.next_number,
    )
