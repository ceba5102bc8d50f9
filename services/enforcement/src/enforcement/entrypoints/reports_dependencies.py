"""FastAPI dependencies of the report routers: the report services the composition root put on app.state."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from enforcement.reports.dashboard import Dashboard
from enforcement.reports.dispatch import DispatchReports
from enforcement.reports.oversight import OversightActivities
from enforcement.reports.periodic import PeriodicReports
from enforcement.reports.reconcile import Reconciliation


async def _dispatch(request: Request) -> DispatchReports:
    return request.app.state.dispatch_reports


async def _oversight(request: Request) -> OversightActivities:
    return request.app.state.oversight


DispatchService = Annotated[DispatchReports, Depends(_dispatch)]
OversightService = Annotated[OversightActivities, Depends(_oversight)]


async def _reconciliation(request: Request) -> Reconciliation:
    return request.app.state.reconciliation


ReconciliationService = Annotated[Reconciliation, Depends(_reconciliation)]


async def _dashboard(request: Request) -> Dashboard:
    return request.app.state.dashboard


DashboardService = Annotated[Dashboard, Depends(_dashboard)]


async def _periodic(request: Request) -> PeriodicReports:
    return request.app.state.periodic_reports


PeriodicService = Annotated[PeriodicReports, Depends(_periodic)]
