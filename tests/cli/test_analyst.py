"""The analyst's commands through the real entry point: export, tally, correct, diff; exit codes and one-line errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from ledger_fixture import fill
from skyledger.cli import main
from skyledger.store import open_store

Result = tuple[int, str, str]


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    database = tmp_path / "ledger.db"
    store = open_store(f"sqlite:///{database}")
    fill(store)
    store.close()
    monkeypatch.setenv("COLUMNS", "200")

    def invoke(*args: str) -> Result:
        monkeypatch.setattr(sys, "argv", ["skyledger", *args, "--db", str(database)])
        capsys.readouterr()
        with pytest.raises(SystemExit) as exited:
            main()
        out, err = capsys.readouterr()
        return int(exited.value.code or 0), out, err

    return invoke


def test_export_writes_the_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        "export", "--what", "events", "--format", "acled", "--side", "RU", "-o", str(tmp_path / "a.csv")
    )
    assert code == 0 and err == ""
    assert "wrote 2 rows of events as acled (skyledger-export/1)" in out
    frame = pd.read_csv(tmp_path / "a.csv")
    assert list(frame["skyledger_event_id"]) == ["E1", "E2"] and "event_id_cnty" in frame.columns


def test_correct_then_export_shows_the_correction(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("correct", "3", "count=9", "district=Klintsovsky", "--author", "anna", "--note", "later post")
    assert code == 0
    assert "claim 3: count 7 -> 9 (by anna)" in out and 'district null -> "Klintsovsky"' in out
    run("export", "--what", "corrections", "--format", "claims-jsonl", "-o", str(tmp_path / "gold.jsonl"))
    (doc,) = [json.loads(line) for line in (tmp_path / "gold.jsonl").read_text("utf-8").splitlines()]
    assert [claim["count"] for claim in doc["claims"]] == [5, 9]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("correct", "3", "colour=red"), 2, "'colour' cannot be corrected"),
        (("correct", "3", "count"), 2, "'count' is not field=value"),
        (("correct", "99", "count=1"), 1, "no claim with id 99"),
        (("export", "--what", "reports", "--format", "geojson", "-o", "x.geojson"), 2, "cannot be written as"),
        (("tally", "--by", "year"), 2, "--by must be one of"),
        (("diff", "2"), 2, "give two runs"),
        (("diff", "2", "9"), 1, "no run with id 9"),
        (("export", "--since", "May", "-o", "x.csv"), 2, "since takes a date"),
    ],
)
def test_errors_are_one_line(run, args: tuple[str, ...], code: int, message: str) -> None:  # type: ignore[no-untyped-def]
    got, out, err = run(*args)
    assert got == code
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_tally_prints_a_table_csv_and_a_chart(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("tally", "--by", "month", "--group", "side", "--action", "intercepted", "--csv")
    assert code == 0
    assert out.splitlines()[0] == "period,action,side,figure,claims,events"
    assert "2024-05-01,intercepted,RU,12,4,2" in out.splitlines()
    code, out, _ = run("tally", "--group", "weapon", "--plot", str(tmp_path / "chart.png"))
    assert code == 0 and "chart ->" in out and "uav" in out
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_diff_between_runs_and_since(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("diff", "2", "4")
    assert code == 0
    assert "events added: 3  E3, E4, E5" in out and "events changed: 1  E1" in out and "claims added: 3" in out
    code, out, _ = run("diff", "--since", "2024-06-01", "--json")
    data = json.loads(out)
    assert data["runs"] == [3, 4] and data["events"]["added"] == ["E3", "E4", "E5"]
