"""Small read-model lookups the use cases need: enterprises of the register, parks, facility owners."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection


@dataclass(frozen=True)
class EnterpriseRef:
    enterprise_id: str
    name: str
    park_id: str | None
    jurisdiction_code: str
    risk_level: str | None


def enterprise(conn: Connection, enterprise_id: str) -> EnterpriseRef | None:
    row = conn.execute(text("SELECT enterprise_id, name, park_id, jurisdiction_code, risk_level FROM rm_enterprises "
                            "WHERE enterprise_id = :id"), {"id": enterprise_id}).first()
    return EnterpriseRef(*row) if row else None


def park_jurisdiction(conn: Connection, park_id: str) -> str | None:
    """The jurisdiction of a park that is on the map (None for an unknown or retired park)."""
    return conn.execute(text("SELECT jurisdiction_code FROM rm_parks WHERE park_id = :id AND retired_at IS NULL"),
                        {"id": park_id}).scalar()


def stream_type(conn: Connection, stream_id: str) -> str | None:
    """The stream type an id is already used for (ids are unique across parks, facilities, plans, incidents)."""
    return conn.execute(text("SELECT stream_type FROM es_events WHERE stream_id = :id LIMIT 1"), {"id": stream_id}).scalar()


def facility_exists(conn: Connection, facility_id: str) -> bool:
    return stream_type(conn, facility_id) is not None


@dataclass(frozen=True)
class ParkRef:
    park_id: str
    name: str
    jurisdiction_code: str


# A representative point of the geometry (a point itself; for a line or an area a point on it), so that a
# facility lies in one park, not in every park it touches.
_PARK_AT = text(
    "SELECT park_id, name, jurisdiction_code FROM rm_parks "
    "WHERE ST_Intersects(geom, ST_PointOnSurface(ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326))) AND retired_at IS NULL "
    "ORDER BY park_id LIMIT 1")
_PARK_DISTANCE = text(
    "SELECT ST_Distance(geom::geography, ST_SetSRID(ST_GeomFromGeoJSON(:g), 4326)::geography) FROM rm_parks "
    "WHERE park_id = :p")


def park_at(conn: Connection, geometry_geojson: str) -> ParkRef | None:
    """The park whose boundary holds the geometry's representative point, if any."""
    row = conn.execute(_PARK_AT, {"g": geometry_geojson}).first()
    return ParkRef(*row) if row else None


def distance_to_park_m(conn: Connection, park_id: str, geometry_geojson: str) -> float | None:
    """Geodesic distance from the geometry to the park's boundary (0 inside); None for an unknown park."""
    return conn.execute(_PARK_DISTANCE, {"g": geometry_geojson, "p": park_id}).scalar()
