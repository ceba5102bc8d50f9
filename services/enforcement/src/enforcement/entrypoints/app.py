"""Composition root of the enforcement service: `uvicorn enforcement.entrypoints.app:create_app --factory`."""

from fastapi import FastAPI

from ecosafe_kit.runtime import ServiceSpec, build_app
from enforcement.adapters.campaign_projections import CAMPAIGN_STREAM, DRAW_STREAM, INSPECTOR_STREAM
from enforcement.adapters.inspection_projections import INSPECTION_STREAM
from enforcement.adapters.projections import STREAM_TYPE
from enforcement.entrypoints import campaigns, draws, enterprises, imports, inspections, inspectors
from enforcement.service_layer.campaigns import Campaigns
from enforcement.service_layer.draws import Draws
from enforcement.service_layer.inspections import Inspections
from enforcement.service_layer.register import EnterpriseRegister
from enforcement.service_layer.roster import Roster
from enforcement.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    spec = ServiceSpec(
        name="enforcement", title="执法监管服务 (enforcement)", version="0.1.0",
        description="企业名录: 企业登记、变更、注销 (签名事件, 发布到 ecosafe.enforcement.enterprise)、查询与变更历史, "
                    ".xlsx / CSV 批量登记及其模板; 专项行动 (范围、阶段、目标); 执法检查人员名录库与利害关系申报; "
                    "双随机抽取及其公开与复核; 检查 (抽查检查项、发现的问题发布给隐患服务) 与检查目标完成进度。",
        stream_types=[STREAM_TYPE, CAMPAIGN_STREAM, INSPECTOR_STREAM, DRAW_STREAM, INSPECTION_STREAM],
        routers=[imports.router, enterprises.router, campaigns.router, inspectors.router, draws.router,
                 inspections.router],
    )
    app = build_app(spec, settings or Settings())
    app.state.register = EnterpriseRegister(app.state.engine)
    app.state.campaigns = Campaigns(app.state.engine)
    app.state.roster = Roster(app.state.engine)
    app.state.draws = Draws(app.state.engine)
    app.state.inspections = Inspections(app.state.engine)
    return app
