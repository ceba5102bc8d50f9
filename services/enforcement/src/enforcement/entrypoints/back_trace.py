"""The back-trace (责任倒查 / 一案三查) of an enterprise or a case over HTTP."""

from __future__ import annotations

from fastapi import APIRouter

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from enforcement.entrypoints.dependencies import BackTraceService

router = APIRouter(tags=["责任倒查"])
_WHAT = ("检查 (谁计划、谁签名、检查人员、违反的抽查检查项、发现的问题、据以登记的隐患、此后才发现而该次检查未记录的隐患), "
         "隐患 (来源、交办人、责任人、期限、逾期), 案件 (立案人、处罚签名人), 以及一案三查的责任人: 企业主要负责人和签名的监管人员。")


@router.get("/enterprises/{enterprise_id}/back-trace", summary="企业责任倒查",
            description="可见该企业的用户; " + _WHAT)
def of_enterprise(enterprise_id: Line, principal: CurrentPrincipal, service: BackTraceService) -> dict:
    return service.of_enterprise(principal, enterprise_id)


@router.get("/cases/{case_id}/back-trace", summary="案件责任倒查",
            description="可见该案件的用户; 立案时的情况: " + _WHAT + " 来源为隐患的案件另列此前未记录该隐患的检查。")
def of_case(case_id: Line, principal: CurrentPrincipal, service: BackTraceService) -> dict:
    return service.of_case(principal, case_id)
