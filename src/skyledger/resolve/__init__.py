"""The resolve stage: provenance between reports, claimant links, and claims linked into events.

Pure functions over model objects (no store, no network): :func:`link_reports`, :func:`link_claimants` and
:func:`link_events`. The pipeline (``skyledger.pipeline.events``) runs them over a store, incrementally.
"""

from __future__ import annotations

from skyledger.resolve.blocks import block_of, event_id, event_number
from skyledger.resolve.events import Resolution, link_events
from skyledger.resolve.provenance import link_claimants, link_reports, own_claimant

__all__ = [
    "Resolution",
    "block_of",
    "event_id",
    "event_number",
    "link_claimants",
    "link_events",
    "link_reports",
    "own_claimant",
]
