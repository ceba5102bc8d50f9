"""The service's own read model, updated from its events in the same transaction as the append (and rebuildable)."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.projections import Projection
from risk_map.adapters.codec import CODEC
from risk_map.domain.kinds import ON_RIVER, FacilityKind
from risk_map.domain.pool_adequacy import UnitVolumes, pool_adequacy

_T = "ecosafe.risk_map.v1."
# How far a river feature may lie from a reach and still be placed on it, and an outlet from its receiving reach.
SNAP_RIVER_FEATURE_M = 1000.0
SNAP_OUTLET_M = 3000.0

_UPSERT_FACILITY = text("""
INSERT INTO rm_facilities (facility_id, kind, name, enterprise_id, park_id, jurisdiction_code, geom, attributes,
                           declared_crs, version, updated_at)
VALUES (:id, :kind, :name, :enterprise_id, :park_id, :jurisdiction_code,
        ST_SetSRID(ST_GeomFromGeoJSON(:geometry), 4326), CAST(:attributes AS jsonb), :crs, :version, :at)
ON CONFLICT (facility_id) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,
    enterprise_id = EXCLUDED.enterprise_id, park_id = EXCLUDED.park_id, jurisdiction_code = EXCLUDED.jurisdiction_code,
    geom = EXCLUDED.geom,
    attributes = EXCLUDED.attributes || CASE WHEN rm_facilities.attributes ? 'pending_command'
        THEN jsonb_build_object('pending_command', rm_facilities.attributes->'pending_command') ELSE '{}'::jsonb END,
    declared_crs = EXCLUDED.declared_crs, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
""")

_UPSERT_REACH = text("""
INSERT INTO rm_reaches (reach_id, name, river_name, downstream_reach_id, length_m, velocity_mps, geom,
                        jurisdiction_code)
SELECT facility_id, name, attributes->>'river_name', NULLIF(attributes->>'downstream_reach_id', ''),
       COALESCE((attributes->>'length_m')::float8, ST_Length(geom::geography)), (attributes->>'velocity_mps')::float8, geom,
       jurisdiction_code
FROM rm_facilities WHERE facility_id = :id
ON CONFLICT (reach_id) DO UPDATE SET name = EXCLUDED.name, river_name = EXCLUDED.river_name,
    downstream_reach_id = EXCLUDED.downstream_reach_id, length_m = EXCLUDED.length_m,
    velocity_mps = EXCLUDED.velocity_mps, geom = EXCLUDED.geom, jurisdiction_code = EXCLUDED.jurisdiction_code
""")

# Place a feature on a reach: the stated reach if given, else the nearest one within the snap distance; its
# measure is the distance from the reach's start (flow direction = the line's direction) to the nearest point.
_SNAP = text("""
WITH f AS (SELECT facility_id, geom, NULLIF(attributes->>:reach_key, '') AS stated FROM rm_facilities WHERE facility_id = :id),
     r AS (
        SELECT rr.reach_id, rr.geom, rr.length_m FROM rm_reaches rr, f
        WHERE (f.stated IS NOT NULL AND rr.reach_id = f.stated)
           OR (f.stated IS NULL AND ST_DWithin(rr.geom::geography, f.geom::geography, :snap))
        ORDER BY (rr.reach_id = f.stated) DESC NULLS LAST, rr.geom <-> f.geom LIMIT 1)
UPDATE rm_facilities t SET
    reach_id = r.reach_id,
    measure_m = ST_LineLocatePoint(r.geom, ST_ClosestPoint(r.geom, ST_PointOnSurface(t.geom))) * r.length_m
FROM r WHERE t.facility_id = :id
""")
_UNSNAP = text("UPDATE rm_facilities SET reach_id = NULL, measure_m = NULL WHERE facility_id = :id")
# A reach registered after the features on it: place the unplaced ones near it now.
_NEAR_UNPLACED = text("""
SELECT f.facility_id, f.kind FROM rm_facilities f, rm_reaches r
WHERE r.reach_id = :id AND f.reach_id IS NULL AND f.kind = ANY(:kinds)
  AND ST_DWithin(r.geom::geography, f.geom::geography, :snap)
""")


def _snap(conn: Connection, facility_id: str, kind: FacilityKind) -> None:
    if kind == FacilityKind.rain_outlet:
        key, distance = "discharges_to_reach_id", SNAP_OUTLET_M
    elif kind in ON_RIVER:
        key, distance = "reach_id", SNAP_RIVER_FEATURE_M
    else:
        return
    conn.execute(_UNSNAP, {"id": facility_id})
    conn.execute(_SNAP, {"id": facility_id, "reach_key": key, "snap": distance})


def _facility_changed(conn: Connection, env: EventEnvelope) -> None:
    event = CODEC.decode(env.event_type, env.payload)
    conn.execute(_UPSERT_FACILITY, {
        "id": event.facility_id, "kind": event.kind, "name": event.name, "enterprise_id": event.enterprise_id,
        "park_id": event.park_id, "jurisdiction_code": event.jurisdiction_code, "geometry": event.geometry_geojson,
        "attributes": event.attributes_json, "crs": event.declared_crs, "version": env.version, "at": env.occurred_at})
    kind = FacilityKind(event.kind)
    if kind == FacilityKind.river_reach:
        conn.execute(_UPSERT_REACH, {"id": event.facility_id})
        kinds = [k.value for k in (*ON_RIVER, FacilityKind.rain_outlet)]
        for row in conn.execute(_NEAR_UNPLACED, {"id": event.facility_id, "kinds": kinds,
                                                  "snap": SNAP_OUTLET_M}).all():
            _snap(conn, row.facility_id, FacilityKind(row.kind))
    _snap(conn, event.facility_id, kind)
    if event.enterprise_id and kind in (FacilityKind.site, FacilityKind.risk_unit, FacilityKind.emergency_pool):
        refresh_pool_adequacy(conn, event.enterprise_id)


def _facility_retired(conn: Connection, env: EventEnvelope) -> None:
    row = conn.execute(text("DELETE FROM rm_facilities WHERE facility_id = :id RETURNING kind, enterprise_id"),
                       {"id": env.stream_id}).first()
    conn.execute(text("DELETE FROM rm_reaches WHERE reach_id = :id"), {"id": env.stream_id})
    if row and row.enterprise_id:
        refresh_pool_adequacy(conn, row.enterprise_id)


def _command_issued(conn: Connection, env: EventEnvelope) -> None:
    event = CODEC.decode(env.event_type, env.payload)
    conn.execute(text("""UPDATE rm_facilities SET version = :v, updated_at = :at,
        attributes = attributes || jsonb_build_object('pending_command', CAST(:cmd AS text),
            'pending_ordered_by', CAST(:by AS text), 'pending_ordered_at', CAST(:at AS text))
        WHERE facility_id = :id"""),
        {"id": event.facility_id, "cmd": event.command, "by": env.signer.name or env.signer.subject,
         "v": env.version, "at": env.occurred_at})


def _state_changed(conn: Connection, env: EventEnvelope) -> None:
    event = CODEC.decode(env.event_type, env.payload)
    row = conn.execute(text("SELECT kind, attributes FROM rm_facilities WHERE facility_id = :id"),
                       {"id": event.facility_id}).first()
    if row is None:
        return
    attributes = dict(row.attributes)
    if event.state:
        attributes["valve_state" if row.kind == FacilityKind.rain_outlet else "gate_state"] = event.state
        wanted = {"close": "closed", "open": "open"}.get(attributes.get("pending_command") or "")
        if wanted == event.state:
            for key in ("pending_command", "pending_ordered_by", "pending_ordered_at"):
                attributes.pop(key, None)
        attributes["state_source"] = event.source
        # Said on every answer that shows the state: a simulated confirmation is not a device's.
        attributes["state_simulated"] = event.source == "simulator"
        attributes["state_at"] = env.occurred_at.isoformat()
    if event.free_volume_m3 is not None:
        attributes["free_volume_m3"] = event.free_volume_m3
    conn.execute(text("UPDATE rm_facilities SET attributes = CAST(:a AS jsonb), version = :v, updated_at = :at "
                      "WHERE facility_id = :id"),
                 {"id": event.facility_id, "a": json.dumps(attributes, ensure_ascii=False), "v": env.version,
                  "at": env.occurred_at})


def refresh_pool_adequacy(conn: Connection, enterprise_id: str) -> None:
    """Recompute (V1+V2−V3)max+V4+V5 against the pools for one enterprise and put it on its site(s)."""
    rows = conn.execute(text("SELECT facility_id, kind, name, attributes FROM rm_facilities "
                             "WHERE enterprise_id = :e AND kind IN ('site', 'risk_unit', 'emergency_pool')"),
                        {"e": enterprise_id}).all()
    sites = [r for r in rows if r.kind == "site"]
    if not sites:
        return
    units = [UnitVolumes(r.facility_id, r.name, float(r.attributes.get("max_volume_m3") or 0),
                         float(r.attributes.get("fire_water_m3") or 0), float(r.attributes.get("transferable_m3") or 0))
             for r in rows if r.kind == "risk_unit"]
    pools = [float(r.attributes.get("capacity_m3") or 0) for r in rows if r.kind == "emergency_pool"]
    site = sites[0].attributes
    result = pool_adequacy(units, pools, float(site.get("process_water_m3") or 0), float(site.get("rainfall_mm") or 0),
                           float(site.get("catchment_area_ha") or 0))
    derived = {"required_volume_m3": result.required_volume, "pool_capacity_m3": result.capacity,
               "pool_shortfall_m3": result.shortfall, "pool_adequate": result.adequate,
               "governing_unit_id": result.governing_unit_id, "terms": result.terms,
               "explanation": result.explanation}
    conn.execute(text("UPDATE rm_facilities SET derived = derived || jsonb_build_object('pool_adequacy', CAST(:d AS jsonb)) "
                      "WHERE enterprise_id = :e AND kind = 'site'"),
                 {"e": enterprise_id, "d": json.dumps(derived, ensure_ascii=False)})


_UPSERT_PARK = text("""
INSERT INTO rm_parks (park_id, name, jurisdiction_code, geom, declared_crs, version, updated_at)
VALUES (:id, :name, :jc, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(:geometry), 4326)), :crs, :v, :at)
ON CONFLICT (park_id) DO UPDATE SET name = EXCLUDED.name, jurisdiction_code = EXCLUDED.jurisdiction_code,
    geom = EXCLUDED.geom, declared_crs = EXCLUDED.declared_crs, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
""")


def _park_changed(conn: Connection, env: EventEnvelope) -> None:
    e = CODEC.decode(env.event_type, env.payload)
    conn.execute(_UPSERT_PARK, {"id": e.park_id, "name": e.name, "jc": e.jurisdiction_code,
                                "geometry": e.geometry_geojson, "crs": e.declared_crs, "v": env.version,
                                "at": env.occurred_at})


def _park_list(conn: Connection, env: EventEnvelope) -> None:
    e = CODEC.decode(env.event_type, env.payload)
    entry = {"updated_on": e.updated_on, "entry_count": e.entry_count, "entries": json.loads(e.entries_json or "[]"),
             "updated_by": env.signer.name or env.signer.subject}
    conn.execute(text("UPDATE rm_parks SET lists = lists || jsonb_build_object(CAST(:k AS text), CAST(:entry AS jsonb)), "
                      "version = :v, updated_at = :at WHERE park_id = :id"),
                 {"id": e.park_id, "k": e.list_kind, "entry": json.dumps(entry, ensure_ascii=False), "v": env.version,
                  "at": env.occurred_at})


def _park_retired(conn: Connection, env: EventEnvelope) -> None:
    e = CODEC.decode(env.event_type, env.payload)
    conn.execute(text("UPDATE rm_parks SET retired_at = :at, retired_reason = :reason, version = :v, updated_at = :at "
                      "WHERE park_id = :id"), {"id": e.park_id, "reason": e.reason, "v": env.version,
                                               "at": env.occurred_at})


def _plan_published(conn: Connection, env: EventEnvelope) -> None:
    e = CODEC.decode(env.event_type, env.payload)
    conn.execute(text("INSERT INTO rm_river_plans (plan_id, version_no, river_name, title, actions, published_at, signed_by) "
                      "VALUES (:id, :n, :river, :title, CAST(:actions AS jsonb), :at, CAST(:by AS jsonb)) "
                      "ON CONFLICT (plan_id, version_no) DO NOTHING"),
                 {"id": e.plan_id, "n": e.version_no, "river": e.river_name, "title": e.title,
                  "actions": json.dumps(list(e.actions), ensure_ascii=False), "at": env.occurred_at,
                  "by": json.dumps(env.signer.as_dict(), ensure_ascii=False)})


# Built once: every POST /incidents runs both.
_INSERT_INCIDENT = text(
    "INSERT INTO rm_incidents (incident_id, occurred_at, location, pollutant, volume_m3, level, enterprise_id, "
    "reported_by, version, drill) VALUES (:id, :at, ST_SetSRID(ST_GeomFromGeoJSON(:loc), 4326), :p, :vol, :level, :e, "
    "CAST(:by AS jsonb), :v, :drill) ON CONFLICT (incident_id) DO NOTHING")
# The answer itself stays in IncidentCorrelated only (GET /incidents/{id} reads it there): a second copy here
# doubled what each correlation wrote and logged (about 20 KB of JSONB).
# Events recorded before IncidentCorrelated said where the incident belongs: the enterprise's jurisdiction in the
# register, else the reporter's (who could then only report within it).
_CORRELATE_INCIDENT = text(
    "UPDATE rm_incidents i SET contained_in_plant = :c, version = :v, park_id = :park, "
    "enterprise_id = COALESCE(:e, i.enterprise_id), downstream_jurisdiction_codes = CAST(:down AS text[]), "
    "jurisdiction_code = COALESCE(:j, (SELECT x.jurisdiction_code FROM rm_enterprises x "
    "WHERE x.enterprise_id = COALESCE(:e, i.enterprise_id)), i.reported_by->>'jurisdiction') "
    "WHERE incident_id = :id")


def _incident_reported(conn: Connection, env: EventEnvelope) -> None:
    e = CODEC.decode(env.event_type, env.payload)
    conn.execute(_INSERT_INCIDENT,
                 {"id": e.incident_id, "at": e.occurred_at, "loc": e.location_geojson, "p": e.pollutant,
                  "vol": e.volume_m3, "level": e.level, "e": e.enterprise_id, "v": env.version, "drill": e.drill,
                  "by": json.dumps(env.signer.as_dict(), ensure_ascii=False)})


def _incident_correlated(conn: Connection, env: EventEnvelope) -> None:
    e = CODEC.decode(env.event_type, env.payload)
    conn.execute(_CORRELATE_INCIDENT,
                 {"id": e.incident_id, "c": e.contained_in_plant, "v": env.version, "park": e.park_id,
                  "e": e.enterprise_id, "j": e.jurisdiction_code, "down": list(e.downstream_jurisdiction_codes)})


FACILITIES = Projection(
    name="risk_map_facilities",
    handlers={_T + "FacilityRegistered": _facility_changed, _T + "FacilityUpdated": _facility_changed,
              _T + "FacilityRetired": _facility_retired, _T + "GateCommandIssued": _command_issued,
              _T + "DeviceStateChanged": _state_changed},
    tables=["rm_facilities", "rm_reaches"], stream_types=["facility"])
PARKS = Projection(name="risk_map_parks", handlers={_T + "ParkRegistered": _park_changed, _T + "ParkUpdated": _park_changed,
                                                   _T + "ParkListUpdated": _park_list,
                                                   _T + "ParkRetired": _park_retired},
                   tables=["rm_parks"], stream_types=["park"])
RIVER_PLANS = Projection(name="risk_map_river_plans", handlers={_T + "RiverPlanVersionPublished": _plan_published},
                         tables=["rm_river_plans"], stream_types=["river_plan"])
INCIDENTS = Projection(name="risk_map_incidents", handlers={_T + "IncidentReported": _incident_reported,
                                                            _T + "IncidentCorrelated": _incident_correlated},
                       tables=["rm_incidents"], stream_types=["incident"])
PROJECTIONS = [FACILITIES, PARKS, RIVER_PLANS, INCIDENTS]


# --- pool reviews (应急池容积不足转隐患) ---------------------------------------------------------------------
_INSERT_POOL_REVIEW = text(
    "INSERT INTO rm_pool_reviews (review_id, enterprise_id, jurisdiction_code, park_id, required_volume_m3, capacity_m3, "
    "shortfall_m3, explanation, note, raised_by_role, raised_by, computed_at, raised_at) "
    "VALUES (:id, :e, :jc, :park, :req, :cap, :short, :expl, :note, :role, CAST(:by AS jsonb), :computed, :at) "
    "ON CONFLICT (review_id) DO NOTHING")


def _pool_shortfall_raised(conn: Connection, env: EventEnvelope) -> None:
    e = CODEC.decode(env.event_type, env.payload)
    conn.execute(_INSERT_POOL_REVIEW,
                 {"id": e.review_id, "e": e.enterprise_id, "jc": e.jurisdiction_code, "park": e.park_id,
                  "req": e.required_volume_m3, "cap": e.capacity_m3, "short": e.shortfall_m3, "expl": e.explanation,
                  "note": e.note, "role": e.raised_by_role, "by": json.dumps(env.signer.as_dict(), ensure_ascii=False),
                  "computed": e.computed_at, "at": env.occurred_at})


POOL_REVIEWS = Projection(name="risk_map_pool_reviews", handlers={_T + "PoolShortfallRaised": _pool_shortfall_raised},
                          tables=["rm_pool_reviews"], stream_types=["pool-review"])
# Added to the list the saving step and the rebuild CLI both read.
PROJECTIONS.append(POOL_REVIEWS)


# --- map tokens (地图令牌) ---------------------------------------------------------------------------------
_INSERT_MAP_TOKEN = text(
    "INSERT INTO rm_map_tokens (token_id, token_sha256, label, holder_subject, holder_name, scope_roles, "
    "scope_jurisdiction, scope_park_id, scope_enterprise_id, issued_at, expires_at, version) VALUES (:id, :sha, :label, "
    ":subject, :name, CAST(:roles AS text[]), :j, :park, :e, :at, :exp, :v) ON CONFLICT (token_id) DO NOTHING")


def _map_token_issued(conn: Connection, env: EventEnvelope) -> None:
    e = CODEC.decode(env.event_type, env.payload)
    conn.execute(_INSERT_MAP_TOKEN, {
        "id": e.token_id, "sha": e.token_sha256, "label": e.label, "subject": env.signer.subject,
        "name": env.signer.name or env.signer.subject, "roles": list(e.scope_roles), "j": e.scope_jurisdiction,
        "park": e.scope_park_id, "e": e.scope_enterprise_id, "at": env.occurred_at, "exp": e.expires_at,
        "v": env.version})


def _map_token_revoked(conn: Connection, env: EventEnvelope) -> None:
    e = CODEC.decode(env.event_type, env.payload)
    conn.execute(text("UPDATE rm_map_tokens SET revoked_at = :at, revoked_reason = :reason, version = :v "
                      "WHERE token_id = :id"), {"id": e.token_id, "at": env.occurred_at, "reason": e.reason,
                                                "v": env.version})


MAP_TOKENS = Projection(name="risk_map_map_tokens", handlers={_T + "MapTokenIssued": _map_token_issued,
                                                              _T + "MapTokenRevoked": _map_token_revoked},
                        tables=["rm_map_tokens"], stream_types=["map-token"])
PROJECTIONS.append(MAP_TOKENS)
