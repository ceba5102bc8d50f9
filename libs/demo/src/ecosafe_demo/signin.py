"""The demo sign-in app of `make run`: lists the demo users by role and jurisdiction and mints local tokens for them.

Refuses everything (404) unless ECOSAFE_DEMO_SIGNIN_ENABLED=true, which only the demo stack sets: anyone who can reach
it signs in as anyone. The gateway serves it under /demo/.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Depends, FastAPI, Request
from pydantic import BaseModel, Field

from ecosafe_demo.users import DemoUser, demo_users
from ecosafe_kit.auth.dependencies import Public
from ecosafe_kit.auth.principal import Role
from ecosafe_kit.auth.tokens import encode_token
from ecosafe_kit.errors import FieldProblem, InvalidInput, NotFound
from ecosafe_kit.settings import ServiceSettings
from ecosafe_kit.web.app_factory import create_app as create_kit_app


class SigninSettings(ServiceSettings):
    """The kit's settings (the JWT secret the services check) and whether demo sign-in is on."""

    service_name: str = "demo-signin"
    demo_signin_enabled: bool = Field(default=False, description="only the demo stack of make run sets it")
    demo_token_ttl_minutes: int = Field(default=480, ge=1, le=24 * 60, description="lifetime of a minted token")


class DemoUserView(BaseModel):
    user_id: str = Field(description="用户标识 (令牌的 sub)")
    name: str = Field(description="姓名")
    role: Role = Field(description="角色")
    role_label: str = Field(description="角色名称")
    jurisdiction_code: str = Field(description="辖区代码")
    jurisdiction_name: str = Field(description="辖区名称")
    enterprise_id: str | None = Field(default=None, description="企业用户所属企业")
    enterprise_name: str | None = None
    park_id: str | None = Field(default=None, description="园区管理用户所属园区")
    park_name: str | None = None

    @classmethod
    def of(cls, user: DemoUser) -> DemoUserView:
        return cls(
            user_id=user.user_id, name=user.name, role=user.role, role_label=user.role.label,
            jurisdiction_code=user.jurisdiction_code, jurisdiction_name=user.jurisdiction_name,
            enterprise_id=user.enterprise_id, enterprise_name=user.enterprise_name,
            park_id=user.park_id, park_name=user.park_name,
        )


class RoleGroup(BaseModel):
    role: Role
    role_label: str = Field(description="角色名称")
    users: list[DemoUserView]


class TokenRequest(BaseModel):
    user_id: str = Field(min_length=1, max_length=100, description="要登录的演示用户标识 (见 GET /users)")


class TokenAnswer(BaseModel):
    access_token: str = Field(description="本地签发的 HS256 访问令牌")
    token_type: str = "Bearer"
    expires_in: int = Field(description="有效期 (秒)")
    user: DemoUserView


async def _enabled(request: Request) -> None:
    if not request.app.state.settings.demo_signin_enabled:
        raise NotFound("演示登录未启用 (仅 make run 的演示环境设置 ECOSAFE_DEMO_SIGNIN_ENABLED=true)",
                       extra={"reason": "demo_signin_disabled"})


def _router(users: list[DemoUser], settings: SigninSettings) -> APIRouter:
    router = APIRouter(dependencies=[Public, Depends(_enabled)], tags=["演示登录"])
    by_id = {user.user_id: user for user in users}
    secret = settings.jwt_secret.get_secret_value()
    ttl = timedelta(minutes=settings.demo_token_ttl_minutes)

    @router.get(
        "/users",
        summary="演示用户列表",
        description="按角色分组列出演示数据中的用户 (每个角色与辖区各一名), 含辖区、企业与园区名称。仅在演示环境可用。",
    )
    async def list_users() -> list[RoleGroup]:
        return [
            RoleGroup(role=role, role_label=role.label, users=[DemoUserView.of(u) for u in users if u.role == role])
            for role in Role
            if any(u.role == role for u in users)
        ]

    @router.post(
        "/tokens",
        summary="以演示用户登录",
        description="为所选演示用户签发本地 HS256 访问令牌, 各服务凭 ECOSAFE_JWT_SECRET 接受它。仅在演示环境可用。",
    )
    async def mint(body: TokenRequest) -> TokenAnswer:
        user = by_id.get(body.user_id)
        if user is None:
            raise InvalidInput(
                f"演示用户 {body.user_id} 不存在",
                [FieldProblem(field="user_id", message="不是演示用户 (见 GET /users)")],
            )
        token = encode_token(user.principal(), secret=secret, ttl=ttl)
        return TokenAnswer(access_token=token, expires_in=int(ttl.total_seconds()), user=DemoUserView.of(user))

    return router


def create_app(settings: SigninSettings | None = None) -> FastAPI:
    """The composition root (a factory: `uvicorn ecosafe_demo.signin:create_app --factory`)."""
    settings = settings or SigninSettings()
    return create_kit_app(
        settings=settings,
        title="EcoSafe 演示登录",
        version="0.1.0",
        description="make run 演示环境的登录: 列出演示用户并为其签发本地令牌; 未启用时一律 404。",
        routers=[_router(demo_users(), settings)],
    )
