"""Turns FastAPI/pydantic validation errors into per-field problems with Chinese messages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ecosafe_kit.errors import FieldProblem

# pydantic error type → message template (formatted with the error's ctx); unknown types keep pydantic's text.
_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不允许出现此字段",
    "string_type": "应为字符串",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数, 不能带小数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "bool_type": "应为布尔值 (true 或 false)",
    "bool_parsing": "应为布尔值 (true 或 false)",
    "string_too_short": "长度至少为 {min_length} 个字符",
    "string_too_long": "长度至多为 {max_length} 个字符",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "至多允许 {max_length} 项",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应大于或等于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应小于或等于 {le}",
    "multiple_of": "应为 {multiple_of} 的整数倍",
    "enum": "应为以下值之一: {expected}",
    "literal_error": "应为以下值之一: {expected}",
    "string_pattern_mismatch": "格式不符合要求 (应匹配 {pattern})",
    "date_type": "应为日期 (YYYY-MM-DD)",
    "date_parsing": "应为日期 (YYYY-MM-DD)",
    "date_from_datetime_parsing": "应为日期 (YYYY-MM-DD)",
    "datetime_type": "应为日期时间 (ISO 8601, 如 2024-05-01T08:00:00+08:00)",
    "datetime_parsing": "应为日期时间 (ISO 8601, 如 2024-05-01T08:00:00+08:00)",
    "datetime_from_date_parsing": "应为日期时间 (ISO 8601, 如 2024-05-01T08:00:00+08:00)",
    "timezone_aware": "日期时间必须带时区",
    "uuid_type": "应为 UUID",
    "uuid_parsing": "应为 UUID",
    "dict_type": "应为 JSON 对象",
    "model_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "list_type": "应为数组",
}

# Prefixes pydantic puts before the text of a validator's own ValueError/AssertionError; that text is ours.
_VALIDATOR_PREFIXES = ("Value error, ", "Assertion failed, ")


def field_problems(errors: Iterable[Mapping[str, Any]]) -> list[FieldProblem]:
    """One FieldProblem per error, the field named by its location (`body.plan.funding`, `query.limit`)."""
    return [FieldProblem(field=_field_path(e.get("loc", ())), message=_message(e)) for e in errors]


def _field_path(loc: Iterable[Any]) -> str:
    return ".".join(str(part) for part in loc) or "body"


def _message(error: Mapping[str, Any]) -> str:
    kind, text = error.get("type", ""), str(error.get("msg", ""))
    if kind in ("value_error", "assertion_error"):
        for prefix in _VALIDATOR_PREFIXES:
            if text.startswith(prefix):
                return text[len(prefix):]
        return text
    if kind in ("too_long", "too_short") and isinstance(error.get("input"), str):
        # A length limit on a str type with its own validator (Annotated[Line, Field(max_length=…)]) is checked
        # generically and reported as too_long; for a text it counts characters, not items.
        kind = f"string_{kind}"
    template = _MESSAGES.get(kind)
    if template is None:
        return text
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):  # a ctx without the expected key: the plain template still helps
        return template.split("{")[0].rstrip(" :(")
