"""What every match of a pattern must begin with or contain, for cheap tests before a scan: the first characters and
first two or three characters a match can begin with (a word list is tried only at the word starts that begin so),
the literal text each match begins with, the plain text a match must contain (a pattern whose literal the text lacks
can be left out of a scan), and the most characters a match can span. All of it read from the stdlib's
regular-expression parser, in one place (``_parse``)."""

from __future__ import annotations

import re
from typing import Any

_parser = re._parser  # type: ignore[attr-defined]
WORD_START = re.compile(r"(?<![\w-])[\w\"«(-]")  # where a word can begin (lexicon.word_starts)
MAX_HEADS = 4000  # a pattern with more possible beginnings is not worth a set


def _parse(pattern: str, *, plain: bool = True) -> Any:
    """The parsed form of ``pattern``; None when it is not a valid expression or, with ``plain``, when it is
    case-insensitive or verbose (its literal characters would not be what a match contains)."""
    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return None
    if plain and parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    return parsed


def list_heads(patterns: list[str]) -> frozenset[str] | None:
    """Every two-character text a match of one of ``patterns`` can begin with; None when that cannot be told simply,
    when a match can be shorter than two characters, or when one can begin where no word begins."""
    out: set[str] = set()
    for pattern in patterns:
        parsed = _parse(pattern)
        if parsed is None:
            return None
        found = _heads(list(parsed.data), 2, 0)
        if found is None or not all(WORD_START.fullmatch(head[0]) for head in found):
            return None
        out |= found
    return frozenset(out)


def list_triples(patterns: list[str]) -> tuple[frozenset[str], frozenset[str]] | None:
    """Beyond ``list_heads``: every three-character text a match of one of ``patterns`` can begin with, and the heads
    of the patterns whose matches may be shorter (or whose beginnings are too many to list); None as ``list_heads``."""
    triples: set[str] = set()
    short: set[str] = set()
    for pattern in patterns:
        heads = list_heads([pattern])
        if heads is None:
            return None
        found = _heads(list(_parse(pattern).data), 3, 0)
        if found is None:
            short |= heads
        else:
            triples |= found
    return frozenset(triples), frozenset(short)


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


def required_literals(patterns: list[str]) -> list[str] | None:
    """Per pattern, the longest plain text every match of it contains ("назад" of "(?:\\w+ )?назад"; "" when it has
    none). None when leaving patterns out would not pay: no pattern opens with a repeat (those are the slow ones to
    try at every position), or it could change a match (case-insensitive, or groups that callers may read)."""
    out = []
    opens_with_repeat = False
    for pattern in patterns:
        parsed = _parse(pattern)
        if parsed is None or parsed.state.groups > 1:
            return None
        items = list(parsed.data)
        opens_with_repeat = opens_with_repeat or bool(items and str(items[0][0]) in ("MAX_REPEAT", "MIN_REPEAT"))
        out.append(longest_literal(pattern))
    return out if opens_with_repeat else None


def longest_literal(pattern: str) -> str:
    """The longest run of plain characters at the top level of ``pattern`` (every match contains it); "" when none
    or when the pattern cannot be read simply (case-insensitive)."""
    parsed = _parse(pattern)
    if parsed is None:
        return ""
    best, run = "", []
    for op, value in [*parsed.data, (None, None)]:
        if str(op) == "LITERAL":
            run.append(chr(value))
            continue
        words = _plain_branches(op, value)  # "(?:последующие|следующие)": "ледующие" is in every match
        if words and len(words) > 1:
            run += _common(words, 1)
        if len(run) > len(best):
            best = "".join(run)
        run = _common(words, -1) if words and len(words) > 1 else []
    return best


def _plain_branches(op: Any, value: Any) -> list[str] | None:
    """The texts of a group of plain alternatives ("(?:месяцы|недели)"), or None."""
    if str(op) == "SUBPATTERN" and not value[1] and not value[2] and len(value[-1]) == 1:
        op, value = list(value[-1])[0]
    if str(op) != "BRANCH":
        return None
    words = []
    for branch in value[1]:
        if not all(str(kind) == "LITERAL" for kind, _ in branch):
            return None
        words.append("".join(chr(code) for _, code in branch))
    return words


def _common(words: list[str], direction: int) -> list[str]:
    """The characters all ``words`` begin with (direction 1) or end with (-1), in text order."""
    ordered = words if direction == 1 else [word[::-1] for word in words]
    out = []
    for chars in zip(*ordered, strict=False):
        if len(set(chars)) != 1:
            break
        out.append(chars[0])
    return out if direction == 1 else out[::-1]


def literal_prefixes(patterns: list[str]) -> tuple[str, ...] | None:
    """The literal text every match of each pattern begins with ("ноч" of "ночь|ночью"), shortest first and none
    that starts with another; None when some pattern begins with no literal (a class, a group, an optional letter)."""
    prefixes: set[str] = set()
    for pattern in patterns:
        parsed = _parse(pattern)
        if parsed is None:
            return None
        chars = []
        for op, value in parsed.data:
            if str(op) != "LITERAL":
                break
            chars.append(chr(value))
        if not chars:
            return None
        prefixes.add("".join(chars))
    kept: list[str] = []
    for prefix in sorted(prefixes, key=len):
        if not any(prefix.startswith(shorter) for shorter in kept):
            kept.append(prefix)
    return tuple(kept)


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or None when that cannot be told simply."""
    parsed = _parse(pattern, plain=False)
    return None if parsed is None else _firsts(list(parsed))


def _firsts(items: list[Any]) -> frozenset[str] | None:
    if not items:
        return None
    op, value = items[0]
    name = str(op)
    if name == "LITERAL":
        return frozenset({chr(value), chr(value).lower(), chr(value).upper()})
    if name == "IN":
        chars = _chars(name, value)
        return None if chars is None else frozenset(chars)
    if name == "BRANCH":
        out: set[str] = set()
        for branch in value[1]:
            firsts = _firsts(list(branch))
            if firsts is None:
                return None
            out |= firsts
        return frozenset(out)
    if name == "SUBPATTERN":
        inner = _firsts(list(value[-1]))
        if inner is None:
            return None
        return inner
    if name in ("MAX_REPEAT", "MIN_REPEAT"):
        low, _, sub = value
        inner = _firsts(list(sub))
        if inner is None:
            return None
        if low == 0:
            rest = _firsts(items[1:])
            return None if rest is None else inner | rest
        return inner
    return None


def max_width(pattern: str) -> int:
    """The most characters a match of ``pattern`` can span."""
    parsed = _parse(pattern, plain=False)
    if parsed is None:
        raise ValueError(f"not a regular expression: {pattern!r}")
    return int(parsed.getwidth()[1])
