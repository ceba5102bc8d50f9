"""Composition root of the notify service: `uvicorn notify.entrypoints.app:create_app --factory`."""

from fastapi import FastAPI

from ecosafe_kit.runtime import ServiceSpec, build_app
from notify.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    spec = ServiceSpec(name="notify", title="通知与值班服务 (notify)", version="0.1.0", description="事件分发、值班表、确认与升级、提醒与预警、指挥中心实时推送。")
    return build_app(spec, settings or Settings())
