"""Domain errors: a rule broken by the input, naming the field at fault (mapped to 422 by the web layer)."""

from ecosafe_kit.errors import Conflict, FieldProblem, InvalidInput, NotFound

__all__ = ["Conflict", "FieldProblem", "InvalidInput", "NotFound", "invalid"]


def invalid(field: str, message: str) -> InvalidInput:
    """A 422 about one field, its message also the detail."""
    return InvalidInput(message, [FieldProblem(field, message)])
