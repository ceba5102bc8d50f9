"""Use cases on 一河一策一图 river plans: publish the first version, publish a new one."""

from __future__ import annotations

from ecosafe_kit.auth.principal import GOVERNMENT_ROLES, Principal, Role
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import Conflict, Forbidden
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.web.etag import check_if_match
from risk_map.adapters import lookups, repositories
from risk_map.domain.river_plan import RiverPlan
from risk_map.service_layer.saving import new_id, save


def _ensure_planner(principal: Principal) -> None:
    # River plans are drawn up by the bureaus (and the command center that uses them), not by enterprises.
    if not principal.has_role(Role.admin, *GOVERNMENT_ROLES):
        raise Forbidden("只有生态环境部门或应急指挥中心可编制一河一策一图方案")


def publish_plan(store: EventStore, principal: Principal, body: dict) -> RiverPlan:
    _ensure_planner(principal)
    repo = repositories.river_plans(store)
    plan_id = new_id(body.get("plan_id"), "plan_id")
    with store.transaction() as conn:
        if lookups.facility_exists(conn, plan_id):
            raise Conflict(f"标识 {plan_id} 已被使用", extra={"id": plan_id})
        plan = RiverPlan.publish_first(plan_id, body.get("river_name") or "", body.get("title") or "",
                                       list(body.get("actions") or []))
        save(conn, repo, plan, signer_of(principal))
    return plan


def publish_new_version(store: EventStore, principal: Principal, plan_id: str, body: dict,
                        expected_version: int | None) -> RiverPlan:
    _ensure_planner(principal)
    repo = repositories.river_plans(store)
    with store.transaction() as conn:
        plan = repo.get(conn, plan_id)
        check_if_match(expected_version, plan.version)
        plan.publish(body.get("river_name") or plan.river_name, body.get("title") or plan.title,
                     list(body.get("actions") or []))
        save(conn, repo, plan, signer_of(principal))
    return plan
