"""Composition root of the enforcement service: `uvicorn enforcement.entrypoints.app:create_app --factory`."""

from fastapi import FastAPI

from ecosafe_kit.runtime import ServiceSpec, build_app
from enforcement.adapters.projections import STREAM_TYPE
from enforcement.entrypoints import enterprises, imports
from enforcement.service_layer.register import EnterpriseRegister
from enforcement.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    spec = ServiceSpec(
        name="enforcement", title="执法监管服务 (enforcement)", version="0.1.0",
        description="企业名录: 企业登记、变更、注销 (签名事件, 发布到 ecosafe.enforcement.enterprise)、查询与变更历史, "
                    ".xlsx / CSV 批量登记及其模板。",
        stream_types=[STREAM_TYPE],
        routers=[imports.router, enterprises.router],
    )
    app = build_app(spec, settings or Settings())
    app.state.register = EnterpriseRegister(app.state.engine)
    return app
