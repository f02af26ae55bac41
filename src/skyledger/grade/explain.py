"""The one-sentence explanation of a grade."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from skyledger.grade.figures import ACTION_ORDER, Key, headline
from skyledger.grade.sources import is_media
from skyledger.model import (
    Action,
    ClaimantFigure,
    CountQualifier,
    WeaponClass,
)

_NUMBERS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")
_NOUNS = {
    WeaponClass.UAV: ("UAV", "UAVs"),
    WeaponClass.CRUISE_MISSILE: ("cruise missile", "cruise missiles"),
    WeaponClass.BALLISTIC_MISSILE: ("ballistic missile", "ballistic missiles"),
    WeaponClass.GUIDED_BOMB: ("guided bomb", "guided bombs"),
    WeaponClass.ROCKET: ("rocket", "rockets"),
    WeaponClass.AIRCRAFT: ("aircraft", "aircraft"),
    WeaponClass.MISSILE: ("missile", "missiles"),
    WeaponClass.OTHER: ("weapon", "weapons"),
}


def _say(figure: ClaimantFigure | None, key: Key) -> str:
    action, weapon = key
    singular, plural = _NOUNS[weapon]
    count = figure.count if figure is not None else None
    qualifier = {CountQualifier.AT_LEAST: "at least ", CountQualifier.APPROXIMATE: "about "}.get(
        figure.count_qualifier if figure is not None else CountQualifier.UNSPECIFIED, ""
    )
    if action is Action.IMPACT:
        noun = f"{singular} impact" + ("" if count == 1 else "s")
        return f"{qualifier}{count} {noun}" if count is not None else f"{noun} (no count given)"
    if count is None:
        return f"{plural} {action.value} (no count given)"
    return f"{qualifier}{count} {singular if count == 1 else plural} {action.value}"


def _count_text(figure: ClaimantFigure) -> str:
    prefix = {CountQualifier.AT_LEAST: "at least ", CountQualifier.APPROXIMATE: "about "}.get(
        figure.count_qualifier, ""
    )
    return f"{prefix}{figure.count}" if figure.count is not None else "no count"


def _number(value: int, noun: str) -> str:
    word = _NUMBERS[value] if value < len(_NUMBERS) else str(value)
    return f"{word} {noun}{'' if value == 1 else 's'}"


def _outcomes_text(differ: Mapping[str, Mapping[str, int | str]]) -> str:
    """ "on injured (a: 0, b: 2) and damage (a: none, b: reported)" for the outcomes claimants state differently."""
    parts = [
        f"{name} ({', '.join(f'{claimant}: {value}' for claimant, value in stated.items())})"
        for name, stated in differ.items()
    ]
    return "on " + " and ".join(parts)


def explain(
    roots: Mapping[str, set[str]],
    figures: Sequence[ClaimantFigure],
    clash: Mapping[Key, list[ClaimantFigure]],
    reports: int,
    differ: Mapping[str, Mapping[str, int | str]] | None = None,
) -> str:
    """One sentence: who stands behind the event, what they agree or disagree on, how many reports carry it."""
    tail = f"{reports} report{'' if reports == 1 else 's'} in all."
    if not roots:
        return f"No claimant can be identified; {tail}"
    names = ", ".join(sorted(roots))
    citers = {claimant for root, claimants in roots.items() for claimant in claimants if claimant != root}
    cited = sorted(c for c in citers if c not in roots and not is_media(c))
    via = f", cited by {', '.join(cited)}" if cited else ""
    who = f"{_number(len(roots), 'independent source' if len(roots) > 1 else 'source')} ({names}{via})"
    outcomes = _outcomes_text(differ) if differ else ""
    if clash:
        worst = min(clash, key=lambda k: (ACTION_ORDER.index(k[0]), list(WeaponClass).index(k[1])))
        parts = ", ".join(f"{f.claimant}: {_count_text(f)}" for f in clash[worst])
        what = _say(None, worst).replace(" (no count given)", "")
        also = f" and {outcomes[3:]}" if outcomes else ""
        return f"{who} disagree on {what} ({parts}){also}; {tail}"
    key = headline(figures)
    if key is None:
        return f"{who} disagree {outcomes}; {tail}" if outcomes else f"{who}; {tail}"
    on_key = [f for f in figures if (f.action, f.weapon_class) == key]
    top = max(on_key, key=lambda f: (f.count is not None, len(f.report_ids)))
    counted = {f.claimant for f in on_key if f.count is not None}
    agreeing = {root for root, claimants in roots.items() if claimants & counted}
    verb = "agree on" if len(agreeing) > 1 else ("report" if len(roots) > 1 else "reports")
    but = f" but disagree {outcomes}" if outcomes else ""
    return f"{who} {verb} {_say(top, key)}{but}; {tail}"
