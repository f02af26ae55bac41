"""The resolve and grade stages over a store, incrementally; in memory for ``annotate``; one event in full for
``show`` and the web page.

:func:`update_events` takes the claims one ``process`` run stored (``claims.run_id``), links their reports to the
reports around them (provenance), links the claims into the events of their waves and regions (joining stored events,
creating new ones, merging where a claim bridges two), re-grades every event touched, and records a changelog row per
event added, changed or merged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select

from skyledger.errors import NotFoundError
from skyledger.grade import Evidence, grade_event
from skyledger.model import Claim, ClaimantLink, Event, Grade, Report, ReportLink, Source
from skyledger.resolve import block_of, link_claimants, link_events, link_reports
from skyledger.resolve.provenance import CLAIM_WINDOW, TEXT_WINDOW
from skyledger.resolve.waves import MOSCOW_TIME, wave_at, wave_label
from skyledger.store import Store
from skyledger.store import events as event_store
from skyledger.store.claims import claims_of_reports, claims_of_run
from skyledger.store.corrections import Correction, correct_claim, correct_claims, corrected_rows
from skyledger.store.reports import load_reports
from skyledger.store.schema import claims as claims_table
from skyledger.store.schema import events as events_table
from skyledger.store.schema import reports as reports_table
from skyledger.store.times import to_text

WAVE_MARGIN = 4  # stored events this many waves either side of a run's claims are candidates to join


@dataclass(slots=True)
class EventChangelog:
    """What one run did to the events: ids added, changed (new members, new grade) and merged (gone -> kept)."""

    run_id: int | None = None
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    merged: dict[str, str] = field(default_factory=dict)
    links: int = 0  # provenance links written

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "changed": self.changed, "merged": self.merged, "links": self.links}


@dataclass(slots=True)
class EventDetail:
    """One event in full: what ``skyledger show`` and the event page format."""

    event: Event  # with its grade
    claims: list[Claim]  # each with its evidence text cut from its report
    reports: list[tuple[Report, Source]]  # by publication time
    links: list[ReportLink]  # provenance links touching these reports
    claimant_links: list[ClaimantLink]  # who cites whom, among the event's claimants
    merged_from: list[str] = field(default_factory=list)  # the ids followed to reach it, when asked for a merged id
    corrected: dict[int, list[str]] = field(default_factory=dict)  # claim id -> the fields a human corrected


def label_events(reports: Sequence[Report], claims: Sequence[Claim]) -> None:
    """Set ``claim.event`` on every claim (in memory, for ``annotate``): reports have ids, claims their report_id."""
    resolution = link_events(claims, reports)
    for claim, label in zip(claims, resolution.labels, strict=True):
        claim.event = label


def _published_range(reports: Sequence[Report], claims: Sequence[Claim]) -> tuple[datetime, datetime] | None:
    moments = [r.published for r in reports if r.published is not None]
    moments += [c.time.start for c in claims if c.time.start is not None]
    aware = [m if m.tzinfo else m.replace(tzinfo=MOSCOW_TIME) for m in moments]
    return (min(aware), max(aware)) if aware else None


def _neighbours(connection: Connection, span: tuple[datetime, datetime] | None, known: set[int]) -> list[int]:
    """Ids of stored reports published in the span widened by the provenance windows (text compare, a day wider)."""
    if span is None:
        return []
    reach = max(TEXT_WINDOW, CLAIM_WINDOW) + timedelta(days=1)
    first, last = to_text(span[0] - reach), to_text(span[1] + reach)
    query = select(reports_table.c.id).where(reports_table.c.published.between(first, last))
    return sorted(set(connection.execute(query).scalars()) - known)


def _provenance(
    connection: Connection, pairs: list[tuple[Report, Source]], new_claims: Sequence[Claim]
) -> tuple[list[ReportLink], set[int]]:
    """Link the run's reports with those around them; write the links. Returns them and the older reports that
    gained a link (their events need re-grading)."""
    new_ids = {report.id for report, _ in pairs if report.id is not None}
    around = load_reports(connection, _neighbours(connection, _published_range([r for r, _ in pairs], []), new_ids))
    everything = pairs + around
    claims_by_report: dict[int, list[Claim]] = defaultdict(list)
    for claim in [*new_claims, *claims_of_reports(connection, [r.id for r, _ in around if r.id is not None])]:
        if claim.report_id is not None:
            claims_by_report[claim.report_id].append(claim)
    sources = {source.handle: source for _, source in everything}
    links = [
        link
        for link in link_reports([r for r, _ in everything], claims_by_report, sources)
        if link.child in new_ids or link.parent in new_ids
    ]
    older = {link.child for link in links if link.child not in new_ids}
    event_store.save_report_links(connection, sorted(new_ids | older), _keep_old(connection, older, links))
    event_store.save_claimant_links(connection, link_claimants(new_claims))
    return links, older


def _keep_old(connection: Connection, older: set[int], links: list[ReportLink]) -> list[ReportLink]:
    """The new links plus the links older reports already had (they are rewritten with the new ones)."""
    kept = {(link.child, link.parent): link for link in event_store.report_links_of(connection, sorted(older))}
    kept = {key: link for key, link in kept.items() if key[0] in older}
    kept.update({(link.child, link.parent): link for link in links})
    return list(kept.values())


def _candidates(connection: Connection, claims: Sequence[Claim], span: tuple[datetime, datetime] | None) -> list[Event]:
    if span is None:
        first, last = "0000", "9999"
    else:
        first = wave_label(wave_at(span[0], MOSCOW_TIME) - WAVE_MARGIN)
        last = wave_label(wave_at(span[1], MOSCOW_TIME) + WAVE_MARGIN)
    blocks = {block_of(claim) for claim in claims}
    regions = {block for block in blocks if not block.startswith("N:")}
    countries = {block[2:] for block in blocks if block.startswith("N:")}
    return event_store.live_events(connection, regions, countries, first, last)


def regrade(connection: Connection, event_ids: Sequence[str], run_id: int | None) -> None:
    """Grade these events again from their stored claims, reports, links and sources."""
    if not event_ids:
        return
    members: dict[str, list[Claim]] = defaultdict(list)
    for claim in correct_claims(connection, event_store.claims_of_events(connection, list(event_ids))):
        members[claim.event or ""].append(claim)
    report_ids = sorted({c.report_id for cs in members.values() for c in cs if c.report_id is not None})
    pairs = load_reports(connection, report_ids)
    evidence = Evidence(
        reports={report.id: report for report, _ in pairs if report.id is not None},
        links=event_store.report_links_of(connection, report_ids),
        sources={source.handle: source for _, source in pairs},
    )
    for event_id in event_ids:
        claims = members.get(event_id, [])
        grade = grade_event(claims, evidence) if claims else Grade(explanation="No claims remain in this event.")
        event_store.save_grade(connection, event_id, grade, run_id)


def correct(
    store: Store, claim_id: int, changes: Mapping[str, Any], *, author: str, note: str | None = None
) -> list[Correction]:
    """Store a human correction of a claim (:func:`skyledger.store.corrections.correct_claim`), then grade its event
    again, so that the event's figures and best estimate show the corrected value."""
    made = correct_claim(store, claim_id, changes, author=author, note=note)
    with store.begin() as connection:
        event_id = connection.execute(select(claims_table.c.event_id).where(claims_table.c.id == claim_id)).scalar()
        if event_id:  # the event keeps the run that last changed it: a correction is no run
            last_run = select(events_table.c.updated_run).where(events_table.c.id == event_id)
            run_id = connection.execute(last_run).scalar()
            regrade(connection, [str(event_id)], run_id)
    return made


def update_events(store: Store, run_id: int) -> EventChangelog:
    """Link the claims stored by run ``run_id`` into events, re-grade what changed, and record the changelog."""
    changelog = EventChangelog(run_id=run_id)
    with store.begin() as connection:
        new_claims = [claim for claim in claims_of_run(connection, run_id) if claim.id is not None]
        emptied = [str(value) for value in event_store.run_stats(connection, run_id).get("touched_events", [])]
        pairs = load_reports(connection, sorted({c.report_id for c in new_claims if c.report_id is not None}))
        links, older = _provenance(connection, pairs, new_claims)
        changelog.links = len(links)
        span = _published_range([report for report, _ in pairs], new_claims)
        existing = _candidates(connection, new_claims, span)
        existing_claims = event_store.claims_of_events(connection, [event.id for event in existing])
        new_ids = {report.id for report, _ in pairs}
        older_ids = sorted({c.report_id for c in existing_claims if c.report_id is not None} - new_ids)
        resolution = link_events(
            new_claims,
            [report for report, _ in pairs] + [report for report, _ in load_reports(connection, older_ids)],
            existing,
            existing_claims=existing_claims,
            next_number=event_store.next_event_number(connection),
        )
        for event_id in resolution.added:
            event_store.save_event(connection, resolution.events[event_id], run_id, new=True)
        for event_id in resolution.changed:
            event_store.save_event(connection, resolution.events[event_id], run_id, new=False)
        event_store.assign_claims(
            connection,
            {claim.id: label for claim, label in zip(new_claims, resolution.labels, strict=True) if claim.id},
        )
        for gone, keep in sorted(resolution.merged.items()):
            event_store.merge_event(connection, gone, keep, run_id)
        touched = set(resolution.events)
        touched |= {resolution.merged.get(event_id, event_id) for event_id in emptied}
        touched |= {c.event for c in claims_of_reports(connection, sorted(older)) if c.event}
        regrade(connection, sorted(touched), run_id)
        changelog.added = list(resolution.added)
        changelog.changed = sorted(touched - set(resolution.added))
        changelog.merged = dict(resolution.merged)
        counts: dict[str, int] = defaultdict(int)
        for label in resolution.labels:
            counts[label] += 1
        event_store.record_changes(
            connection,
            run_id,
            [(e, "added", {"claims": counts[e]}) for e in changelog.added]
            + [(e, "changed", {"new_claims": counts.get(e, 0)}) for e in changelog.changed]
            + [(gone, "merged", {"into": keep}) for gone, keep in sorted(changelog.merged.items())],
        )
    return changelog


def event_detail(store: Store, event_id: str) -> EventDetail:
    """One event with its claims (evidence cut from the reports), reports, provenance and grade.

    A merged id resolves to the event it was merged into (``merged_from`` lists the chain). Unknown ids raise
    :class:`NotFoundError`.
    """
    with store.connect() as connection:
        row, chain = event_store.event_row(connection, event_id)
        if row is None:
            raise NotFoundError(f"no event {event_id!r}")
        claims = correct_claims(connection, event_store.claims_of_events(connection, [row.id]))
        rows = corrected_rows(connection, [claim.id for claim in claims if claim.id is not None])
        corrected = {key: list(found["corrected_fields"]) for key, found in rows.items() if found["corrected"]}
        pairs = load_reports(connection, sorted({c.report_id for c in claims if c.report_id is not None}))
        texts = {report.id: report.text for report, _ in pairs}
        for claim in claims:
            claim.evidence = texts.get(claim.report_id, "")[claim.evidence_span[0] : claim.evidence_span[1]]
        report_ids = [report.id for report, _ in pairs if report.id is not None]
        links = event_store.report_links_of(connection, report_ids)
        cited = event_store.claimant_links_of(connection, sorted({claim.claimant for claim in claims}))
    far = datetime.max.replace(tzinfo=MOSCOW_TIME)
    pairs.sort(key=lambda pair: (_aware(pair[0].published) or far, pair[0].id or 0))
    event = event_store.event_from_row(row, [claim.id for claim in claims if claim.id is not None])
    return EventDetail(event, claims, pairs, links, cited, merged_from=chain[:-1], corrected=corrected)


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=MOSCOW_TIME)
