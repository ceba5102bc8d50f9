"""OGC API Features queries: items of a layer with bbox, property filters, paging and the reader's scope, as GeoJSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection

from risk_map.adapters.consumers import FINDING_DOMAINS, FINDING_GRADES
from risk_map.adapters.layers import RECENT_FINDING_DAYS, Layer
from risk_map.adapters.read_queries import (REVIEW_STANDS, SANCTION_FLAGS, SANCTION_JOIN, SANCTION_PROPERTIES,
                                           SCOPES)
from risk_map.domain.pool_review import PENDING_HOURS

if TYPE_CHECKING:  # the caller's scope comes from the service layer; only its shape is needed here
    from risk_map.service_layer.access import ReadScope

# Every fragment below is fixed text chosen by the layer's id; values only ever travel as bound parameters.
_FACILITY_PROPERTIES = (
    "jsonb_build_object('name', f.name, 'kind', f.kind, 'enterprise_id', f.enterprise_id, "
    "'park_id', f.park_id, 'jurisdiction_code', f.jurisdiction_code, 'on_reach_id', f.reach_id, "
    "'measure_m', f.measure_m, 'updated_at', f.updated_at) || f.attributes || "
    "COALESCE((f.derived->'pool_adequacy') - 'explanation'::text - 'terms'::text, '{}'::jsonb)")
# A site also shows what other services found there: open hazards, recent findings, a raised pool shortfall, and its
# enterprise's cases and sanctions (`s`, joined in the sites source).
_SITE_PROPERTIES = (
    _FACILITY_PROPERTIES + " || jsonb_build_object("
    "'open_hazard_count', (SELECT count(*) FROM rm_hazards h WHERE h.enterprise_id = f.enterprise_id "
    "AND h.status = 'open'), "
    "'recent_finding_count', (SELECT count(*) FROM rm_findings x WHERE x.enterprise_id = f.enterprise_id "
    "AND x.found_at >= now() - make_interval(days => :recent_days)), "
    "'pool_review_open', EXISTS (SELECT 1 FROM rm_pool_reviews r LEFT JOIN rm_hazards h ON h.pool_review_id = r.review_id "
    "WHERE r.enterprise_id = f.enterprise_id AND " + REVIEW_STANDS + "), "
    "'enterprise_deregistered', EXISTS (SELECT 1 FROM rm_enterprises e WHERE e.enterprise_id = f.enterprise_id "
    "AND e.deregistered_at IS NOT NULL)) || " + SANCTION_PROPERTIES)


def _facility_feature(properties: str) -> str:
    return ("json_build_object('type', 'Feature', 'id', f.facility_id, 'geometry', ST_AsGeoJSON(f.geom, 7)::json, "
            "'properties', " + properties + ")")


@dataclass(frozen=True)
class Source:
    head: str  # FROM … WHERE …
    feature: str  # the GeoJSON feature expression
    geom: str
    key: str
    scope: str | None  # key of SCOPES; None: shared, read whole


_FINDING_POSITION = "COALESCE(site.g, en.location)"
_SOURCES = {
    "sites": Source("FROM rm_facilities f " + SANCTION_JOIN + "f.enterprise_id WHERE f.kind = :kind",
                    _facility_feature(_SITE_PROPERTIES), "f.geom",
                    "f.facility_id", "facility"),
    "parks": Source("FROM rm_parks f WHERE f.retired_at IS NULL",
                    "json_build_object('type', 'Feature', 'id', f.park_id, 'geometry', ST_AsGeoJSON(f.geom, 7)::json, "
                    "'properties', json_build_object('name', f.name, 'jurisdiction_code', f.jurisdiction_code, "
                    "'updated_at', f.updated_at))", "f.geom", "f.park_id", "park"),
    "incidents": Source("FROM rm_incidents f WHERE TRUE",
                        "json_build_object('type', 'Feature', 'id', f.incident_id, 'geometry', "
                        "ST_AsGeoJSON(f.location, 7)::json, 'properties', json_build_object('pollutant', f.pollutant, "
                        "'volume_m3', f.volume_m3, 'level', f.level, 'enterprise_id', f.enterprise_id, "
                        "'occurred_at', f.occurred_at, 'contained_in_plant', f.contained_in_plant))",
                        "f.location", "f.incident_id", "incident"),
    "hazards": Source("FROM rm_hazards f WHERE f.status = 'open'",
                      "json_build_object('type', 'Feature', 'id', f.hazard_id, 'geometry', ST_AsGeoJSON(f.geom, 7)::json, "
                      "'properties', json_build_object('enterprise_id', f.enterprise_id, 'ledger_no', f.ledger_no, "
                      "'grade', f.grade, 'description', f.description, 'status', f.status))",
                      "f.geom", "f.hazard_id", "enterprise"),
    # A finding is drawn at its enterprise's site as the map has it now, else at the register's point.
    "findings": Source(
        "FROM rm_findings f LEFT JOIN rm_enterprises en ON en.enterprise_id = f.enterprise_id "
        "LEFT JOIN LATERAL (SELECT ST_PointOnSurface(s.geom) AS g FROM rm_facilities s "
        "WHERE s.enterprise_id = f.enterprise_id AND s.kind = 'site' ORDER BY s.facility_id LIMIT 1) site ON TRUE "
        "WHERE f.found_at >= now() - make_interval(days => :recent_days)",
        "json_build_object('type', 'Feature', 'id', f.finding_id, 'geometry', "
        "ST_AsGeoJSON(" + _FINDING_POSITION + ", 7)::json, 'properties', json_build_object("
        "'enterprise_id', f.enterprise_id, 'enterprise_name', en.name, 'inspection_id', f.inspection_id, "
        "'campaign_id', f.campaign_id, 'domain', f.domain, 'domain_label', CAST(:labels AS jsonb)->'domain'->>f.domain, "
        "'description', f.description, 'suggested_grade', f.suggested_grade, "
        "'grade_label', CAST(:labels AS jsonb)->'grade'->>f.suggested_grade, 'grade_basis', f.grade_basis, "
        "'found_at', f.found_at, 'recorded_by', f.recorded_by->>'name'))",
        _FINDING_POSITION, "f.finding_id", "enterprise"),
}
_OTHER_FACILITY = Source("FROM rm_facilities f WHERE f.kind = :kind", _facility_feature(_FACILITY_PROPERTIES), "f.geom",
                         "f.facility_id", "facility")
# Filterable columns of the tables that are not facilities; facility attributes are read from the jsonb.
_COLUMNS = {"name", "enterprise_id", "park_id", "jurisdiction_code", "pollutant", "level", "grade", "status",
            "inspection_id", "campaign_id", "domain", "suggested_grade"}
_LABELS = json.dumps({"domain": FINDING_DOMAINS, "grade": FINDING_GRADES}, ensure_ascii=False)


@dataclass(frozen=True)
class Page:
    features: list
    matched: int


def _source(layer: Layer) -> Source:
    if layer.kind is None or layer.id == "sites":
        return _SOURCES[layer.id]
    if layer.shared:
        return Source(_OTHER_FACILITY.head, _OTHER_FACILITY.feature, "f.geom", "f.facility_id", None)
    return _OTHER_FACILITY


def _base(layer: Layer, source: Source, scope: ReadScope) -> tuple[list[str], dict]:
    where = [source.head]
    params: dict = {"kind": layer.kind.value if layer.kind else None, "recent_days": RECENT_FINDING_DAYS,
                    "pending_hours": PENDING_HOURS, "labels": _LABELS, **scope.params()}
    if source.scope is not None and not scope.everything:
        where.append("AND FALSE" if scope.nothing else "AND " + SCOPES[source.scope])
    return where, params


def query_items(conn: Connection, layer: Layer, *, bbox: tuple[float, float, float, float] | None,
                filters: dict[str, str], limit: int, offset: int, scope: ReadScope,
                feature_id: str | None = None) -> Page:
    source = _source(layer)
    where, params = _base(layer, source, scope)
    params.update(limit=limit, offset=offset)
    geom = source.geom
    if bbox is not None:
        where.append(f"AND {geom} && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326) "
                     f"AND ST_Intersects({geom}, ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326))")
        params.update(minx=bbox[0], miny=bbox[1], maxx=bbox[2], maxy=bbox[3])
    for i, (name, value) in enumerate(sorted(filters.items())):
        if layer.id == "sites" and name in SANCTION_FLAGS:
            where.append("AND (" + SANCTION_FLAGS[name] + ")::text = :v" + str(i))  # fixed; 'true' / 'false'
        elif layer.kind is not None and name not in ("name", "enterprise_id", "park_id", "jurisdiction_code"):
            where.append(f"AND f.attributes->>:k{i} = :v{i}")  # attribute key bound, never spliced
            params[f"k{i}"] = name
        elif name in _COLUMNS:
            where.append(f"AND f.{name} = :v{i}")  # name checked against the fixed column set above
        else:
            continue
        params[f"v{i}"] = value
    if feature_id is not None:
        where.append(f"AND {source.key} = :fid")
        params["fid"] = feature_id
    body = " ".join(where)
    matched = conn.execute(text(f"SELECT count(*) {body}"), params).scalar_one()
    rows = conn.execute(text(f"SELECT {source.feature} AS feature {body} ORDER BY {source.key} LIMIT :limit OFFSET :offset"),
                        params)
    return Page([r.feature for r in rows], matched)


def extent(conn: Connection, layer: Layer, scope: ReadScope) -> list[float] | None:
    """The bounding box of what the reader may see of the layer (an extent would otherwise show where others are)."""
    source = _source(layer)
    where, params = _base(layer, source, scope)
    row = conn.execute(text(f"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM "
                            f"(SELECT ST_Extent({source.geom}) AS e {' '.join(where)}) s"), params).first()
    return [float(v) for v in row] if row and row[0] is not None else None
