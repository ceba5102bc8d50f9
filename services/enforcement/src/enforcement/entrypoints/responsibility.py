"""Responsibility lists (责任清单) of an enterprise over HTTP."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line, Text
from ecosafe_kit.web.etag import IfMatch, set_etag
from enforcement.domain.responsibility import Kind
from enforcement.entrypoints.dependencies import ResponsibilityService

router = APIRouter(prefix="/enterprises/{enterprise_id}/responsibility-lists", tags=["责任清单"])


class ListRecordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["principal_list", "manager_list", "campaign_work_list"] = Field(
        description="principal_list 主要负责人安全生产责任清单, manager_list 分管负责人和管理人员职责清单, "
                    "campaign_work_list 专项行动工作清单 (须给 campaign_id)")
    present: bool = Field(description="是否已制定")
    document_ref: Annotated[Line, Field(max_length=300, description="文件: 文号、编号或附件地址; 已制定时必填")] = ""
    campaign_id: Annotated[Line, Field(max_length=100)] | None = None
    note: Annotated[Text, Field(max_length=2000)] = ""


@router.post("", summary="登记责任清单",
             description="企业本身或属地执法检查人员、县局、市局登记某项清单是否已制定 (附文件), 以最新一次为准; "
                         "ResponsibilityListRecorded。If-Match 可带 ETag (企业的清单版本)。")
async def record(enterprise_id: Line, body: ListRecordIn, principal: CurrentPrincipal,
                 service: ResponsibilityService, if_match: IfMatch, response: Response) -> dict:
    result = await run_in_threadpool(service.record, principal, enterprise_id, Kind(body.kind), body.present,
                                     body.document_ref, body.campaign_id, body.note, if_match)
    set_etag(response, result["version"])
    return result


@router.get("", summary="责任清单",
            description="各项清单的最新登记 (谁登记、何时、文件) 及抽查检查项 \"企业未制定分管负责人职责清单\" 据此的结论 "
                        "(violated: true 违反, false 符合, null 尚无登记)。")
def view(enterprise_id: Line, principal: CurrentPrincipal, service: ResponsibilityService) -> dict:
    return service.view(principal, enterprise_id)
