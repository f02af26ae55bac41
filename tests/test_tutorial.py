"""docs/tutorial.md runs: its ``sh`` blocks in order, in one shell, in an empty folder; its promises hold."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "tutorial.md"


def shell_blocks(text: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M)


def test_the_tutorial_has_a_handful_of_commands() -> None:
    blocks = shell_blocks(TUTORIAL.read_text("utf-8"))
    commands = [line for block in blocks for line in block.splitlines() if line.startswith("skyledger ")]
    assert 8 <= len(commands) <= 20


def test_the_tutorial_runs(tmp_path: Path) -> None:
    script = "set -euo pipefail\n" + "\n".join(shell_blocks(TUTORIAL.read_text("utf-8")))
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "COLUMNS": "120",
    }
    env.pop("SKYLEDGER_DB", None)
    done = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr + done.stdout
    out = done.stdout
    assert "error" not in done.stderr.lower()
    # 1: the export was read and processed
    assert (tmp_path / "tutorial.db").exists() and "reports" in out
    # 3: a chart
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # 4: the exports load
    acled = pd.read_csv(tmp_path / "events-acled.csv")
    assert {"event_id_cnty", "event_date", "sub_event_type", "admin1", "fatalities"} <= set(acled.columns)
    assert len(acled) > 0 and (acled["schema_version"] == "skyledger-export/1").all()
    geojson = json.loads((tmp_path / "claims.geojson").read_text("utf-8"))
    assert geojson["type"] == "FeatureCollection" and geojson["features"]
    assert (pd.read_parquet(tmp_path / "events.parquet")["credibility"] <= 3).all()
    # 5 and 6: the correction survived the new reports and shows in the CLAIMS.md export
    docs = [json.loads(line) for line in (tmp_path / "corrected.jsonl").read_text("utf-8").splitlines()]
    corrected = [claim for doc in docs for claim in doc["claims"] if claim["corrected_fields"]]
    assert [(claim["count"], claim["corrected_fields"]) for claim in corrected] == [(7, ["count"])]
    assert "events added" in out and "claims added" in out
