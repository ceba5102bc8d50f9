"""Allocation of ledger numbers (逐项编号) from a per-county, per-year counter row.

The upsert locks the row until the registering transaction ends: a rollback takes the number back with the
hazard, and concurrent registrations wait their turn, so numbers are never reused and never skipped.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text
from sqlalchemy.engine import Connection

from hazard.adapters.codec import SHANGHAI
from hazard.domain.ledger_no import county_of, format_ledger_no

_NEXT = text(
    "INSERT INTO hazard_ledger_counters (county_code, year, last_sequence) VALUES (:county, :year, 1) "
    "ON CONFLICT (county_code, year) DO UPDATE SET last_sequence = hazard_ledger_counters.last_sequence + 1 "
    "RETURNING last_sequence"
)


def allocate(conn: Connection, jurisdiction_code: str, at: datetime) -> str:
    """The next ledger number of the county bureau `jurisdiction_code` belongs to, dated `at` (Asia/Shanghai)."""
    local = at.astimezone(SHANGHAI)
    county = county_of(jurisdiction_code)
    sequence = conn.execute(_NEXT, {"county": county, "year": local.year}).scalar_one()
    return format_ledger_no(county, local.year, local.month, sequence)
