"""Text safe to store, index and export: refuses the characters PostgreSQL, XML (xlsx) and logs cannot hold."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

# C0 controls but tab, LF and CR; DEL; C1 controls; lone surrogates (no UTF-8 form, so psycopg fails on them);
# U+FFFE/U+FFFF (not characters, refused by XML parsers).
_MULTILINE_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A single line also refuses tab, LF and CR: names, codes and titles end up in one spreadsheet cell or one log line.
_LINE_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def forbidden_character(value: str, *, multiline: bool = True) -> tuple[int, str] | None:
    """The 1-based position and the character of the first character `value` may not hold, or None."""
    match = (_MULTILINE_FORBIDDEN if multiline else _LINE_FORBIDDEN).search(value)
    if match is None:
        return None
    return match.start() + 1, match.group()


def describe_forbidden(position: int, char: str) -> str:
    """The Chinese message for a refused character, naming it by code point (it may not print)."""
    return f"不得包含控制字符或非法字符 (第 {position} 个字符为 U+{ord(char):04X})"


def _check(value: str, *, multiline: bool) -> str:
    found = forbidden_character(value, multiline=multiline)
    if found is not None:
        raise ValueError(describe_forbidden(*found))
    return value


def check_text(value: str) -> str:
    """`value` unchanged, or ValueError naming the first control character (tab and line breaks allowed)."""
    return _check(value, multiline=True)


def check_line(value: str) -> str:
    """`value` unchanged, or ValueError naming the first control character (no tab or line break either)."""
    return _check(value, multiline=False)


# Use these for every free-text field of a request model; the error names the field and the code point.
Text = Annotated[str, AfterValidator(check_text)]
Line = Annotated[str, AfterValidator(check_line)]
