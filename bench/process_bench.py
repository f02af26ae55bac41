"""Process speed: extract, link and grade N ingested posts (our own texts), in this process and on every core.

    python bench/process_bench.py [--posts 6000]

Each variant gets a fresh SQLite store with the same export ingested; prints reports per second of ``process``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from skyledger.pipeline import ingest, process  # noqa: E402
from skyledger.store import open_store  # noqa: E402
from telegram_exports import write_export  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=6000)
    args = parser.parse_args()
    results: dict[str, object] = {"posts": args.posts, "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory() as folder:
        export = write_export(Path(folder) / "result.json", args.posts)
        for label, workers in (("one_process", 1), ("all_cores", None)):
            store = open_store(f"sqlite:///{Path(folder) / f'{label}.db'}")
            ingest(store, str(export))
            started = time.perf_counter()
            summary = process(store, workers=workers)
            seconds = time.perf_counter() - started
            store.close()
            results[label] = {
                "workers": summary.workers,
                "seconds": round(seconds, 2),
                "reports_per_s": round(args.posts / seconds),
                "claims": summary.claims,
            }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
