"""FastAPI dependencies of the enforcement routers: the services the composition root put on app.state."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from enforcement.service_layer.campaigns import Campaigns
from enforcement.service_layer.draws import Draws
from enforcement.service_layer.inspections import Inspections
from enforcement.service_layer.register import EnterpriseRegister
from enforcement.service_layer.roster import Roster


# Async although it does not await: a plain `def` dependency costs a threadpool hop per request.
async def _register(request: Request) -> EnterpriseRegister:
    return request.app.state.register


async def _campaigns(request: Request) -> Campaigns:
    return request.app.state.campaigns


async def _roster(request: Request) -> Roster:
    return request.app.state.roster


async def _draws(request: Request) -> Draws:
    return request.app.state.draws


async def _inspections(request: Request) -> Inspections:
    return request.app.state.inspections


Register = Annotated[EnterpriseRegister, Depends(_register)]
CampaignService = Annotated[Campaigns, Depends(_campaigns)]
RosterService = Annotated[Roster, Depends(_roster)]
DrawService = Annotated[Draws, Depends(_draws)]
InspectionService = Annotated[Inspections, Depends(_inspections)]
