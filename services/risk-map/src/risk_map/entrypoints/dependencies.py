"""Shared FastAPI dependencies of the risk-map routers: the engine, the event store, GeoJSON responses."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from sqlalchemy.engine import Engine

from ecosafe_kit.eventstore import EventStore

from risk_map.entrypoints.geojson_models import GEOJSON

# async: FastAPI runs a plain `def` dependency in its thread pool, one more hand-off per request for an attribute read.
async def _engine(request: Request) -> Engine:
    return request.app.state.engine


async def _store(request: Request) -> EventStore:
    return request.app.state.store


EngineDep = Annotated[Engine, Depends(_engine)]
StoreDep = Annotated[EventStore, Depends(_store)]


class GeoJSONResponse(JSONResponse):
    """`application/geo+json`, UTF-8, Chinese kept readable.

    A JSONResponse, so that the OpenAPI document describes the route's `response_model` under this media type
    (a plain Response is documented as a string).
    """

    media_type = GEOJSON

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
