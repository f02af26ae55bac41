#!/usr/bin/env python3
"""How often the gold region / district / settlement / water of each claim in ../shared/corpus/dev.jsonl is among the
places the gazetteer finds in that report's text (an upper bound for the extractor's place accuracy).

    .venv/bin/python bench/gazetteer_recall.py [../shared/corpus/dev.jsonl] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

from skyledger.gazetteer import load_gazetteer

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev.jsonl"


def fold(name: str | None) -> str:
    """Loose comparison of romanised names (the scorer's rule: case, accents, adjective endings)."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z]", "", text)
    return re.sub(r"(skiy|skyi|skii|sky|ski|ska|iy|yi|y|i|a|e|o)$", "", text)


def similar(name: str, found: set[str]) -> bool:
    """The scorer's loose rule: folded names at least 80% alike."""
    return any(SequenceMatcher(None, name, other).ratio() >= 0.8 for other in found)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=0, help="print up to N misses")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus}: not found", file=sys.stderr)
        return 2
    gazetteer = load_gazetteer()
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    misses: list[str] = []
    for line in args.corpus.open(encoding="utf-8"):
        doc = json.loads(line)
        mentions = gazetteer.find_places(doc["text"])
        found = {
            "region": {m.place.region for m in mentions if m.place.region},
            "district": {fold(p.district) for m in mentions for p in (m.place,) if p.district},
            "settlement": {fold(m.place.settlement) for m in mentions if m.place.settlement},
            "water": {m.place.water for m in mentions if m.place.water},
        }
        for claim in doc["claims"]:
            for field in ("region", "district", "settlement", "water"):
                gold = claim.get(field)
                if not gold:
                    continue
                golds = [g.strip() for g in gold.split(";")] if field == "water" else [gold]
                for value in golds:
                    totals[field] += 1
                    key = value if field in ("region", "water") else fold(value)
                    if key in found[field] or field in ("district", "settlement") and similar(key, found[field]):
                        hits[field] += 1
                    else:
                        misses.append(f"{doc['doc_id']} {field}={value} found={sorted(found[field])}")
    for field in ("region", "district", "settlement", "water"):
        if totals[field]:
            print(f"{field:10s} recall {hits[field] / totals[field]:.3f} ({hits[field]}/{totals[field]})")
    for miss in misses[: args.show]:
        print("  miss:", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
