"""The time window of a claim, resolved against the report's publication time and the region's time zone.

"около 00:30" -> that minute; "в период с 23.00 мск 13 мая до 7.00 мск 14 мая" -> those hours (Moscow time);
"этой ночью" / "overnight" / "у ніч на 24 лютого" -> the night before publication; "сегодня" / "today" -> the day;
otherwise the day before publication, with precision unknown. Times are not scored but must be sensible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import cache, lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from skyledger.extract import places
from skyledger.extract.heads import literal_prefixes
from skyledger.extract.lexicon import LANGUAGES, merged_list, read, word_pattern
from skyledger.model import TimePrecision, TimeWindow

if TYPE_CHECKING:
    from skyledger.extract.context import ReportContext

_CLOCK = r"([01]?\d|2[0-3])[.:]([0-5]\d)"
_RANGE = re.compile(
    r"(?:с|з|from|between)\s+"
    + _CLOCK
    + r"(\s*(?:мск|msk|moscow time))?[^.;]{0,30}?\s(?:до|по|to|and|-)\s+"
    + _CLOCK
    + r"(\s*(?:мск|msk|moscow time))?"
)
_AT = re.compile(
    r"(?:около|примерно|в|о|об|близько|близько о|at|around|at about|about|на)\s+"
    + _CLOCK
    + r"(?!\d)(\s*(?:мск|msk|moscow time|по москов\w+ времени))?"
)
_CLOCKISH = re.compile(r"\d[.:]\d")  # every _CLOCK contains this: without it neither _RANGE nor _AT can match
_MOSCOW = ZoneInfo("Europe/Moscow")


def _zone(region: str | None, published: datetime) -> timezone | ZoneInfo:
    name = places.timezone(region) if region else None
    if name:
        try:
            return ZoneInfo(name)
        except (KeyError, ValueError):
            pass
    return published.tzinfo if isinstance(published.tzinfo, timezone | ZoneInfo) else UTC


def _at(day: datetime, hour: int, minute: int, zone: timezone | ZoneInfo, published: datetime) -> datetime:
    moment = datetime.combine(day.date(), time(hour, minute), tzinfo=zone)
    return moment - timedelta(days=1) if moment > published + timedelta(minutes=30) else moment


_JOINED = re.compile(r"[\w-]")  # a character after which no word starts (lexicon.word_starts)


@cache
def _openings(key: str) -> re.Pattern[str] | None:
    """The literal beginnings of the words of list ``key`` (context.toml) as one plain alternation; None when some
    word begins with no literal. Every word of the list begins with one: a sentence holding none has none of the
    words, and most sentences hold none ("overnight", "сегодня"), so this quick test spares the word search."""
    found = literal_prefixes(merged_list("context", key))
    return None if found is None else re.compile("|".join(map(re.escape, found)))


def _says(key: str, norm: str, start: int, end: int) -> bool:
    """Whether a word of the list ``key`` (context.toml) is in ``norm[start:end]``, searched in place: the whole
    text's word starts are listed once, a slice's would be listed anew for every sentence. Where the slice begins
    right after a letter, its first letters start a word only in the slice: that slice is searched itself."""
    openings = _openings(key)
    begin = start
    if openings is not None:
        opening = openings.search(norm, start, end)
        if opening is None:
            return False
        begin = opening.start()  # no word of the list begins before its first literal beginning
    words = word_pattern("context", key)
    if start > 0 and _JOINED.match(norm, start - 1):
        return words.search(norm[start:end], begin - start) is not None
    return words.search(norm, begin, end) is not None


@dataclass(frozen=True, slots=True)
class Said:
    """What a piece of text says of time, before any date or time zone: ``kind`` is "range", "at", "night", "today"
    or "" (nothing); a range runs from ``clock`` to ``until``, a moment is at ``clock``; ``moscow`` tells which of
    the two is said in Moscow time."""

    kind: str
    clock: tuple[int, int] = (0, 0)
    until: tuple[int, int] = (0, 0)
    moscow: tuple[bool, bool] = (False, False)
    on: tuple[int, int] | None = None  # (month, day) of a date the text names: "в ночь на 24 февраля", "on May 31"


_NIGHT, _TODAY, _NOTHING = Said("night"), Said("today"), Said("")  # made once: most sentences say one of these
_EVENING = Said("evening")
EVENING_FROM = 17  # the hour an evening begins; a report published before it means the evening before


def said(norm: str, start: int, end: int) -> Said:
    """What ``norm[start:end]`` says of time: read once per sentence, whatever region and publication time apply."""
    on = next(((month, day) for at, month, day in named_dates(norm) if start <= at < end), None)
    piece = norm[start:end]
    clock = _CLOCKISH.search(piece) is not None
    match = _RANGE.search(piece) if clock else None
    if match:
        begin, stop = (int(match[1]), int(match[2])), (int(match[4]), int(match[5]))
        return Said("range", begin, stop, (bool(match[3]), bool(match[6])))
    match = _AT.search(piece) if clock else None
    if match:
        return Said("at", (int(match[1]), int(match[2])), moscow=(bool(match[3]), False), on=on)
    for key, plain in (("night", _NIGHT), ("evening", _EVENING), ("today", _TODAY)):
        if _says(key, norm, start, end):
            return plain if on is None else Said(key, on=on)
    return _NOTHING if on is None else Said("", on=on)


@lru_cache(maxsize=16)
def named_dates(norm: str) -> tuple[tuple[int, int, int], ...]:
    """(position, month, day) of every date the text names with a month ("24 февраля", "May 31"), in order: read once
    per report, for its sentences' windows and for :func:`stale_dates` alike."""
    if not _ANY_DIGIT.search(norm):
        return ()
    found = []
    for match in _dates()[0].finditer(norm):
        day = int(match.group(1) or match.group(4))
        month = _month(match.group(2) or match.group(3))
        if month is not None and 1 <= day <= 31:
            found.append((match.start(), month, day))
    return tuple(found)


def _resolved(on: tuple[int, int] | None, local: datetime) -> date | None:
    """The date (month, day) names, in the year that puts it on or before the day after publication; None when no
    such date exists (30 February)."""
    if on is None:
        return None
    month, day = on
    try:
        when = date(local.year, month, day)
        if when > local.date() + timedelta(days=1):
            when = date(local.year - 1, month, day)
    except ValueError:
        return None
    return when


def time_window(norm: str, start: int, end: int, published: datetime | None, region: str | None) -> TimeWindow:
    """The window of the claim read from ``norm[start:end]`` (a sentence) or, failing that, from the report."""
    return window(said(norm, start, end), published, region)


def window(what: Said, published: datetime | None, region: str | None) -> TimeWindow:
    """The window of what a text said, resolved against the publication time and the region's time zone."""
    if published is None:
        return TimeWindow()
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    if not what.kind and what.on is None:
        return TimeWindow(published - timedelta(days=1), published, TimePrecision.UNKNOWN)
    zone = _zone(region, published)
    local = published.astimezone(zone)
    if what.kind == "range":
        stop = _at(local, *what.until, _MOSCOW if what.moscow[1] else zone, published)
        begin = datetime.combine(stop.date(), time(*what.clock), tzinfo=_MOSCOW if what.moscow[0] else zone)
        if begin > stop:
            begin -= timedelta(days=1)
        return TimeWindow(begin, stop, TimePrecision.HOUR)
    on = _resolved(what.on, local)
    if what.kind == "at":
        clock_zone = _MOSCOW if what.moscow[0] else zone
        moment = datetime.combine(on, time(*what.clock), tzinfo=clock_zone) if on else None
        if moment is None or moment > published + timedelta(minutes=30):
            moment = _at(local, *what.clock, clock_zone, published)
        return TimeWindow(moment, moment + timedelta(minutes=1), TimePrecision.MINUTE)
    if what.kind == "night":  # the night ending on the named date's morning ("в ночь на 24 февраля"), else today's
        day = on or local.date()
        morning = datetime.combine(day, time(7, 0), tzinfo=zone)
        begin = datetime.combine(day - timedelta(days=1), time(18, 0), tzinfo=zone)
        return TimeWindow(begin, max(min(morning, published), begin + timedelta(hours=1)), TimePrecision.PART_OF_DAY)
    if what.kind == "evening":
        day = on or (local.date() if local.hour >= EVENING_FROM else local.date() - timedelta(days=1))
        begin = datetime.combine(day, time(EVENING_FROM, 0), tzinfo=zone)
        midnight = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=zone)
        return TimeWindow(begin, max(min(midnight, published), begin + timedelta(hours=1)), TimePrecision.PART_OF_DAY)
    day = on or local.date()
    begin = datetime.combine(day, time(0, 0), tzinfo=zone)
    midnight = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=zone)
    return TimeWindow(begin, max(min(midnight, published), begin + timedelta(hours=1)), TimePrecision.DAY)


def claim_window(context: ReportContext, index: int, region: str | None) -> TimeWindow:
    """The window of a claim of sentence ``index`` in ``region`` (None: the report's): what the sentence says of time,
    else what the report's opening says."""
    zone = region or context.region
    key = (index, zone)
    found = context.memo.get(key)
    if found is None:
        what = _said_in(context, index)
        found = _window_in(context, what, zone) if what.kind or what.on else None
        if found is None or found.precision is TimePrecision.UNKNOWN:
            found = _window_in(context, _said_in(context, None), zone)
        context.memo[key] = found
    assert isinstance(found, TimeWindow)
    return found


def _window_in(context: ReportContext, what: Said, zone: str | None) -> TimeWindow:
    """The window of what a text says of time, resolved once per report for each thing said and time zone (the
    sentences of a night's report mostly say "overnight", as does its opening)."""
    found = context.memo.get(("window", what, zone))
    if found is None:
        found = context.memo[("window", what, zone)] = window(what, context.report.published, zone)
    assert isinstance(found, TimeWindow)
    return found


def _said_in(context: ReportContext, index: int | None) -> Said:
    """What sentence ``index`` (None: the report's opening) says of time, read once whatever the region."""
    found = context.memo.get(("said", index))
    if found is None:
        segment = context.segments[index] if index is not None else None
        start, end = (segment.start, segment.end) if segment is not None else (0, min(len(context.norm), 2000))
        found = context.memo[("said", index)] = said(context.norm, start, end)
    assert isinstance(found, Said)
    return found


STALE_DAYS = 2
# a year, when no digit is right before it (_after_digit): a look-behind first would be tried at every character,
# the literal beginning is found fast; and a match right after a digit hides no year (one inside it is after a digit)
_YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")
_ANY_DIGIT = re.compile(r"\d")


def _after_digit(norm: str, match: re.Match[str]) -> bool:
    return match.start() > 0 and _ANY_DIGIT.match(norm, match.start() - 1) is not None


@lru_cache(maxsize=1)
def _dates() -> tuple[re.Pattern[str], dict[str, int]]:
    months: list[tuple[str, int]] = []
    for language in LANGUAGES:
        months += [(pattern, int(number)) for pattern, number in read(language, "context").get("months", {}).items()]
    names = "|".join(f"(?:{pattern})" for pattern, _ in months)
    pattern = re.compile(rf"(?<!\w)(?:(\d{{1,2}})\s+({names})|({names})\s+(\d{{1,2}}))(?!\w)")
    return pattern, {pattern: number for pattern, number in months}


@lru_cache(maxsize=1024)
def _month(word: str) -> int | None:
    for pattern, number in _dates()[1].items():
        if re.fullmatch(pattern, word):
            return number
    return None


def stale_dates(norm: str, published: datetime | None) -> list[int]:
    """Where the text dates something more than two days before publication ("On 1 May 1960", "on 4 June" in a
    post of 20 June): a sentence holding one is a recap of an earlier engagement, not a claim of this report."""
    if published is None or not _ANY_DIGIT.search(norm):
        return []
    out = [m.start() for m in _YEAR.finditer(norm) if int(m.group()) < published.year and not _after_digit(norm, m)]
    for at, month, day in named_dates(norm):
        try:
            when = date(published.year, month, day)
        except ValueError:
            continue
        if when > published.date() + timedelta(days=1):
            when = when.replace(year=published.year - 1) if not (month == 2 and day == 29) else when
        if (published.date() - when).days > STALE_DAYS:
            out.append(at)
    return sorted(out)
