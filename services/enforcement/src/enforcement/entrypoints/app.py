"""Composition root of the enforcement service: `uvicorn enforcement.entrypoints.app:create_app --factory`."""

from fastapi import FastAPI

from ecosafe_kit.runtime import ServiceSpec, build_app
from enforcement.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    spec = ServiceSpec(name="enforcement", title="执法监管服务 (enforcement)", version="0.1.0", description="企业名录、专项行动、双随机抽查、检查发现、行政处罚与调度表。")
    return build_app(spec, settings or Settings())
