"""What the adapters share: the items they yield, sources announced once, dates and languages read leniently."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from skyledger.model import Rejection, Report, Source, SourceKind
from skyledger.registry import Registry, load_registry, normalise_handle

Item = Source | Report | Rejection
Progress = Callable[[int, int | None], None]

_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN = re.compile(r"[ыэъёЫЭЪЁ]")
_CYRILLIC = re.compile(r"[а-яА-ЯёЁіїєґІЇЄҐ]")
_LATIN = re.compile(r"[a-zA-Z]")
_GUESS_CHARS = 1000


class SourceBook:
    """Announces each source once per input, with the registry's defaults applied."""

    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry if registry is not None else load_registry()
        self._seen: set[str] = set()

    def announce(self, handle: str, kind: SourceKind, name: str | None = None) -> Iterator[Source]:
        """Yield the Source for ``handle`` the first time it is seen, nothing after."""
        if handle in self._seen:
            return
        source = self.registry.source_for(handle, kind)
        if source.handle in self._seen:
            return
        self._seen.add(source.handle)
        if source.name is None and name:
            source = replace(source, name=name)
        yield source


def local_handle(path: Path) -> str:
    """The source handle of a local file with no source of its own: ``file:<parent folder name>``."""
    folder = path.resolve().parent.name or "local"
    return normalise_handle("file:" + re.sub(r"[\s/]+", "_", folder))


def parse_datetime(value: object) -> datetime | None:
    """ISO 8601 (with ``Z``), a date alone (midnight, naive), or a Unix time; None when unreadable or absent."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.isdigit() and len(text) >= 9:
        return datetime.fromtimestamp(int(text), UTC)
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def guess_language(text: str) -> str | None:
    """A cheap guess between uk, ru and en from the alphabet (of the first 1,000 characters); None without letters."""
    text = text[:_GUESS_CHARS]
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if not cyrillic and not latin:
        return None
    if cyrillic >= latin:
        ukrainian, russian = len(_UKRAINIAN.findall(text)), len(_RUSSIAN.findall(text))
        return "uk" if ukrainian > russian else "ru"
    return "en"


def short(text: str, limit: int = 200) -> str:
    """An excerpt for a Rejection: one line, at most ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
