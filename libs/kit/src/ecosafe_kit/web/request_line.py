"""Refuses a path or query parameter holding a control character (a NUL byte crashed queries with a 500)."""

from __future__ import annotations

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from ecosafe_kit.errors import InvalidInput
from ecosafe_kit.text import describe_forbidden, forbidden_character
from ecosafe_kit.web.problems import problem_response


class RequestLineGuardMiddleware:
    """422 problem+json naming `path` or `query.<name>` before any route, dependency or database sees it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            problems = _problems(scope)
            if problems:
                request = Request(scope)
                fields = ", ".join(p["field"] for p in problems)
                response = problem_response(
                    request, status=422, code=InvalidInput.code, title=InvalidInput.title,
                    detail=f"{len(problems)} 处输入不符合要求: {fields}", extra={"errors": problems})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _problems(scope: Scope) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    bad = forbidden_character(scope.get("path", ""), multiline=False)
    if bad is not None:
        found.append({"field": "path", "message": describe_forbidden(*bad)})
    for name, value in QueryParams(scope.get("query_string", b"")).multi_items():
        for part, text in (("名称", name), ("值", value)):
            bad = forbidden_character(text, multiline=False)
            if bad is not None:
                found.append({"field": f"query.{_printable(name)}", "message": f"参数{part}" + describe_forbidden(*bad)})
    return found


def _printable(name: str) -> str:
    """The parameter's name with its refused characters shown as code points, so the problem itself is clean."""
    return "".join(f"U+{ord(c):04X}" if forbidden_character(c, multiline=False) else c for c in name)
