"""Operational endpoints: /healthz (liveness), /readyz (readiness checks) and /metrics (Prometheus)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import anyio
import structlog
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse

from ecosafe_kit.auth.dependencies import Public
from ecosafe_kit.web.metrics import metrics_endpoint
from ecosafe_kit.web.problems import problem_openapi_responses, problem_response

ReadinessCheck = Callable[[], None]
"""A check returns if the dependency is usable and raises (any exception, with the reason) if not."""

# Kubernetes probes time out too; answer before they do even if a check hangs.
CHECK_TIMEOUT_SECONDS = 5.0
OK = "ok"

_log = structlog.stdlib.get_logger("ecosafe.readiness")


async def run_checks(checks: Mapping[str, ReadinessCheck], *, timeout: float = CHECK_TIMEOUT_SECONDS) -> dict[str, str]:
    """Run every check at once, each in a worker thread; name → "ok" or the reason it failed."""
    results: dict[str, str] = {}

    async def run(name: str, check: ReadinessCheck) -> None:
        try:
            with anyio.fail_after(timeout):
                # abandon_on_cancel: a check stuck past the timeout must not hold the probe's answer.
                await anyio.to_thread.run_sync(check, abandon_on_cancel=True)
        except TimeoutError:
            results[name] = f"failed: no answer within {timeout:g}s"
        except Exception as exc:  # any failure of a dependency means "not ready", reported below
            results[name] = f"failed: {type(exc).__name__}: {exc}"[:500]
        else:
            results[name] = OK
        if results[name] != OK:
            _log.warning("readiness check failed", check=name, reason=results[name])

    async with anyio.create_task_group() as group:
        for name, check in checks.items():
            group.start_soon(run, name, check)
    return {name: results[name] for name in checks}


def ops_router(checks: Mapping[str, ReadinessCheck]) -> APIRouter:
    router = APIRouter(tags=["运维"], dependencies=[Public])

    @router.get("/healthz", summary="存活检查", description="进程能够响应请求即返回 200, 不检查依赖。")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get(
        "/readyz",
        summary="就绪检查",
        description="逐项检查依赖 (数据库、Kafka 等); 全部通过返回 200, 否则返回 503 并指出未通过的检查。",
        responses=problem_openapi_responses(503),
    )
    async def readyz(request: Request) -> JSONResponse:
        results = await run_checks(checks)
        failed = [name for name, result in results.items() if result != OK]
        if not failed:
            return JSONResponse({"status": "ready", "checks": results})
        return problem_response(
            request,
            status=503,
            code="not-ready",
            title="服务未就绪",
            detail=f"未通过的就绪检查: {', '.join(failed)}",
            extra={"checks": results, "failed_checks": failed},
        )

    router.add_api_route(
        "/metrics",
        metrics_endpoint,
        methods=["GET"],
        summary="Prometheus 指标",
        description="Prometheus 文本格式的运行指标 (请求时延、在途请求、outbox 转发延迟、消费滞后等)。",
        response_class=PlainTextResponse,
    )
    return router
