"""RFC 9457 problem responses (`application/problem+json`) and the exception handlers that produce them."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ecosafe_kit.errors import EcoSafeError, InvalidInput
from ecosafe_kit.web.request_context import request_id_of
from ecosafe_kit.web.validation import field_problems

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://ecosafe.example/problems/"
# RFC 6750: a 401 tells the client which scheme to use.
WWW_AUTHENTICATE = 'Bearer realm="ecosafe"'


def problem_type(code: str) -> str:
    """The `type` URI of a problem code, e.g. `not-found` → `https://ecosafe.example/problems/not-found`."""
    return PROBLEM_TYPE_BASE + code


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_MEDIA_TYPE


class ProblemDetails(BaseModel):
    """The body of every error response (RFC 9457), as documented in OpenAPI."""

    model_config = ConfigDict(extra="allow", title="ProblemDetails")

    type: str = Field(description="问题类型 URI", examples=[problem_type("invalid-input")])
    title: str = Field(description="问题类型的简短说明", examples=["输入数据不符合要求"])
    status: int = Field(description="HTTP 状态码", examples=[422])
    detail: str = Field(description="本次问题的具体说明")
    instance: str = Field(description="出错的请求路径")
    request_id: str | None = Field(default=None, description="请求标识, 与响应头 X-Request-ID 相同, 便于查日志")
    errors: list[dict[str, str]] | None = Field(
        default=None, description="逐字段的问题: [{field: 'body.plan.funding', message: '...'}]")


def problem_response(
    request: Request,
    *,
    status: int,
    code: str,
    title: str,
    detail: str,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> ProblemResponse:
    """A problem+json response for `request`; `extra` adds extension members (never overriding the standard ones)."""
    body: dict[str, Any] = {
        "type": problem_type(code),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "request_id": request_id_of(request),
    }
    for key, value in (extra or {}).items():
        body.setdefault(key, value)
    if status == 401:
        headers = {"WWW-Authenticate": WWW_AUTHENTICATE, **(headers or {})}
    return ProblemResponse(body, status_code=status, headers=headers)


async def ecosafe_error_handler(request: Request, exc: EcoSafeError) -> ProblemResponse:
    retry_after = getattr(exc, "retry_after", None)
    return problem_response(
        request, status=exc.status, code=exc.code, title=exc.title, detail=exc.detail, extra=exc.extra,
        headers={"Retry-After": str(retry_after)} if retry_after is not None else None,
    )


async def validation_error_handler(request: Request, exc: RequestValidationError) -> ProblemResponse:
    errors = list(exc.errors())
    malformed = next((e for e in errors if e.get("type") == "json_invalid"), None)
    if malformed is not None:
        return _malformed_json(request, malformed)
    problems = field_problems(errors)
    fields = ", ".join(dict.fromkeys(p.field for p in problems))
    return problem_response(
        request,
        status=422,
        code=InvalidInput.code,
        title=InvalidInput.title,
        detail=f"{len(problems)} 处输入不符合要求: {fields}",
        extra={"errors": [p.__dict__ for p in problems]},
    )


def _malformed_json(request: Request, error: dict[str, Any]) -> ProblemResponse:
    reason = (error.get("ctx") or {}).get("error")
    position = error["loc"][-1] if len(error.get("loc", ())) > 1 else None
    where = f" (第 {position} 个字符处)" if isinstance(position, int) else ""
    because = f": {reason}" if reason else ""
    return problem_response(
        request,
        status=400,
        code="malformed-json",
        title="请求体不是合法的 JSON",
        detail=f"请求体不是合法的 JSON{where}{because}",
        extra={"errors": [{"field": "body", "message": f"JSON 解析失败{where}{because}"}]},
    )


# Chinese titles and problem codes for the statuses the framework itself raises.
_HTTP_PROBLEMS: dict[int, tuple[str, str]] = {
    400: ("bad-request", "请求有误"),
    401: ("unauthorized", "未认证或令牌无效"),
    403: ("forbidden", "无权执行此操作"),
    404: ("not-found", "资源不存在"),
    405: ("method-not-allowed", "不支持该请求方法"),
    406: ("not-acceptable", "无法提供所要求的响应格式"),
    409: ("conflict", "与当前状态冲突"),
    412: ("precondition-failed", "前置条件不满足"),
    413: ("payload-too-large", "请求体过大"),
    415: ("unsupported-media-type", "不支持的请求体类型"),
    429: ("too-many-requests", "请求过于频繁"),
    503: ("service-unavailable", "服务暂不可用"),
}

# Framework detail texts (English) that users may see, with what to show instead.
_FRAMEWORK_DETAILS = {
    "There was an error parsing the body": "无法解析请求体",
}


async def http_exception_handler(request: Request, exc: StarletteHTTPException) -> ProblemResponse:
    status = exc.status_code
    phrase = _phrase(status)
    code, title = _HTTP_PROBLEMS.get(status, (phrase.lower().replace(" ", "-").replace("'", ""), phrase))
    return problem_response(
        request,
        status=status,
        code=code,
        title=title,
        detail=_http_detail(request, exc, phrase),
        extra=getattr(exc, "extra", None),
        headers=dict(exc.headers) if exc.headers else None,
    )


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:  # a non-standard status code
        return str(status)


def _http_detail(request: Request, exc: StarletteHTTPException, phrase: str) -> str:
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if detail != phrase:
        return _FRAMEWORK_DETAILS.get(detail, detail)
    # Starlette's default detail is just the English phrase; say what actually happened instead.
    if exc.status_code == 404:
        return f"路径 {request.url.path} 不存在"
    if exc.status_code == 405:
        return f"路径 {request.url.path} 不支持 {request.method} 方法"
    return _HTTP_PROBLEMS.get(exc.status_code, ("", detail))[1]


def install_problem_handlers(app: FastAPI) -> None:
    """Render expected errors as problem+json. Deliberately no handler for Exception: a bug is a logged 500."""
    app.add_exception_handler(EcoSafeError, ecosafe_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(StarletteHTTPException, http_exception_handler)


def problem_openapi_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries declaring problem+json bodies for `statuses` (for include_router)."""
    schema = {"$ref": "#/components/schemas/ProblemDetails"}
    return {
        status: {
            "description": InvalidInput.title if status == 422 else _HTTP_PROBLEMS.get(status, ("", _phrase(status)))[1],
            "content": {PROBLEM_MEDIA_TYPE: {"schema": schema}},
        }
        for status in statuses
    }
