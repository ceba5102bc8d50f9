"""Composition root of the risk-map service: `uvicorn risk_map.entrypoints.app:create_app --factory`."""

from fastapi import FastAPI

from ecosafe_kit.runtime import ServiceSpec, build_app
from risk_map.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    spec = ServiceSpec(name="risk-map", title="风险一张图服务 (risk-map)", version="0.1.0", description="园区、企业三道防线、河流与一河一策一图、突发事件关联分析。")
    return build_app(spec, settings or Settings())
