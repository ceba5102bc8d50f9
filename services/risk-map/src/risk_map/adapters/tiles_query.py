"""Mapbox Vector Tiles with ST_AsMVT / ST_AsMVTGeom, simplified by zoom, one layer or the combined set."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from risk_map.adapters.layers import LAYERS, Layer

WORLD_M = 40_075_016.685578488
EXTENT = 4096
BUFFER = 64


def tolerance_m(z: int) -> float:
    """Half a 256-px screen pixel at zoom z (metres): detail below that cannot be seen; none from zoom 16 on."""
    return 0.0 if z >= 16 else WORLD_M / (2 ** z) / 256 / 2


def _select(layer: Layer) -> tuple[str, str]:
    """The layer's feature rows (geometry in 3857 clipped to the tile) — fixed SQL per layer id."""
    if layer.kind is not None:
        # Attribute keys come from the layer definitions in code, never from a request.
        extra = "".join(f", f.attributes->>'{k}' AS {k}" for k in layer.tile_properties)
        return (f"SELECT f.facility_id AS id, f.name, f.kind, f.enterprise_id, f.park_id{extra}, "
                "ST_AsMVTGeom(ST_SimplifyPreserveTopology(ST_Transform(f.geom, 3857), :tol), b.env, 4096, 64, true) AS geom "
                "FROM rm_facilities f, b WHERE f.kind = :kind AND f.geom && b.env4326", "geom")
    source = {
        "parks": "SELECT f.park_id AS id, f.name, "
                 "ST_AsMVTGeom(ST_SimplifyPreserveTopology(ST_Transform(f.geom, 3857), :tol), b.env, 4096, 64, true) AS geom "
                 "FROM rm_parks f, b WHERE f.geom && b.env4326",
        "incidents": "SELECT f.incident_id AS id, f.pollutant, f.level, f.volume_m3, "
                     "ST_AsMVTGeom(ST_Transform(f.location, 3857), b.env, 4096, 64, true) AS geom "
                     "FROM rm_incidents f, b WHERE f.location && b.env4326",
        "hazards": "SELECT f.hazard_id AS id, f.enterprise_id, f.grade, f.ledger_no, "
                   "ST_AsMVTGeom(ST_Transform(f.geom, 3857), b.env, 4096, 64, true) AS geom "
                   "FROM rm_hazards f, b WHERE f.status = 'open' AND f.geom && b.env4326",
    }[layer.id]
    return source, "geom"


def tile(conn: Connection, layer_ids: list[str], z: int, x: int, y: int) -> bytes:
    """One tile with the named layers (each a layer of the same name in the MVT)."""
    out = b""
    for layer_id in layer_ids:
        layer = LAYERS[layer_id]
        select, geom = _select(layer)
        sql = text("WITH b AS (SELECT ST_TileEnvelope(:z, :x, :y) AS env, "
                   "ST_Transform(ST_TileEnvelope(:z, :x, :y), 4326) AS env4326) "
                   f"SELECT ST_AsMVT(t, :name, 4096, '{geom}') FROM ({select}) t WHERE t.{geom} IS NOT NULL")
        data = conn.execute(sql, {"z": z, "x": x, "y": y, "tol": tolerance_m(z), "name": layer.id,
                                  "kind": layer.kind.value if layer.kind else None}).scalar()
        out += bytes(data or b"")  # an MVT is a sequence of layers: tiles concatenate
    return out
