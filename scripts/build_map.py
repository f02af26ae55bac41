"""Derive the dashboard's bundled map from ../shared/geo: regions and neighbours as pre-projected SVG path data.

    python scripts/build_map.py [GEO_DIR] [OUT_JSON]

Defaults: ../shared/geo beside the repository, and src/skyledger/web/data/map.json. The projection is a plain
equirectangular one with x scaled by cos(50°) (no rotation, so the west of the area reads as on a familiar map),
SCALE units per degree of latitude, coordinates rounded to whole units (about 2.8 km at SCALE = 40); vertices that
round onto the previous one are dropped. A coarser copy of each path ("coarse", in units of COARSE, drawn with
``scale(COARSE)``) serves the whole-area view. Neighbouring regions share their borders in the source data, and rounding
maps equal vertices to equal points, so borders stay shared. Longitudes below -169 (Chukotka past the antimeridian)
get 360 added. Output is deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCALE = 40.0
LON0, LAT_TOP = 19.0, 82.5
XSCALE = math.cos(math.radians(50.0))
COARSE = 5  # the whole-area view snaps to 5 units (about 14 km): it is drawn about 5 times smaller
WEST = (21.0, 43.0, 60.0, 62.0)  # lon/lat box of the default view: Belarus, Ukraine, European Russia


def project(lon: float, lat: float) -> tuple[int, int]:
    if lon < -169.0:
        lon += 360.0
    return round((lon - LON0) * XSCALE * SCALE), round((LAT_TOP - lat) * SCALE)


def ring_path(ring: list[list[float]], step: int = 1) -> tuple[str, list[tuple[int, int]]]:
    """One ring as relative SVG path data, in units of ``step`` (the caller scales it back by ``step``)."""
    points: list[tuple[int, int]] = []
    for lon, lat in ring:
        x, y = project(lon, lat)
        point = (round(x / step), round(y / step))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if step > 1:
        points = _straighten(points)
    if len(points) < 3:
        return "", []
    x0, y0 = points[0]
    parts = [f"M{x0} {y0}l"]
    deltas = []
    for (xa, ya), (xb, yb) in zip(points, points[1:], strict=False):
        deltas.append(f"{xb - xa} {yb - ya}")
    parts.append(" ".join(deltas).replace(" -", "-"))
    parts.append("z")
    return "".join(parts), points


def _straighten(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop vertices on a straight run and spikes (A, B, A), which snapping to a coarse grid makes many of."""
    changed = True
    while changed and len(points) > 3:
        changed = False
        kept: list[tuple[int, int]] = []
        for index, point in enumerate(points):
            before = kept[-1] if kept else points[-1]
            after = points[(index + 1) % len(points)]
            cross = (point[0] - before[0]) * (after[1] - point[1]) - (point[1] - before[1]) * (after[0] - point[0])
            if cross == 0 or before == after:
                changed = True
                continue
            kept.append(point)
        points = kept
    return points


def geometry_path(geometry: dict[str, Any], step: int = 1) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """SVG path data, all points, and the points of the largest outer ring (for the label)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    paths, every, largest, largest_area = [], [], [], -1.0
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            path, points = ring_path(ring, step)
            if not path:
                continue
            paths.append(path)
            every.extend(points)
            area = abs(_area(points))
            if index == 0 and area > largest_area:
                largest, largest_area = points, area
    return "".join(paths), every, largest


def _area(points: list[tuple[int, int]]) -> float:
    return 0.5 * sum(xa * yb - xb * ya for (xa, ya), (xb, yb) in zip(points, points[1:] + points[:1], strict=True))


def _centroid(points: list[tuple[int, int]]) -> tuple[int, int]:
    area = _area(points)
    if abs(area) < 1e-9:
        xs, ys = zip(*points, strict=True)
        return round(sum(xs) / len(xs)), round(sum(ys) / len(ys))
    cx = sum(
        (xa + xb) * (xa * yb - xb * ya) for (xa, ya), (xb, yb) in zip(points, points[1:] + points[:1], strict=True)
    )
    cy = sum(
        (ya + yb) * (xa * yb - xb * ya) for (xa, ya), (xb, yb) in zip(points, points[1:] + points[:1], strict=True)
    )
    return round(cx / (6 * area)), round(cy / (6 * area))


def _bbox(points: list[tuple[int, int]]) -> list[int]:
    xs, ys = zip(*points, strict=True)
    return [min(xs), min(ys), max(xs), max(ys)]


def build(geo: Path) -> dict[str, Any]:
    regions_in = json.loads((geo / "regions_ru_ua_by.geojson").read_text(encoding="utf-8"))
    neighbours_in = json.loads((geo / "neighbours.geojson").read_text(encoding="utf-8"))
    regions = []
    for feature in sorted(regions_in["features"], key=lambda f: f["properties"]["iso_code"]):
        props = feature["properties"]
        d, points, largest = geometry_path(feature["geometry"])
        coarse, _, _ = geometry_path(feature["geometry"], COARSE)
        regions.append(
            {
                "code": props["iso_code"],
                "name": props["name_en"],
                "country": props["country"],
                "d": d,
                "coarse": coarse,
                "label": list(_centroid(largest)),
                "bbox": _bbox(points),
            }
        )
    neighbours = []
    for feature in sorted(neighbours_in["features"], key=lambda f: f["properties"]["iso_a2"]):
        props = feature["properties"]
        d, points, _ = geometry_path(feature["geometry"])
        coarse, _, _ = geometry_path(feature["geometry"], COARSE)
        neighbours.append(
            {"code": props["iso_a2"], "name": props["name_en"], "d": d, "coarse": coarse, "bbox": _bbox(points)}
        )
    all_points = [r["bbox"] for r in regions]
    full = [
        min(b[0] for b in all_points),
        min(b[1] for b in all_points),
        max(b[2] for b in all_points),
        max(b[3] for b in all_points),
    ]
    west_a, west_b = project(WEST[0], WEST[3]), project(WEST[2], WEST[1])
    return {
        "about": "Natural Earth boundaries (public domain), derived by scripts/build_map.py; see README.md here.",
        "scale": SCALE,
        "coarse": COARSE,
        "views": {
            "west": [*west_a, west_b[0] - west_a[0], west_b[1] - west_a[1]],
            "all": [full[0], full[1], full[2] - full[0], full[3] - full[1]],
        },
        "regions": regions,
        "neighbours": neighbours,
    }


def main() -> None:
    geo = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "geo"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "src" / "skyledger" / "web" / "data" / "map.json"
    data = build(geo)
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{out}: {len(data['regions'])} regions, {len(data['neighbours'])} neighbours, {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
