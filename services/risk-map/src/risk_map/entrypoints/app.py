"""Composition root of the risk-map service: `uvicorn risk_map.entrypoints.app:create_app --factory`."""

from fastapi import FastAPI

from ecosafe_kit.runtime import ConsumerSpec, ServiceSpec, build_app
from risk_map.adapters.consumers import (ENTERPRISE_TOPIC, FINDING_TOPIC, HAZARD_TOPIC, apply_finding_event,
                                        apply_hazard_event)
from risk_map.adapters.case_consumers import apply_enforcement_event
from risk_map.adapters.device_simulator import make_worker
from risk_map.adapters.repositories import STREAM_TYPES
from risk_map.entrypoints.body_limits import allow_large_imports
from risk_map.entrypoints.map_token_auth import accept_map_tokens
from risk_map.entrypoints import (enterprises, facilities, facility_kinds, incidents, map_tokens, ogc, parks, pool_reviews, river_plans,
                                  tiles)
from risk_map.service_layer.register_sites import handle_enterprise_event
from risk_map.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    spec = ServiceSpec(
        name="risk-map", title="风险一张图服务 (risk-map)", version="0.1.0",
        description="园区、企业三道防线、河流与一河一策一图、突发事件关联分析; OGC API – Features 与矢量瓦片。",
        stream_types=STREAM_TYPES,
        routers=[parks.router, facilities.router, facility_kinds.router, enterprises.router, pool_reviews.router, incidents.router,
                 river_plans.router, ogc.router, tiles.router, map_tokens.router],
        consumers=[ConsumerSpec("enterprises", [ENTERPRISE_TOPIC], handle_enterprise_event),
                   ConsumerSpec("hazards", [HAZARD_TOPIC], apply_hazard_event),
                   ConsumerSpec("findings", [FINDING_TOPIC], apply_finding_event),
                   ConsumerSpec("cases", [settings.case_topic, settings.blacklist_topic], apply_enforcement_event)],
        workers=[make_worker(settings.device_simulator_interval_s)] if settings.device_simulator_enabled else [],
    )
    app = build_app(spec, settings)
    allow_large_imports(app)  # POST /parks/{id}/import takes up to 64 MiB, the rest keeps the kit's 1 MiB
    accept_map_tokens(app)  # read-only map tokens on GET /ogc and /tiles; JWTs everywhere as before
    return app
