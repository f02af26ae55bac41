"""Stand-in stages with known behaviour, so that the pipeline's own mechanics are tested exactly.

``fake_extract``: one intercepted-UAV claim per number in the text, its span the number. ``EventCalls.update_events``
records the run ids and how many claims each run handed over. End-to-end tests use the real stages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from skyledger import extract
from skyledger.model import Action, Claim, CountQualifier, Report, Source, WeaponClass
from skyledger.pipeline import events
from skyledger.store import Store
from skyledger.store.schema import claims as claims_table

_NUMBER = re.compile(r"\d+")


def fake_extract(report: Report, source: Source | None = None) -> list[Claim]:
    return [
        Claim(
            action=Action.INTERCEPTED,
            weapon_class=WeaponClass.UAV,
            count=int(match.group()),
            count_qualifier=CountQualifier.EXACT,
            evidence_span=(match.start(), match.end()),
            evidence=match.group(),
            rule_set="fake/1",
            report_id=report.id,
        )
        for match in _NUMBER.finditer(report.text)
    ]


@dataclass
class EventCalls:
    runs: list[int] = field(default_factory=list)
    claims_per_run: list[int] = field(default_factory=list)

    def update_events(self, store: Store, run_id: int) -> dict[str, int]:
        with store.connect() as connection:
            handed = connection.execute(select(claims_table.c.id).where(claims_table.c.run_id == run_id)).all()
        self.runs.append(run_id)
        self.claims_per_run.append(len(handed))
        return {"added": 0}


def install(monkeypatch: pytest.MonkeyPatch) -> EventCalls:
    """Replace extraction and update_events for one test."""
    calls = EventCalls()
    monkeypatch.setattr(extract, "extract_claims", fake_extract, raising=False)
    monkeypatch.setattr(events, "update_events", calls.update_events, raising=False)
    return calls
