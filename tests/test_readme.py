"""The README's tour works: its shell blocks run, in order, in one shell, against a fresh database.

Lines that set up or serve (``make``, ``serve``, activating the virtual environment) are left out: the test runs with
this interpreter's environment on PATH, in a temporary folder where ``src`` points at the project's.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from skyledger.store import open_store
from skyledger.store.overview import overview

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = re.compile(r"^(make\b|\. |source\b)|\bskyledger serve\b")


def tour_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tour = readme.split("## A five-minute tour", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", tour, flags=re.DOTALL)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith("#") and not SKIPPED.search(line)]


def test_the_tour_has_the_core_commands() -> None:
    commands = {line.split()[1] for line in tour_lines() if line.startswith("skyledger ")}
    assert {"init", "ingest", "process", "events", "show", "sources", "annotate", "search"} <= commands


def test_the_readme_tour_runs(tmp_path: Path) -> None:
    (tmp_path / "src").symlink_to(ROOT / "src")
    script = "set -euxo pipefail\n" + "\n".join(tour_lines())
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    environment.pop("SKYLEDGER_DB", None)
    done = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "nothing to process" in done.stdout
    store = open_store(f"sqlite:///{tmp_path / 'tour.db'}")
    counts = overview(store)
    store.close()
    assert counts.reports > 20 and counts.claims > 0 and counts.events > 0 and counts.pending == 0
    assert (tmp_path / "annotated.jsonl").exists()


def test_every_command_is_documented() -> None:
    """Each command of ``skyledger --help`` appears as ``skyledger NAME`` in the README or a page of docs/."""
    import typer.main

    from skyledger.cli import app

    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    text = "\n".join(page.read_text(encoding="utf-8") for page in pages)
    names = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert "search" in names
    assert [name for name in names if not re.search(rf"skyledger {name}\b", text)] == []
