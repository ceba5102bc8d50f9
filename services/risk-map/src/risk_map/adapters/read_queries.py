"""Reads of single resources from the read model (facility, park, plan, incident) as GeoJSON-ready dicts."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.engine import Connection

from risk_map.domain.kinds import RULES, FacilityKind
from risk_map.domain.park import PARK_LISTS, list_is_stale


def facility_feature(conn: Connection, facility_id: str) -> tuple[dict, int] | None:
    row = conn.execute(text("""SELECT facility_id, kind, name, enterprise_id, park_id, jurisdiction_code,
        ST_AsGeoJSON(geom, 7)::json AS geometry, attributes, derived, declared_crs, reach_id, measure_m, version, updated_at
        FROM rm_facilities WHERE facility_id = :id"""), {"id": facility_id}).first()
    if row is None:
        return None
    props = {"kind": row.kind, "kind_label": RULES[FacilityKind(row.kind)].label, "name": row.name,
             "enterprise_id": row.enterprise_id, "park_id": row.park_id, "jurisdiction_code": row.jurisdiction_code,
             **row.attributes, **row.derived, "declared_crs": row.declared_crs, "on_reach_id": row.reach_id,
             "measure_m": row.measure_m, "updated_at": row.updated_at.isoformat()}
    return {"type": "Feature", "id": row.facility_id, "geometry": row.geometry, "properties": props}, row.version


def _park_lists(lists: dict, today) -> dict:
    from datetime import date
    out = {}
    for kind, label in PARK_LISTS.items():
        entry = lists.get(kind)
        updated = date.fromisoformat(entry["updated_on"]) if entry else None
        out[kind] = {"label": label, "updated_on": entry["updated_on"] if entry else None,
                     "entry_count": entry["entry_count"] if entry else 0, "stale": list_is_stale(updated, today),
                     "stale_reason": ("从未更新" if updated is None else
                                      f"上次更新 {updated.isoformat()}, 已超过一年" if list_is_stale(updated, today) else None)}
    return out


def park_feature(conn: Connection, park_id: str, today) -> tuple[dict, int] | None:
    row = conn.execute(text("SELECT park_id, name, jurisdiction_code, ST_AsGeoJSON(geom, 7)::json AS geometry, lists, "
                            "declared_crs, version, updated_at FROM rm_parks WHERE park_id = :id"), {"id": park_id}).first()
    if row is None:
        return None
    lists = _park_lists(row.lists, today)
    return {"type": "Feature", "id": row.park_id, "geometry": row.geometry,
            "properties": {"name": row.name, "jurisdiction_code": row.jurisdiction_code, "declared_crs": row.declared_crs,
                           "lists": lists, "lists_stale": any(v["stale"] for v in lists.values()),
                           "updated_at": row.updated_at.isoformat()}}, row.version


def park_summaries(conn: Connection, today) -> list[dict]:
    rows = conn.execute(text("SELECT park_id, name, jurisdiction_code, lists, updated_at FROM rm_parks ORDER BY park_id")).all()
    out = []
    for r in rows:
        lists = _park_lists(r.lists, today)
        out.append({"park_id": r.park_id, "name": r.name, "jurisdiction_code": r.jurisdiction_code, "lists": lists,
                    "lists_stale": any(v["stale"] for v in lists.values()), "updated_at": r.updated_at.isoformat()})
    return out


def river_plan(conn: Connection, plan_id: str, version_no: int | None = None) -> dict | None:
    row = conn.execute(text("""SELECT plan_id, version_no, river_name, title, actions, published_at, signed_by,
        (SELECT max(version_no) FROM rm_river_plans WHERE plan_id = :id) AS latest
        FROM rm_river_plans WHERE plan_id = :id AND (CAST(:n AS int) IS NULL OR version_no = :n)
        ORDER BY version_no DESC LIMIT 1"""), {"id": plan_id, "n": version_no}).first()
    if row is None:
        return None
    return {"plan_id": row.plan_id, "version_no": row.version_no, "latest_version_no": row.latest,
            "river_name": row.river_name, "title": row.title, "actions": row.actions,
            "published_at": row.published_at.isoformat(), "published_by": row.signed_by}


def incident(conn: Connection, incident_id: str) -> dict | None:
    row = conn.execute(text("SELECT picture, version FROM rm_incidents WHERE incident_id = :id"), {"id": incident_id}).first()
    return (row.picture, row.version) if row else None


def site_adequacy(conn: Connection, enterprise_id: str) -> dict | None:
    row = conn.execute(text("SELECT derived FROM rm_facilities WHERE enterprise_id = :e AND kind = 'site' LIMIT 1"),
                       {"e": enterprise_id}).first()
    return (row.derived or {}).get("pool_adequacy") if row else None


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)
