"""History, back-trace (责任倒查) and as-of views of one hazard, straight from its signed events."""

from __future__ import annotations

import dataclasses
import enum
from datetime import date, datetime
from typing import Any

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import InvalidInput
from hazard.adapters import enterprises
from hazard.adapters.codec import CODEC
from hazard.domain import times
from hazard.domain.hazard import Hazard
from hazard.domain.values import ConfirmationLevel
from hazard.service_layer import permissions
from hazard.service_layer.hazards import HazardService

# Which events answer "who found, assigned, planned, verified and closed it".
STEPS = {
    "HazardReported": "发现", "HazardAssigned": "交办", "RectificationPlanSubmitted": "整改方案",
    "RectificationProgressed": "整改进展", "RectificationCompleted": "整改完成", "VerificationPassed": "督查验收通过",
    "VerificationFailed": "督查验收不通过", "HazardClosed": "销号", "HazardListed": "挂牌督办",
    "HazardConfirmed": "隐患确认", "HazardOverdue": "逾期", "HazardRegraded": "重新定级",
    "HazardDeadlineExtended": "整改延期", "ReporterContactUnsealRequested": "申请启封举报人联系方式",
    "ReporterContactUnsealed": "举报人联系方式启封", "ReportRewardFlagged": "标记举报奖励",
    "ReportRewardDecided": "举报奖励决定",
}


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _authorize_read(service: HazardService, conn, principal: Principal, hazard_id: str) -> list:
    stored = service.store.load(conn, hazard_id)
    if not stored:
        raise permissions.hidden(hazard_id)
    first = CODEC.decode(stored[0].event_type, stored[0].payload)
    enterprise = enterprises.find(conn, first.enterprise_id)
    permissions.authorize_read(principal, hazard_id, jurisdiction_code=first.jurisdiction_code,
                               enterprise_id=first.enterprise_id, park_id=enterprise.park_id if enterprise else None,
                               parent_enterprise_id=enterprise.parent_enterprise_id if enterprise else None)
    return stored


def history(service: HazardService, principal: Principal, hazard_id: str) -> dict:
    with service.engine.connect() as conn:
        stored = _authorize_read(service, conn, principal, hazard_id)
        verification = service.store.verify_stream(conn, hazard_id)
    events = []
    for e in stored:
        name = e.event_type.rsplit(".", 1)[-1]
        events.append({
            "version": e.version, "event_id": str(e.event_id), "type": e.event_type, "step": STEPS.get(name, name),
            "occurred_at": e.occurred_at, "signed_by": e.signer.as_dict(), "hash": e.hash.hex(),
            "data": _plain(dataclasses.asdict(CODEC.decode(e.event_type, e.payload))),
        })
    return {"hazard_id": hazard_id, "events": events, "verified": verification.ok,
            "verification": dataclasses.asdict(verification)}


# Steps whose content answers "what was decided" as well as who signed it: shown in the back-trace too.
DETAILED = {"HazardConfirmed", "RectificationPlanSubmitted", "VerificationPassed", "VerificationFailed",
            "HazardDeadlineExtended", "HazardRegraded", "HazardClosed", "ReporterContactUnsealRequested",
            "ReportRewardFlagged", "ReportRewardDecided"}


def back_trace(service: HazardService, principal: Principal, hazard_id: str) -> dict:
    """责任倒查: each step with who signed it and when (and what it decided: the plan's 五到位, each confirmation
    level, the verification), whether verification has passed, and whether the signed chain is intact."""
    full = history(service, principal, hazard_id)
    steps, plan, passed, confirmations = [], None, False, []
    for e in full["events"]:
        name = e["type"].rsplit(".", 1)[-1]
        step = {"step": e["step"], "version": e["version"], "at": e["occurred_at"], "signed_by": e["signed_by"]}
        if name in DETAILED:
            step["detail"] = {k: v for k, v in e["data"].items() if k != "hazard_id"}
        if name == "HazardConfirmed":
            label = ConfirmationLevel(e["data"]["level"]).label
            step["step"] = f"{e['step']} ({label})"
            confirmations.append({"level": e["data"]["level"], "label": label, "at": e["occurred_at"],
                                  "signed_by": e["signed_by"]})
        elif name == "RectificationPlanSubmitted":
            plan = step["detail"]
        elif name == "VerificationPassed":
            passed = True
        steps.append(step)
    return {"hazard_id": hazard_id, "steps": steps, "verification_passed": passed, "plan": plan,
            "confirmations": confirmations, "verified": full["verified"], "verification": full["verification"]}


def as_of(service: HazardService, principal: Principal, hazard_id: str, at: datetime) -> Hazard:
    problems = times.instant_problems("query.at", at, now=service.clock.now())
    if problems:
        raise InvalidInput(f"时刻无效: {problems[0].message}", problems)
    with service.engine.connect() as conn:
        _authorize_read(service, conn, principal, hazard_id)
        return service.repository.get_as_of(conn, hazard_id, at)
