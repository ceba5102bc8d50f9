"""Composition root of the hazard service: `uvicorn hazard.entrypoints.app:create_app --factory`."""

from fastapi import FastAPI

from ecosafe_kit.runtime import ServiceSpec, build_app
from hazard.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    spec = ServiceSpec(name="hazard", title="隐患台账与闭环管理服务 (hazard)", version="0.1.0", description="重大事故隐患台账及 发现→交办→整改→督查→销号 闭环管理。")
    return build_app(spec, settings or Settings())
