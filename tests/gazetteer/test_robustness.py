"""Any text is safe to scan: no exception, spans that point at their surface, in order and not overlapping."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from skyledger.gazetteer import Gazetteer, load_gazetteer

_WORDS = [
    "над", "Калужской", "области", "районами", "Жуковским", "и", "Київщиною", "Kyiv", "region", "в", "селе",
    "Шебекине", "г.", "Black", "Sea", "морем", "Черным", "**", ",", "-", "та", "громада", "Sea of", "district",
]  # fmt: skip
_GAZETTEER: Gazetteer = load_gazetteer()


def _check(text: str) -> None:
    mentions = _GAZETTEER.find_places(text)
    end = 0
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.surface
        assert mention.start >= end
        end = mention.end


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_unicode(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40), st.sampled_from([" ", "  ", "\n", ", ", "-"]))
def test_report_like_word_salad(words: list[str], separator: str) -> None:
    _check(separator.join(words))


def test_large_inputs_complete() -> None:
    filler = "Дежурные средства противовоздушной обороны продолжают работу, информация уточняется. " * 40
    _check((filler + "Над Брянской областью сбит дрон. ") * 900)  # about 5 MB
    _check("1" * 100_000)
    _check("Курск" * 20_000)  # one 100,000-letter word
