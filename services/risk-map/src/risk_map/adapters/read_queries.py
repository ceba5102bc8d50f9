"""Reads of single resources from the read model (facility, park, plan, incident, pool review) as JSON-ready dicts."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ecosafe_kit.auth.principal import Role
from risk_map.adapters.codec import CODEC
from risk_map.adapters.layers import RECENT_FINDING_DAYS
from risk_map.domain.events import IncidentCorrelated
from risk_map.domain.kinds import RULES, FacilityKind
from risk_map.domain.park import PARK_LISTS, list_is_stale
from risk_map.domain.pool_adequacy import UnitVolumes
from risk_map.domain.pool_review import PENDING_HOURS, OpenReview

# What a scoped reader sees of each kind of record, as a condition on the row `f` (fixed text; the reader's area
# prefix, park and enterprise are bound as :scope_area, :scope_park, :scope_enterprise, NULL when the reader has
# no such grant, which makes that branch false).
_IN_REGISTER = ("EXISTS (SELECT 1 FROM rm_enterprises e WHERE e.enterprise_id = f.enterprise_id "
                "AND (starts_with(e.jurisdiction_code, :scope_area) OR e.park_id = :scope_park))")
SCOPES = {
    "facility": "(starts_with(f.jurisdiction_code, :scope_area) OR f.park_id = :scope_park "
                "OR f.enterprise_id = :scope_enterprise)",
    # an enterprise user also sees the boundary of its own enterprise's park
    "park": "(starts_with(f.jurisdiction_code, :scope_area) OR f.park_id = :scope_park "
            "OR f.park_id IN (SELECT e.park_id FROM rm_enterprises e WHERE e.enterprise_id = :scope_enterprise))",
    # hazards and findings: through their enterprise's entry in the register
    "enterprise": "(f.enterprise_id = :scope_enterprise OR " + _IN_REGISTER + ")",
    # incidents: where they happened (jurisdiction, park, enterprise) and the counties their trace reaches
    "incident": "(f.enterprise_id = :scope_enterprise OR f.park_id = :scope_park "
                "OR starts_with(f.jurisdiction_code, :scope_area) "
                "OR EXISTS (SELECT 1 FROM unnest(f.downstream_jurisdiction_codes) d WHERE starts_with(d, :scope_area)))",
}
# A pool review stands (refuses a second raise, shows on the site) while the hazard it opened is open, or, until
# the hazard service has confirmed one, for PENDING_HOURS after the raise. `r` is the review, `h` its hazard.
REVIEW_STANDS = ("(h.status = 'open' OR (h.hazard_id IS NULL "
                 "AND r.raised_at > now() - make_interval(hours => :pending_hours)))")

# An enterprise's sanction status (enforcement's cases and blacklist) from its rm_enterprise_sanctions row `s`,
# LEFT JOINed on the enterprise id: no row (never a case) reads as no sanction. The same keys on the sites layer,
# a site's GET and the correlation's enterprises.
SANCTION_JOIN = "LEFT JOIN rm_enterprise_sanctions s ON s.enterprise_id = "
SANCTION_FLAGS = {"case_open": "COALESCE(s.open_case_count, 0) > 0", "open_case_count": "COALESCE(s.open_case_count, 0)",
                  "suspended": "COALESCE(s.suspended, false)", "closure_proposed": "COALESCE(s.closure_proposed, false)",
                  "closed": "COALESCE(s.closed, false)", "blacklisted": "COALESCE(s.blacklisted, false)"}
_NO_SANCTION = json.dumps({"case_open": False, "open_case_count": 0, "suspended": False, "closure_proposed": False,
                           "closed": False, "blacklisted": False, "latest_case_ids": [], "suspension_case_id": None,
                           "closure_case_id": None, "closed_case_id": None, "blacklist_case_id": None,
                           "blacklist_reason": None,
                           "penalty_total_fen": 0, "penalty_total_wan_yuan": "0.00"})
# Most enterprises have no row: they get the constant above rather than an object built per row (the correlation
# builds one per hazard it lists).
SANCTION_PROPERTIES = (
    "CASE WHEN s.enterprise_id IS NULL THEN '" + _NO_SANCTION + "'::jsonb ELSE jsonb_build_object("
    "'case_open', s.open_case_count > 0, 'open_case_count', s.open_case_count, 'suspended', s.suspended, "
    "'closure_proposed', s.closure_proposed, 'closed', s.closed, 'blacklisted', s.blacklisted, "
    "'latest_case_ids', to_jsonb(s.latest_case_ids), "
    "'suspension_case_id', s.suspension_case_id, 'closure_case_id', s.closure_case_id, "
    "'closed_case_id', s.closed_case_id, "
    "'blacklist_case_id', s.blacklist_case_id, 'blacklist_reason', s.blacklist_reason, "
    "'penalty_total_fen', s.penalty_total_fen, "
    "'penalty_total_wan_yuan', to_char(round(s.penalty_total_fen / 1000000.0, 2), 'FM999999999990.00')) END")


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
    if row.kind == FacilityKind.site and row.enterprise_id:
        props.update(site_activity(conn, row.enterprise_id))
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
                            "declared_crs, version, updated_at, retired_at, retired_reason FROM rm_parks WHERE park_id = :id"), {"id": park_id}).first()
    if row is None:
        return None
    lists = _park_lists(row.lists, today)
    return {"type": "Feature", "id": row.park_id, "geometry": row.geometry,
            "properties": {"name": row.name, "jurisdiction_code": row.jurisdiction_code, "declared_crs": row.declared_crs,
                           "lists": lists, "lists_stale": any(v["stale"] for v in lists.values()),
                           "updated_at": row.updated_at.isoformat(), "retired": row.retired_at is not None,
                           "retired_at": row.retired_at.isoformat() if row.retired_at else None,
                           "retired_reason": row.retired_reason}}, row.version


# Retired parks are on record (GET /parks/{id}) but no longer listed.
_PARK_SUMMARIES = ("SELECT f.park_id, f.name, f.jurisdiction_code, f.lists, f.updated_at FROM rm_parks f "
                   "WHERE f.retired_at IS NULL")


def park_summaries(conn: Connection, today, scope) -> list[dict]:
    """The parks the reader's scope (service_layer.access.ReadScope) reaches, with their lists' staleness."""
    if scope.everything:
        sql, params = _PARK_SUMMARIES, {}
    elif scope.nothing:
        return []
    else:
        sql, params = _PARK_SUMMARIES + " AND " + SCOPES["park"], scope.params()
    rows = conn.execute(text(sql + " ORDER BY f.park_id"), params).all()
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


_CORRELATED = CODEC.type_name(IncidentCorrelated)
_INCIDENT = text(
    "SELECT f.version, (CAST(:everything AS boolean) OR " + SCOPES["incident"] + ") AS visible, "
    "(SELECT e.payload FROM es_events e WHERE e.stream_id = f.incident_id AND e.event_type = :correlated "
    " ORDER BY e.version DESC LIMIT 1) AS correlated "
    "FROM rm_incidents f WHERE incident_id = :id")


def incident(conn: Connection, incident_id: str, scope) -> tuple[str | None, int, bool] | None:
    """The incident's correlation picture as recorded in its IncidentCorrelated event (JSON text; None before
    it is correlated), its version, and whether `scope` (a ReadScope) may read it."""
    row = conn.execute(_INCIDENT, {"id": incident_id, "everything": scope.everything, "correlated": _CORRELATED,
                                   **scope.params()}).first()
    if row is None:
        return None
    picture = CODEC.decode(_CORRELATED, row.correlated).picture_json if row.correlated is not None else None
    return picture, row.version, bool(row.visible)


def site_adequacy(conn: Connection, enterprise_id: str) -> dict | None:
    row = conn.execute(text("SELECT derived FROM rm_facilities WHERE enterprise_id = :e AND kind = 'site' LIMIT 1"),
                       {"e": enterprise_id}).first()
    return (row.derived or {}).get("pool_adequacy") if row else None


_SITE_ACTIVITY = text(
    "SELECT (SELECT count(*) FROM rm_hazards h WHERE h.enterprise_id = :e AND h.status = 'open') AS hazards, "
    "(SELECT count(*) FROM rm_findings x WHERE x.enterprise_id = :e "
    " AND x.found_at >= now() - make_interval(days => :days)) AS findings, "
    "EXISTS (SELECT 1 FROM rm_pool_reviews r LEFT JOIN rm_hazards h ON h.pool_review_id = r.review_id "
    " WHERE r.enterprise_id = :e AND " + REVIEW_STANDS + ") AS review_open, "
    "EXISTS (SELECT 1 FROM rm_enterprises e WHERE e.enterprise_id = :e AND e.deregistered_at IS NOT NULL) "
    "AS deregistered, "
    "(SELECT " + SANCTION_PROPERTIES + " FROM (SELECT 1) one " + SANCTION_JOIN + ":e) AS sanctions")


def site_activity(conn: Connection, enterprise_id: str) -> dict:
    """What other services found at the enterprise: open hazards, recent findings, a pool shortfall raised, its
    cases and sanctions; and whether it left the register."""
    row = conn.execute(_SITE_ACTIVITY, {"e": enterprise_id, "days": RECENT_FINDING_DAYS,
                                        "pending_hours": PENDING_HOURS}).first()
    return {"open_hazard_count": row.hazards, "recent_finding_count": row.findings, "pool_review_open": row.review_open,
            "enterprise_deregistered": row.deregistered, **row.sanctions}


@dataclass(frozen=True)
class PoolInputs:
    """What (V1+V2−V3)max+V4+V5 is computed from, as the read model has it now."""

    site_id: str | None
    jurisdiction_code: str | None
    park_id: str | None
    units: list[UnitVolumes]
    pool_capacities: list[float]
    process_water_m3: float
    rainfall_mm: float
    catchment_area_ha: float


def pool_inputs(conn: Connection, enterprise_id: str) -> PoolInputs:
    """The enterprise's site, risk units and pools, read the way the site's derived adequacy is computed."""
    rows = conn.execute(text("SELECT facility_id, kind, name, park_id, jurisdiction_code, attributes FROM rm_facilities "
                             "WHERE enterprise_id = :e AND kind IN ('site', 'risk_unit', 'emergency_pool') "
                             "ORDER BY facility_id"), {"e": enterprise_id}).all()
    site = next((r for r in rows if r.kind == "site"), None)
    a = site.attributes if site else {}
    units = [UnitVolumes(r.facility_id, r.name, float(r.attributes.get("max_volume_m3") or 0),
                         float(r.attributes.get("fire_water_m3") or 0), float(r.attributes.get("transferable_m3") or 0))
             for r in rows if r.kind == "risk_unit"]
    return PoolInputs(site.facility_id if site else None, site.jurisdiction_code if site else None,
                      site.park_id if site else None, units,
                      [float(r.attributes.get("capacity_m3") or 0) for r in rows if r.kind == "emergency_pool"],
                      float(a.get("process_water_m3") or 0), float(a.get("rainfall_mm") or 0),
                      float(a.get("catchment_area_ha") or 0))


_REVIEWS = ("SELECT r.*, h.hazard_id, h.ledger_no, h.status AS hazard_status, " + REVIEW_STANDS + " AS stands "
            "FROM rm_pool_reviews r LEFT JOIN rm_hazards h ON h.pool_review_id = r.review_id ")
_OPEN_REVIEW = text(_REVIEWS + "WHERE r.enterprise_id = :e AND " + REVIEW_STANDS + " ORDER BY r.raised_at DESC LIMIT 1")
_REVIEW = text(_REVIEWS + "WHERE r.review_id = :id")
_ENTERPRISE_REVIEWS = text(_REVIEWS + "WHERE r.enterprise_id = :e ORDER BY r.raised_at DESC, r.review_id")
_REVIEW_STATUS = {"hazard_open": "已转隐患, 整改中 (未销号)", "hazard_closed": "隐患已销号",
                  "pending": "已提出, 待隐患服务建立隐患", "unconfirmed": f"超过 {PENDING_HOURS} 小时未见隐患服务建立隐患"}


def open_review(conn: Connection, enterprise_id: str) -> OpenReview | None:
    row = conn.execute(_OPEN_REVIEW, {"e": enterprise_id, "pending_hours": PENDING_HOURS}).first()
    if row is None:
        return None
    return OpenReview(row.review_id, row.raised_at, row.raised_by.get("name") or row.raised_by.get("subject"),
                      row.ledger_no)


def _review(row) -> dict:
    if row.hazard_id is not None:
        status = "hazard_open" if row.hazard_status == "open" else "hazard_closed"
    else:
        status = "pending" if row.stands else "unconfirmed"
    role = Role(row.raised_by_role) if row.raised_by_role in Role.__members__ else None
    return {"review_id": row.review_id, "enterprise_id": row.enterprise_id, "jurisdiction_code": row.jurisdiction_code,
            "park_id": row.park_id, "required_volume_m3": row.required_volume_m3, "capacity_m3": row.capacity_m3,
            "shortfall_m3": row.shortfall_m3, "explanation": row.explanation.split("；"), "note": row.note,
            "raised_by_role": row.raised_by_role, "raised_by_role_label": role.label if role else row.raised_by_role,
            "raised_by": row.raised_by, "raised_at": row.raised_at.isoformat(), "computed_at": row.computed_at.isoformat(),
            "status": status, "status_label": _REVIEW_STATUS[status], "stands": row.stands,
            "hazard": ({"hazard_id": row.hazard_id, "ledger_no": row.ledger_no, "status": row.hazard_status}
                       if row.hazard_id else None)}


def pool_review(conn: Connection, review_id: str) -> dict | None:
    row = conn.execute(_REVIEW, {"id": review_id, "pending_hours": PENDING_HOURS}).first()
    return _review(row) if row else None


def pool_reviews(conn: Connection, enterprise_id: str) -> list[dict]:
    """Every review of the enterprise, newest first, with the hazard it opened and whether it still stands."""
    return [_review(r) for r in conn.execute(_ENTERPRISE_REVIEWS, {"e": enterprise_id, "pending_hours": PENDING_HOURS})]


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)
