"""Small read-model lookups the use cases need: enterprises of the register, parks, facility owners."""

from __future__ import annotations

from dataclasses import dataclass

from geoalchemy2 import Geography
from sqlalchemy import cast, func, select, text
from sqlalchemy.engine import Connection

from risk_map.adapters.tables import SRID, rm_enterprises, rm_facilities, rm_map_tokens, rm_parks, rm_reaches


@dataclass(frozen=True)
class EnterpriseRef:
    enterprise_id: str
    name: str
    park_id: str | None
    jurisdiction_code: str
    risk_level: str | None
    deregistered: bool


@dataclass(frozen=True)
class ParkRef:
    park_id: str
    name: str
    jurisdiction_code: str


_ENTERPRISE = select(rm_enterprises.c.enterprise_id, rm_enterprises.c.name, rm_enterprises.c.park_id,
                     rm_enterprises.c.jurisdiction_code, rm_enterprises.c.risk_level,
                     rm_enterprises.c.deregistered_at.is_not(None))
_ON_THE_MAP = rm_parks.c.retired_at.is_(None)


def _geometry(geojson: str):
    return func.ST_SetSRID(func.ST_GeomFromGeoJSON(geojson), SRID)


def enterprise(conn: Connection, enterprise_id: str) -> EnterpriseRef | None:
    row = conn.execute(_ENTERPRISE.where(rm_enterprises.c.enterprise_id == enterprise_id)).first()
    return EnterpriseRef(*row) if row else None


def park_jurisdiction(conn: Connection, park_id: str) -> str | None:
    """The jurisdiction of a park that is on the map (None for an unknown or retired park)."""
    return conn.execute(select(rm_parks.c.jurisdiction_code).where(rm_parks.c.park_id == park_id, _ON_THE_MAP)).scalar()


def parks_at(conn: Connection, geometry_geojson: str) -> list[ParkRef]:
    """The parks on the map whose boundary holds the geometry's representative point (a point itself; for a line or
    an area a point on it, so that a facility lies in one park, not in every park it touches), the smallest first:
    where zones nest, the innermost is the one a facility belongs to."""
    query = (select(rm_parks.c.park_id, rm_parks.c.name, rm_parks.c.jurisdiction_code)
             .where(func.ST_Intersects(rm_parks.c.geom, func.ST_PointOnSurface(_geometry(geometry_geojson))),
                    _ON_THE_MAP)
             .order_by(func.ST_Area(rm_parks.c.geom), rm_parks.c.park_id))
    return [ParkRef(*row) for row in conn.execute(query)]


def distance_to_park_m(conn: Connection, park_id: str, geometry_geojson: str) -> float | None:
    """Geodesic distance from the geometry to the park's boundary (0 inside); None for an unknown park."""
    distance = func.ST_Distance(cast(rm_parks.c.geom, Geography), cast(_geometry(geometry_geojson), Geography))
    return conn.execute(select(distance).where(rm_parks.c.park_id == park_id)).scalar()


def stream_type(conn: Connection, stream_id: str) -> str | None:
    """The stream type an id is already used for (ids are unique across parks, facilities, plans, incidents)."""
    return conn.execute(text("SELECT stream_type FROM es_events WHERE stream_id = :id LIMIT 1"), {"id": stream_id}).scalar()


def facility_exists(conn: Connection, facility_id: str) -> bool:
    return stream_type(conn, facility_id) is not None


def enterprise_site(conn: Connection, enterprise_id: str, preferred_id: str) -> str | None:
    """The id of the enterprise's site on the map (`preferred_id` if it is one of them, else the first by id)."""
    return conn.execute(select(rm_facilities.c.facility_id)
                        .where(rm_facilities.c.enterprise_id == enterprise_id, rm_facilities.c.kind == "site")
                        .order_by(rm_facilities.c.facility_id != preferred_id, rm_facilities.c.facility_id)
                        .limit(1)).scalar()


_MAP_TOKEN_COLUMNS = (rm_map_tokens.c.token_id, rm_map_tokens.c.label, rm_map_tokens.c.holder_subject,
                      rm_map_tokens.c.holder_name, rm_map_tokens.c.scope_roles, rm_map_tokens.c.scope_jurisdiction,
                      rm_map_tokens.c.scope_park_id, rm_map_tokens.c.scope_enterprise_id, rm_map_tokens.c.issued_at,
                      rm_map_tokens.c.expires_at, rm_map_tokens.c.revoked_at, rm_map_tokens.c.revoked_reason)


def map_token(conn: Connection, token_id: str):
    """A map token's record (never its secret), or None."""
    return conn.execute(select(*_MAP_TOKEN_COLUMNS).where(rm_map_tokens.c.token_id == token_id)).first()


def map_token_by_hash(conn: Connection, token_sha256: str):
    return conn.execute(select(*_MAP_TOKEN_COLUMNS).where(rm_map_tokens.c.token_sha256 == token_sha256)).first()


def map_tokens_of(conn: Connection, holder_subject: str) -> list:
    return list(conn.execute(select(*_MAP_TOKEN_COLUMNS).where(rm_map_tokens.c.holder_subject == holder_subject)
                             .order_by(rm_map_tokens.c.issued_at.desc())))


def river_jurisdictions(conn: Connection, river_name: str, reach_ids: list[str]) -> list[str]:
    """The jurisdictions of the registered reaches of a river (by name) or named by id, in code order."""
    code = rm_reaches.c.jurisdiction_code
    where = (rm_reaches.c.river_name == river_name) | rm_reaches.c.reach_id.in_(reach_ids)
    return list(conn.execute(select(code).distinct().where(where, code.is_not(None)).order_by(code)).scalars())
