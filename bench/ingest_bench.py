"""Ingest speed: a Telegram Desktop export of N posts (our own texts) into a fresh SQLite store.

    python bench/ingest_bench.py [--posts 50000] [--db URL]

Prints the export size, the time ``skyledger.pipeline.ingest`` took and posts per second; then the time of a second,
idempotent ingest of the same export (every post unchanged).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from skyledger.pipeline import ingest  # noqa: E402
from skyledger.store import open_store  # noqa: E402
from telegram_exports import write_export  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--db", default=None, help="database URL (default: a SQLite file in a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        export = write_export(Path(folder) / "result.json", args.posts)
        store = open_store(args.db or f"sqlite:///{Path(folder) / 'bench.db'}")
        results = {"posts": args.posts, "export_mb": round(export.stat().st_size / 1e6, 1), "backend": store.dialect}
        for label in ("first", "again"):
            started = time.perf_counter()
            summary = ingest(store, str(export))
            seconds = time.perf_counter() - started
            results[f"{label}_s"] = round(seconds, 2)
            results[f"{label}_posts_per_s"] = round(args.posts / seconds)
            results[f"{label}_new"] = summary.new
        store.close()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
