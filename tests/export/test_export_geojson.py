"""GeoJSON exports follow RFC 7946 and draw each place no more exactly than it is known."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ledger_fixture import fill
from skyledger.errors import UsageError
from skyledger.export import SCHEMA_VERSION, export, records
from skyledger.store import Store

GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}


def _position(position: Any) -> None:
    assert isinstance(position, list) and len(position) in (2, 3), position
    lon, lat = position[0], position[1]
    assert all(isinstance(value, int | float) and not isinstance(value, bool) for value in position)
    assert -180 <= lon <= 180 and -90 <= lat <= 90, position  # RFC 7946 3.1.1: longitude first, WGS 84


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


def _polygon(rings: Any) -> None:
    assert isinstance(rings, list) and rings
    for number, ring in enumerate(rings):
        assert len(ring) >= 4 and ring[0] == ring[-1]  # 3.1.6: a closed linear ring of four or more positions
        for position in ring:
            _position(position)
        area = _signed_area(ring)
        assert area > 0 if number == 0 else area < 0  # 3.1.6: exterior counter-clockwise, holes clockwise


def validate_rfc7946(document: dict[str, Any]) -> None:
    """The structural rules of RFC 7946 that a FeatureCollection of (Multi)Polygons and Points must meet."""
    assert document["type"] == "FeatureCollection" and isinstance(document["features"], list)
    assert "crs" not in document  # 4: no crs member
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert "geometry" in feature and "properties" in feature  # 3.2: both members present, null allowed
        assert feature["properties"] is None or isinstance(feature["properties"], dict)
        if "id" in feature:
            assert isinstance(feature["id"], str | int | float) and not isinstance(feature["id"], bool)
        geometry = feature["geometry"]
        if geometry is None:
            continue
        assert geometry["type"] in GEOMETRY_TYPES
        if geometry["type"] == "Point":
            _position(geometry["coordinates"])
        elif geometry["type"] == "Polygon":
            _polygon(geometry["coordinates"])
        elif geometry["type"] == "MultiPolygon":
            assert geometry["coordinates"]
            for polygon in geometry["coordinates"]:
                _polygon(polygon)


@pytest.fixture
def filled(store: Store) -> Store:
    fill(store)
    return store


@pytest.mark.parametrize("what", ["claims", "events"])
def test_geojson_is_rfc7946_and_round_trips(filled: Store, tmp_path: Path, what: str) -> None:
    path = tmp_path / f"{what}.geojson"
    summary = export(filled, what=what, format="geojson", path=path)
    document = json.loads(path.read_text("utf-8"))
    validate_rfc7946(document)
    assert document["schema_version"] == SCHEMA_VERSION
    expected = records(filled, what)
    assert summary.rows == len(document["features"]) == len(expected)
    for record, feature in zip(expected, document["features"], strict=True):
        properties = dict(feature["properties"])
        assert properties.pop("schema_version") == SCHEMA_VERSION
        properties.pop("geometry_precision")
        assert properties == record


def test_places_are_drawn_only_as_exactly_as_known(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "claims.geojson"
    export(filled, what="claims", format="geojson", path=path)
    features = {feature["id"]: feature for feature in json.loads(path.read_text("utf-8"))["features"]}
    by_precision: dict[str, list[dict[str, Any]]] = {}
    for feature in features.values():
        by_precision.setdefault(feature["properties"]["geometry_precision"], []).append(feature)
    # the Kyiv claim has coordinates: a point, at them
    (point,) = by_precision["point"]
    assert point["geometry"] == {"type": "Point", "coordinates": [30.52, 50.45]}
    # a region-level claim is its region's polygon, never a point; a district without coordinates too
    for feature in by_precision["region"]:
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        assert feature["properties"]["region"] in {"RU-KLU", "RU-BRY", "UA-32"}
    district = [f for f in by_precision["region"] if f["properties"]["place_precision"] == "district"]
    assert len(district) == 1 and district[0]["properties"]["district"] == "Dzerzhinsky"
    # the national launch total has no place: no geometry
    (unplaced,) = by_precision["none"]
    assert unplaced["geometry"] is None and unplaced["properties"]["region"] is None


def test_region_polygon_contains_its_own_capital(filled: Store, tmp_path: Path) -> None:
    """The polygon drawn for RU-KLU is Kaluga Oblast's: it holds the city of Kaluga and not Bryansk."""
    from skyledger.export.geo import region_shapes

    geometry = region_shapes()["RU-KLU"]["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]

    def inside(lon: float, lat: float) -> bool:
        hits = 0
        for polygon in polygons:
            for ring in polygon:
                for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
                    if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                        hits += 1
        return hits % 2 == 1

    assert inside(36.27, 54.51)  # Kaluga
    assert not inside(34.36, 53.24)  # Bryansk


def test_centroid_mode_marks_region_points_as_region_precision(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    export(filled, what="events", format="geojson", path=path, region_geometry="centroid")
    document = json.loads(path.read_text("utf-8"))
    validate_rfc7946(document)
    by_id = {feature["id"]: feature for feature in document["features"]}
    kaluga = by_id["E1"]
    assert kaluga["geometry"]["type"] == "Point"
    assert kaluga["properties"]["geometry_precision"] == "region"
    assert kaluga["properties"]["geometry_basis"] == "region centroid"
    lon, lat = kaluga["geometry"]["coordinates"]
    assert 33 < lon < 37 and 53 < lat < 56
    assert by_id["E4"]["geometry"] is None  # still no place, no point
    with pytest.raises(UsageError, match="region geometry"):
        export(filled, what="events", format="geojson", path=path, region_geometry="hexagon")


def test_every_bundled_region_outline_is_valid_rfc7946() -> None:
    from skyledger.export.geo import region_centroid, region_shapes

    shapes = region_shapes()
    assert len([code for code in shapes if code.startswith("RU-")]) == 83 and "UA-43" in shapes and "BY-HM" in shapes
    features = [
        {"type": "Feature", "id": code, "geometry": s["geometry"], "properties": {}} for code, s in shapes.items()
    ]
    validate_rfc7946({"type": "FeatureCollection", "features": features})
    lat, lon = region_centroid("UA-30") or (0, 0)
    assert abs(lat - 50.45) < 0.2 and abs(lon - 30.52) < 0.2  # Kyiv city's centroid is in Kyiv
