"""Event linking alone, measured: the GOLD claims of a corpus file (their "event" stripped) are labelled by
``label_events`` and scored (B-cubed) against the gold labels with ../shared/bench/score.py.

usage: python bench/link_gold.py [../shared/corpus/dev.jsonl] [--show N]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from skyledger.model import Claim, Report
from skyledger.pipeline.events import label_events

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", SHARED / "bench" / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"cannot load {SHARED / 'bench' / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", default=str(SHARED / "corpus" / "dev.jsonl"))
    parser.add_argument("--show", type=int, default=0, help="print up to N gold events that were split or joined")
    args = parser.parse_args(argv)
    docs = [json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    reports, claims, gold = [], [], []
    for number, doc in enumerate(docs, 1):
        published = datetime.fromisoformat(doc["published"]) if doc.get("published") else None
        reports.append(Report(doc["outlet"], str(doc["doc_id"]), doc["text"], published=published, id=number))
        for record in doc.get("claims") or []:
            claim = Claim.from_json({**record, "event": None})
            claim.report_id = number
            claims.append(claim)
            gold.append((str(doc["doc_id"]), record.get("event")))
    label_events(reports, claims)
    scorer = _scorer()
    precision, recall = scorer.bcubed([(g, c.event) for (_, g), c in zip(gold, claims, strict=True)])
    predicted, expected = len({c.event for c in claims}), len({g for _, g in gold})
    print(f"gold claims {len(claims)}  events predicted {predicted}  gold {expected}")
    print(f"events  B-cubed P {precision:.3f}  R {recall:.3f}  F1 {scorer.f1(precision, recall):.3f}")
    if args.show:
        by_gold: dict[str, set[str]] = defaultdict(set)
        by_pred: dict[str, set[str]] = defaultdict(set)
        for (_, label), claim in zip(gold, claims, strict=True):
            by_gold[str(label)].add(str(claim.event))
            by_pred[str(claim.event)].add(f"{label}")
        shown = 0
        for label, predicted in by_gold.items():
            if len(predicted) > 1 and shown < args.show:
                print(f"  split  {label}: {sorted(predicted)}")
                shown += 1
        for label, golds in by_pred.items():
            if len(golds) > 1 and shown < args.show:
                print(f"  joined {label}: {sorted(golds)}")
                shown += 1


if __name__ == "__main__":
    main(sys.argv[1:])
