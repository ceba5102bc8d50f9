"""Refusing a command for bad input: one 422 that names every field at fault."""

from __future__ import annotations

from ecosafe_kit.errors import FieldProblem, InvalidInput


def refuse(problems: list[FieldProblem]) -> None:
    """Raise InvalidInput listing `problems`, if there are any."""
    if problems:
        raise InvalidInput("；".join(f"{p.field}: {p.message}" for p in problems), problems)
