"""Script-insensitive keys for place names and the word tokens of a text.

A *skeleton* maps Russian, Ukrainian and Latin spellings of one name to the same string: consonants are folded into
classes (г/х/h/g/kh, ж/zh, ц/ts/тс, ч/ch, ш/щ/sh/shch), runs of vowels (and й, j, y) become one ``V``, soft signs and
apostrophes vanish and doubled letters collapse. So Жуковский, Жуковський, Zhukovsky and Zhukovskiy share one
skeleton, and so do Харків, Харьков and Kharkiv.

A *base* is the skeleton of a name's nominative form with its final vowel cut. :func:`token_bases` gives the bases an
inflected word may have (Курском -> the base of Курск; Київщиною -> the base of Київщина; Малоярославецким -> the
base of Малоярославецкий), which is all the stemming the gazetteer needs: both sides land on the same key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

KEYS_VERSION = "3"  # bump when skeleton() changes: the bundled settlement keys are computed with it

_VOWEL = "V"
# Latin digraphs first (longest first), then single letters; values are skeleton letters.
_LATIN_MULTI = (
    ("shch", "S"),
    ("sch", "S"),
    ("tch", "C"),
    ("kh", "h"),
    ("zh", "Z"),
    ("ch", "C"),
    ("sh", "S"),
    ("ts", "c"),
    ("tz", "c"),
    ("ph", "f"),
    ("ck", "k"),
)
_LATIN = {
    "a": _VOWEL,
    "e": _VOWEL,
    "i": _VOWEL,
    "o": _VOWEL,
    "u": _VOWEL,
    "y": _VOWEL,
    "j": _VOWEL,
    "b": "b",
    "c": "c",
    "d": "d",
    "f": "f",
    "g": "h",
    "h": "h",
    "k": "k",
    "l": "l",
    "m": "m",
    "n": "n",
    "p": "p",
    "q": "k",
    "r": "r",
    "s": "s",
    "t": "t",
    "v": "v",
    "w": "v",
    "x": "ks",
    "z": "z",
}
_CYRILLIC = {
    "а": _VOWEL,
    "е": _VOWEL,
    "ё": _VOWEL,
    "є": _VOWEL,
    "и": _VOWEL,
    "і": _VOWEL,
    "ї": _VOWEL,
    "й": _VOWEL,
    "о": _VOWEL,
    "у": _VOWEL,
    "ў": _VOWEL,
    "ы": _VOWEL,
    "э": _VOWEL,
    "ю": _VOWEL,
    "я": _VOWEL,
    "ь": "",
    "ъ": "",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "h",
    "х": "h",
    "д": "d",
    "ж": "Z",
    "з": "z",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ф": "f",
    "ц": "c",
    "ч": "C",
    "ш": "S",
    "щ": "S",
}
_DROP = set("'’ʼ`´ʻ‘\u02bc")
# Case endings (in skeleton letters) an inflected word may carry beyond its base: -ом/-ым/-ам, -ами/-ому, -ах/-их,
# -ого/-его, -ов/-ів (genitive plural). A single final vowel is cut from every word anyway.
_ENDINGS = ("VmV", "VhV", "Vm", "Vh", "Vv")
_ALTERNATION = {"z": "h", "c": "k"}  # Ukrainian locative/dative: г->з, к->ц before -і (Кривий Ріг -> Кривому Розі)
_UK_ADJECTIVE = {"zk": "Zsk", "ck": "Csk"}
_FLEETING = re.compile(r"[^V][lnrkc]$")
_LATIN_POSSESSIVE = re.compile(r"['’]s$")
TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")


_MULTI = {**dict(_LATIN_MULTI), "тс": "c"}
_MULTI_RE = re.compile("|".join(sorted(_MULTI, key=len, reverse=True)))
_TABLE = str.maketrans({**_LATIN, **_CYRILLIC, **{ch: "" for ch in _DROP}})
_LEFTOVER = re.compile(r"[^bcdfhklmnprstvzVSZC]+")
_DOUBLE = re.compile(r"(.)\1+")
_ACCENTED = re.compile(r"[\u00c0-\u024f\u0300-\u036f]")


def skeleton(word: str) -> str:
    """The skeleton of one word (no spaces); see the module docstring."""
    text = word.lower()
    if _ACCENTED.search(text):
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch) or ch in "\u0306\u0308")
        text = unicodedata.normalize("NFC", text)
    text = _LATIN_POSSESSIVE.sub("", text)
    text = _MULTI_RE.sub(lambda match: _MULTI[match.group()], text)
    text = _LEFTOVER.sub("", text.translate(_TABLE))
    return _DOUBLE.sub(r"\1", text)


def base(word: str) -> str:
    """The base of a word in its dictionary (nominative) form: its skeleton less a final vowel."""
    return _cut_vowel(skeleton(word))


def _cut_vowel(skel: str) -> str:
    return skel[:-1] if skel.endswith(_VOWEL) and len(skel) > 1 else skel


def _consonants(key: str) -> int:
    return sum(1 for ch in key if ch != _VOWEL)


def token_bases(word: str) -> tuple[str, ...]:
    """The bases an inflected word may stand for, the least stripped first (the empty base for no known letter)."""
    skel = skeleton(word)
    found = [_cut_vowel(skel)]
    if len(word) > 3 and word[-1] in "sS" and word.isascii():  # English plurals: "regions", "districts"
        found.append(base(word[:-1]))
    elif word[-1:] in "іiІ" and len(skel) > 3 and skel[-2] in _ALTERNATION:  # Ріг -> Розі, рука -> руці
        found.append(skel[:-2] + _ALTERNATION[skel[-2]])
    for ending in _ENDINGS:
        if skel.endswith(ending) and _consonants(skel) - _consonants(ending) >= 2:
            stem = skel[: -len(ending)]
            if stem not in found:
                found.append(stem)
    if not word.isascii():  # fleeting vowels: Орёл -> Орла, Елец -> Ельце, Городок -> Городка
        found.extend(key[:-1] + _VOWEL + key[-1] for key in list(found) if _FLEETING.search(key))
        # Ukrainian adjectives of Russian names: Калузький for Калужский, Вигоницький for Выгоничский
        found.extend(key[:-2] + _UK_ADJECTIVE[key[-2:]] for key in list(found) if key[-2:] in _UK_ADJECTIVE)
    return tuple(key for key in found if key) or ("",)  # never empty: a word of unknown letters has the empty base


def name_key(name: str) -> tuple[str, ...]:
    """The key of a multi-word name in its dictionary form: one base per word (hyphens split words)."""
    return tuple(base(word) for word in words(name))


def words(text: str) -> list[str]:
    """The words of a name, split at spaces, hyphens and punctuation."""
    return [match.group() for match in TOKEN_RE.finditer(text)]


def tokenize(text: str) -> Iterator[tuple[int, int, str]]:
    """Word tokens of a text as (start, end, word); hyphenated words come out as their parts."""
    for match in TOKEN_RE.finditer(text):
        yield match.start(), match.end(), match.group()


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def is_latin(word: str) -> bool:
    return word[:1].isascii()


_VOWEL_CLASS = {
    **dict.fromkeys("аяa", "A"),
    **dict.fromkeys("еєэиіїыeiy", "E"),
    **dict.fromkeys("оёo", "O"),
    **dict.fromkeys("уюu", "U"),
}


@lru_cache(maxsize=10_000)
def vowels(word: str) -> str:
    """The classes of a word's vowel sounds in order: Козельским -> OEE, Kyzylsky -> EEE (glides skipped)."""
    lower = word.lower()
    found = []
    for position, char in enumerate(lower):
        if char in "yj" and position + 1 < len(lower) and lower[position + 1] in "aeiou":
            continue
        vowel = _VOWEL_CLASS.get(char)
        if vowel:
            found.append(vowel)
    return "".join(found)


def vowel_agreement(one: str, other: str) -> int:
    """How many leading vowel sounds two spellings share: tells Козельский from Кизильский, which skeletons cannot."""
    first, second = vowels(one), vowels(other)
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


@lru_cache(maxsize=100_000)
def first_vowel(word: str) -> str | None:
    """The class (A, E, O, U) of a word's first vowel sound: Улица -> U, Yelets -> E, Брянск and Bryansk -> A.

    The skeleton folds vowels away; this tells "Улица" from "Елец" when nothing else in the text can."""
    lower = word.lower()
    for position, char in enumerate(lower):
        if char in "yj" and position + 1 < len(lower) and lower[position + 1] in "aeiou":
            continue  # a glide: the vowel after it counts (Yelets, Bryansk, Yaroslavl)
        found = _VOWEL_CLASS.get(char)
        if found:
            return found
    return None
