"""A length limit on a text says characters, on an array items, whichever way pydantic checks it."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import BaseModel, Field, ValidationError

from ecosafe_kit.text import Line
from ecosafe_kit.web.validation import field_problems


class _Body(BaseModel):
    title: Annotated[Line, Field(min_length=2, max_length=3)] = "ab"
    plain: Annotated[str, Field(max_length=3)] = ""
    tags: Annotated[list[str], Field(max_length=2)] = []


def _messages(**values) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        _Body(**values)
    return {p.field: p.message for p in field_problems(caught.value.errors())}


def test_a_text_with_its_own_validator_counts_characters():
    # A 5,000-character hazard description was answered "至多允许 4000 项" (at most 4000 items).
    assert _messages(title="abcd") == {"title": "长度至多为 3 个字符"}
    assert _messages(title="a") == {"title": "长度至少为 2 个字符"}


def test_a_plain_text_and_an_array_keep_their_messages():
    assert _messages(plain="abcd") == {"plain": "长度至多为 3 个字符"}
    assert _messages(tags=["a", "b", "c"]) == {"tags": "至多允许 2 项"}
