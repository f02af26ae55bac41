"""The bundled sample corpus (written by the project authors: fictional events, real place names); see README.md."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_PARTS = ("telegram", "feeds", "pages", "text")
_SUFFIXES = (".json", ".xml", ".html", ".txt")


def samples_dir() -> Path:
    """The folder that holds the sample corpus (a real folder: the package is installed unzipped)."""
    return Path(str(resources.files(__name__)))


def sample_paths() -> list[Path]:
    """The sample files to ingest, in a stable order: the Telegram export, the feed, the pages, the text files."""
    root = samples_dir()
    paths: list[Path] = []
    for part in _PARTS:
        paths.extend(sorted(path for path in (root / part).iterdir() if path.suffix in _SUFFIXES))
    return paths
