"""ETag / If-Match carrying an aggregate's version, for optimistic concurrency over HTTP."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Depends, Header, Response

from ecosafe_kit.errors import EcoSafeError, PreconditionFailed

_STRONG_VERSION_TAG = re.compile(r'"(0|[1-9][0-9]{0,18})"')


class MalformedHeader(EcoSafeError):
    """A request header that is present but not in the form the API expects."""

    status = 400
    code = "malformed-header"
    title = "请求头格式无效"


def etag_for(version: int) -> str:
    """The strong ETag of an aggregate at `version`: `3` → `"3"`."""
    if version < 0:
        raise ValueError(f"version must not be negative, got {version}")
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    """Put the aggregate version on a response as its ETag (clients send it back as If-Match)."""
    response.headers["ETag"] = etag_for(version)


def parse_if_match(value: str | None) -> int | None:
    """The version an If-Match header names; None if absent or `*`. Raises MalformedHeader otherwise."""
    if value is None or value.strip() == "*":
        return None
    match = _STRONG_VERSION_TAG.fullmatch(value.strip())
    if match is None:
        raise MalformedHeader(
            f'请求头 If-Match 格式无效: 应为带引号的版本号 (如 "3", 取自响应头 ETag) 或 *, 收到 {value!r}',
            extra={"header": "If-Match"},
        )
    return int(match.group(1))


async def if_match(
    header: Annotated[
        str | None,
        Header(alias="If-Match", description='期望的当前版本, 取自上次响应的 ETag, 如 "3"; 版本已变化时返回 412'),
    ] = None,
) -> int | None:
    # Async although it does not await: FastAPI runs a plain `def` dependency in its threadpool (a thread hop
    # per request); parsing a header never blocks.
    return parse_if_match(header)


IfMatch = Annotated[int | None, Depends(if_match)]


def check_if_match(expected: int | None, actual: int) -> None:
    """Raise PreconditionFailed (412) if the client expected a version other than the current one."""
    if expected is not None and expected != actual:
        raise PreconditionFailed(
            f"If-Match 指定的版本 {expected} 与当前版本 {actual} 不一致, 请重新获取后再提交",
            extra={"expected_version": expected, "current_version": actual},
        )
