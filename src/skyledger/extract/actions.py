"""Action words: launched, intercepted (incl. suppressed by electronic warfare), impact; and the markers around them.

Impact words come first in the alternation so that "атаковал автомобиль" (a drone hit a car) beats "атаковал"
(launched) and "не удалось перехватить" (impact) beats "перехват" (intercepted).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from skyledger.extract.lexicon import LANGUAGES, Alternation, Words, alternation, read, word_pattern
from skyledger.model import Action

_ORDER = {Action.IMPACT.value: 0, Action.INTERCEPTED.value: 1, Action.LAUNCHED.value: 2}
_ACTIONS = {action.value: action for action in Action}  # a dictionary look-up is much cheaper than Action(value)
MARKERS = ("ad", "ew", "lost", "hitnoun")


@dataclass(frozen=True, slots=True)
class ActionMention:
    start: int
    end: int
    action: Action
    kind: str  # intercept / destroy / verb / nominal / hit / drop / debris / damage


@lru_cache(maxsize=1)
def lexicon() -> Alternation:
    entries: list[tuple[dict[str, object], list[str], list[str]]] = []
    for language in LANGUAGES:
        for item in read(language, "actions").get("action", []):
            entries.append(({"action": item["action"], "kind": item["kind"]}, list(item["patterns"]), []))
    entries.sort(key=lambda entry: _ORDER[str(entry[0]["action"])])
    return alternation(entries, "skyledger/extract/data/*/actions.toml")


def find_actions(text: str) -> list[ActionMention]:
    """Action words in the normalised ``text``, in order."""
    lex = lexicon()
    out = []
    for match in lex.finditer(text):
        attrs = lex.entry_of(match).attrs
        out.append(ActionMention(match.start(), match.end(), _ACTIONS[str(attrs["action"])], str(attrs["kind"])))
    return out


def marker(name: str) -> Words:
    """The compiled marker ``name`` (one of MARKERS) over all languages."""
    return word_pattern("actions", name, "markers")
