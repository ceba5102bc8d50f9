"""Penalty amounts: given in yuan, kept exactly in integer fen, shown in 万元 with two decimals."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MAX_FEN = 10**14  # 一万亿元: far above any penalty, below int64


def fen_of_yuan(yuan: Decimal | str | int) -> int | None:
    """Integer fen of a yuan amount with at most two decimals; None when it is not such an amount."""
    try:
        value = Decimal(str(yuan))
    except InvalidOperation:
        return None
    if not value.is_finite() or value != value.quantize(Decimal("0.01")):
        return None
    fen = int(value * 100)
    return fen if 0 < fen <= MAX_FEN else None


def yuan_text(fen: int) -> str:
    """The amount in yuan with two decimals, e.g. 150000.00."""
    return str((Decimal(fen) / 100).quantize(Decimal("0.01")))


def wan_yuan_text(fen: int) -> str:
    """The amount in 万元 with two decimals (rounded half up), as bureaus report it, e.g. 15.00."""
    return str((Decimal(fen) / 1_000_000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
