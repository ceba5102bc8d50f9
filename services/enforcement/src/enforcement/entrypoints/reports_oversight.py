"""Recording the bureaus' oversight work the dispatch table counts, over HTTP."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line, Text
from enforcement.domain.reports_oversight import Kind
from enforcement.entrypoints.reports_dependencies import OversightService

router = APIRouter(prefix="/reports/oversight-activities", tags=["调度表与报表"])


class ActivityIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["guidance_area", "guidance_enterprise", "accountability", "bureau_admonition"] = Field(
        description="guidance_area 帮扶指导重点市、县 (个次), guidance_enterprise 帮扶指导重点企业 (家次), "
                    "accountability 责任倒查追究问责 (人), bureau_admonition 约谈通报有关市县及部门 (次)")
    bureau_code: Annotated[Line, Field(max_length=12, description="做这项工作的单位 (市局或县局的行政区划代码)")]
    campaign_id: Annotated[Line, Field(max_length=100)] | None = None
    occurred_on: AwareDatetime = Field(description="发生时间 (带时区), 可晚于此补录")
    target: Annotated[Line, Field(max_length=100, description="对象: 市县或部门的代码、企业编号; 问责可空")] = ""
    persons: int = Field(default=0, ge=0, le=10000, description="被问责人数 (仅责任倒查追究问责)")
    note: Annotated[Text, Field(max_length=2000, description="说明或文号")] = ""


@router.post("", status_code=201, summary="记录监管工作",
             description="市局、县局记录调度表所计的本单位工作: 帮扶指导重点市县或企业、责任倒查追究问责、约谈通报有关市县及部门; "
                         "按发生时间计入调度表; OversightActivityRecorded (ecosafe.enforcement.oversight)。")
async def record(body: ActivityIn, principal: CurrentPrincipal, service: OversightService) -> dict:
    occurred: datetime = body.occurred_on
    return await run_in_threadpool(service.record, principal, Kind(body.kind), body.bureau_code, body.campaign_id,
                                   occurred, body.target, body.persons, body.note)
