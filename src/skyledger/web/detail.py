"""One event for the API and the event page: :func:`skyledger.pipeline.events.event_detail` as JSON-ready data.

The same function serves ``skyledger show``; here its model objects become the API's shape (``EventDetail`` in
:mod:`skyledger.web.schemas`), with the claimants' figures side by side per (action, weapon class).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from skyledger.model import Claim, Event, Report, Source
from skyledger.pipeline.events import EventDetail, event_detail
from skyledger.store import Store
from skyledger.store.events import figure_json


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def event_summary(event: Event) -> dict[str, Any]:
    grade = event.grade
    return {
        "id": event.id,
        "wave": event.wave,
        "country": event.country,
        "region": event.region,
        "time_start": _time(event.time.start),
        "time_end": _time(event.time.end),
        "weapon_classes": [w.value for w in event.weapon_classes],
        "article_count": grade.article_count,
        "independent_sources": grade.independent_sources,
        "credibility": grade.credibility,
        "reliability": grade.reliability,
        "conflict": grade.conflict,
        "count_low": grade.count_low,
        "count_best": grade.count_best,
        "count_high": grade.count_high,
        "explanation": grade.explanation,
    }


def claim_data(claim: Claim) -> dict[str, Any]:
    return {"id": claim.id, "report_id": claim.report_id, "seq": None, "side": claim.side, **claim.to_json()}


def report_data(report: Report, source: Source) -> dict[str, Any]:
    return {
        "id": report.id,
        "source": report.source,
        "source_name": source.name,
        "reliability": source.reliability,
        "external_id": report.external_id,
        "url": report.url,
        "published": _time(report.published),
        "language": report.language,
        "title": report.title,
        "status": None,
        "forwarded_from": report.forwarded_from,
        "text": report.text,
    }


def compare_figures(figures: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figures grouped per (action, weapon class), claimants side by side; ``conflict`` where their counts differ."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for figure in figures:
        if figure["count"] is not None:
            groups.setdefault((figure["action"], figure["weapon_class"]), []).append(figure)
    return [
        {
            "action": action,
            "weapon_class": weapon_class,
            "conflict": len({f["count"] for f in items}) > 1,
            "figures": sorted(items, key=lambda f: f["claimant"]),
        }
        for (action, weapon_class), items in sorted(groups.items())
    ]


def figures_of_claims(claims: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each claimant's figure per (action, weapon class) from the claims: its largest count (rewrites repeat it)."""
    best: dict[tuple[str, str, str], dict[str, Any]] = {}
    for claim in claims:
        if claim["count"] is None:
            continue
        key = (claim["claimant"], claim["action"], claim["weapon_class"])
        figure = best.setdefault(key, {**{k: claim[k] for k in ("claimant", "action", "weapon_class")}, "count": None,
                                       "count_qualifier": claim["count_qualifier"], "report_ids": []})  # fmt: skip
        if figure["count"] is None or claim["count"] > figure["count"]:
            figure["count"], figure["count_qualifier"] = claim["count"], claim["count_qualifier"]
        if claim["report_id"] not in figure["report_ids"]:
            figure["report_ids"].append(claim["report_id"])
    return list(best.values())


def detail_data(detail: EventDetail) -> dict[str, Any]:
    """The event page's data and the API's ``/api/events/{id}`` body."""
    claims = [claim_data(claim) for claim in detail.claims]
    for claim in claims:  # corrected values show as such (the claims already carry them)
        claim["corrected_fields"] = detail.corrected.get(claim["id"], [])
        claim["corrected"] = bool(claim["corrected_fields"])
    recorded = [figure_json(figure) for figure in detail.event.grade.figures]
    return {
        **event_summary(detail.event),
        "merged_from": list(detail.merged_from),
        "figures_recorded": recorded,
        "claims": claims,
        "reports": [report_data(report, source) for report, source in detail.reports],
        "links": [
            {"child": link.child, "parent": link.parent, "kind": link.kind.value, "score": link.score}
            for link in sorted(detail.links, key=lambda link: (link.child, link.parent))
        ],
        "claimant_links": [{"claimant": link.claimant, "cites": link.cites} for link in detail.claimant_links],
        "comparisons": compare_figures(recorded or figures_of_claims(claims)),
    }


def get_event(store: Store, event_id: str) -> dict[str, Any]:
    """One event in full, as data (raises :class:`skyledger.errors.NotFoundError` for an unknown id)."""
    return detail_data(event_detail(store, event_id))
