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


def feature_geometry(record: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """The geometry of a claim or event record and how precise it is: "point", "region" or "none"."""
    lat, lon = record.get("lat"), record.get("lon")
    if lat is not None and lon is not None:
        return {"type": "Point", "coordinates": [float(lon), float(lat)]}, "point"
    shape = region_shapes().get(record.get("region") or "")
    if shape is not None:
        return shape["geometry"], "region"
    return None, "none"


def write_geojson(records: list[dict[str, Any]], path: Path, *, what: str) -> int:
    """Write a FeatureCollection of claim or event records to ``path``; returns the number of features."""
    features = []
    for record in records:
        geometry, precision = feature_geometry(record)
        identity = record.get("claim_id") if what == "claims" else record.get("event_id")
        properties = {**record, "geometry_precision": precision, "schema_version": SCHEMA_VERSION}
        features.append({"type": "Feature", "id": identity, "geometry": geometry, "properties": properties})
    collection = {
        "type": "FeatureCollection",
        "schema_version": SCHEMA_VERSION,  # a foreign member, as RFC 7946 section 6.1 allows
        "what": what,
        "features": features,
    }
    with path.open("w", encoding="utf-8") as handle:
        json.dump(collection, handle, ensure_ascii=False)
        handle.write("\n")
    return len(features)
