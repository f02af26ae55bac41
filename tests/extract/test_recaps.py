"""Recaps of earlier engagements yield no claim, also in the sentences that go on recalling them."""

from __future__ import annotations

from datetime import datetime

import pytest

from skyledger.extract import extract_claims
from skyledger.model import Report, Source, SourceKind

NEWS = Source("news.test", SourceKind.WEBSITE, country="GB")
GOVERNOR_SUMY = Source("t.me/sumy_ova_test", SourceKind.TELEGRAM, claimant="regional_authority:UA-59")


def _actions(source: Source, text: str) -> list[tuple[str, int | None]]:
    report = Report(source=source.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    return sorted((claim.action.value, claim.count) for claim in extract_claims(report, source))


@pytest.mark.parametrize(
    "text",
    [
        "У Сумах відремонтували школу.\n\nНагадаємо, тиждень тому школу пошкодили уламки дрона. Тоді над Сумщиною "
        "сили ППО знищили 14 БпЛА.",
        "Нагадаємо, три дні тому над Сумщиною збили 9 БпЛА.",
        "В Сумах отремонтировали школу.\n\nНапомним, неделю назад школу повредили обломки дрона. Тогда над Сумской "
        "областью ПВО сбили 14 беспилотников.",
    ],
)
def test_recap_and_its_continuation_yield_nothing(text: str) -> None:
    assert _actions(GOVERNOR_SUMY, text) == []


def test_then_without_a_recap_before_it_is_a_claim() -> None:
    text = "Вночі ворог атакував Сумщину. Тоді сили ППО знищили 6 БпЛА."
    assert ("intercepted", 6) in _actions(GOVERNOR_SUMY, text)


@pytest.mark.parametrize(
    "text",
    [
        "Two years of Storm Shadow\n\nWhen Ukraine first used Storm Shadow missiles, Russia moved its depots. In the "
        "months that followed, Russia reported shooting down dozens of the missiles.",
        "С тех пор ПВО сбили над Сумской областью более 300 беспилотников.",
    ],
)
def test_background_about_a_weapon_yields_nothing(text: str) -> None:
    assert _actions(NEWS, text) == []
