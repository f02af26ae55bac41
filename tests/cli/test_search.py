"""``skyledger search``: the reports holding every word, with outlet, time, address and passage; one-line errors."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pytest

from skyledger.cli import main
from skyledger.model import Report, Source
from skyledger.store import open_store
from skyledger.store.reports import write_reports
from skyledger.store.sources import upsert_source

POSTS = [
    ("t.me/gov_bryansk", "41", "2025-03-15T04:10:00+00:00", "Над Брянской областью уничтожены 12 беспилотников."),
    ("t.me/gov_kaluga", "7", "2025-03-15T05:00:00+00:00", "Над Калужской областью сбиты три беспилотника."),
    ("tass.com", "a1", None, "Air defences destroyed drones over the Kaluga region, the governor said."),
]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "search.db"
    store = open_store(f"sqlite:///{path}")
    with store.begin() as connection:
        for handle, external_id, published, text in POSTS:
            source_id = upsert_source(connection, Source(handle))
            when = datetime.fromisoformat(published) if published else None
            report = Report(handle, external_id, text, url=f"https://{handle}/{external_id}", published=when)
            write_reports(connection, [(source_id, report)], None)
    store.close()
    return path


def search(
    database: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["skyledger", "search", *args, "--db", str(database)])
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        main()
    captured = capsys.readouterr()
    return int(exited.value.code or 0), captured.out, captured.err


def test_matching_reports_come_with_outlet_time_address_and_passage(
    database: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = search(database, capsys, monkeypatch, "Брянской беспилотников")
    assert code == 0
    assert "1 report matches" in out
    assert "t.me/gov_bryansk" in out and "2025-03-15 04:10:00 UTC" in out and "https://t.me/gov_bryansk/41" in out
    assert "Над Брянской областью уничтожены 12 беспилотников." in out
    assert "gov_kaluga" not in out


def test_a_prefix_finds_every_form_and_limit_says_there_is_more(
    database: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = search(database, capsys, monkeypatch, "беспилотник*")
    assert code == 0 and "2 reports match" in out and "gov_bryansk" in out and "gov_kaluga" in out
    code, out, _ = search(database, capsys, monkeypatch, "беспилотник*", "--limit", "1")
    assert code == 0 and "1 report matches" in out and "more with --limit" in out
    code, out, _ = search(database, capsys, monkeypatch, "KALUGA")  # any case; an undated report says so
    assert code == 0 and "tass.com" in out and "undated" in out


def test_no_match_is_said_plainly(
    database: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = search(database, capsys, monkeypatch, "Курской")
    assert code == 0 and out.strip() == "no report holds every word of 'Курской'"


@pytest.mark.parametrize(
    ("args", "message"), [(["!!!"], "search needs a word"), (["drones", "--limit", "0"], "--limit")]
)
def test_a_bad_query_is_one_line_exit_2(
    database: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    code, out, err = search(database, capsys, monkeypatch, *args)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and message in err


def test_search_has_help(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["skyledger", "search", "--help"])
    with pytest.raises(SystemExit) as exited:
        main()
    out = capsys.readouterr().out
    assert exited.value.code in (0, None) and "prefix" in out and "--limit" in out
