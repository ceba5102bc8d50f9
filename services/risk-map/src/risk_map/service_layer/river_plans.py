"""Use cases on 一河一策一图 river plans: publish the first version, publish a new one."""

from __future__ import annotations

from sqlalchemy.engine import Connection

from ecosafe_kit.auth.principal import GOVERNMENT_ROLES, Principal, Role
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import Conflict, Forbidden
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.web.etag import check_if_match
from risk_map.adapters import lookups, repositories
from risk_map.domain.river_plan import RiverPlan
from risk_map.service_layer.saving import new_id, save


def _ensure_planner(conn: Connection, principal: Principal, river_name: str, actions: list) -> None:
    """403 unless the caller may plan for this river: an admin, or a government role of a county it runs through
    (its registered reaches, by name or named in the actions) or of their city."""
    # River plans are drawn up by the bureaus (and the command center that uses them), not by enterprises.
    if not principal.has_role(Role.admin, *GOVERNMENT_ROLES):
        raise Forbidden("只有生态环境部门或应急指挥中心可编制一河一策一图方案")
    if principal.is_admin:
        return
    reach_ids = [a["reach_id"] for a in actions if isinstance(a, dict) and isinstance(a.get("reach_id"), str)]
    codes = lookups.river_jurisdictions(conn, river_name, reach_ids)
    if not codes:
        # Nothing on the map says where the river runs: no county may claim it (as for an incident nowhere).
        raise Forbidden(f"河流 {river_name} 尚无已登记的河段, 无法确定其流经的辖区: 请先登记河段, 或由管理员发布方案")
    if not any(principal.covers(code) for code in codes):
        raise Forbidden(f"河流 {river_name} 流经辖区 {'、'.join(codes)}, 不在您的管辖范围内: 一河一策一图方案由河流流经的"
                        "辖区 (或其上级) 编制", extra={"jurisdictions": codes})


def publish_plan(store: EventStore, principal: Principal, body: dict) -> RiverPlan:
    repo = repositories.river_plans(store)
    plan_id = new_id(body.get("plan_id"), "plan_id")
    with store.transaction() as conn:
        _ensure_planner(conn, principal, body.get("river_name") or "", list(body.get("actions") or []))
        if lookups.facility_exists(conn, plan_id):
            raise Conflict(f"标识 {plan_id} 已被使用", extra={"id": plan_id})
        plan = RiverPlan.publish_first(plan_id, body.get("river_name") or "", body.get("title") or "",
                                       list(body.get("actions") or []))
        save(conn, repo, plan, signer_of(principal))
    return plan


def publish_new_version(store: EventStore, principal: Principal, plan_id: str, body: dict,
                        expected_version: int | None) -> RiverPlan:
    repo = repositories.river_plans(store)
    with store.transaction() as conn:
        plan = repo.get(conn, plan_id)
        # Both the river as planned and as it would be: a county cannot take over a plan by renaming its river.
        _ensure_planner(conn, principal, plan.river_name, list(plan.actions))
        _ensure_planner(conn, principal, body.get("river_name") or plan.river_name, list(body.get("actions") or []))
        check_if_match(expected_version, plan.version)
        plan.publish(body.get("river_name") or plan.river_name, body.get("title") or plan.title,
                     list(body.get("actions") or []))
        save(conn, repo, plan, signer_of(principal))
    return plan
