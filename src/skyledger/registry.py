"""The sources registry: known channels mapped to their claimant and reliability (a data file users can edit)."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from skyledger.errors import ConfigError
from skyledger.model import RELIABILITY_GRADES, Claimant, Source, SourceKind

ENV_VAR = "SKYLEDGER_SOURCES"


@dataclass(frozen=True, slots=True)
class Registry:
    sources: dict[str, Source]
    names: dict[str, str] = field(default_factory=dict)  # casefolded name or alias -> handle

    def lookup(self, handle: str) -> Source | None:
        return self.sources.get(normalise_handle(handle))

    def source_for(self, handle: str, kind: SourceKind = SourceKind.WEBSITE) -> Source:
        """The registry's entry for ``handle``, or an unknown source graded F."""
        known = self.lookup(handle)
        return known if known is not None else Source(handle=normalise_handle(handle), kind=kind)

    def by_name(self, name: str) -> Source | None:
        """The entry whose ``name`` or one of whose ``aliases`` (a channel's title in an export) is ``name``."""
        handle = self.names.get(name.strip().casefold())
        return self.sources.get(handle) if handle else None


def normalise_handle(handle: str) -> str:
    """``https://t.me/s/Mod_Russia/123`` -> ``t.me/mod_russia``; ``https://www.tass.com/x`` -> ``tass.com``."""
    text = handle.strip().lower()
    text = re.sub(r"^[a-z]+://", "", text)
    text = re.sub(r"^www\.", "", text)
    if text.startswith("@"):
        return "t.me/" + text[1:]
    match = re.match(r"(?:t\.me|telegram\.me)/(?:s/)?([a-z0-9_]+)", text)
    if match:
        return "t.me/" + match.group(1)
    return text.split("/", 1)[0]


def _read(text: str, origin: str) -> Registry:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"not valid TOML: {error}", path=origin) from None
    sources: dict[str, Source] = {}
    names: dict[str, str] = {}
    for number, entry in enumerate(data.get("source", []), 1):
        where = f"source #{number}"
        try:
            handle = normalise_handle(entry["handle"])
            reliability = entry.get("reliability", "F")
            if reliability not in RELIABILITY_GRADES:
                raise ConfigError(f"reliability {reliability!r} is not one of A-F", path=origin, locator=where)
            claimant = entry.get("claimant")
            if claimant:
                Claimant.parse(claimant)  # validates the role
            sources[handle] = Source(
                handle=handle,
                kind=SourceKind(entry.get("kind", "website")),
                name=entry.get("name"),
                claimant=claimant,
                reliability=reliability,
                country=entry.get("country"),
            )
            for name in [entry.get("name"), *entry.get("aliases", [])]:
                if isinstance(name, str) and name.strip():
                    names.setdefault(name.strip().casefold(), handle)
        except KeyError as error:
            raise ConfigError(f"missing field {error}", path=origin, locator=where) from None
        except ValueError as error:
            raise ConfigError(str(error), path=origin, locator=where) from None
    return Registry(sources, names)


@lru_cache(maxsize=4)
def load_registry(path: str | None = None) -> Registry:
    """The registry at ``path``, else at ``$SKYLEDGER_SOURCES``, else the bundled defaults."""
    path = path or os.environ.get(ENV_VAR)
    if path:
        try:
            return _read(Path(path).read_text(encoding="utf-8"), path)
        except OSError as error:
            raise ConfigError(f"cannot read the sources registry: {error.strerror}", path=path) from None
    text = resources.files("skyledger").joinpath("data/sources.toml").read_text(encoding="utf-8")
    return _read(text, "skyledger/data/sources.toml")
