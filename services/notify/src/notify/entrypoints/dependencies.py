"""FastAPI dependencies of the notify routers: the services the composition root put on app.state."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from notify.service_layer.channels import Channels
from notify.service_layer.duty import DutyRoster
from notify.service_layer.inbox import Inbox
from notify.service_layer.live import LiveFeed
from notify.service_layer.live_map import LiveMap
from notify.service_layer.report_clocks import ReportClocks
from notify.service_layer.reports import Reports
from notify.service_layer.rules import RoutingRules
from notify.service_layer.warnings import Warnings


# Async although they do not await: a plain `def` dependency costs a threadpool hop per request.
async def _rules(request: Request) -> RoutingRules:
    return request.app.state.rules


async def _inbox(request: Request) -> Inbox:
    return request.app.state.inbox


async def _roster(request: Request) -> DutyRoster:
    return request.app.state.roster


async def _channels(request: Request) -> Channels:
    return request.app.state.channels


async def _live(request: Request) -> LiveFeed:
    return request.app.state.live


async def _live_map(request: Request) -> LiveMap:
    return request.app.state.live_map


async def _warnings(request: Request) -> Warnings:
    return request.app.state.warnings


async def _reports(request: Request) -> Reports:
    return request.app.state.reports


async def _clocks(request: Request) -> ReportClocks:
    return request.app.state.report_clocks


RulesService = Annotated[RoutingRules, Depends(_rules)]
InboxService = Annotated[Inbox, Depends(_inbox)]
RosterService = Annotated[DutyRoster, Depends(_roster)]
ChannelService = Annotated[Channels, Depends(_channels)]
LiveService = Annotated[LiveFeed, Depends(_live)]
LiveMapService = Annotated[LiveMap, Depends(_live_map)]
WarningService = Annotated[Warnings, Depends(_warnings)]
ReportService = Annotated[Reports, Depends(_reports)]
ClockService = Annotated[ReportClocks, Depends(_clocks)]
