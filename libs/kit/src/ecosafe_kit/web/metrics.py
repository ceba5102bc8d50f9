"""HTTP metrics (latency by method, route template and status; requests in flight) and the /metrics page."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any

from fastapi.routing import iter_route_contexts
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Gauge, Histogram, generate_latest, multiprocess
from starlette.responses import Response
from starlette.types import Scope

UNMATCHED_ROUTE = "<unmatched>"


@dataclass(frozen=True)
class HttpMetrics:
    latency: Histogram
    in_flight: Gauge


_metrics: HttpMetrics | None = None
_metrics_lock = threading.Lock()


def http_metrics() -> HttpMetrics:
    """The process's HTTP metrics, registered in the default registry on first use (not at import)."""
    global _metrics
    with _metrics_lock:
        if _metrics is None:
            _metrics = HttpMetrics(
                latency=Histogram(
                    "ecosafe_http_request_duration_seconds",
                    "HTTP request latency by method, route template and status",
                    ["method", "route", "status"],
                ),
                in_flight=Gauge("ecosafe_http_requests_in_flight", "HTTP requests being served",
                                multiprocess_mode="livesum"),
            )
        return _metrics


async def metrics_endpoint() -> Response:
    """Prometheus text format of the default registry: HTTP metrics and whatever other kit modules register.

    Under `ecosafe-serve --workers N` (PROMETHEUS_MULTIPROC_DIR set) every worker answers with the figures of
    all workers, read from the shared directory, whichever worker the scrape reaches."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


def route_template(scope: Scope) -> str:
    """The path template of the route that served the request (`/v1/hazards/{hazard_id}`), or `<unmatched>`."""
    route = scope.get("route")
    if route is None:
        return UNMATCHED_ROUTE
    # scope["route"] is the route as declared on its own router: its path lacks any prefix given to
    # include_router. The app's route contexts carry the full template.
    app = scope.get("app")
    if app is not None and hasattr(app, "routes"):
        for context in _contexts_for(app, route):
            regex = getattr(context, "path_regex", None)
            if regex is not None and regex.match(scope["path"]):
                return context.path_format or context.path
    return getattr(route, "path_format", None) or getattr(route, "path", UNMATCHED_ROUTE)


_templates_lock = threading.Lock()


def _contexts_for(app: Any, route: Any) -> list[Any]:
    # Built once per app (again when an unknown route shows up, e.g. one added later), then a dict lookup.
    index: dict[int, list[Any]] | None = getattr(app.state, "_ecosafe_route_index", None)
    if index is None or id(route) not in index:
        with _templates_lock:
            index = {}
            for context in iter_route_contexts(app.routes):
                index.setdefault(id(context.original_route), []).append(context)
            index.setdefault(id(route), [])  # remember a miss (a mounted app's route) instead of rebuilding
            app.state._ecosafe_route_index = index
    return index.get(id(route), [])
