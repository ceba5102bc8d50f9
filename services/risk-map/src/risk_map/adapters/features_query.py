"""OGC API Features queries: items of a layer with bbox, property filters and paging, built as GeoJSON in PostGIS."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from risk_map.adapters.layers import Layer

# Per source: the FROM/WHERE head and the GeoJSON feature expression. Fixed text, chosen by the layer's id.
_FACILITY = (
    "FROM rm_facilities f WHERE f.kind = :kind",
    "json_build_object('type', 'Feature', 'id', f.facility_id, 'geometry', ST_AsGeoJSON(f.geom, 7)::json, "
    "'properties', jsonb_build_object('name', f.name, 'kind', f.kind, 'enterprise_id', f.enterprise_id, "
    "'park_id', f.park_id, 'jurisdiction_code', f.jurisdiction_code, 'on_reach_id', f.reach_id, "
    "'measure_m', f.measure_m, 'updated_at', f.updated_at) || f.attributes || "
    "COALESCE((f.derived->'pool_adequacy') - 'explanation'::text - 'terms'::text, '{}'::jsonb))",
    "f.geom", "f.facility_id",
)
_SOURCES = {
    "parks": ("FROM rm_parks f WHERE TRUE",
              "json_build_object('type', 'Feature', 'id', f.park_id, 'geometry', ST_AsGeoJSON(f.geom, 7)::json, "
              "'properties', json_build_object('name', f.name, 'jurisdiction_code', f.jurisdiction_code, "
              "'updated_at', f.updated_at))", "f.geom", "f.park_id"),
    "incidents": ("FROM rm_incidents f WHERE TRUE",
                  "json_build_object('type', 'Feature', 'id', f.incident_id, 'geometry', ST_AsGeoJSON(f.location, 7)::json, "
                  "'properties', json_build_object('pollutant', f.pollutant, 'volume_m3', f.volume_m3, 'level', f.level, "
                  "'enterprise_id', f.enterprise_id, 'occurred_at', f.occurred_at, "
                  "'contained_in_plant', f.contained_in_plant))", "f.location", "f.incident_id"),
    "hazards": ("FROM rm_hazards f WHERE f.status = 'open'",
                "json_build_object('type', 'Feature', 'id', f.hazard_id, 'geometry', ST_AsGeoJSON(f.geom, 7)::json, "
                "'properties', json_build_object('enterprise_id', f.enterprise_id, 'ledger_no', f.ledger_no, "
                "'grade', f.grade, 'description', f.description, 'status', f.status))", "f.geom", "f.hazard_id"),
}
# Filterable columns of the tables that are not facilities; facility attributes are read from the jsonb.
_COLUMNS = {"name", "enterprise_id", "park_id", "jurisdiction_code", "pollutant", "level", "grade", "status"}


@dataclass(frozen=True)
class Page:
    features: list
    matched: int


def _source(layer: Layer):
    return _FACILITY if layer.kind is not None else _SOURCES[layer.id]


def query_items(conn: Connection, layer: Layer, *, bbox: tuple[float, float, float, float] | None,
                filters: dict[str, str], limit: int, offset: int, feature_id: str | None = None) -> Page:
    head, feature, geom, key = _source(layer)
    where = [head]
    params: dict = {"kind": layer.kind.value if layer.kind else None, "limit": limit, "offset": offset}
    if bbox is not None:
        where.append(f"AND {geom} && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326) "
                     f"AND ST_Intersects({geom}, ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326))")
        params.update(minx=bbox[0], miny=bbox[1], maxx=bbox[2], maxy=bbox[3])
    for i, (name, value) in enumerate(sorted(filters.items())):
        if layer.kind is not None and name not in ("name", "enterprise_id", "park_id", "jurisdiction_code"):
            where.append(f"AND f.attributes->>:k{i} = :v{i}")  # attribute key bound, never spliced
            params[f"k{i}"] = name
        elif name in _COLUMNS:
            where.append(f"AND f.{name} = :v{i}")  # name checked against the fixed column set above
        else:
            continue
        params[f"v{i}"] = value
    if feature_id is not None:
        where.append(f"AND {key} = :fid")
        params["fid"] = feature_id
    body = " ".join(where)
    matched = conn.execute(text(f"SELECT count(*) {body}"), params).scalar_one()
    rows = conn.execute(text(f"SELECT {feature} AS feature {body} ORDER BY {key} LIMIT :limit OFFSET :offset"), params)
    return Page([r.feature for r in rows], matched)


def extent(conn: Connection, layer: Layer) -> list[float] | None:
    head, _, geom, _ = _source(layer)
    row = conn.execute(text(f"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                            f"(SELECT ST_Extent({geom}) AS e {head}) s"),
                       {"kind": layer.kind.value if layer.kind else None}).first()
    return [float(v) for v in row] if row and row[0] is not None else None
