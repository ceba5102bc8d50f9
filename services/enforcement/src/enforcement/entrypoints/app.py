"""Composition root of the enforcement service: `uvicorn enforcement.entrypoints.app:create_app --factory`."""

import logging
import threading

from fastapi import FastAPI
from sqlalchemy.engine import Engine

from ecosafe_kit.runtime import ConsumerSpec, ServiceSpec, build_app
from enforcement.adapters.campaign_projections import CAMPAIGN_STREAM, DRAW_STREAM, INSPECTOR_STREAM
from enforcement.adapters.case_projections import BLACKLIST_STREAM, CASE_STREAM
from enforcement.adapters.inspection_projections import INSPECTION_STREAM
from enforcement.adapters.projections import STREAM_TYPE
from enforcement.adapters.responsibility import RESPONSIBILITY_STREAM
from enforcement.entrypoints import (
    back_trace, blacklist, campaigns, cases, disclosure, draws, enterprises, imports, inspections, inspectors,
    reports_dashboard, reports_dispatch, reports_oversight, reports_periodic, responsibility,
)
from enforcement.reports import projection as report_facts
from enforcement.reports.dashboard import Dashboard
from enforcement.reports.dispatch import DispatchReports
from enforcement.reports.oversight import OVERSIGHT_STREAM, OversightActivities
from enforcement.reports.periodic import PeriodicReports
from enforcement.reports.reconcile import Reconciliation
from enforcement.reports.topics import report_topics
from enforcement.service_layer.back_trace import BackTrace
from enforcement.service_layer.campaigns import Campaigns
from enforcement.service_layer.cases import Cases
from enforcement.service_layer.closure_check import ClosureCheck
from enforcement.service_layer.disclosure import Disclosure
from enforcement.service_layer.draws import Draws
from enforcement.service_layer.hazard_policy import HazardPolicy
from enforcement.service_layer.inspections import Inspections
from enforcement.service_layer.register import EnterpriseRegister
from enforcement.service_layer.responsibility import ResponsibilityLists
from enforcement.service_layer.roster import Roster
from enforcement.settings import Settings

log = logging.getLogger(__name__)


class LateCases:
    """The consumer is declared before build_app makes the engine the case service needs; it starts after."""

    def __init__(self) -> None:
        self.policy: HazardPolicy | None = None

    def __call__(self, conn, envelope) -> None:
        if self.policy is None:
            raise RuntimeError("the hazard policy was used before the app was built")
        self.policy(conn, envelope)


def closure_worker(settings: Settings, late: LateCases):
    """The periodic check of seed 003's closure rule (ServiceSpec.workers)."""

    def check_closure(engine: Engine, stop: threading.Event) -> None:
        while True:
            try:
                assert late.policy is not None, "the closure check ran before the app was built"
                ClosureCheck(late.policy.cases).run_once()
            except Exception:
                # A failed round (database restarting) is logged and tried again at the next interval.
                log.exception("closure check failed")
            if stop.wait(settings.closure_check_seconds):
                return

    return check_closure


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    hazard_policy = LateCases()
    spec = ServiceSpec(
        name="enforcement", title="执法监管服务 (enforcement)", version="0.1.0",
        description="企业名录: 企业登记、变更、注销 (签名事件, 发布到 ecosafe.enforcement.enterprise)、查询与变更历史, "
                    ".xlsx / CSV 批量登记及其模板; 专项行动 (范围、阶段、目标); 执法检查人员名录库与利害关系申报; "
                    "双随机抽取及其公开与复核; 检查 (抽查检查项、发现的问题发布给隐患服务) 与检查目标完成进度; "
                    "立案与处罚 (一案双罚、移送司法、停产整治、提请关闭、约谈、曝光、联合惩戒与失信名单、典型案例、移交与回执、结案), "
                    "处罚公开; 隐患逾期自动立案等专项行动方案规则; 企业和案件的责任倒查 (一案三查); 企业责任清单; "
                    "调度表 (月度累计, JSON / .xlsx / 可打印页面, 数字明细, 与事件对账) 与专项行动看板。",
        stream_types=[STREAM_TYPE, CAMPAIGN_STREAM, INSPECTOR_STREAM, DRAW_STREAM, INSPECTION_STREAM, CASE_STREAM,
                      BLACKLIST_STREAM, RESPONSIBILITY_STREAM, OVERSIGHT_STREAM],
        routers=[imports.router, enterprises.router, campaigns.router, inspectors.router, draws.router,
                 inspections.router, back_trace.router, responsibility.router, cases.router, blacklist.router,
                 disclosure.router, reports_dispatch.router, reports_dashboard.router, reports_oversight.router,
                 reports_periodic.router],
        consumers=[ConsumerSpec(f"hazards{settings.consumer_group_suffix}", [settings.hazard_topic], hazard_policy),
                   ConsumerSpec(f"reports{settings.consumer_group_suffix}", report_topics(settings.hazard_topic),
                                report_facts.project)],
        workers=[closure_worker(settings, hazard_policy)] if settings.closure_check_enabled else [],
    )
    app = build_app(spec, settings)
    app.state.register = EnterpriseRegister(app.state.engine)
    app.state.campaigns = Campaigns(app.state.engine)
    app.state.roster = Roster(app.state.engine)
    app.state.draws = Draws(app.state.engine)
    app.state.inspections = Inspections(app.state.engine)
    app.state.cases = Cases(app.state.engine)
    app.state.disclosure = Disclosure(app.state.engine)
    app.state.back_trace = BackTrace(app.state.engine, app.state.cases)
    app.state.responsibility = ResponsibilityLists(app.state.engine)
    app.state.dispatch_reports = DispatchReports(app.state.engine)
    app.state.oversight = OversightActivities(app.state.engine)
    app.state.dashboard = Dashboard(app.state.engine, app.state.inspections)
    app.state.periodic_reports = PeriodicReports(app.state.engine)
    app.state.reconciliation = Reconciliation(app.state.engine, app.state.dispatch_reports,
                                              settings.kafka_bootstrap_servers, settings.hazard_topic)
    hazard_policy.policy = HazardPolicy(app.state.cases)
    return app
