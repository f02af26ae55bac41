"""The accuracy gate: the extractor on ../shared/corpus/dev.jsonl, scored by ../shared/bench/score.py, must stay at or
above the floors in bench/floors.json (floors only rise). Skips, through the ``shared_dir`` fixture, when ../shared
is not beside the project (and fails instead where SKYLEDGER_REQUIRE_SHARED=1)."""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from skyledger.extract import extract_claims
from skyledger.model import Report
from skyledger.registry import load_registry

FLOORS = Path(__file__).resolve().parent.parent / "bench" / "floors.json"


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", shared / "bench" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _predict(gold: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    registry = load_registry()
    predicted = {}
    for number, (doc_id, doc) in enumerate(gold.items(), 1):
        published = datetime.fromisoformat(doc["published"]) if doc.get("published") else None
        report = Report(
            source=doc.get("outlet") or "",
            external_id=doc_id,
            text=doc.get("text") or "",
            published=published,
            language=doc.get("language"),
            id=number,
        )
        claims = extract_claims(report, registry.source_for(report.source))
        predicted[doc_id] = {"doc_id": doc_id, "claims": [claim.to_json() for claim in claims]}
    return predicted


@pytest.fixture(scope="module")
def dev_scores(shared_dir: Path) -> dict[str, Any]:
    scorer = _scorer(shared_dir)
    gold = scorer.load(str(shared_dir / "corpus" / "dev.jsonl"))
    result: dict[str, Any] = scorer.score(gold, _predict(gold))
    return result


FIELDS = [key for key in json.loads(FLOORS.read_text(encoding="utf-8")) if not key.startswith("_")]


@pytest.mark.parametrize("figure", FIELDS)
def test_dev_accuracy_floor(dev_scores: dict[str, Any], figure: str) -> None:
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))[figure]
    value = dev_scores.get(figure, dev_scores["fields"].get(figure))
    assert value is not None, f"score.py gives no figure {figure!r}"
    assert value >= floor, f"dev {figure} {value:.3f} fell below its floor {floor:.3f}"
