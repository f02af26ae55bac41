"""Speed of the resolve and grade stages: link 100,000 synthetic claims into events (one core).

usage: python bench/link_bench.py [--claims 100000] [--seed 1] [--with-provenance] [--with-grades]

Synthetic reports: official posts over 60 regions and 300 days, each followed by rewrites that repeat its figures,
some with own time windows. Prints claims per second for link_events (the figure the target is set for: 100,000
claims in under 60 s), and optionally for link_reports and grade_event.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone

from skyledger.grade import Evidence, grade_event
from skyledger.model import Action, Claim, CountQualifier, Place, Report, TimePrecision, TimeWindow, WeaponClass
from skyledger.resolve import link_events, link_reports

MSK = timezone(timedelta(hours=3))
REGIONS = [f"RU-R{n:02d}" for n in range(40)] + [f"UA-{n:02d}" for n in range(20)]
CLASSES = [WeaponClass.UAV, WeaponClass.UAV, WeaponClass.UAV, WeaponClass.CRUISE_MISSILE, WeaponClass.ROCKET]
SYLLABLES = ["ка", "ло", "ре", "ни", "ста", "во", "ру", "ме", "та", "ши", "до", "пу"]


def synthesise(count: int, seed: int) -> tuple[list[Report], list[Claim]]:
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=MSK)
    words = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(6000)})
    reports: list[Report] = []
    claims: list[Claim] = []
    while len(claims) < count:
        region = rng.choice(REGIONS)
        moment = start + timedelta(minutes=rng.randrange(300 * 24 * 60))
        timed = rng.random() < 0.4
        figures = [
            (rng.choice(list(Action)), rng.choice(CLASSES), rng.randint(1, 40)) for _ in range(rng.randint(1, 3))
        ]
        claimant = rng.choice(["mod:RU", f"regional_authority:{region}"])
        base = [rng.choice(words) for _ in range(40)] + [str(figure) for *_, figure in figures]
        for copy in range(rng.randint(1, 5)):
            number = len(reports) + 1
            published = moment + timedelta(minutes=30 + copy * rng.randint(20, 300))
            text = " ".join(word if rng.random() > 0.1 else rng.choice(words) for word in base)
            outlet = f"t.me/gov_{region.lower()}" if copy == 0 else f"outlet{rng.randrange(500)}.example"
            reports.append(Report(outlet, f"r{number}", text, published=published, id=number))
            for action, weapon, figure in figures:
                window = TimeWindow(moment, moment + timedelta(hours=1), TimePrecision.HOUR) if timed else TimeWindow()
                place = Place(country=region[:2], region=region if rng.random() > 0.1 else None)
                claims.append(
                    Claim(
                        action,
                        weapon,
                        figure,
                        CountQualifier.EXACT,
                        place=place,
                        time=window,
                        claimant=claimant,
                        report_id=number,
                        id=len(claims) + 1,
                    )
                )
    return reports, claims[:count]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--with-provenance", action="store_true", help="time link_reports over the same reports")
    parser.add_argument("--with-grades", action="store_true", help="time grade_event over every event")
    args = parser.parse_args(argv)
    reports, claims = synthesise(args.claims, args.seed)
    began = time.perf_counter()
    resolution = link_events(claims, reports)
    took = time.perf_counter() - began
    print(
        f"link_events: {len(claims)} claims from {len(reports)} reports into {len(resolution.events)} events "
        f"in {took:.1f} s ({len(claims) / took:,.0f} claims/s)"
    )
    links = []
    if args.with_provenance:
        by_report: dict[int, list[Claim]] = defaultdict(list)
        for item in claims:
            by_report[item.report_id or 0].append(item)
        began = time.perf_counter()
        links = link_reports(reports, by_report)
        took = time.perf_counter() - began
        print(f"link_reports: {len(reports)} reports, {len(links)} links in {took:.1f} s")
    if args.with_grades:
        members: dict[str, list[Claim]] = defaultdict(list)
        for item, label in zip(claims, resolution.labels, strict=True):
            members[label].append(item)
        evidence = Evidence(reports={r.id: r for r in reports if r.id is not None}, links=links)
        began = time.perf_counter()
        for event_claims in members.values():
            grade_event(event_claims, evidence)
        took = time.perf_counter() - began
        print(f"grade_event: {len(members)} events in {took:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
