"""The core commands through the real entry point (``skyledger.cli.main``): output, exit codes, one-line errors.

Each bad input of the backbone issue: one line on stderr naming the file, exit code 1, nothing already stored lost,
the rejection recorded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from skyledger.cli import main
from skyledger.store import open_store
from skyledger.store.rejections import list_rejections
from skyledger.store.schema import reports
from stand_in_stages import install
from telegram_exports import write_export

Result = tuple[int, str, str]


@dataclass
class Cli:
    """Runs ``skyledger ARGS --db <database>`` in this process: (exit code, stdout, stderr)."""

    database: Path
    capsys: pytest.CaptureFixture[str]
    monkeypatch: pytest.MonkeyPatch

    def __call__(self, *args: str, db: bool = True) -> Result:
        argv = ["skyledger", *args, *(["--db", str(self.database)] if db else [])]
        self.monkeypatch.setattr(sys, "argv", argv)
        self.capsys.readouterr()
        with pytest.raises(SystemExit) as exited:
            main()
        captured = self.capsys.readouterr()
        return int(exited.value.code or 0), captured.out, captured.err


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    return Cli(tmp_path / "cli.db", capsys, monkeypatch)


def _counts(out: str) -> list[list[int]]:
    """The four count cells of each row of the ingest table (the input's name may wrap over several lines)."""
    rows = [[cell.strip() for cell in line.split("│")[-5:-1]] for line in out.splitlines() if line.count("│") >= 5]
    return [[int(cell) for cell in row] for row in rows if all(cell.isdigit() for cell in row)]


def _stored(database: Path) -> int:
    store = open_store(f"sqlite:///{database}")
    with store.connect() as connection:
        count = int(connection.execute(select(func.count()).select_from(reports)).scalar_one())
    store.close()
    return count


def test_ingest_prints_a_summary_and_the_second_run_adds_nothing(run: Cli, tmp_path: Path) -> None:
    export = write_export(tmp_path / "result.json", 25)
    code, out, _ = run("ingest", str(export))
    assert code == 0 and "new" in out and "25" in out
    code, out, _ = run("ingest", str(export))
    assert code == 0
    assert _counts(out) == [[0, 25, 0, 0]]  # new, unchanged, updated, rejected
    assert _stored(run.database) == 25


def _bad_inputs(tmp_path: Path) -> dict[str, Path | str]:
    malformed = tmp_path / "malformed.json"
    malformed.write_text('{"name": "c", "type": "public_channel", "messages": [{"id": 1, "text": ', encoding="utf-8")
    binary = tmp_path / "binary.json"
    binary.write_bytes(bytes(range(256)) * 64)
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    return {
        "malformed export": malformed,
        "binary file": binary,
        "empty file": empty,
        "missing file": tmp_path / "missing.json",
        "unreachable feed URL": "http://127.0.0.1:9/feed.xml",
    }


@pytest.mark.parametrize(
    "case", ["malformed export", "binary file", "empty file", "missing file", "unreachable feed URL"]
)
def test_a_bad_input_is_one_line_exit_1_and_costs_nothing(run: Cli, tmp_path: Path, case: str) -> None:
    assert run("ingest", str(write_export(tmp_path / "good.json", 10)))[0] == 0
    target = str(_bad_inputs(tmp_path)[case])
    code, _, err = run("ingest", target)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ") and target in err
    assert "Traceback" not in err
    assert _stored(run.database) == 10
    store = open_store(f"sqlite:///{run.database}")
    rejected = [row.rejection.input for row in list_rejections(store)]
    store.close()
    assert target in rejected


def test_text_in_windows_1251_is_decoded(run: Cli, tmp_path: Path) -> None:
    text = "Над Брянской областью сбит беспилотник, пострадавших нет."
    report = tmp_path / "post.txt"
    report.write_bytes(text.encode("cp1251"))
    assert run("ingest", str(report))[0] == 0
    store = open_store(f"sqlite:///{run.database}")
    with store.connect() as connection:
        stored = connection.execute(select(reports.c.text)).scalar_one()
    store.close()
    assert stored.strip() == text


def test_bad_usage_exits_2(run: Cli) -> None:
    assert run("ingest", "x", "--format", "pdf")[0] == 2
    assert run("events", "--weapon", "catapult")[0] == 2
    assert run("events", "--since", "yesterday")[0] == 2
    assert run("no-such-command", db=False)[0] == 2


def test_process_twice_says_there_is_nothing_new(run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)
    run("ingest", str(write_export(tmp_path / "result.json", 6)))
    code, out, _ = run("process")
    assert code == 0 and "claims" in out
    code, out, _ = run("process")
    assert code == 0 and "nothing to process" in out


def test_annotate_writes_the_output(run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"doc_id": "d1", "outlet": "t.me/x", "text": "Сбиты 2 дрона."}) + "\n", "utf-8")
    code, out, _ = run("annotate", str(source), "-o", str(tmp_path / "out.jsonl"), db=False)
    assert code == 0 and "1 reports" in out
    (row,) = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert row["doc_id"] == "d1" and [claim["count"] for claim in row["claims"]] == [2]


def test_sources_lists_what_was_ingested(run: Cli, tmp_path: Path) -> None:
    run("ingest", str(write_export(tmp_path / "result.json", 3)))
    code, out, _ = run("sources")
    assert code == 0 and "1 sources" in out and "telegram" in out


def test_show_an_unknown_event_is_one_line_exit_1(run: Cli) -> None:
    code, _, err = run("show", "E999999")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "E999999" in err


def test_every_command_has_help(run: Cli) -> None:
    for command in ("init", "ingest", "process", "annotate", "events", "show", "sources", "demo"):
        code, out, _ = run(command, "--help", db=False)
        assert code == 0 and "Usage" in out and len(out.splitlines()) > 4


def test_an_error_from_the_installed_command_is_one_line(tmp_path: Path) -> None:
    command = [sys.executable, "-c", "from skyledger.cli import main; main()"]
    missing = tmp_path / "nothing-here.json"
    done = subprocess.run(
        [*command, "ingest", str(missing), "--db", str(tmp_path / "x.db")], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"error: {missing}: no such file"]


def test_db_given_before_the_command_applies_to_it(run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKYLEDGER_DB", str(tmp_path / "from-environment.db"))  # restored after the test
    database = tmp_path / "global.db"
    code, _, _ = run("--db", str(database), "ingest", str(write_export(tmp_path / "result.json", 3)), db=False)
    assert code == 0 and _stored(database) == 3
    assert not (tmp_path / "from-environment.db").exists()
