"""GET /me: who the bearer token says the caller is (roles with their Chinese names, jurisdiction, scope)."""

from fastapi import APIRouter
from pydantic import BaseModel, Field

from ecosafe_kit.auth.dependencies import CurrentPrincipal


class RoleOut(BaseModel):
    code: str = Field(description="角色代码")
    label: str = Field(description="角色名称")


class MeOut(BaseModel):
    subject: str = Field(description="用户标识")
    name: str = Field(description="姓名")
    roles: list[RoleOut] = Field(description="角色")
    jurisdiction: str | None = Field(description="辖区行政区划代码")
    enterprise_id: str | None = Field(description="所属企业(企业用户)")
    park_id: str | None = Field(description="所属园区(园区管理用户)")


def me_router() -> APIRouter:
    router = APIRouter(tags=["身份"])

    @router.get("/me", response_model=MeOut, summary="当前用户", description="返回令牌所代表的用户、角色与辖区。")
    def me(principal: CurrentPrincipal) -> MeOut:
        return MeOut(
            subject=principal.subject, name=principal.name,
            roles=[RoleOut(code=r.value, label=r.label) for r in sorted(principal.roles)],
            jurisdiction=principal.jurisdiction, enterprise_id=principal.enterprise_id, park_id=principal.park_id,
        )

    return router
