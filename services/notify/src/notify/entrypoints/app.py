"""Composition root of the notify service: `uvicorn notify.entrypoints.app:create_app --factory`."""

from fastapi import FastAPI

from ecosafe_kit.runtime import ServiceSpec, build_app
from notify.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    spec = ServiceSpec(name="notify", title="通知与值班服务 (notify)", version="0.1.0", description=(
        "目前是服务骨架: 只有运维端点 /healthz、/readyz、/metrics 和 /me (当前用户), 有自己的数据库与迁移, "
        "不消费任何事件, 也不发送任何通知。"))
    return build_app(spec, settings or Settings())
