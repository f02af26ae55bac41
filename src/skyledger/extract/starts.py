"""Where words start in a text, indexed by their first characters, and expressions tried only there.

A word list or an alternation whose matches can begin only with known characters is tried at the word starts with
those beginnings, found from an index built once per text, instead of at every character of the text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain
from operator import itemgetter

from skyledger.extract.heads import WORD_START


@lru_cache(maxsize=64)
def word_starts(text: str) -> list[int]:
    """Where words (or an opening quote or bracket before one) start in ``text``; shared by every alternation.

    Read it, do not change it: the list is cached."""
    return [match.start() for match in WORD_START.finditer(text)]


@lru_cache(maxsize=64)
def head_index(text: str) -> dict[str, list[int]]:
    """The word starts of ``text`` (``word_starts``) by the word's first two characters, each list in order.

    Read it, do not change it: the index is cached."""
    index: dict[str, list[int]] = {}
    for at in word_starts(text):
        index.setdefault(text[at : at + 2], []).append(at)
    return index


Triples = tuple[frozenset[str], frozenset[str]]  # what list_triples finds


def matches_by_heads(
    text: str,
    buckets: dict[str, re.Pattern[str]],
    heads: frozenset[str],
    firsts: frozenset[str] = frozenset(),
    triples: Triples | None = None,
    empty: bool = False,
) -> list[re.Match[str]]:
    """The matches from the left, without overlaps, of ``buckets`` (an expression per first character) tried at the
    starts ``starts_among`` finds, head by head (no list of starts to sort); of the matches sorted by start, one that
    begins inside the one kept before is dropped, as is an empty one unless ``empty``."""
    index = head_index(text)
    present = index.keys() & heads if len(heads) < len(index) else heads.intersection(index)
    if firsts:
        present = present.union([head for head in index if head[0] in firsts])
    three, short = triples or (frozenset(), frozenset())
    found = []
    for head in present:
        bucket = buckets.get(head[0])
        if bucket is None:
            continue
        every = triples is None or head in short
        for at in index[head]:
            if not (every or text[at : at + 3] in three):
                continue
            match = bucket.match(text, at)
            if match is not None and (empty or match.end() > at):
                found.append((at, match))
    if len(found) > 1:
        found.sort(key=itemgetter(0))  # by start (each start is under one head)
    out = []
    position = 0
    for at, match in found:
        if at >= position:
            out.append(match)
            position = match.end()
    return out


def starts_among(
    text: str, heads: frozenset[str], firsts: frozenset[str] = frozenset(), triples: Triples | None = None
) -> list[int]:
    """The word starts of ``text`` whose first two characters are one of ``heads`` or whose first is in ``firsts``,
    in order: where a list whose matches begin so can match (trying only these is much cheaper than scanning the
    text). With ``triples`` (``heads`` as three characters, and the heads of patterns that may match fewer), only
    the starts with one of those: testing a start against a set is much cheaper than trying an expression there.
    Read the list, do not change it (it may be the cached index's)."""
    index = head_index(text)
    # the smaller of the two is the one gone through (a long text has many heads, a list may have few)
    present = index.keys() & heads if len(heads) < len(index) else heads.intersection(index)
    if firsts:
        present = present.union([head for head in index if head[0] in firsts])
    if len(present) <= 1:
        starts = index[next(iter(present))] if present else []
    else:
        starts = sorted(chain.from_iterable([index[head] for head in present]))
    if triples is None or not starts:
        return starts
    three, short = triples
    if short:
        return [at for at in starts if text[at : at + 3] in three or text[at : at + 2] in short]
    return [at for at in starts if text[at : at + 3] in three]


def matches_at(compiled: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """The matches of ``compiled`` from the left, without overlaps, when it can only match at ``starts`` (what its
    ``finditer`` finds: every other position fails)."""
    out = []
    position = 0
    match = compiled.match
    for at in starts:
        if at >= position and (found := match(text, at)) is not None:
            out.append(found)
            position = found.end()
    return out
