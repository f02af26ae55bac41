"""The Python API: skyledger.open, DataFrames, filters, tallies, corrections, exports, diffs; its doctests."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pandas as pd
import pytest

import skyledger
from ledger_fixture import fill
from skyledger.errors import UsageError
from skyledger.ledger import Ledger

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    opened = skyledger.open(tmp_path / "ledger.db")
    fill(opened.store)
    return opened


def test_open_takes_a_path_or_a_url(tmp_path: Path) -> None:
    with skyledger.open(str(tmp_path / "a.db")) as by_path, skyledger.open(f"sqlite:///{tmp_path / 'b.db'}") as by_url:
        assert by_path.store.url.endswith("a.db") and by_url.store.url.endswith("b.db")
        assert by_path.claims().empty and by_url.events().empty
    assert (tmp_path / "a.db").exists() and (tmp_path / "b.db").exists()


def test_claims_as_a_dataframe(ledger: Ledger) -> None:
    claims = ledger.claims()
    assert len(claims) == 7
    assert str(claims["count"].dtype) == "Int64" and str(claims["killed"].dtype) == "Int64"
    assert claims["killed"].isna().sum() == 5  # casualties not stated stay missing, not 0
    assert claims.loc[0, "evidence"] == "уничтожен беспилотник"
    kaluga = ledger.claims(region="ru-klu", action="intercepted")
    assert sorted(kaluga["claimant"]) == ["mod:RU", "mod:RU", "regional_authority:RU-KLU"]
    assert list(ledger.claims(side="UA", since="2024-06-01")["weapon_class"]) == ["cruise_missile"]


def test_events_reports_and_filters(ledger: Ledger) -> None:
    events = ledger.events()
    assert list(events["event_id"]) == ["E1", "E2", "E3", "E4", "E5"]
    assert list(ledger.events(credibility=2)["event_id"]) == ["E1"]
    assert list(ledger.events(claimant="regional_authority:RU-KLU")["event_id"]) == ["E1"]
    assert events.set_index("event_id").loc["E1", "claim_count"] == 3
    reports = ledger.reports(source="t.me/kpszsu")
    assert list(reports["external_id"]) == ["777", "790"] and list(reports["claim_count"]) == [2, 1]
    with pytest.raises(UsageError, match="unknown filter colour"):
        ledger.claims(colour="red")
    with pytest.raises(UsageError, match="since takes a date"):
        ledger.claims(since="last week")


def test_tally_correct_export_diff(ledger: Ledger, tmp_path: Path) -> None:
    table = ledger.tally(by="month", group="side", action="intercepted")
    may = table[table["period"] == "2024-05-01"]
    assert dict(zip(may["side"], may["figure"], strict=True)) == {"RU": 12, "UA": 17}
    bryansk = int(ledger.claims(region="RU-BRY").loc[0, "claim_id"])
    made = ledger.correct(bryansk, author="anna", count=9, note="the ministry's later post")
    assert [(item.field, item.value, item.machine_value) for item in made] == [("count", 9, 7)]
    assert ledger.claims(region="RU-BRY").loc[0, "count"] == 9
    assert ledger.corrections().loc[0, "note"] == "the ministry's later post"
    summary = ledger.export("claims", "jsonl", tmp_path / "claims.jsonl", region="RU-BRY")
    (line,) = (tmp_path / "claims.jsonl").read_text("utf-8").splitlines()
    assert summary.rows == 1 and json.loads(line)["count"] == 9
    assert ledger.diff(2, 4).events_added == ["E3", "E4", "E5"]
    assert ledger.diff_since("2024-06-01").runs == [3, 4]
    chart = ledger.plot(tmp_path / "chart.png", by="week", group="weapon")
    assert chart.stat().st_size > 1000


def test_frames_round_trip_through_parquet(ledger: Ledger, tmp_path: Path) -> None:
    claims = ledger.claims()
    claims.to_parquet(tmp_path / "c.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "c.parquet"), claims)


def _doctest_file(path: Path, globs: dict[str, object]) -> None:
    result = doctest.testfile(str(path), module_relative=False, globs=globs, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_module_doctest(tmp_path: Path) -> None:
    import skyledger.ledger

    (tmp_path / "post.txt").write_text(
        "Сегодня ночью над Калужской областью силами ПВО уничтожены три беспилотника. Пострадавших нет.\n",
        encoding="utf-8",
    )
    result = doctest.testmod(skyledger.ledger, extraglobs={"folder": tmp_path}, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_python_api_doc_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/python-api.md: every example runs, in a fresh folder, with the bundled samples."""
    monkeypatch.chdir(tmp_path)
    _doctest_file(ROOT / "docs" / "python-api.md", {})
