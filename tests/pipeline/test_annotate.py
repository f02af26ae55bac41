"""pipeline.annotate: every line back in order with all its fields, incoming claims ignored, claims labelled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from skyledger.errors import IngestError
from skyledger.model import Claim, Report
from skyledger.pipeline import annotate
from skyledger.pipeline import annotating as annotating_module
from stand_in_stages import EventCalls

ROWS = [
    {
        "doc_id": "a1",
        "outlet": "t.me/gov_test",
        "published": "2024-05-12",
        "language": "ru",
        "extra": {"k": 1},
        "text": "Над районом сбиты 3 беспилотника.",
        "claims": [{"action": "launched", "weapon_class": "uav"}],
    },
    {"doc_id": "a2", "outlet": "example.com", "published": None, "language": "en", "text": "No numbers here."},
    {"doc_id": "a3", "outlet": "example.com", "url": "https://example.com/x", "text": "Drones: 4 and 5."},
]


def _label(reports: list[Report], claims: list[Claim]) -> None:
    for claim in claims:
        claim.event = f"E{claim.report_id}"


def test_annotate_writes_every_report_back_with_claims(
    tmp_path: Path, fake_stages: EventCalls, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(annotating_module.events_stage, "label_events", _label)
    source = tmp_path / "in.jsonl"
    lines = [json.dumps(row, ensure_ascii=False) for row in ROWS]
    source.write_text(lines[0] + "\n\n" + lines[1] + "\n" + lines[2] + "\n", encoding="utf-8")
    summary = annotate(source, tmp_path / "out" / "annotated.jsonl")
    written = [json.loads(line) for line in (tmp_path / "out" / "annotated.jsonl").read_text("utf-8").splitlines()]
    assert [row["doc_id"] for row in written] == ["a1", "a2", "a3"]
    for original, row in zip(ROWS, written, strict=True):
        assert {key: value for key, value in row.items() if key != "claims"} == {
            key: value for key, value in original.items() if key != "claims"
        }
    assert [[claim["count"] for claim in row["claims"]] for row in written] == [[3], [], [4, 5]]
    assert {claim["event"] for claim in written[2]["claims"]} == {"E3"}  # the line index of a3
    assert written[0]["claims"][0]["evidence"] == "3" and written[0]["claims"][0]["action"] == "intercepted"
    assert (summary.reports, summary.claims, summary.events, summary.rejected) == (3, 3, 2, 0)


def test_annotate_of_an_empty_file_is_a_clear_error(tmp_path: Path, fake_stages: EventCalls) -> None:
    source = tmp_path / "empty.jsonl"
    source.write_text("", encoding="utf-8")
    with pytest.raises(IngestError, match="empty.jsonl"):
        annotate(source, tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()
