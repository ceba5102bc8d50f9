"""Ledger numbers (逐项编号): county code, year, month of registration and the county's sequence of the year."""

from __future__ import annotations

import re

_LEDGER_NO = re.compile(r"(\d{6})-(\d{4})-(\d{2})-(\d{4,})")


def county_of(jurisdiction_code: str) -> str:
    """The county-level code a jurisdiction belongs to (a 9- or 12-digit town code keeps its first 6 digits)."""
    return jurisdiction_code[:6]


def format_ledger_no(county_code: str, year: int, month: int, sequence: int) -> str:
    """`140525-2026-11-0007`; the sequence runs through the county's year, so it is never reused."""
    if sequence < 1:
        raise ValueError("sequence starts at 1")
    return f"{county_code}-{year:04d}-{month:02d}-{sequence:04d}"


def parse_ledger_no(ledger_no: str) -> tuple[str, int, int, int]:
    match = _LEDGER_NO.fullmatch(ledger_no)
    if match is None:
        raise ValueError(f"not a ledger number: {ledger_no!r}")
    county, year, month, seq = match.groups()
    return county, int(year), int(month), int(seq)
