"""Streaming a large Telegram Desktop export through ``skyledger.ingest.read_input`` alone (no store).

    python bench/ingest_stream_bench.py [--posts 50000] [--chars 1000]

Writes a single-channel export of N posts (our own generated texts, each given as ``text`` and ``text_entities``
like Telegram Desktop does, about 200 MB for the defaults), reads it back and prints its size, the seconds, posts per
second, the peak resident memory of this process (the reading must not grow with the export) and the progress calls.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from skyledger.ingest import read_input
from skyledger.model import Report

_SENTENCE = "Дежурными средствами ПВО над территорией области перехвачен и уничтожен беспилотный аппарат. "


def write_export(path: Path, posts: int, chars: int) -> None:
    """The export, written message by message so that writing it stays small too."""
    filler = (_SENTENCE * (chars // len(_SENTENCE) + 1))[:chars]
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n "name": "Тестовый канал",\n "type": "public_channel",\n "id": 1777000222,\n "messages": [\n')
        for number in range(1, posts + 1):
            text = f"Сообщение {number}. {filler}"
            message = {
                "id": number,
                "type": "message",
                "date": "2025-03-14T07:05:00",
                "date_unixtime": str(1741925100 + number),
                "from": "Тестовый канал",
                "from_id": "channel1777000222",
                "text": text,
                "text_entities": [{"type": "plain", "text": text}],
            }
            out.write(("  " if number == 1 else ",\n  ") + json.dumps(message, ensure_ascii=False))
        out.write("\n ]\n}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--chars", type=int, default=1000, help="characters of text per post")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "result.json"
        write_export(export, args.posts, args.chars)
        rss_before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        calls = 0

        def on_progress(done: int, total: int | None) -> None:
            nonlocal calls
            calls += 1

        started = time.perf_counter()
        reports = sum(isinstance(item, Report) for item in read_input(str(export), on_progress=on_progress))
        seconds = time.perf_counter() - started
        results = {
            "posts": args.posts,
            "reports": reports,
            "export_mb": round(export.stat().st_size / 1e6, 1),
            "seconds": round(seconds, 2),
            "posts_per_s": round(reports / seconds),
            "peak_rss_mb_before_reading": round(rss_before_mb, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "progress_calls": calls,
        }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
