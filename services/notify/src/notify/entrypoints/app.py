"""Composition root of the notify service: `uvicorn notify.entrypoints.app:create_app --factory`."""

from __future__ import annotations

from fastapi import FastAPI

from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.runtime import ConsumerSpec, ServiceSpec, build_app
from notify.adapters import hazard_events, incident_events, inspection_events, map_events
from notify.adapters.projections import (
    CHANNEL_STREAM, CLOCK_STREAM, DELIVERY_STREAM, NOTIFICATION_STREAM, REPORT_STREAM, RULE_STREAM, SHIFT_STREAM,
    WARNING_STREAM,
)
from notify.adapters.register import handle_enterprise_event
from notify.entrypoints import (
    channels, duty, explain, notifications, report_clocks, reports, rules, stream, warnings,
)
from notify.domain.times import utcnow
from notify.entrypoints.delivery_worker import delivery_loop
from notify.entrypoints.escalation_worker import escalation_loop
from notify.entrypoints.workers import polling
from notify.entrypoints.consumers import incident_handler, on_the_map, routing_handler
from notify.service_layer.channels import Channels
from notify.service_layer.duty import DutyRoster, on_duty
from notify.service_layer.inbox import Inbox
from notify.service_layer.live import LiveFeed
from notify.service_layer.live_map import LiveMap
from notify.service_layer.report_clocks import ReportClocks
from notify.service_layer.reports import Reports
from notify.service_layer.routing import Router
from notify.service_layer.rules import RoutingRules
from notify.service_layer.warnings import Warnings
from notify.settings import Settings

DESCRIPTION = (
    "分发规则 (按事件类型、隐患等级、领域、辖区 (市级规则覆盖其下各县)、园区、企业匹配, 发给角色、用户、值班岗位、相关方) 的维护与解释; 值班表 (值班员、带班领导、副班, 北京时间, 零点交接); 外发通道 (签名 Webhook、电子邮件、企业微信与钉钉群机器人、短信网关), 失败重试与外发记录; 紧急通知须确认, 超时未确认升级至副班、带班领导; "
    "消费企业名录、隐患、执法检查和突发环境事件, 按规则生成通知并记录每次匹配的理由; 站内通知收件箱 (未读/已读/已确认); 指挥中心实时推送 (SSE, 断线续传) 与一张图实时动态 (隐患、事件、闸门排口状态、案件、通知, 按可见范围); 预警信息发布到区域 (辖区或多边形) 内的全部企业及其园区, 按单位跟踪确认; 报送任务 (日报与零报告、每周五17时周报、每月1日调度表) 截止前提醒、逾期通知; 突发环境事件报告后按级别开始初报、续报、处理结果报告计时, 截止前提醒值班员, 超时通知带班领导和上一级。"
)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    routers: list[Router] = []  # the router needs the app's engine; consumers start after it is built

    def router() -> Router:
        return routers[0]

    def report_clocks_of(engine) -> ReportClocks:
        return ReportClocks(engine, utcnow, settings.clock_limits(), settings.report_clock_record_url, on_duty)

    clock_services: list[ReportClocks] = []  # likewise for the report clocks the incident consumer starts

    suffix = settings.consumer_group_suffix
    spec = ServiceSpec(
        name="notify", title="通知与值班服务 (notify)", version="0.1.0", description=DESCRIPTION,
        stream_types=[RULE_STREAM, SHIFT_STREAM, CHANNEL_STREAM, NOTIFICATION_STREAM, DELIVERY_STREAM, WARNING_STREAM,
                      REPORT_STREAM, CLOCK_STREAM],
        routers=[rules.router, explain.router, duty.router, channels.router, notifications.router, warnings.router,
                 reports.router, report_clocks.router, stream.router],
        consumers=[ConsumerSpec(f"enterprises{suffix}", [settings.enterprise_topic], handle_enterprise_event),
                   ConsumerSpec(f"hazards{suffix}", [settings.hazard_topic],
                                on_the_map(routing_handler("hazards", hazard_events.incoming, router),
                                           map_events.hazard_item)),
                   ConsumerSpec(f"inspections{suffix}", [settings.inspection_topic],
                                routing_handler("inspections", inspection_events.incoming, router)),
                   ConsumerSpec(f"incidents{suffix}", [settings.incident_topic],
                                on_the_map(incident_handler(
                                    routing_handler("incidents", incident_events.incoming, router),
                                    lambda conn, envelope: clock_services[0].start(conn, envelope)),
                                    map_events.incident_item)),
                   ConsumerSpec(f"facilities{suffix}", [settings.facility_topic], map_events.handle_facility_event),
                   ConsumerSpec(f"cases{suffix}", [settings.case_topic], map_events.handle_case_event)],
        workers=[*([delivery_loop(settings)] if settings.delivery_enabled else []),
                 *([escalation_loop(settings)] if settings.escalation_enabled else []),
                 *([polling("remind_reports", lambda engine: Reports(engine, utcnow, settings.report_record_url),
                            settings.reports_poll_seconds)] if settings.reports_enabled else []),
                 *([polling("report_clocks", report_clocks_of, settings.report_clocks_poll_seconds)]
                   if settings.report_clocks_enabled else [])],
    )
    app = build_app(spec, settings)
    engine = app.state.engine
    routers.append(Router(EventStore(engine), {"hazard": settings.hazard_record_url,
                                               "inspection": settings.inspection_record_url,
                                               "incident": settings.incident_record_url}, on_duty))
    app.state.inbox = Inbox(engine, utcnow)
    app.state.channels = Channels(engine, app.state.inbox)
    app.state.rules = RoutingRules(engine, on_duty, unusable_channels=app.state.channels.unusable)
    app.state.roster = DutyRoster(engine)
    app.state.live = LiveFeed(engine)
    app.state.live_map = LiveMap(engine)
    app.state.warnings = Warnings(engine, utcnow, settings.warning_record_url)
    app.state.reports = Reports(engine, utcnow, settings.report_record_url)
    app.state.report_clocks = report_clocks_of(engine)
    clock_services.append(app.state.report_clocks)
    return app
