"""Request observation: one access log line and the latency/in-flight metrics per request, from one timing."""

from __future__ import annotations

import time

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ecosafe_kit.web.metrics import http_metrics, route_template

_log = structlog.stdlib.get_logger("ecosafe.access")


class AccessLogMiddleware:
    """Logs and times each HTTP request once answered; a request that raised is logged with its traceback.

    Latency is labelled by route template (never the raw path, to bound cardinality).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.metrics = http_metrics()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets if the app raises before answering

        async def send_recording_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        fields = {"method": scope["method"], "path": scope["path"]}
        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_recording_status)
        except Exception:
            # Logged here (with the request id) and re-raised, so the server still answers 500.
            _log.exception("request failed", **fields, status=status, duration_ms=_ms_since(started))
            raise
        finally:
            self.metrics.in_flight.dec()
            self.metrics.latency.labels(scope["method"], route_template(scope), str(status)).observe(
                time.perf_counter() - started)
        log = _log.warning if status >= 500 else _log.info
        log("request", **fields, status=status, duration_ms=_ms_since(started))


def _ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)
