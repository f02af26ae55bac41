"""API speed at scale: 1,000,000 claims in SQLite, then /api/events and /api/claims with filters (p95 target < 100
ms) and the overview page (target < 500 ms), measured through an in-process client (no network, no server process).

    python bench/api_bench.py [--claims 1000000] [--db bench/out/api_bench.db] [--rebuild] [--requests 200]

The database is generated once (synthetic rows written with executemany in large transactions, no report text worth
reading) and reused by later runs unless --rebuild. Proportions: about 4 claims per report, 16 per event, over two
years, skewed towards the western regions as real reports are; 300 claims corrected by hand (region, count or time),
so that filters also take the corrected reports' path. Times per request shape (which filters) follow each summary.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from skyledger.model import side_of  # noqa: E402
from skyledger.store import open_store  # noqa: E402
from skyledger.store.corrections import correct_claim  # noqa: E402
from skyledger.web.svg import map_data  # noqa: E402

WEAPONS = ["uav"] * 12 + [
    "cruise_missile",
    "ballistic_missile",
    "guided_bomb",
    "rocket",
    "missile",
    "aircraft",
    "other",
]
ACTIONS = ["intercepted"] * 6 + ["launched"] * 2 + ["impact"] * 2
NOW = "2025-01-01T00:00:00+00:00"
START = date(2023, 1, 1)
DAYS = 730
CORRECTED = 300


def _regions(rng: random.Random) -> list[str]:
    """Region codes, the western ones repeated so that they carry most events."""
    data = map_data()
    west = data["views"]["west"]
    codes = []
    for region in data["regions"]:
        x0, y0, x1, y1 = region["bbox"]
        inside = x1 >= west[0] and x0 <= west[0] + west[2] and y1 >= west[1] and y0 <= west[1] + west[3]
        codes.extend([region["code"]] * (12 if inside else 1))
    rng.shuffle(codes)
    return codes


def _claimants(region: str) -> list[str]:
    country = region.split("-")[0]
    other = "UA" if country == "RU" else "RU"
    return [f"regional_authority:{region}", f"mod:{country}", f"armed_forces:{other}", f"media:{country}"]


def build(path: Path, n_claims: int, seed: int = 7) -> None:
    """Write the synthetic store: sources, events, reports and claims, in a few big transactions."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    open_store(f"sqlite:///{path}").close()  # the schema, migrations and indexes
    regions = _regions(rng)
    n_events = max(n_claims // 16, 1)
    n_reports = max(n_claims // 4, 1)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous=OFF")
    cursor = connection.cursor()
    handles = [f"t.me/channel_{i}" for i in range(300)]
    cursor.executemany(
        "INSERT INTO sources (id, handle, kind, name, claimant, reliability, country, created_at) "
        "VALUES (?, ?, 'telegram', ?, NULL, ?, NULL, ?)",
        [(i + 1, h, f"Channel {i}", "ABCDEF"[i % 6], NOW) for i, h in enumerate(handles)],
    )
    events: list[tuple[str, str, str, str]] = []  # id, region, day, wave
    rows = []
    for i in range(n_events):
        region = regions[i % len(regions)]
        day = START + timedelta(days=rng.randrange(DAYS))
        start = datetime(day.year, day.month, day.day, 20, tzinfo=UTC)
        event_id = f"E{i + 1}"
        events.append((event_id, region, day.isoformat(), f"{day.isoformat()}N"))
        conflict = rng.random() < 0.2
        low = rng.randint(1, 30)
        rows.append(
            (event_id, f"{day.isoformat()}N", region.split("-")[0], region, start.isoformat(),
             (start + timedelta(hours=9)).isoformat(), json.dumps([rng.choice(WEAPONS)]), rng.randint(1, 20),
             rng.randint(1, 4), rng.randint(1, 6), "ABCDEF"[rng.randrange(6)], conflict, low,
             low + (rng.randint(1, 5) if conflict else 0), low + (rng.randint(1, 5) if conflict else 0), "[]",
             "Synthetic event for the benchmark.")
        )  # fmt: skip
    cursor.executemany(
        "INSERT INTO events (id, wave, country, region, time_start, time_end, weapon_classes, article_count, "
        "independent_sources, credibility, reliability, conflict, count_low, count_best, count_high, figures, "
        "explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    connection.commit()
    report_rows, claim_rows = [], []
    claim_id = 0
    for report_id in range(1, n_reports + 1):
        event_id, region, day, _ = events[rng.randrange(n_events)]
        text = f"Synthetic report {report_id}: air defence engaged drones over {region} on {day}. Пострадавших нет."
        published = f"{day}T23:{rng.randrange(60):02d}:00+00:00"
        report_rows.append(
            (report_id, rng.randrange(len(handles)) + 1, str(report_id), None, published, "en", None, text,
             f"{report_id:064x}", "processed", NOW, NOW)
        )  # fmt: skip
        claimants = _claimants(region)
        for seq in range(4 if claim_id + 4 <= n_claims else max(n_claims - claim_id, 0)):
            claim_id += 1
            count = rng.randint(1, 40) if rng.random() < 0.9 else None
            claimant = rng.choice(claimants)
            claim_rows.append(
                (claim_id, report_id, seq, rng.choice(ACTIONS), rng.choice(WEAPONS), count,
                 "exact" if count is not None else "unspecified", region.split("-")[0], region, "region",
                 f"{day}T20:00:00+00:00", f"{day}T23:59:00+00:00", "part_of_day", claimant, "[]", 0, 10,
                 "bench/1", event_id)
            )  # fmt: skip
            assert side_of(claimant)
        if len(claim_rows) >= 200_000:
            _flush(cursor, report_rows, claim_rows)
            connection.commit()
            report_rows, claim_rows = [], []
    _flush(cursor, report_rows, claim_rows)
    connection.commit()
    connection.execute("ANALYZE")
    connection.commit()
    connection.close()
    _correct(path, n_claims, rng)


def _correct(path: Path, n_claims: int, rng: random.Random) -> None:
    """Analysts' corrections through the library, as the web form makes them: a few hundred claims get another
    region, count or time, so that every filter also takes the corrected reports' path."""
    store = open_store(f"sqlite:///{path}")
    regions = ["RU-BEL", "RU-KRS", "UA-30", "UA-63"]
    for _ in range(min(CORRECTED, n_claims)):
        claim_id = rng.randrange(n_claims) + 1
        change: dict[str, Any] = rng.choice(
            [
                {"region": rng.choice(regions)},
                {"count": rng.randint(1, 60)},
                {"time_start": f"{START + timedelta(days=rng.randrange(DAYS))}T21:30:00+00:00"},
            ]
        )
        correct_claim(store, claim_id, change, author="bench", now=datetime(2025, 1, 2, tzinfo=UTC))
    store.close()


def _flush(cursor: sqlite3.Cursor, reports: list[tuple[Any, ...]], claims: list[tuple[Any, ...]]) -> None:
    cursor.executemany(
        "INSERT INTO reports (id, source_id, external_id, url, published, language, title, text, content_hash, "
        "status, ingested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        reports,
    )
    cursor.executemany(
        "INSERT INTO claims (id, report_id, seq, action, weapon_class, count, count_qualifier, country, region, "
        "place_precision, time_start, time_end, time_precision, claimant, cites, evidence_start, evidence_end, "
        "rule_set, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        claims,
    )


def _queries(rng: random.Random, n: int) -> list[str]:
    """A mix of event list requests as the dashboard and API clients send them."""
    regions = ["RU-BEL", "RU-KRS", "RU-BRY", "RU-MOS", "UA-30", "UA-63", "RU-KLU", "UA-12"]
    templates = [
        lambda: "",
        lambda: f"region={rng.choice(regions)}",
        lambda: f"region={rng.choice(regions)}&since=2024-03-01&until=2024-06-30",
        lambda: f"side={rng.choice(['RU', 'UA'])}",
        lambda: f"weapon_class={rng.choice(['uav', 'cruise_missile', 'ballistic_missile'])}",
        lambda: f"action={rng.choice(['launched', 'impact'])}&side=UA",
        lambda: f"claimant=mod:{rng.choice(['RU', 'UA'])}&min_credibility=3",
        lambda: f"min_credibility={rng.randint(1, 3)}",
        lambda: f"country=UA&since=2024-{rng.randint(1, 12):02d}-01",
        lambda: f"region={rng.choice(regions)}&weapon_class=uav&offset=100",
        lambda: f"since=2023-06-01&until=2023-06-30&offset={rng.choice([0, 50, 500])}",
        lambda: "q=drones",
    ]
    return ["/api/events?" + rng.choice(templates)() for _ in range(n)]


def _claim_queries(rng: random.Random, n: int) -> list[str]:
    """Claim list requests by time (the day rule), some with a region that corrections also change."""

    def day() -> date:
        return START + timedelta(days=rng.randrange(DAYS - 40))

    def month() -> str:
        first = day()
        return f"since={first}&until={first + timedelta(days=30)}"

    templates = [
        month,
        lambda: f"region={rng.choice(['RU-BEL', 'RU-KRS', 'UA-30'])}&{month()}",
        lambda: f"since={(first := day())}&until={first}",
        lambda: f"since={day()}&offset={rng.choice([0, 500])}",
        lambda: f"until={day()}&weapon_class=uav",
    ]
    return ["/api/claims?" + rng.choice(templates)() for _ in range(n)]


def _shape(url: str) -> str:
    """A request's filters without their values: ``region&since&until``."""
    query = url.split("?")[1]
    return "&".join(part.split("=")[0] for part in query.split("&")) if query else "(none)"


def _measure(client: Any, name: str, urls: list[str], target: float) -> dict[str, Any]:
    for url in urls[:10]:
        client.get(url)  # warm the caches
    by_shape: dict[str, list[float]] = {}
    for url in urls:
        by_shape.setdefault(_shape(url), []).append(_time(client, url))
    result = _summary(name, [v for values in by_shape.values() for v in values], target)
    for key, values in sorted(by_shape.items()):
        ordered = sorted(values)
        print(f"    {key:28} n={len(values):3} p50={statistics.median(values):6.1f} ms worst={ordered[-1]:6.1f} ms")
    return result


def _time(client: Any, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code} {response.text[:200]}")
    return elapsed


def _summary(name: str, values: list[float], target: float) -> dict[str, Any]:
    ordered = sorted(values)
    p95 = ordered[max(int(len(ordered) * 0.95) - 1, 0)]
    verdict = "ok" if p95 < target else "OVER TARGET"
    print(
        f"{name}: n={len(values)} p50={statistics.median(values):.1f} ms p95={p95:.1f} ms "
        f"max={ordered[-1]:.1f} ms (target p95 < {target:.0f} ms: {verdict})"
    )
    return {"name": name, "n": len(values), "p50_ms": statistics.median(values), "p95_ms": p95, "target_ms": target}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "api_bench.db")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    if args.rebuild or not args.db.exists():
        started = time.perf_counter()
        build(args.db, args.claims)
        print(f"built {args.db} with {args.claims:,} claims in {time.perf_counter() - started:.0f} s")
    from fastapi.testclient import TestClient

    from skyledger.web.app import create_app

    store = open_store(f"sqlite:///{args.db}")  # applies any newer migrations (indexes) to an older bench file
    client = TestClient(create_app(store, read_only=True))
    results = [_measure(client, "/api/events", _queries(random.Random(11), args.requests), 100.0)]
    results.append(_measure(client, "/api/claims", _claim_queries(random.Random(13), args.requests // 2), 100.0))
    _time(client, "/")
    results.append(_summary("overview page /", [_time(client, "/") for _ in range(20)], 500.0))
    results.append(_summary("event page /events/E1", [_time(client, "/events/E1") for _ in range(20)], 500.0))
    out = args.db.parent / "api_bench.json"
    out.write_text(json.dumps({"claims": args.claims, "results": results}, indent=2) + "\n", encoding="utf-8")
    store.close()


if __name__ == "__main__":
    main()
