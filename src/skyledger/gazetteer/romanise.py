"""Romanise Russian and Ukrainian place names for display: BGN/PCGN-like for Russian, KMU 2010 for Ukrainian.

Used where the source data has no English name (Russian postal places, a few districts). Adjectival district
names follow the convention of the corpus and GeoNames' English names: Людиновский -> Lyudinovsky.
"""

from __future__ import annotations

_RU = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "і": "i",
    "ў": "u",
}
_UK = {
    **_RU,
    "г": "h",
    "ґ": "g",
    "е": "e",
    "є": "ie",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "ю": "iu",
    "я": "ia",
    "'": "",
    "’": "",
    "ʼ": "",
}
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_RU_VOWELS = set("аеёиоуыэюяьъ")
_RU_ADJ_ENDINGS = (("ский", "sky"), ("цкий", "tsky"), ("ий", "iy"), ("ый", "yy"))
_UK_LETTERS = set("іїєґ")


def romanise(name: str, language: str | None = None) -> str:
    """Romanise a Cyrillic name; ``language`` "uk" or "ru" (guessed from the letters when None)."""
    if language is None:
        language = "uk" if any(ch in _UK_LETTERS for ch in name.lower()) else "ru"
    parts = name.split("-")
    return "-".join(" ".join(_word(word, language) for word in part.split(" ")) for part in parts)


def _word(word: str, language: str) -> str:
    lower = word.lower()
    if not lower:
        return word
    suffix = ""
    if language == "ru":
        for ending, latin in _RU_ADJ_ENDINGS:
            if lower.endswith(ending) and len(lower) > len(ending) + 1:
                lower, suffix = lower[: -len(ending)], latin
                break
    out: list[str] = []
    for i, ch in enumerate(lower):
        previous = lower[i - 1] if i else ""
        if language == "uk" and ch == "г" and previous == "з":
            out.append("gh")  # KMU 2010: зг -> zgh, never read as ж
        elif language == "uk":
            out.append(_UK_INITIAL[ch] if i == 0 and ch in _UK_INITIAL else _UK.get(ch, ch))
        elif ch == "е" and (i == 0 or previous in _RU_VOWELS):
            out.append("ye")
        else:
            out.append(_RU.get(ch, ch))
    text = "".join(out) + suffix
    return text[:1].upper() + text[1:] if word[:1].isupper() else text
