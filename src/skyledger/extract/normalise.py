"""Offset-preserving normalisation: the text every recogniser reads has the same length as the report's text.

Lower case, ``ё`` -> ``е``, one apostrophe, one dash, one quote; Markdown emphasis and link targets become spaces.
Because every character maps to exactly one character, a match at ``[start, end)`` in the normalised text is the
evidence span in the original.
"""

from __future__ import annotations

import re

_TABLE = str.maketrans(
    {
        "ё": "е",
        "Ё": "е",
        "’": "'",
        "ʼ": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "–": "-",
        "—": "-",
        "‑": "-",
        "‐": "-",
        "−": "-",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "„": '"',
        "*": " ",
        "_": " ",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\t": " ",
        "\r": " ",
        "#": " ",
    }
)
_REPLACED = {chr(code): str(value) for code, value in _TABLE.items()}
# str.translate looks every character up in a dict; finding the few to replace by one character set is much faster
_TO_REPLACE = re.compile("[" + re.escape("".join(_REPLACED)) + "]")
_LINK_TARGET = re.compile(r"\]\((?:https?://|tg://|mailto:)[^)\s]{0,500}\)")
_BRACKET = re.compile(r"[\[\]]")


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char if len(low := char.lower()) != 1 else low for char in text)


def normalise(text: str) -> str:
    """The matching form of ``text``: same length, lower case, punctuation unified, Markdown blanked."""
    text = _LINK_TARGET.sub(lambda match: " " * len(match.group(0)), text)
    text = _BRACKET.sub(" ", text)
    return _TO_REPLACE.sub(lambda match: _REPLACED[match.group()], _lower(text))
