"""Annotate a CLAIMS.md JSONL file with skyledger's extractor and score it: a quick loop for rule work.

usage: python bench/annotate_dev.py [GOLD.jsonl] [--out PRED.jsonl] [--show-errors N]
Defaults to ../shared/corpus/dev.jsonl; scoring runs ../shared/bench/score.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from skyledger.extract import extract_claims
from skyledger.model import Report, dumps
from skyledger.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def annotate(gold: Path, out: Path) -> None:
    registry = load_registry()
    with gold.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as sink:
        for number, line in enumerate(source, 1):
            doc = json.loads(line)
            published = datetime.fromisoformat(doc["published"]) if doc.get("published") else None
            report = Report(
                source=doc.get("outlet") or "",
                external_id=str(doc["doc_id"]),
                text=doc.get("text") or "",
                published=published,
                language=doc.get("language"),
                id=number,
            )
            claims = extract_claims(report, registry.source_for(report.source))
            sink.write(dumps({**doc, "claims": [claim.to_json() for claim in claims]}) + "\n")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", default=str(SHARED / "corpus" / "dev.jsonl"))
    parser.add_argument("--out", default="/tmp/skyledger-dev-pred.jsonl")
    parser.add_argument("--show-errors", default="0")
    args = parser.parse_args(argv)
    annotate(Path(args.gold), Path(args.out))
    score = [sys.executable, str(SHARED / "bench" / "score.py"), args.gold, args.out, "--show-errors", args.show_errors]
    subprocess.run(score, check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
