"""The resolve and grade stages over a store, incrementally; and in memory for ``annotate``."""

from __future__ import annotations

from collections.abc import Sequence

from skyledger.model import Claim, Report
from skyledger.resolve import link_events


def label_events(reports: Sequence[Report], claims: Sequence[Claim]) -> None:
    """Set ``claim.event`` on every claim (in memory, for ``annotate``): reports have ids, claims their report_id."""
    resolution = link_events(claims, reports)
    for claim, label in zip(claims, resolution.labels, strict=True):
        claim.event = label
