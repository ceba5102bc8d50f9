"""Control characters are refused in request bodies (Text/Line fields) and in paths and query parameters."""

from __future__ import annotations

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient
from pydantic import BaseModel

from ecosafe_kit.auth.dependencies import Public
from ecosafe_kit.settings import ServiceSettings
from ecosafe_kit.text import Line, Text, check_line, check_text
from ecosafe_kit.web.app_factory import create_app

SECRET = "unit-test-secret-that-is-long-enough-for-hs256"


class Report(BaseModel):
    title: Line
    description: Text


def _client() -> TestClient:
    router = APIRouter()

    @router.get("/search", dependencies=[Public])
    async def search(q: str = "") -> dict:
        return {"q": q}

    @router.post("/reports", dependencies=[Public])
    async def report(body: Report) -> dict:
        return body.model_dump()

    settings = ServiceSettings(service_name="t", jwt_secret=SECRET)
    return TestClient(create_app(settings=settings, title="t", version="1", routers=[router]))


@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\x7f", "\x85", "\ud800", "\uffff"])
def test_text_refuses_control_and_non_characters(bad: str) -> None:
    with pytest.raises(ValueError, match=f"U\\+{ord(bad):04X}"):
        check_text(f"泄漏{bad}")


def test_text_keeps_tabs_and_line_breaks_but_a_line_does_not() -> None:
    assert check_text("第一行\n第二行\t完\r\n") == "第一行\n第二行\t完\r\n"
    with pytest.raises(ValueError, match="第 3 个字符为 U\\+000A"):
        check_line("一行\n")


def test_a_body_field_with_an_escape_character_is_a_422_naming_the_field() -> None:
    response = _client().post("/reports", json={"title": "雨水排口", "description": "异味\u001b[31m"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    errors = response.json()["errors"]
    assert errors == [{"field": "body.description", "message": "不得包含控制字符或非法字符 (第 3 个字符为 U+001B)"}]


@pytest.mark.parametrize(("url", "field"), [("/search?q=%00", "query.q"), ("/search?q%01=1", "query.qU+0001"),
                                            ("/sea%00rch", "path")])
def test_a_nul_byte_in_the_request_line_is_a_422_not_a_500(url: str, field: str) -> None:
    response = _client().get(url)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert response.json()["request_id"]


def test_ordinary_chinese_queries_pass() -> None:
    assert _client().get("/search", params={"q": "化工 有限公司"}).json() == {"q": "化工 有限公司"}
