"""Composition root of the hazard service: `uvicorn hazard.entrypoints.app:create_app --factory`."""

from __future__ import annotations

import logging
import threading

from fastapi import FastAPI
from sqlalchemy.engine import Engine

from ecosafe_kit.runtime import ConsumerSpec, ServiceSpec, build_app
from hazard.adapters import waiting_for_enterprise
from hazard.adapters.enterprises import handle_enterprise_event
from hazard.adapters.findings import KIND as FINDING, finding_handler, finding_opener
from hazard.adapters.pool_reviews import KIND as POOL_REVIEW, pool_review_handler, pool_review_opener
from hazard.adapters.projections import STREAM_TYPE
from hazard.adapters.sealed_contacts import ContactSeal
from hazard.entrypoints import enterprises, hazards, ledger, public, reporter, trace
from hazard.service_layer.hazards import HazardService
from hazard.service_layer.public_reports import PublicReports
from hazard.service_layer.reporter_contacts import ReporterContacts
from hazard.settings import Settings

log = logging.getLogger(__name__)


class LateService:
    """The hazard service, built once build_app has made the app's engine. The consumers and the overdue sweep are
    declared before that, and start after it (in the app's lifespan), so they reach the service through this."""

    def __init__(self) -> None:
        self._service: HazardService | None = None

    def bind(self, engine: Engine) -> HazardService:
        self._service = HazardService(engine)
        return self._service

    def __call__(self) -> HazardService:
        if self._service is None:
            raise RuntimeError("the hazard service was used before the app was built")
        return self._service


def overdue_worker(settings: Settings, service: LateService):
    """The periodic sweep that records HazardOverdue (ServiceSpec.workers)."""

    def sweep_overdue(engine: Engine, stop: threading.Event) -> None:
        while True:
            try:
                marked = service().sweep_overdue()
                if marked:
                    log.info("overdue sweep marked %d hazards", len(marked))
            except Exception:
                # A failed sweep (database restarting) is logged and tried again at the next interval.
                log.exception("overdue sweep failed")
            if stop.wait(settings.overdue_sweep_seconds):
                return

    return sweep_overdue


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    key = settings.reporter_contact_key
    seal = ContactSeal.from_setting(key.get_secret_value() if key else None)  # a malformed key stops the start
    late = LateService()

    def handle_finding(conn, envelope) -> None:
        finding_handler(late())(conn, envelope)

    def handle_pool_review(conn, envelope) -> None:
        pool_review_handler(late())(conn, envelope)

    def handle_enterprise(conn, envelope) -> None:
        handle_enterprise_event(conn, envelope)
        # Findings and shortfalls that arrived before the enterprise open now, in the register row's transaction.
        # A register event's stream id is the enterprise id (enterprise.proto).
        waiting_for_enterprise.open_waiting(conn, envelope.stream_id, {
            FINDING: finding_opener(late()), POOL_REVIEW: pool_review_opener(late())})

    suffix = settings.consumer_group_suffix
    spec = ServiceSpec(
        name="hazard", title="隐患台账与闭环管理服务 (hazard)", version="0.1.0",
        description="重大事故隐患台账及 发现→交办→整改→督查→销号 闭环管理; 逐项编号、五到位整改方案、两级确认、"
                    "挂牌督办、重新定级、整改延期、逾期、动态清零、三公开与责任倒查; 群众举报的举报人联系方式密封保存、两人申请启封, "
                    "举报奖励; 执法检查发现和应急池容积不足自动转为隐患。",
        stream_types=[STREAM_TYPE],
        routers=[hazards.router, trace.router, reporter.router, ledger.router, enterprises.router, public.router],
        consumers=[ConsumerSpec(f"enterprises{suffix}", [settings.enterprise_topic], handle_enterprise),
                   ConsumerSpec(f"findings{suffix}", [settings.finding_topic], handle_finding),
                   ConsumerSpec(f"pool-reviews{suffix}", [settings.pool_review_topic], handle_pool_review)],
        workers=[overdue_worker(settings, late)],
    )
    app = build_app(spec, settings)
    service = late.bind(app.state.engine)
    app.state.hazard_service = service
    app.state.public_reports = PublicReports(service, settings.public_report_limit,
                                             settings.public_report_window_seconds, seal)
    app.state.reporter_contacts = ReporterContacts(service, seal)
    return app
