"""The extract stage: a report's text in, its claims out (design/CLAIMS.md), each with its evidence span.

    from skyledger.extract import extract_claims
    claims = extract_claims(report, source)   # source: registry.load_registry().source_for(report.source)

Pure: no database, no network. Recognisers live one per module (numbers, weapons, actions, places, times, outcomes,
attribution); their vocabulary is data under ``extract/data/{ru,uk,en}/``; ``assemble`` turns their findings into
claims. Every claim carries ``RULE_SET``, the name and version of the rules that produced it.
"""

from __future__ import annotations

from skyledger.extract.assemble import assemble
from skyledger.model import Claim, Report, Source

RULE_SET = "skyledger-rules/0.1"


def extract_claims(report: Report, source: Source | None = None) -> list[Claim]:
    """Every claim in ``report`` (``source`` gives the owner claimant of an official channel)."""
    return assemble(report, source, RULE_SET)


__all__ = ["RULE_SET", "extract_claims"]
