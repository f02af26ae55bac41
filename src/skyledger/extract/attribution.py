"""Who asserts a claim: the source's owner, the speakers named in the text, and whom they cite.

A speaker is a title or body ("губернатор Брянской области", "the Defence Ministry", "Повітряні сили") or a known
official's surname; its jurisdiction is a fixed code, a country read from the words around it, or the place named
beside it. A speaker right after a citing phrase ("по данным", "according to", "citing") is cited, not speaking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from skyledger.extract import places
from skyledger.extract.actions import marker
from skyledger.extract.lexicon import LANGUAGES, Words, alternation, compile_words, merged_list, read
from skyledger.extract.places import PlaceHit
from skyledger.model import Role, Source

CITY_REGIONS = frozenset({"RU-MOW", "RU-SPE", "UA-30", "UA-40"})  # a mayor there heads a first-level region
_COUNTRY_WORDS = (
    (re.compile(r"росси|рф\b|российск|russia|росі|moscow|москв|кремл"), "RU"),
    (re.compile(r"украин|україн|ukrain|всу\b|зсу\b|киев|київ|kyiv"), "UA"),
)
_IMMEDIATE = re.compile(r"\s*(?:of\s+)?\w*")  # the word right after a title: "Воздушные силы Украины"
_TLD_COUNTRY = {"ru": "RU", "ua": "UA", "by": "BY", "uk": "GB", "de": "DE", "fr": "FR", "pl": "PL", "kz": "KZ"}


@dataclass(frozen=True, slots=True)
class Speaker:
    start: int
    end: int
    claimant: str
    cited: bool = False


@dataclass(frozen=True, slots=True)
class _Tables:
    speakers: object
    names: tuple[tuple[re.Pattern[str], str], ...]
    names_any: Words
    cite_tail: re.Pattern[str]
    speech: Words
    handles: tuple[tuple[re.Pattern[str], str], ...]


@lru_cache(maxsize=1)
def tables() -> _Tables:
    entries: list[tuple[dict[str, object], list[str], list[str]]] = []
    names: list[tuple[str, str]] = []
    handles: list[tuple[str, str]] = []
    for language in LANGUAGES:
        data = read(language, "attribution")
        for item in data.get("speaker", []):
            attrs = {"role": item["role"], "jurisdiction": item["jurisdiction"], "default": item.get("default")}
            entries.append((attrs, list(item["patterns"]), []))
        names += list(data.get("names", {}).items())
        handles += list(data.get("handles", {}).items())
    origin = "skyledger/extract/data/*/attribution.toml"
    cites = merged_list("attribution", "patterns", "cite")
    return _Tables(
        speakers=alternation(entries, origin),
        names=tuple((re.compile(f"(?:{pattern})$"), claimant) for pattern, claimant in names),
        names_any=compile_words([pattern for pattern, _ in names], origin),
        cite_tail=re.compile(r"(?<![\w-])(?:" + "|".join(cites) + r")\s+(?:\w+\s+){0,2}$"),
        speech=compile_words(merged_list("attribution", "patterns", "speech"), origin),
        handles=tuple((re.compile(pattern), claimant) for pattern, claimant in handles),
    )


def owner_claimant(source: Source | None, handle: str, report_region: str | None) -> str | None:
    """The claimant a channel speaks for: the registry's, else one read from the handle of a Telegram channel."""
    if source is not None and source.claimant:
        return source.claimant
    if not handle.startswith("t.me/"):
        return None
    name = handle[5:]
    for pattern, claimant in tables().handles:
        if pattern.search(name):
            if ":" in claimant:
                return claimant
            region = _handle_region(name) or report_region
            return _authority(claimant, region) if region else None
    return None


def _handle_region(name: str) -> str | None:
    """The region a channel's handle names: a city's for "mayor_moscow" / "kyiv_city_mva", else the region's."""
    words = [word for word in re.split(r"[_\d]+", name) if len(word) > 2]
    city = compile_words(merged_list("attribution", "patterns", "handle_city"), "attribution.toml")
    towns = [places.settlement_region(word.capitalize()) for word in words if not city.fullmatch(word)]
    if any(city.fullmatch(word) for word in words) and any(towns):
        return next(code for code in towns if code)
    return places.region_of_words(" ".join(words)) or next((code for code in towns if code), None)


def media_claimant(source: Source | None, handle: str) -> str:
    """``media:<outlet country>``: the registry's country, else the country of the domain, else XX."""
    if source is not None and source.country:
        return f"media:{source.country}"
    tld = handle.rsplit(".", 1)[-1] if "." in handle and not handle.startswith("t.me/") else ""
    return f"media:{_TLD_COUNTRY.get(tld, 'XX')}"


def _authority(role: str, region: str) -> str:
    if role == Role.LOCAL_AUTHORITY.value and region in CITY_REGIONS:
        role = Role.REGIONAL_AUTHORITY.value
    return f"{role}:{region}"


def find_speakers(norm: str, hits: list[PlaceHit], report_region: str | None) -> list[Speaker]:
    """Speakers named in the normalised text, each resolved to a claimant string."""
    table = tables()
    out: list[Speaker] = []
    lex = table.speakers
    for match in lex.finditer(norm):  # type: ignore[attr-defined]
        attrs = lex.entry_of(match).attrs  # type: ignore[attr-defined]
        if _possessed(norm, match.start()):
            continue
        claimant = _resolve(norm, match, attrs, hits, report_region)
        if claimant:
            out.append(Speaker(match.start(), match.end(), claimant, _cited(norm, match.start())))
    named: list[Speaker] = []
    for match in table.names_any.finditer(norm):
        for pattern, claimant in table.names:
            if pattern.match(match.group(0)):
                named.append(Speaker(match.start(), match.end(), claimant, _cited(norm, match.start())))
                break
    if named:  # "Mayor Sergei Sobyanin", "губернатор Вячеслав Гладков": the official known by name speaks
        out = [s for s in out if not any(_titles(norm, s, name) for name in named)]
    out += named
    out.sort(key=lambda speaker: speaker.start)
    return out


def _titles(norm: str, title: Speaker, name: Speaker) -> bool:
    """Whether ``title`` is the title of the official ``name`` right after it, or in apposition right after the name
    ("Oleh Kiper, the head of the regional military administration")."""
    if 0 <= name.start - title.end <= 25:
        return not re.search(r"[.,;:]", norm[title.end : name.start])
    return 0 <= title.start - name.end <= 8 and bool(re.fullmatch(r",\s*(?:the\s+)?", norm[name.end : title.start]))


def _possessed(norm: str, start: int) -> bool:
    """ "силами ПВО Минобороны": the ministry owns the air defence here, it does not speak."""
    before = norm[max(0, start - 30) : start]
    return bool(
        re.search(r"(?:пво|ппо|рэб|реб|сил(?:ами|ы)|средствами|подразделени\w*|units|defen[cs]es?)\s*$", before)
    )


def _cited(norm: str, start: int) -> bool:
    return bool(tables().cite_tail.search(norm[max(0, start - 40) : start]))


def _resolve(
    norm: str, match: re.Match[str], attrs: dict[str, object], hits: list[PlaceHit], report_region: str | None
) -> str | None:
    role, jurisdiction = str(attrs["role"]), str(attrs["jurisdiction"])
    if jurisdiction == "country":
        following = _IMMEDIATE.match(norm, match.end())
        inside_or_after = norm[match.start() : match.end()] + (following.group(0) if following else "")
        for window in (inside_or_after, norm[max(0, match.start() - 15) : match.start()]):
            for pattern, country in _COUNTRY_WORDS:
                if pattern.search(window):
                    return f"{role}:{country}"
        return f"{role}:{attrs['default']}"
    if jurisdiction == "place":
        hit = _place_beside(norm, match, hits)
        region = hit.place.region if hit is not None else report_region
        if hit is not None and role == Role.LOCAL_AUTHORITY.value and hit.level == "region":
            # "Moscow's mayor": the city, not the region around it
            name = re.sub(r"'s$", "", norm[hit.start : hit.end]).capitalize()
            region = places.settlement_region(name) or region
        return _authority(role, region) if region else None
    return f"{role}:{jurisdiction}"


def _place_beside(norm: str, match: re.Match[str], hits: list[PlaceHit]) -> PlaceHit | None:
    """The place named right after a title ("губернатор Брянской области") or right before it ("Kursk governor",
    "In Belgorod, the governor said")."""
    after = [h for h in hits if 0 <= h.start - match.end() <= 30 and h.place.region]
    if after and not re.search(r"[.,;:]", norm[match.end() : after[0].start]):
        return after[0]
    before = [h for h in hits if 0 <= match.start() - h.end <= 22 and h.place.region]
    if before and re.fullmatch(r"(?:[^.,;:]*|,\s*(?:the\s+)?)", norm[before[-1].end : match.start()]):
        return before[-1]
    inside = [h for h in hits if match.start() <= h.start < match.end() and h.place.region]
    return inside[0] if inside else None


def has_speech(norm: str, start: int, end: int) -> bool:
    return bool(tables().speech.search(norm, start, end))


def ad_before(norm: str, start: int) -> bool:
    return bool(marker("ad").search(norm[max(0, start - 30) : start]))
