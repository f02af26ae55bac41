"""Provenance between reports: which report forwards, rewrites or quotes which, and which claimant cites which.

A link always runs from a later report (the child) to an earlier one (the parent), never within one source (a
channel's later post is an update, not a rewrite), so the graph has no cycles. Three detectors, strongest first:

1. **forward**: a Telegram forward names its original (``forwarded_from`` + ``forwarded_id``);
2. **near-duplicate text**: the word-trigram sets of two reports published at most :data:`TEXT_WINDOW` apart overlap
   (Jaccard >= :data:`JACCARD` or containment >= :data:`CONTAINMENT`), and their claims do not contradict each other.
   Candidates come from bottom-k sketches of the trigram hashes, so the cost grows with the number of reports, not
   its square;
3. **same claims, any language**: a report repeats figures of a claimant (same action, weapon class, region and count,
   or same district or settlement) that the claimant's own post, published before it within :data:`CLAIM_WINDOW`,
   gave first. It is a *quote* when its text names its source ("wrote on Telegram", "со ссылкой на"), else a *rewrite*.
   A report that names its source but gives other figures (or none) still quotes the claimant's own post of the same
   action, weapon class and region published at most :data:`QUOTE_WINDOW` before it.

Whose own post a report is: the source's owner claimant in the sources registry, else, for a Telegram channel whose
claims all come from one non-media claimant, that claimant (an official channel speaks for itself).
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
import zlib
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta, timezone
from functools import lru_cache
from importlib import resources

from skyledger.model import Claim, ClaimantLink, LinkKind, Report, ReportLink, Role, Source
from skyledger.registry import load_registry, normalise_handle

TEXT_WINDOW = timedelta(hours=72)
CLAIM_WINDOW = timedelta(hours=36)
QUOTE_WINDOW = timedelta(hours=12)  # a quote with other figures still links to a post this recent
QUOTE_ONLY_SCORE = 0.5
JACCARD = 0.5
CONTAINMENT = 0.7
MIN_SHARED = 6  # trigrams two reports must share before containment counts
SKETCH = 8  # bottom-k sketch size
COMMON = 30  # a sketch value held by more reports than this within the window is boilerplate, not evidence
_STRENGTH = {LinkKind.FORWARD: 3, LinkKind.QUOTE: 2, LinkKind.REWRITE: 1}
_WORD = re.compile(r"\w+")

ReportKey = tuple[float, str, str]
_NAIVE_ZONE = timezone(timedelta(hours=3))  # a time without offset is read as Moscow / Kyiv summer time


@lru_cache(maxsize=1)
def quote_phrases() -> tuple[str, ...]:
    text = resources.files("skyledger.resolve").joinpath("data/quote_phrases.txt").read_text(encoding="utf-8")
    lines = (line.strip().casefold() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def quotes_a_source(text: str) -> bool:
    folded = text.casefold().replace("ё", "е")
    return any(phrase.replace("ё", "е") in folded for phrase in quote_phrases())


def shingles(text: str) -> set[int]:
    """Hashes of the word trigrams of a text (case and ё/е folded), stable across processes."""
    words = _WORD.findall(text.casefold().replace("ё", "е"))
    if len(words) < 3:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + 3]).encode()) for i in range(len(words) - 2)}


def _stamp(report: Report) -> float:
    if report.published is None:
        return float("inf")
    published = report.published
    return (published if published.tzinfo else published.replace(tzinfo=_NAIVE_ZONE)).timestamp()


def _order(report: Report) -> ReportKey:
    return _stamp(report), report.source, report.external_id


def own_claimant(report: Report, claims: Sequence[Claim], sources: Mapping[str, Source] | None = None) -> str | None:
    """The claimant whose own post ``report`` is, or None for a report of someone else's claims."""
    handle = normalise_handle(report.source)
    source = sources.get(handle) if sources is not None else None
    if source is None:
        source = load_registry().lookup(handle)
    if source is not None and source.claimant:
        return source.claimant
    claimants = {claim.claimant for claim in claims}
    if handle.startswith("t.me/") and len(claimants) == 1:
        (only,) = claimants
        if not only.startswith(Role.MEDIA.value + ":"):
            return only
    return None


def _figure(claim: Claim) -> tuple[object, ...]:
    where = claim.place.region or (claim.regions[0] if len(claim.regions) == 1 else None)
    detail: object = claim.count if claim.count is not None else (claim.place.district, claim.place.settlement)
    return claim.claimant, claim.action, claim.weapon_class, where, detail


def _contradicts(a: Sequence[Claim], b: Sequence[Claim]) -> bool:
    """Two reports' claims contradict when they share no figure (whoever they credit it to) while both give some: a
    template with new numbers."""
    first = {_figure(claim)[1:] for claim in a if claim.count is not None}
    second = {_figure(claim)[1:] for claim in b if claim.count is not None}
    return bool(first) and bool(second) and not first & second


class _Links:
    def __init__(self) -> None:
        self.best: dict[tuple[int, int], tuple[LinkKind, float]] = {}

    def add(self, child: int, parent: int, kind: LinkKind, score: float) -> None:
        known = self.best.get((child, parent))
        if known is None or (_STRENGTH[kind], score) > (_STRENGTH[known[0]], known[1]):
            self.best[(child, parent)] = (kind, round(score, 3))


def _forwards(reports: Sequence[Report], links: _Links) -> None:
    by_identity = {(normalise_handle(r.source), r.external_id): r for r in reports if r.id is not None}
    for report in reports:
        if report.forwarded_from and report.id is not None:
            parent = by_identity.get((normalise_handle(report.forwarded_from), report.forwarded_id or ""))
            if parent is not None and parent.id is not None and parent.id != report.id:
                links.add(report.id, parent.id, LinkKind.FORWARD, 1.0)


def _text_links(reports: Sequence[Report], claims_by_report: Mapping[int, Sequence[Claim]], links: _Links) -> None:
    ordered = sorted((r for r in reports if r.id is not None), key=_order)
    sets = {r.id: shingles(r.text) for r in ordered}
    holders: dict[int, deque[Report]] = defaultdict(deque)
    window = TEXT_WINDOW.total_seconds()
    for report in ordered:
        assert report.id is not None
        now = _stamp(report)
        seen: set[int | None] = set()
        for value in heapq.nsmallest(SKETCH, sets[report.id]):
            held = holders[value]
            while held and now - _stamp(held[0]) > window:
                held.popleft()
            if len(held) <= COMMON:
                for earlier in held:
                    if earlier.id not in seen and earlier.source != report.source:
                        seen.add(earlier.id)
                        _compare(report, earlier, sets, claims_by_report, links)
            held.append(report)


def _compare(
    child: Report,
    parent: Report,
    sets: Mapping[int | None, set[int]],
    claims_by_report: Mapping[int, Sequence[Claim]],
    links: _Links,
) -> None:
    assert child.id is not None and parent.id is not None
    if _stamp(child) - _stamp(parent) > TEXT_WINDOW.total_seconds():
        return
    a, b = sets[child.id], sets[parent.id]
    shared = len(a & b)
    if not shared:
        return
    jaccard = shared / len(a | b)
    containment = shared / min(len(a), len(b))
    if jaccard < JACCARD and (containment < CONTAINMENT or shared < MIN_SHARED):
        return
    if _contradicts(claims_by_report.get(child.id, ()), claims_by_report.get(parent.id, ())):
        return
    links.add(child.id, parent.id, LinkKind.REWRITE, max(jaccard, containment))


def _claim_links(
    reports: Sequence[Report],
    claims_by_report: Mapping[int, Sequence[Claim]],
    sources: Mapping[str, Source] | None,
    links: _Links,
) -> None:
    own: dict[str, list[tuple[float, int]]] = defaultdict(list)  # claimant -> (time, report id) of its own posts
    mine: dict[int, str | None] = {}
    figures: dict[int, set[tuple[object, ...]]] = {}
    for report in sorted((r for r in reports if r.id is not None), key=_order):
        assert report.id is not None
        claims = claims_by_report.get(report.id, ())
        mine[report.id] = own_claimant(report, claims, sources)
        figures[report.id] = {_figure(claim) for claim in claims}
        if mine[report.id] is not None:
            own[mine[report.id] or ""].append((_stamp(report), report.id))
    source_of = {report.id: report.source for report in reports}
    for report in reports:
        if report.id is None or report.published is None:
            continue
        quoting = None
        now = _stamp(report)
        for claimant in sorted({claim.claimant for claim in claims_by_report.get(report.id, ())} - {mine[report.id]}):
            wanted = {figure for figure in figures[report.id] if figure[0] == claimant}
            posts = own.get(claimant, [])
            first = bisect.bisect_left(posts, (now - CLAIM_WINDOW.total_seconds(), -1))
            found = False
            for stamp, parent in posts[first : bisect.bisect_right(posts, (now, math.inf))]:
                if parent == report.id or source_of.get(parent) == report.source:
                    continue
                shared = len(wanted & figures[parent])
                if shared:
                    quoting = quotes_a_source(report.text) if quoting is None else quoting
                    kind = LinkKind.QUOTE if quoting else LinkKind.REWRITE
                    links.add(report.id, parent, kind, shared / len(wanted))
                    found = True
                elif now - stamp <= QUOTE_WINDOW.total_seconds() and {f[:4] for f in wanted} & {
                    f[:4] for f in figures[parent]
                }:
                    quoting = quotes_a_source(report.text) if quoting is None else quoting
                    if quoting and not found:
                        links.add(report.id, parent, LinkKind.QUOTE, QUOTE_ONLY_SCORE)


def link_reports(
    reports: Sequence[Report],
    claims_by_report: Mapping[int, Sequence[Claim]],
    sources: Mapping[str, Source] | None = None,
) -> list[ReportLink]:
    """Every provenance link among ``reports`` (which carry ids), strongest kind per (child, parent) pair."""
    links = _Links()
    _forwards(reports, links)
    _text_links(reports, claims_by_report, links)
    _claim_links(reports, claims_by_report, sources, links)
    return [
        ReportLink(child=child, parent=parent, kind=kind, score=score)
        for (child, parent), (kind, score) in sorted(links.best.items())
    ]


def link_claimants(claims: Iterable[Claim]) -> list[ClaimantLink]:
    """One link per (claimant, cited claimant) pair found in the claims' ``cites``."""
    pairs = {(claim.claimant, cited) for claim in claims for cited in claim.cites if cited != claim.claimant}
    return [ClaimantLink(claimant, cited) for claimant, cited in sorted(pairs)]
