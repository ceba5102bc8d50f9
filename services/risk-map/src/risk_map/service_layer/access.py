"""Who may write what: a park operator only their park, an enterprise user only their enterprise, officers their area."""

from __future__ import annotations

from ecosafe_kit.auth.dependencies import ensure_within
from ecosafe_kit.auth.principal import Principal


def ensure_may_write(principal: Principal, *, jurisdiction_code: str, enterprise_id: str | None,
                     park_id: str | None) -> None:
    """403 unless the caller's scope covers the record (admin, officer of the area, its park, its enterprise)."""
    ensure_within(principal, jurisdiction_code=jurisdiction_code, enterprise_id=enterprise_id, park_id=park_id)
