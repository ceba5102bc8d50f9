"""The enterprise register as the hazard service knows it, for choosing an enterprise by name (选择企业)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from hazard.entrypoints.dependencies import Hazards
from hazard.service_layer import enterprises

router = APIRouter(prefix="/enterprises", tags=["企业名录"])


@router.get("", summary="选择企业", description="按企业名称的一部分或统一社会信用代码查找本人可见的企业: 政府部门用户为本辖区, "
                                              "企业用户为本企业, 园区管理用户为本园区。多个词以空格分隔, 须全部匹配; "
                                              "名称以第一个词开头的排在前面。truncated 为 true 时请输入更多文字缩小范围。")
def find_enterprises(principal: CurrentPrincipal, service: Hazards,
                     q: Annotated[str | None, Query(max_length=50, description="企业名称的一部分或统一社会信用代码, "
                                                                                 "如 丹源、化工 或 91140500")] = None,
                     limit: Annotated[int, Query(ge=1, le=50, description="最多返回条数")] = 20) -> dict:
    return enterprises.find(service, principal, q, limit)
