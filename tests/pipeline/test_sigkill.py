"""An ingest killed with SIGKILL half-way through a large export leaves a consistent database; running the same command
again completes it, every post present exactly once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from telegram_exports import write_export

POSTS = 20_000
COMMAND = [sys.executable, "-c", "from skyledger.cli import main; main()"]


def _committed(database: Path) -> int:
    """Reports committed so far, read as another process would; 0 while the schema is not there yet."""
    try:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
        try:
            return int(connection.execute("SELECT count(*) FROM reports").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


def _kill_when_some_are_committed(process: subprocess.Popen[bytes], database: Path) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if _committed(database) >= 1000:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return _committed(database)
        time.sleep(0.005)
    process.kill()
    pytest.fail("the ingest ended before it could be killed half-way: make the export larger")


@pytest.mark.slow
def test_sigkill_half_way_then_rerun_completes_without_duplicates(tmp_path: Path) -> None:
    export = write_export(tmp_path / "result.json", POSTS)
    database = tmp_path / "killed.db"
    arguments = [*COMMAND, "ingest", str(export), "--db", str(database)]
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    committed = _kill_when_some_are_committed(process, database)
    assert process.returncode == -signal.SIGKILL
    assert 0 < committed < POSTS

    connection = sqlite3.connect(database)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert committed % 500 == 0  # whole batches only: no half-written transaction survived
    connection.execute("INSERT INTO reports_fts(reports_fts) VALUES ('integrity-check')")  # raises when out of step
    connection.close()

    done = subprocess.run(arguments, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    connection = sqlite3.connect(database)
    rows = connection.execute("SELECT count(*), count(DISTINCT external_id) FROM reports").fetchone()
    ids = {int(value) for (value,) in connection.execute("SELECT external_id FROM reports")}
    interrupted = connection.execute("SELECT count(*) FROM runs WHERE finished_at IS NULL").fetchone()[0]
    connection.close()
    assert rows == (POSTS, POSTS)
    assert ids == set(range(1, POSTS + 1))
    assert interrupted == 1  # the killed run stays visible as unfinished
