"""GeoJSON (RFC 7946) of claims and events, drawn as honestly as their places are known.

- A claim with coordinates is a ``Point`` (``geometry_precision`` "point").
- A place known to its region only, or to a district or settlement the store has no coordinates for, is drawn as its
  **region's polygon** (``geometry_precision`` "region"); ``place_precision`` says what the text named. Never a fake
  point presented as exact.
- A claim or event with no region (a national total, a sea) has ``"geometry": null``, which RFC 7946 allows.

Region outlines: Natural Earth admin-1 (public domain), simplified to about 1 km, bundled as ``data/regions.geojson.gz``
(see /work/shared/geo/README.md for how they were derived). Coordinates are WGS 84 longitude, latitude.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from skyledger.store.records import SCHEMA_VERSION

REGIONS_FILE = "regions.geojson.gz"


@lru_cache(maxsize=1)
def region_shapes() -> dict[str, dict[str, Any]]:
    """ISO 3166-2 code -> ``{"geometry": ..., "name_en": ..., "country": ...}`` of the bundled outlines."""
    raw = resources.files("skyledger.export").joinpath("data", REGIONS_FILE).read_bytes()
    collection = json.loads(gzip.decompress(raw))
    return {
        feature["properties"]["iso_code"]: {
            "geometry": feature["geometry"],
            "name_en": feature["properties"]["name_en"],
            "country": feature["properties"]["country"],
        }
        for feature in collection["features"]
    }


@lru_cache(maxsize=256)
def region_centroid(code: str) -> tuple[float, float] | None:
    """(lat, lon) of the area-weighted centroid of a region's largest polygon; None for an unknown code."""
    shape = region_shapes().get(code)
    if shape is None:
        return None
    geometry = shape["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    ring = max((polygon[0] for polygon in polygons), key=lambda item: abs(_ring_area(item)))
    area = _ring_area(ring)
    if area == 0:
        return (ring[0][1], ring[0][0])
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return (round(cy / (6 * area), 4), round(cx / (6 * area), 4))


def region_name(code: str | None) -> str | None:
    shape = region_shapes().get(code or "")
    return shape["name_en"] if shape else None


def _ring_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


REGION_GEOMETRIES = ("polygon", "centroid")


def feature_geometry(record: dict[str, Any], region_geometry: str = "polygon") -> tuple[dict[str, Any] | None, str]:
    """The geometry of a claim or event record and how precise it is: "point", "region" or "none".

    ``region_geometry`` "centroid" draws a region-level place as its region's centroid instead of its outline (much
    smaller files); ``geometry_precision`` is "region" either way, so the point is never taken for an exact one."""
    lat, lon = record.get("lat"), record.get("lon")
    if lat is not None and lon is not None:
        return {"type": "Point", "coordinates": [float(lon), float(lat)]}, "point"
    code = record.get("region") or ""
    shape = region_shapes().get(code)
    if shape is None:
        return None, "none"
    if region_geometry == "centroid":
        centre = region_centroid(code)
        assert centre is not None
        return {"type": "Point", "coordinates": [centre[1], centre[0]]}, "region"
    return shape["geometry"], "region"


@lru_cache(maxsize=256)
def _region_text(code: str, region_geometry: str) -> str:
    geometry, _ = feature_geometry({"region": code}, region_geometry)
    return json.dumps(geometry)


def write_geojson(records: list[dict[str, Any]], path: Path, *, what: str, region_geometry: str = "polygon") -> int:
    """Write a FeatureCollection of claim or event records to ``path``; returns the number of features.

    Written feature by feature, each region's geometry encoded once: a large export streams instead of building one
    document in memory."""
    header = {"type": "FeatureCollection", "schema_version": SCHEMA_VERSION, "what": what}  # foreign members: 6.1
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "features": [')
        for number, record in enumerate(records):
            geometry, precision = feature_geometry(record, region_geometry)
            if precision == "region":
                geometry_text = _region_text(record["region"], region_geometry)
            else:
                geometry_text = json.dumps(geometry)
            identity = record.get("claim_id") if what == "claims" else record.get("event_id")
            properties = {**record, "geometry_precision": precision, "schema_version": SCHEMA_VERSION}
            if region_geometry == "centroid" and precision == "region":
                properties["geometry_basis"] = "region centroid"
            handle.write(
                ("," if number else "")
                + '\n{"type": "Feature", "id": '
                + json.dumps(identity)
                + ', "geometry": '
                + geometry_text
                + ', "properties": '
                + json.dumps(properties, ensure_ascii=False)
                + "}"
            )
        handle.write("\n]}\n")
    return len(records)
