"""FastAPI dependencies of the hazard routers: the services the composition root put on app.state."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from hazard.service_layer.hazards import HazardService
from hazard.service_layer.public_reports import PublicReports
from hazard.service_layer.reporter_contacts import ReporterContacts


# Async although they do not await: FastAPI runs a plain `def` dependency in its threadpool, one thread hop per
# request for an attribute read.
async def _hazards(request: Request) -> HazardService:
    return request.app.state.hazard_service


async def _public(request: Request) -> PublicReports:
    return request.app.state.public_reports


async def _contacts(request: Request) -> ReporterContacts:
    return request.app.state.reporter_contacts


Hazards = Annotated[HazardService, Depends(_hazards)]
Contacts = Annotated[ReporterContacts, Depends(_contacts)]
Public_Reports = Annotated[PublicReports, Depends(_public)]
