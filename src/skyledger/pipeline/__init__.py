"""The pipeline: runs the stages over a store, incrementally.

- :func:`ingest` reads an input (file, folder, URL) into the store: idempotent, batched, crash-safe.
- :func:`process` extracts claims from new or edited reports, then links and grades events; nothing new, nothing done.
- :func:`correct` stores a human correction of a claim and grades its event again.
- :func:`annotate` runs extraction and event labelling in memory over a CLAIMS.md JSONL file, no database.
"""

from __future__ import annotations

from skyledger.pipeline.annotating import AnnotateSummary, annotate
from skyledger.pipeline.events import correct
from skyledger.pipeline.loading import IngestSummary, ingest
from skyledger.pipeline.processing import ProcessSummary, process
from skyledger.pipeline.progress import Progress

__all__ = ["AnnotateSummary", "IngestSummary", "ProcessSummary", "Progress", "annotate", "correct", "ingest", "process"]
