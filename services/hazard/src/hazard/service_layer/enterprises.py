"""选择企业: the enterprise register searched by part of the name or the credit code, within the caller's reach."""

from __future__ import annotations

from ecosafe_kit.auth.principal import Principal
from hazard.adapters import enterprises, queries
from hazard.service_layer.hazards import HazardService
from hazard.service_layer.views import scope_of


def find(service: HazardService, principal: Principal, q: str | None, limit: int) -> dict:
    """Up to `limit` enterprises a government user (by area), an enterprise user (itself) or a park operator
    (its park's) may pick; `truncated` tells the caller to type more."""
    reach = queries.register_reach(scope_of(principal))
    terms = (q or "").split()  # "丹源 化工" narrows by both words, in any order
    with service.engine.connect() as conn:
        rows = enterprises.search(conn, reach, terms, limit + 1)
    return {"items": rows[:limit], "truncated": len(rows) > limit}
