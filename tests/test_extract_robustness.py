"""Property tests: the extractor never raises, and every claim it returns points at its own evidence.

Inputs: arbitrary Unicode, and mangled report-like text built from fragments of numbers, weapon words, action verbs,
place names, times, punctuation, emoji and Telegram markdown in Russian, Ukrainian and English. Plus two guards
against runaway regexes and huge integers: a 5 MB post and a run of 100,000 digits (they must complete; no timing
is asserted, speed lives in bench/extract_bench.py).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skyledger.extract import extract_claims
from skyledger.model import Claim, Report, Source
from skyledger.registry import load_registry

# No real report counts a million weapons in one claim; a larger figure means digits were read as one number.
PLAUSIBLE_COUNT = 1_000_000

NUMBERS = ["1", "2", "12", "27", "42", "118", "1 000", "10,5", "-3", "0", "07", "99999999999999999999", "3-4",
           "сорок два", "три", "одна", "девять", "чотирнадцять", "двома", "forty-two", "a dozen", "seven"]  # fmt: skip
WEAPONS = ["БПЛА", "БпЛА", "беспилотника", "беспилотных летательных аппаратов самолетного типа", "дронів",
           "ударними БпЛА типу Shahed", "шахедів", "Герань-2", "Х-101", "Kh-101", "крилатих ракет", "ракеты ATACMS",
           "Iskander-M", "Іскандер-М", "КАБами", "guided bombs", "HIMARS", "С-200", "Storm Shadow", "drones",
           "missiles", "Su-34", "безэкипажный катер", "sea drones"]  # fmt: skip
ACTIONS = ["сбиты", "перехвачены и уничтожены", "уничтожен", "збито/подавлено", "знищили", "локаційно втрачено",
           "атакував", "запустил", "влучання", "обломки упали", "shot down", "launched", "debris fell", "hit",
           "were destroyed", "intercepted", "пострадавших нет", "поранено 3", "no casualties", "killed 2"]  # fmt: skip
PLACES = ["над территорией Брянской области", "над Малоярославецким и Жуковским районами", "Калужской области",
          "над Київщиною", "у Києві", "Kyiv region", "Kyiv", "в Шебекино", "Белгородского района", "Харків",
          "над акваторией Черного моря", "Republic of Crimea", "Севастополь", "Московского региона", "Одещини",
          "Kursk", "in the Bryansk region", "Дніпропетровщина"]  # fmt: skip
TIMES = ["около 00:30", "у ніч на 14 березня", "с 23.00 мск 19 января до 7.00 мск 20 января", "overnight",
         "today", "сегодня", "вчера", "25:99", "31.02", "о 11:40"]  # fmt: skip
ATTRIBUTION = ["губернатор сообщил", "по информации Минобороны", "the governor wrote on Telegram",
               "citing the Defence Ministry", "Повітряні сили повідомили", "according to the ministry"]  # fmt: skip
MARKUP = ["**", "__", "▫️", "🔹", "⚡️", "🎖", "💥", "–", "—", "-", ":", ";", ",", ".", "!", "?", "(", ")", "«", "»",
          '"', "[", "](https://t.me/mod_russia)", "#", "`", "\n", "\n\n", "\t", " ", "  ", "\u200b", "\xa0", "\r\n",
          "\ufeff", "/"]  # fmt: skip

fragment = st.one_of(
    st.sampled_from(NUMBERS),
    st.sampled_from(WEAPONS),
    st.sampled_from(ACTIONS),
    st.sampled_from(PLACES),
    st.sampled_from(TIMES),
    st.sampled_from(ATTRIBUTION),
    st.sampled_from(MARKUP),
    st.integers(min_value=0, max_value=10**6).map(str),
    st.text(max_size=6),
)
report_like_text = st.lists(fragment, max_size=80).flatmap(
    lambda parts: st.lists(st.sampled_from([" ", "", "\n", ", "]), min_size=len(parts), max_size=len(parts)).map(
        lambda separators: "".join(part + separator for part, separator in zip(parts, separators, strict=True))
    )
)
published = st.one_of(
    st.none(),
    st.just(datetime(2025, 6, 4, 7, 5, tzinfo=timezone(timedelta(hours=3)))),
    st.just(datetime(2025, 3, 14, 9, 10, tzinfo=timezone(timedelta(hours=2)))),
    st.just(datetime(2025, 7, 3, 7, 50, tzinfo=UTC)),
    st.just(datetime(2025, 7, 3, 7, 50)),  # naive: some inputs carry no offset
)
sources = st.sampled_from([None, "t.me/mod_russia", "t.me/kpszsu", "t.me/vvgladkov", "unknown-outlet.example"])


def _report(text: str, when: datetime | None = None, language: str | None = None) -> Report:
    return Report(source="test.example", external_id="x", text=text, published=when, language=language, id=7)


def _source(handle: str | None) -> Source | None:
    return None if handle is None else load_registry().source_for(handle)


def check_claims(report: Report, claims: list[Claim]) -> None:
    """What every extraction must satisfy, whatever the text."""
    assert isinstance(claims, list)
    for claim in claims:
        assert isinstance(claim, Claim)
        start, end = claim.evidence_span
        assert 0 <= start <= end <= len(report.text), (claim.evidence_span, len(report.text))
        assert report.text[start:end] == claim.evidence
        assert claim.report_id == report.id and claim.rule_set and claim.event is None
        assert claim.count is None or 0 <= claim.count <= PLAUSIBLE_COUNT, claim.count
        if claim.casualties is not None:
            for figure in (claim.casualties.killed, claim.casualties.injured):
                assert figure is None or 0 <= figure <= PLAUSIBLE_COUNT, figure


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=2000), when=published, language=st.sampled_from([None, "ru", "uk", "en", "de", ""]))
def test_arbitrary_unicode_never_raises(text: str, when: datetime | None, language: str | None) -> None:
    report = _report(text, when, language)
    check_claims(report, extract_claims(report, None))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=report_like_text, when=published, language=st.sampled_from([None, "ru", "uk", "en"]), handle=sources)
def test_mangled_report_like_text_never_raises(
    text: str, when: datetime | None, language: str | None, handle: str | None
) -> None:
    report = _report(text, when, language)
    claims = extract_claims(report, _source(handle))
    check_claims(report, claims)
    again = extract_claims(report, _source(handle))  # pure: the same report gives the same claims
    assert [claim.to_json() for claim in claims] == [claim.to_json() for claim in again]


def test_a_real_looking_post_yields_checked_claims() -> None:
    """The properties above are not vacuous: a plain tally does produce claims, and they pass the same checks."""
    report = _report(
        "В течение прошедшей ночи дежурными средствами ПВО перехвачены и уничтожены 12 украинских беспилотных "
        "летательных аппаратов самолетного типа над территорией Брянской области.",
        datetime(2025, 6, 4, 7, 5, tzinfo=timezone(timedelta(hours=3))),
        "ru",
    )
    claims = extract_claims(report, _source("t.me/mod_russia"))
    assert claims
    check_claims(report, claims)


def test_a_five_megabyte_post_completes() -> None:
    paragraph = (
        "**Над территорией Брянской области сбиты 12 БПЛА**, обломки упали в Клинцах ▫️ 3 – над Курской областью. "
        "Russia launched 90 Shahed drones overnight; 63 were shot down, the Air Force said. "
        "У ніч на 14 березня противник атакував 117 ударними БпЛА 💥 збито/подавлено 83.\n\n"
    )
    text = paragraph * (5_000_000 // len(paragraph.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) >= 5_000_000
    report = _report(text, datetime(2025, 6, 4, 7, 5, tzinfo=UTC), "ru")
    check_claims(report, extract_claims(report, None))


def test_a_run_of_a_hundred_thousand_digits_gives_no_giant_count() -> None:
    digits = "7" * 100_000
    grouped = "1 " + " ".join(["000"] * 30_000)  # thousands separators must not glue into one huge number
    for text in (
        f"Над Брянской областью сбиты {digits} беспилотников.",
        f"Russia launched {digits} drones at Ukraine overnight; {digits} were shot down.",
        f"Противник атакував {grouped} ударними БпЛА, збито {grouped}.",
        digits,
    ):
        report = _report(text, None, None)
        check_claims(report, extract_claims(report, None))
