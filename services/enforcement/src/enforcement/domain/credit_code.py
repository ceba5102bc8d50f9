"""统一社会信用代码 (unified social credit code) of GB 32100-2015: 18 characters, the last a check character."""

from __future__ import annotations

# The code's alphabet: digits and capitals without I, O, S, V, Z (they read like 1, 0, 5, U, 2).
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
# Weight of positions 1-17: 3^(i-1) mod 31 (GB 32100-2015, 4.2).
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The 18th character for the first 17: C18 = 31 - (Σ Ci·Wi mod 31), where 31 becomes 0."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def problem_of(code: str) -> str | None:
    """Why `code` is not a unified social credit code (a Chinese message), or None if it is one."""
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位, 收到 {len(code)} 位"
    bad = [c for c in code if c not in _VALUE]
    if bad:
        return f"统一社会信用代码只能包含数字和除 I、O、S、V、Z 以外的大写字母, 含有非法字符 {bad[0]!r}"
    if not code[2:8].isdigit():
        return "统一社会信用代码第 3-8 位应为登记管理机关的行政区划代码 (6 位数字)"
    expected = check_character(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位错误: 第 18 位应为 {expected}, 收到 {code[17]}"
    return None
