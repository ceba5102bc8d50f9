"""Errors the service layers raise; the web layer maps each to an RFC 9457 problem response."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FieldProblem:
    """One problem with one input field (`field` is a dotted path such as `plan.funding`)."""

    field: str
    message: str


class EcoSafeError(Exception):
    """Base of every expected error; `status` is the HTTP status it maps to."""

    status: int = 400
    code: str = "bad-request"
    title: str = "请求有误"

    def __init__(self, detail: str, *, extra: dict | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra or {}


class InvalidInput(EcoSafeError):
    """Input that is well-formed JSON but breaks a rule; names every field at fault."""

    status = 422
    code = "invalid-input"
    title = "输入数据不符合要求"

    def __init__(self, detail: str, errors: list[FieldProblem] | None = None) -> None:
        super().__init__(detail, extra={"errors": [e.__dict__ for e in (errors or [])]})
        self.errors = errors or []


class Unauthorized(EcoSafeError):
    status = 401
    code = "unauthorized"
    title = "未认证或令牌无效"


class Forbidden(EcoSafeError):
    status = 403
    code = "forbidden"
    title = "无权执行此操作"


class NotFound(EcoSafeError):
    status = 404
    code = "not-found"
    title = "资源不存在"


class Conflict(EcoSafeError):
    """A command that the current state does not allow (e.g. an illegal state transition)."""

    status = 409
    code = "conflict"
    title = "与当前状态冲突"


class ConcurrencyConflict(Conflict):
    """Someone else appended to the stream first; reload and try again."""

    code = "concurrency-conflict"
    title = "数据已被他人修改"


class PreconditionFailed(EcoSafeError):
    """If-Match named a version that is no longer current."""

    status = 412
    code = "precondition-failed"
    title = "版本已变化(If-Match 不匹配)"


class TooManyRequests(EcoSafeError):
    """Over a rate limit; `retry_after` (seconds) is sent as the Retry-After header (RFC 9110) when known."""

    status = 429
    code = "too-many-requests"
    title = "请求过于频繁"

    def __init__(self, detail: str, *, extra: dict | None = None, retry_after: int | None = None) -> None:
        super().__init__(detail, extra=extra)
        self.retry_after = retry_after



class ServiceUnavailable(EcoSafeError):
    """Something the request needs outside this service (e.g. the identity provider) cannot be reached now."""

    status = 503
    code = "service-unavailable"
    title = "依赖的服务暂不可用"
