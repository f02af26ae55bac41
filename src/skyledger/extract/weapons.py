"""Weapons: munition nouns and model names, merged into mentions with a class, a model and a grammatical number.

"ударними БпЛА типу Shahed" -> one mention (uav, Shahed); "крылатые ракеты Х-101" -> (cruise_missile, Kh-101);
"9 «шахедів»" -> (uav, Shahed). Sea drones are recognised as out of scope so that "дрон" inside them claims nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from skyledger.extract.lexicon import LANGUAGES, Alternation, Entry, alternation, read
from skyledger.model import WeaponClass

OUT_OF_SCOPE = "out_of_scope"
SKIP = "skip"
_SPECIFICITY = {WeaponClass.MISSILE: 1, WeaponClass.OTHER: 0}
# words that may stand between a munition noun and its model name: "ракеты типа", "РСЗО", "производства США"
_FILLER = re.compile(
    r'^[\s"(-]*(?:(?:типа|типу|type|класса|комплекса|системы залпового огня|рсзо|рсзв|трк|зрк|пво|ппо|'
    r"модели|моделі|model|системи залпового вогню|производства \w+|виробництва \w+|-type|of the)[\s\"(),-]*)*$"
)
_BRIDGE = re.compile(r"^[\s\"'(-]*(?:[\w-]+[\s\"'-]+){0,2}$")


@dataclass(frozen=True, slots=True)
class WeaponMention:
    start: int
    end: int
    weapon_class: str  # a WeaponClass value, or "out_of_scope"
    model: str | None
    singular: bool = False
    has_noun: bool = True  # False for a bare model name with no munition noun ("РСЗО «Вампир»")
    launcher: bool = False  # a launch system's name alone ("из РСЗО «Вампир»"): no count of munitions
    modifier: bool = False  # qualifies another noun ("a drone attack"): its class, never a count

    @property
    def in_scope(self) -> bool:
        return self.weapon_class != OUT_OF_SCOPE


@lru_cache(maxsize=1)
def lexicon() -> Alternation:
    entries: list[tuple[dict[str, object], list[str], list[str]]] = []
    for language in LANGUAGES:
        for item in read(language, "weapons").get("weapon", []):
            attrs = {"class": item.get("class"), "model": item.get("model"), "launcher": bool(item.get("launcher"))}
            entries.append((attrs, list(item.get("patterns", [])), list(item.get("singular", []))))
    # skips and out-of-scope words first, then models, then the generic nouns in file order
    entries.sort(key=lambda entry: (entry[0]["class"] not in (SKIP, OUT_OF_SCOPE), entry[0]["model"] is None))
    return alternation(entries, "skyledger/extract/data/*/weapons.toml")


def _mention(entry: Entry, match: re.Match[str], text: str) -> WeaponMention | None:
    """The mention ``match`` makes, flags read from its neighbours; None for a skip word or the means of defence."""
    cls = str(entry.attrs["class"])
    start, end = match.span()
    if cls == SKIP or _is_agent(text, start, end):
        return None
    singular = bool(entry.singular and entry.singular.fullmatch(match.group(0))) or _grammatical_singular(
        text, start, end
    )
    modifier = _used_as_modifier(text, end)
    model = entry.attrs.get("model")
    launcher = bool(entry.attrs.get("launcher"))
    model_name = str(model) if model else None
    return WeaponMention(start, end, cls, model_name, singular and not modifier, model is None, launcher, modifier)


def _specific(a: str, b: str) -> str:
    """The more specific of two classes: a named class beats "missile", which beats "other"."""
    return a if _SPECIFICITY.get(WeaponClass(a), 2) >= _SPECIFICITY.get(WeaponClass(b), 2) else b


def _merge(first: WeaponMention, second: WeaponMention, text: str) -> WeaponMention | None:
    """Join a munition noun and the model name beside it into one mention, or None when they stay apart."""
    if not (first.in_scope and second.in_scope) or first.has_noun == second.has_noun:
        return None
    gap = text[first.end : second.start]
    noun, name = (first, second) if first.has_noun else (second, first)
    if noun is first and not _FILLER.match(gap) and not (len(gap) <= 40 and _BRIDGE.match(gap) and "," not in gap):
        return None
    if noun is second and not _BRIDGE.match(gap):
        return None
    # "балістичні ракети С-400": the noun's specific class wins over the model's generic one
    generic = (name.weapon_class, WeaponClass.MISSILE.value, WeaponClass.OTHER.value)
    if noun.weapon_class not in generic and name.weapon_class != WeaponClass.MISSILE.value:
        return None
    cls = _specific(noun.weapon_class, name.weapon_class)
    return WeaponMention(first.start, second.end, cls, name.model, noun.singular, True, False)


@lru_cache(maxsize=1)
def _number_words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    before, after, every = [], [], []
    for language in LANGUAGES:
        data = read(language, "weapons").get("number", {})
        before.append(data.get("singular_before", "(?!)"))
        after.append(data.get("singular_after", "(?!)"))
        every += data.get("all", [])
    return (
        # "(?<!\w)": only for speed (a match inside a word extends to the word's start; callers ask yes or no)
        re.compile(r"(?<!\w)\w{2,}(?:" + "|".join(before) + r")\s+$"),
        re.compile(r"^\s+(?:" + "|".join(after) + r")(?!\w)"),
        re.compile(r"(?<!\w)(?:" + "|".join(every) + r")\s+(?:\w+\s+){0,2}$"),
    )


def _heads(key: str) -> re.Pattern[str]:
    heads = [head for language in LANGUAGES for head in read(language, "weapons").get("number", {}).get(key, [])]
    return re.compile(r"[\s-]+(?:" + "|".join(heads or ["(?!)"]) + r")(?!\w)")  # used with match(text, pos)


@lru_cache(maxsize=1)
def _modifier_heads() -> re.Pattern[str]:
    return _heads("modifier_heads")


@lru_cache(maxsize=1)
def _debris_heads() -> re.Pattern[str]:
    return _heads("debris_heads")


@lru_cache(maxsize=1)
def _attacked_by() -> re.Pattern[str]:
    words = [word for language in LANGUAGES for word in read(language, "weapons").get("number", {}).get("hit_by", [])]
    return re.compile(r"(?<!\w)(?:" + "|".join(words or ["(?!)"]) + r")\s+(?:[\w-]+\s+){0,2}$")


@lru_cache(maxsize=1)
def _agents() -> re.Pattern[str]:
    words = [word for language in LANGUAGES for word in read(language, "weapons").get("number", {}).get("agent", [])]
    return re.compile(r"(?<!\w)(?:" + "|".join(words or ["(?!)"]) + r")\s+(?:(?!пво|ппо|рэб|реб|air)[\w-]+\s+)?$")


def _is_agent(text: str, start: int, end: int) -> bool:
    """ "destroyed by helicopters", "силами истребительной авиации": the means of defence, not a target ("injured by
    falling drone debris" is the attacker's)."""
    agent = _agents().search(text, max(0, start - 40), start)
    if not agent or _debris_heads().match(text, end):
        return False
    return not _attacked_by().search(text, max(0, start - 60), start)  # "hit by a drone"


def _used_as_modifier(text: str, end: int) -> bool:
    """ "a drone attack", "anti-aircraft missile units": the weapon word qualifies another noun."""
    return bool(_modifier_heads().match(text, end))


def _grammatical_singular(text: str, start: int, end: int) -> bool:
    """ "украинский БПЛА", "БпЛА уничтожен": a noun with one form for both numbers, made singular by its neighbours;
    "фрагментов ракеты": a genitive singular after a debris noun (the plural genitive is "ракет")."""
    before, after, _ = _number_words()
    of_one, form = _debris_of_one()
    return bool(
        before.search(text[max(0, start - 30) : start])
        or after.match(text[end : end + 40])
        or (form.fullmatch(text, start, end) and of_one.search(text[max(0, start - 30) : start]))
    )


@lru_cache(maxsize=1)
def _debris_of_one() -> tuple[re.Pattern[str], re.Pattern[str]]:
    before, forms = [], []
    for language in LANGUAGES:
        data = read(language, "weapons").get("number", {})
        before.append(data.get("debris_before", "(?!)"))
        forms.append(data.get("debris_of_one", "(?!)"))
    return re.compile(r"(?<!\w)(?:" + "|".join(before) + r")\s+$"), re.compile("|".join(forms))


def preceded_by_all(text: str, start: int) -> bool:
    """ "все воздушные цели", "all three missiles": the mention sums up what was named before."""
    return bool(_number_words()[2].search(text[max(0, start - 40) : start]))


def find_weapons(text: str) -> list[WeaponMention]:
    """Weapon mentions in the normalised ``text``, in order (out-of-scope ones included, flagged)."""
    lex = lexicon()
    found = [m for match in lex.finditer(text) if (m := _mention(lex.entry_of(match), match, text))]
    for number in range(len(found) - 2, -1, -1):  # "a missile and drone attack": both qualify the attack
        later, mention = found[number + 1], found[number]
        if later.modifier and not mention.modifier and _COORDINATED.fullmatch(text, mention.end, later.start):
            found[number] = replace(mention, singular=False, modifier=True)
    merged: list[WeaponMention] = []
    for mention in found:
        if merged:
            joined = _merge(merged[-1], mention, text)
            if joined is not None and not _has_number_between(text, merged[-1].end, mention.start):
                merged[-1] = joined
                continue
        merged.append(mention)
    return merged


_COORDINATED = re.compile(r"\s*(?:,|and|or|и|или|і|та|й|або)\s*")
_NUMBERISH = re.compile(r"\d|\b(?:и|і|та|and|й|,|;)\b|[,;:.]")


def _has_number_between(text: str, start: int, end: int) -> bool:
    return bool(_NUMBERISH.search(text[start:end]))


def with_model(mention: WeaponMention, model: str | None) -> WeaponMention:
    return replace(mention, model=model)
