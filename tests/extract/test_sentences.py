"""Sentences and list items as offsets; items point to the header that opened the list."""

from __future__ import annotations

from skyledger.extract.normalise import normalise
from skyledger.extract.sentences import split


def test_sentences_and_list_items() -> None:
    text = "Уничтожены 12 БПЛА:\n▫️ семь – над Брянской областью,\n▫️ пять – над Курской областью.\n\nПострадавших нет."
    segments = split(text)
    pieces = [text[s.start : s.end].strip() for s in segments]
    assert pieces[0] == "Уничтожены 12 БПЛА:"
    assert [s.header for s in segments[1:3]] == [0, 0]
    assert pieces[-1] == "Пострадавших нет."


def test_abbreviation_does_not_end_a_sentence() -> None:
    text = "Ракеты запущены из Курской обл. в сторону Сум. Все сбиты."
    assert len(split(text)) == 2


def test_normalise_keeps_offsets() -> None:
    text = "**Ёлка** – «Шахед» [канал](https://t.me/x) İstanbul"
    norm = normalise(text)
    assert len(norm) == len(text)
    assert norm.startswith('  елка   - "шахед"')
