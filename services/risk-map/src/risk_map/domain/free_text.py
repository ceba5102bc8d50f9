"""Text anywhere in a submitted JSON value (properties, list entries): no control characters, each named by its path."""

from __future__ import annotations

from ecosafe_kit.text import describe_forbidden, forbidden_character
from risk_map.domain.errors import FieldProblem, InvalidInput


def text_problems(value: object, field: str) -> list[FieldProblem]:
    """Every string (keys included) holding a character PostgreSQL's jsonb, logs or exports cannot hold."""
    problems: list[FieldProblem] = []
    if isinstance(value, str):
        found = forbidden_character(value)
        if found is not None:
            problems.append(FieldProblem(field, describe_forbidden(*found)))
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{field}.{key}" if forbidden_character(str(key)) is None else f"{field}.<键>"
            problems += text_problems(str(key), where) + text_problems(item, where)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            problems += text_problems(item, f"{field}[{i}]")
    return problems


def ensure_clean_text(value: object, field: str) -> None:
    """422 naming every string of `value` that holds a control character."""
    problems = text_problems(value, field)
    if problems:
        raise InvalidInput("；".join(f"{p.field}: {p.message}" for p in problems), problems)


def ensure_line(value: str, field: str) -> None:
    """422 unless `value` is one line without control characters (a name, a code)."""
    found = forbidden_character(value, multiline=False)
    if found is not None:
        message = describe_forbidden(*found)
        raise InvalidInput(message, [FieldProblem(field, message)])
