"""The first two characters a match of a pattern can begin with, and the two-character beginnings of a text's words:
when a word list's beginnings and a text's share none, no word of the list is in the text (a set test, no scan)."""

from __future__ import annotations

import re
from typing import Any

_parser = re._parser  # type: ignore[attr-defined]
_WORD_START = re.compile(r"(?<![\w-])[\w\"«(-]")  # as lexicon.word_starts
MAX_HEADS = 4000  # a pattern with more possible beginnings is not worth a set


def list_heads(patterns: list[str]) -> frozenset[str] | None:
    """Every two-character text a match of one of ``patterns`` can begin with; None when that cannot be told simply,
    when a match can be shorter than two characters, or when one can begin where no word begins."""
    out: set[str] = set()
    for pattern in patterns:
        try:
            parsed = _parser.parse(pattern)
        except re.error:
            return None
        if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
            return None
        found = _heads(list(parsed.data), 2, 0)
        if found is None or not all(_WORD_START.fullmatch(head[0]) for head in found):
            return None
        out |= found
    return frozenset(out)


def _chars(op: str, value: Any) -> set[str] | None:
    """The characters one item matches, or None (a category such as \\w, a negated set, a wide range)."""
    if op == "LITERAL":
        return {chr(value)}
    if op != "IN":
        return None
    chars: set[str] = set()
    for kind, item in value:
        if str(kind) == "LITERAL":
            chars.add(chr(item))
        elif str(kind) == "RANGE" and item[1] - item[0] < 200:
            chars.update(chr(code) for code in range(item[0], item[1] + 1))
        else:
            return None
    return chars


def _heads(items: list[Any], size: int, depth: int) -> set[str] | None:
    """The possible first ``size`` characters of a match of the item sequence ``items``."""
    if size == 0:
        return {""}
    if not items or depth > 12:
        return None  # the match may end here, shorter than ``size`` (or the pattern is too deep to follow)
    op, value = items[0]
    name, rest = str(op), items[1:]
    if name in ("LITERAL", "IN"):
        chars = _chars(name, value)
        tails = _heads(rest, size - 1, depth + 1) if chars is not None else None
        return None if chars is None or tails is None else _limit({c + t for c in chars for t in tails})
    if name == "SUBPATTERN":
        if value[1] & re.IGNORECASE:
            return None
        return _heads(list(value[-1]) + rest, size, depth + 1)
    if name == "BRANCH":
        out: set[str] = set()
        for branch in value[1]:
            found = _heads(list(branch) + rest, size, depth + 1)
            if found is None:
                return None
            out |= found
        return _limit(out)
    if name in ("MAX_REPEAT", "MIN_REPEAT"):
        low, high, sub = value
        if high == 0:
            return _heads(rest, size, depth + 1)
        found = _heads(list(sub) + [(op, (max(0, low - 1), high - 1, sub))] + rest, size, depth + 1)
        if low > 0 or found is None:
            return found
        skipped = _heads(rest, size, depth + 1)
        return None if skipped is None else _limit(found | skipped)
    return None


def _limit(heads: set[str]) -> set[str] | None:
    return heads if len(heads) <= MAX_HEADS else None
