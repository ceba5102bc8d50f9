"""Use case POST /incidents: record the incident, correlate it with the map as it is now, record the answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import orjson
from sqlalchemy.engine import Connection

from ecosafe_kit.auth.dependencies import ensure_within
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import Forbidden
from ecosafe_kit.eventstore import EventStore
from risk_map.adapters import repositories
from risk_map.adapters.correlation_queries import CorrelationQueries, Surroundings
from risk_map.domain import correlation as rules, sanctions
from risk_map.domain.errors import invalid
from risk_map.domain.geometry import clean_geometry
from risk_map.domain.incident import LEVELS, Incident, IncidentPlace
from risk_map.domain.kinds import POINT, STATE_LABELS
from risk_map.service_layer.saving import new_id, save


# An incident report is of something that happened: not in the future (beyond clock skew), not before the platform's
# records could matter (and never at year 1 or 9999, whose UTC instant does not exist as a datetime).
EARLIEST_OCCURRED_AT = datetime(2000, 1, 1, tzinfo=timezone(timedelta(hours=8)))
FUTURE_SKEW = timedelta(minutes=10)


def _plausible(occurred_at: datetime, now: datetime) -> bool:
    try:
        return EARLIEST_OCCURRED_AT <= occurred_at <= now + FUTURE_SKEW
    except OverflowError:
        return False


@dataclass(frozen=True)
class Parameters:
    """The caller's limits, each stated back in the answer."""

    site_radius_m: float = 500.0      # an incident this close to a site is taken to be that enterprise's
    park_radius_m: float = 1000.0     # … to a park boundary, that park's
    reach_radius_m: float = 3000.0    # furthest a spill without a known outlet is assumed to reach a river
    horizon_km: float = 50.0
    horizon_hours: float = 24.0
    k: int = 3
    hazard_radius_m: float = 1000.0
    resource_radius_m: float = 50_000.0  # "nearest" depots and teams: none further than this is offered


def report_incident(store: EventStore, principal: Principal, body: dict, params: Parameters) -> str:
    """Record the incident and its correlation; returns the correlation as JSON text (also the event's payload)."""
    repo = repositories.incidents(store)
    location = clean_geometry(body.get("location"), declared_crs=body.get("crs"), allowed_types=POINT,
                              field="location")
    now = datetime.now(timezone.utc)
    occurred_at = body.get("occurred_at") or now
    if occurred_at.tzinfo is None:
        raise invalid("occurred_at", "事发时间须带时区, 如 2025-06-01T08:30:00+08:00")
    if not _plausible(occurred_at, now):
        raise invalid("occurred_at", f"事发时间须在 {EARLIEST_OCCURRED_AT:%Y-%m-%d} 之后、当前时间 "
                                     f"{FUTURE_SKEW.seconds // 60} 分钟之内 (收到 {occurred_at.isoformat()})")
    incident_id = new_id(body.get("incident_id"), "incident_id")
    with store.transaction() as conn:
        incident = Incident.report(incident_id, occurred_at, location.geojson, body.get("pollutant") or "",
                                   float(body.get("volume_m3") or 0), body.get("level") or "",
                                   body.get("enterprise_id") or None, bool(body.get("drill")))
        reported = incident.reported
        picture, place = correlate(conn, reported, location.geometry.x, location.geometry.y, params,
                                   reporter_code=principal.jurisdiction)
        ensure_may_report(principal, place)
        first = (picture.get("downstream") or {}).get("first_sensitive_target")
        # orjson: the answer is large, and the json module spent more on it than the rest of the Python work.
        picture_json = orjson.dumps(picture, default=str).decode()
        incident.correlated(picture_json,
                            picture["containment"]["contained_in_plant"],
                            first["facility_id"] if first else None, first["eta_hours"] if first else None, place)
        save(conn, repo, incident, signer_of(principal))
    return picture_json


def ensure_may_report(principal: Principal, place: IncidentPlace) -> None:
    """403 unless the caller's role covers where the incident happened (a city its counties, a park its own)."""
    if principal.is_admin:
        return
    if place.jurisdiction_code is None and place.park_id is None:
        raise Forbidden("无法确定事发地的辖区, 且您没有全局权限: 请由事发地辖区的人员上报")
    try:
        ensure_within(principal, jurisdiction_code=place.jurisdiction_code, park_id=place.park_id)
    except Forbidden:
        where = "、".join(x for x in (f"辖区 {place.jurisdiction_code}" if place.jurisdiction_code else "",
                                      f"园区 {place.park_id}" if place.park_id else "") if x)
        raise Forbidden(f"事发地属于{where}, 不在您的管辖范围内: 突发环境事件由事发地辖区 (或其上级、所在园区) 上报",
                        extra={"jurisdiction": place.jurisdiction_code}) from None


def correlate(conn: Connection, reported, lon: float, lat: float, params: Parameters,
              reporter_code: str | None = None) -> tuple[dict, IncidentPlace]:
    """The response picture, and where the incident belongs; every number comes with the features and distances
    behind it."""
    q = CorrelationQueries(conn, lon, lat)
    volume = reported.volume_m3
    explanation: list[str] = []

    # 1. site and park (the radii are applied by the query: a site or park further away is not taken)
    around = q.gather(reported.enterprise_id, site_radius_m=params.site_radius_m, park_radius_m=params.park_radius_m,
                      k=params.k, hazard_radius_m=params.hazard_radius_m,
                      resource_radius_m=params.resource_radius_m)
    site, enterprise, park = around.site, around.enterprise, around.park
    if reported.enterprise_id and enterprise is None:
        # An id the register does not know would decide nothing and then be recorded as the incident's enterprise.
        raise invalid("enterprise_id", f"企业名录中没有企业 {reported.enterprise_id}")
    enterprise_id = reported.enterprise_id or (site.enterprise_id if site else None)
    site_part = None
    if site:
        how = "位于厂区范围内" if site.inside else f"距厂区 {site.distance_m:.0f} m"
        why = "按上报的涉事企业" if reported.enterprise_id else (
            "事发点在厂区内" if site.inside else f"为 {params.site_radius_m:g} m 内最近的厂区")
        site_part = {"facility_id": site.id, "name": site.name, "enterprise_id": site.enterprise_id,
                     "inside": site.inside, "distance_m": round(site.distance_m, 1),
                     "explanation": f"事发点{how}, {why}"}
        explanation.append(f"涉事企业: {enterprise.name if enterprise else site.name} ({site_part['explanation']})")
    else:
        explanation.append(f"事发点 {params.site_radius_m:g} m 内无已登记企业厂区")
    sanction_line = sanctions.incident_line(enterprise.name, enterprise.sanctions) if enterprise else None
    if sanction_line:
        explanation.append(sanction_line)
    park_part = None
    if park:
        park_part = {"park_id": park.id, "name": park.name, "inside": park.inside, "distance_m": round(park.distance_m, 1),
                     "explanation": "事发点在园区边界内" if park.inside else f"距园区边界 {park.distance_m:.0f} m"}
        explanation.append(f"所在园区: {park.name} ({park_part['explanation']})")

    # 2. the three lines of defence
    units, pipes, pools, outlets = around.units, around.pipes, around.pools, around.outlets
    first_line = {
        "risk_units": [{"facility_id": u.facility_id, "name": u.name, "unit_type": u.attributes.get("unit_type"),
                        "bunding": u.attributes.get("bunding"), "diversion": u.attributes.get("diversion"),
                        "max_volume_m3": u.attributes.get("max_volume_m3"), "distance_m": round(u.d, 1)} for u in units],
        "explanation": (f"企业登记风险单元 {len(units)} 个, 最近的「{units[0].name}」距事发点 {units[0].d:.0f} m"
                        if units else "未登记风险单元")}
    second = rules.second_line(volume, pools)
    second["drain_pipes"] = [{"facility_id": p.facility_id, "name": p.name, "network": p.attributes.get("network")}
                             for p in pipes]
    third = rules.third_line(outlets)
    contain = rules.containment(volume, second, third, around.park_pools)
    if park:
        contain["park_gates"] = [{"facility_id": g.facility_id, "name": g.name,
                                  "gate_state": g.attributes.get("gate_state"),
                                  "gate_state_label": STATE_LABELS.get(g.attributes.get("gate_state"), "未知"),
                                  "remote_controllable": bool(g.attributes.get("remote_controllable")),
                                  "state_simulated": bool(g.attributes.get("state_simulated")),
                                  "distance_m": round(g.d, 1)} for g in around.park_gates]
    explanation.append(contain["explanation"])

    # 3. receiving reach and downstream trace
    downstream = None
    receiving = None
    plans, reaches = [], []
    if not contain["contained_in_plant"]:
        receiving = _receiving_reach(q, around, third, params)
        if receiving:
            reaches, features, plans = q.downstream(receiving["reach_id"], receiving["entry_measure_m"],
                                             params.horizon_km * 1000, params.horizon_hours * 3600)
            downstream = rules.downstream_trace(volume, receiving["entry_measure_m"], reaches, features,
                                                params.horizon_km * 1000, params.horizon_hours * 3600)
            explanation.append(receiving["explanation"])
            explanation.append(downstream["explanation"])
        else:
            explanation.append(f"事发点 {params.reach_radius_m:g} m 内无已登记河段, 且排口未标明受纳河段: 未做下游追踪")
    else:
        explanation.append("事故水控制在厂内, 未做下游追踪")

    # 4. river plan actions for the reaches hit
    hit = [r["reach_id"] for r in downstream["reaches"]] if downstream else []
    plan_actions = []
    for plan in plans:
        for a in plan.actions:
            if a["reach_id"] in hit:
                plan_actions.append({**a, "plan_id": plan.plan_id, "plan_title": plan.title,
                                     "river_name": plan.river_name, "version_no": plan.version_no,
                                     "reach_order": hit.index(a["reach_id"]) + 1})
    plan_actions.sort(key=lambda a: a["reach_order"])

    # 5. nearest depots and teams
    nearest = around.resources

    def near(kind: str):
        return [{"facility_id": r.facility_id, "name": r.name, "distance_m": round(r.d, 1),
                 "contents": r.attributes.get("contents"), "members": r.attributes.get("members"),
                 "specialty": r.attributes.get("specialty"), "contact": r.attributes.get("contact"),
                 "explanation": f"直线距离 {r.d / 1000:.2f} km, 第 {i + 1} 近"} for i, r in enumerate(nearest[kind])]

    # 6. open hazards at the site and around it
    hazards = [{"hazard_id": h.hazard_id, "enterprise_id": h.enterprise_id, "ledger_no": h.ledger_no,
                "grade": h.grade, "description": h.description,
                "distance_m": round(h.d, 1) if h.d is not None else None,
                "at_site": h.enterprise_id == enterprise_id, "enterprise_sanctions": h.enterprise_sanctions}
               for h in around.hazards]

    if reported.drill:
        explanation.insert(0, "【演练】本次为应急演练, 按真实事件同样分析, 非真实事件")
    place = IncidentPlace.of(
        enterprise_id=enterprise_id, enterprise_code=enterprise.jurisdiction_code if enterprise else None,
        park_id=park.id if park else None, park_code=park.jurisdiction_code if park else None,
        reach_codes=[r.jurisdiction_code for r in reaches] if downstream else [], reporter_code=reporter_code)
    return {
        "incident_id": reported.incident_id,
        "drill": reported.drill,
        "incident": {"occurred_at": reported.occurred_at.isoformat(), "location": {"lon": lon, "lat": lat},
                     "pollutant": reported.pollutant, "volume_m3": volume, "level": reported.level,
                     "level_label": LEVELS[reported.level], "enterprise_id": enterprise_id},
        "site": site_part, "park": park_part,
        "enterprise": ({"enterprise_id": enterprise.enterprise_id, "name": enterprise.name,
                        "risk_level": enterprise.risk_level,
                        "sanctions": {**enterprise.sanctions,
                                      "labels": sanctions.status_labels(enterprise.sanctions)}} if enterprise else None),
        "pool_adequacy": (site.derived or {}).get("pool_adequacy") if site else None,
        "lines_of_defence": {"first": first_line, "second": second, "third": third},
        "containment": contain,
        "receiving_reach": receiving,
        "downstream": downstream,
        "river_plan_actions": plan_actions,
        "resources": _resources(near("material_depot"), near("response_team"), params),
        "hazards": {"open": hazards, "explanation": f"涉事企业及事发点 {params.hazard_radius_m:g} m 内未销号的隐患 {len(hazards)} 项"},
        "parameters": params.__dict__,
        "explanation": explanation,
    }, place


def _resources(depots: list[dict], teams: list[dict], params: Parameters) -> dict:
    """The nearest depots and teams within the radius, and a plain statement when there are none."""
    radius_km = params.resource_radius_m / 1000
    missing = [label for label, rows in (("应急物资库", depots), ("应急队伍", teams)) if not rows]
    explanation = f"按直线距离取 {radius_km:g} km 内最近的 {params.k} 个应急物资库与应急队伍"
    if missing:
        explanation += f"; {radius_km:g} km 内没有已登记的{'、'.join(missing)}, 须向上级或相邻地区请求支援"
    return {"material_depots": depots, "response_teams": teams, "radius_km": radius_km,
            "none_within_radius": [kind for kind, rows in (("material_depot", depots), ("response_team", teams))
                                   if not rows],
            "explanation": explanation}


def _receiving_reach(q: CorrelationQueries, around: Surroundings, third: dict, params: Parameters) -> dict | None:
    """Where the water meets the river: the first outlet to close that has a receiving reach, else the nearest reach."""
    ordered = [c["facility_id"] for c in third["close_first"]] + [o.facility_id for o in around.outlets]
    for outlet_id in ordered:
        reach_id, measure = around.outlet_entry.get(outlet_id, (None, None))
        if reach_id:
            name = next(o.name for o in around.outlets if o.facility_id == outlet_id)
            return {"reach_id": reach_id, "entry_measure_m": round(measure or 0.0, 1), "via_outlet_id": outlet_id,
                    "explanation": f"经雨水排口「{name}」进入河段 {reach_id}, 入河点距河段起点 {measure or 0:.0f} m"}
    row = q.nearest_reach(params.reach_radius_m)
    if row is None:
        return None
    return {"reach_id": row.reach_id, "entry_measure_m": round(row.measure, 1), "via_outlet_id": None,
            "explanation": f"按最近河段 {row.reach_id} 估计入河 (距事发点 {row.d:.0f} m), 入河点距河段起点 {row.measure:.0f} m"}
