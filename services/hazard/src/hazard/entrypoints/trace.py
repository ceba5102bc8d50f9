"""One hazard's signed history, its back-trace (责任倒查) and the hazard as it was at a given time."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.web.etag import set_etag
from hazard.domain.values import Stage
from hazard.entrypoints.dependencies import Hazards
from hazard.service_layer import trace

router = APIRouter(prefix="/hazards", tags=["隐患 (履历与倒查)"])


@router.get("/{hazard_id}/history", summary="隐患履历", description="全部已签名事件, 含签名人、时间和哈希链校验结果。")
def history(hazard_id: str, principal: CurrentPrincipal, service: Hazards) -> dict:
    return trace.history(service, principal, hazard_id)


@router.get("/{hazard_id}/back-trace", summary="责任倒查",
            description="谁发现、谁交办、谁制定方案、谁验收、谁销号, 何时; 取自签名事件并校验哈希链。")
def back_trace(hazard_id: str, principal: CurrentPrincipal, service: Hazards) -> dict:
    return trace.back_trace(service, principal, hazard_id)


@router.get("/{hazard_id}/as-of", summary="某一时刻的隐患状态")
def as_of(hazard_id: str, principal: CurrentPrincipal, service: Hazards, response: Response,
          at: Annotated[datetime, Query(description="时刻 (ISO 8601, 带时区, 偏移在 ±14:00 内), 如 "
                                                   "2026-03-01T18:00:00+08:00; 不得早于 2000-01-01, 不得晚于现在")]) -> dict:
    hazard = trace.as_of(service, principal, hazard_id, at)
    set_etag(response, hazard.version)
    return {
        "hazard_id": hazard.id, "as_of": at, "version": hazard.version, "ledger_no": hazard.ledger_no,
        "enterprise_id": hazard.enterprise_id, "state": hazard.state.value,
        "grade": hazard.grade.value if hazard.grade else None, "listed": hazard.listed, "overdue": hazard.overdue,
        "deadline": hazard.deadline, "verification_passed": hazard.verification_passed,
        "stage": Stage.of(hazard.state, hazard.verification_passed).value,
        "confirmations": sorted(level.value for level in hazard.confirmations),
        "plan": hazard.plan.__dict__ if hazard.plan else None,
    }
