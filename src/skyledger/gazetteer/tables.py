"""The bundled gazetteer tables (data/*.tsv, built by scripts/build_gazetteer.py) and the hand-written lexicons."""

from __future__ import annotations

import gzip
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import overload

from ..errors import ConfigError
from .keys import KEYS_VERSION

LANGUAGES = ("ru", "uk", "en")


@dataclass(frozen=True, slots=True)
class RegionInfo:
    """A first-level region (oblast, krai, republic, federal city) with its names, a representative point and zone."""

    iso: str
    country: str
    name_en: str
    name_ru: str
    name_uk: str
    lat: float | None
    lon: float | None
    timezone: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class District:
    id: str
    country: str
    region: str
    name: str  # English, without "District"/"Raion"
    name_ru: str
    name_uk: str
    lat: float | None
    lon: float | None
    names: tuple[str, ...]  # every form to match (with their generic words)


@dataclass(frozen=True, slots=True)
class Settlement:
    country: str
    region: str
    district: str  # GeoNames id of its district, "" when unknown
    id: str
    name: str  # English
    lat: float | None
    lon: float | None
    rank: int  # population, or a nominal size for KATOTTG towns; 0 for villages
    source: str  # cities500, postal, postal_nocoord, or a KATOTTG category M/T/X/C


def data_dir() -> Path:
    return Path(str(resources.files("skyledger.gazetteer") / "data"))


def _float(value: str) -> float | None:
    return float(value) if value else None


def _rows(path: Path, *, skip_header: bool = True) -> Iterator[tuple[int, list[str]]]:
    """Data lines of a TSV file as (line number, fields); comment lines and the header skipped."""
    try:
        with path.open(encoding="utf-8") as handle:
            header_seen = not skip_header
            for number, line in enumerate(handle, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                if not header_seen:
                    header_seen = True
                    continue
                yield number, line.rstrip("\n").split("\t")
    except OSError as error:
        raise ConfigError(f"cannot read the gazetteer table: {error.strerror}", path=str(path)) from error


def _need(path: Path, number: int, fields: list[str], count: int) -> list[str]:
    if len(fields) < count:
        raise ConfigError(f"expected {count} tab-separated fields, found {len(fields)}", path=str(path),
                          locator=f"line {number}")  # fmt: skip
    return fields


def load_regions(directory: Path) -> list[RegionInfo]:
    path = directory / "regions.tsv"
    regions = []
    for number, fields in _rows(path):
        iso, country, en, ru, uk, lat, lon, zone, aliases = _need(path, number, fields, 9)
        alias_list = tuple(alias for alias in aliases.split("|") if alias)
        regions.append(RegionInfo(iso, country, en, ru, uk, _float(lat), _float(lon), zone or None, alias_list))
    return regions


def load_districts(directory: Path) -> list[District]:
    districts = []
    for name in ("districts.tsv", "districts_extra.tsv"):
        path = directory / name
        for number, fields in _rows(path):
            id_, country, region, english, ru, uk, lat, lon, names = _need(path, number, fields, 9)
            forms = tuple(form for form in names.split("|") if form)
            districts.append(District(id_, country, region, english, ru, uk, _float(lat), _float(lon), forms))
    return districts


class SettlementTable(Sequence[Settlement]):
    """The settlement rows, parsed on first use (most are never looked at in a process)."""

    def __init__(self, path: Path, lines: list[str]) -> None:
        self._path = path
        self._lines = lines
        self._parsed: dict[int, Settlement] = {}
        # The columns the resolver weighs every candidate by, parsed once (rows are sorted by rank, largest first)
        self.regions: list[str] = []
        self.districts: list[str] = []
        self.names: list[str] = []
        self.ranks: list[int] = []

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, index: int) -> Settlement: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Settlement]: ...
    def __getitem__(self, index: int | slice) -> Settlement | Sequence[Settlement]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        row = self._parsed.get(index)
        if row is None:
            fields = self._lines[index].split("\t")
            country, region, district, id_, name, lat, lon, rank, source = fields[:9]
            row = Settlement(country, region, district, id_, name, _float(lat), _float(lon), int(rank), source)
            self._parsed[index] = row
        return row


def load_settlements(directory: Path) -> tuple[SettlementTable, list[str]]:
    """The settlements and, beside each, its precomputed name keys (|-separated; words' bases space-joined)."""
    path = directory / "settlements.tsv.gz"
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            lines = handle.read().split("\n")
    except OSError as error:
        raise ConfigError(f"cannot read the gazetteer table: {error.strerror}", path=str(path)) from error
    if not lines or lines[0] != f"# keys-version {KEYS_VERSION}":
        raise ConfigError(
            f"built with another key version ({lines[0][:40]!r}, code has {KEYS_VERSION}): "
            "run scripts/build_gazetteer.py",
            path=str(path),
        )
    rows: list[str] = []
    keys: list[str] = []
    table = SettlementTable(path, rows)
    for number, line in enumerate(lines[2:], 3):
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) != 10 or not fields[7].isdigit():
            raise ConfigError(
                "expected 10 tab-separated fields, rank a number", path=str(path), locator=f"line {number}"
            )
        rows.append(line)
        keys.append(fields[9])
        table.regions.append(fields[1])
        table.districts.append(fields[2])
        table.names.append(fields[4])
        table.ranks.append(int(fields[7]))
    return table, keys


def load_pairs(path: Path) -> list[tuple[str, str]]:
    """A two-column hand table (key<TAB>value), comments allowed."""
    pairs = []
    for number, fields in _rows(path, skip_header=False):
        first, second = _need(path, number, fields, 2)[:2]
        pairs.append((first.strip(), second.strip()))
    return pairs


def load_words(directory: Path, name: str) -> list[str]:
    """One word a line from ``<lang>/<name>`` for every language."""
    found: list[str] = []
    for language in LANGUAGES:
        path = directory / language / name
        if path.exists():
            found.extend(fields[0].strip() for _, fields in _rows(path, skip_header=False) if fields[0].strip())
    return found
