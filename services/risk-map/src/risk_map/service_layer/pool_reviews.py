"""Use case: raise an enterprise's accident-pool shortfall as a hazard (PoolShortfallRaised, stream pool-review)."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import NotFound
from ecosafe_kit.eventstore import EventStore
from risk_map.adapters import lookups, read_queries, repositories
from risk_map.domain.errors import invalid
from risk_map.domain.pool_adequacy import pool_adequacy
from risk_map.domain.pool_review import PoolReview
from risk_map.service_layer.access import acting_role, ensure_may_read
from risk_map.service_layer.saving import save

# Review ids for an Idempotency-Key: UUID v5 of (caller, enterprise, key) in a namespace of their own, so the
# same request sent again finds the review it made instead of raising a second one.
_IDEMPOTENCY = uuid.UUID("5b0c7e2a-4f1d-5d8e-9a53-6f2c1b7e9d40")
MAX_KEY = 200


def _review_id(principal: Principal, enterprise_id: str, idempotency_key: str | None) -> str:
    if idempotency_key is None:
        return str(uuid.uuid4())
    if not idempotency_key.strip() or len(idempotency_key) > MAX_KEY:
        raise invalid("Idempotency-Key", f"Idempotency-Key 须为 1-{MAX_KEY} 个字符")
    return str(uuid.uuid5(_IDEMPOTENCY, f"{principal.subject}\n{enterprise_id}\n{idempotency_key}"))


def raise_shortfall(store: EventStore, principal: Principal, enterprise_id: str, note: str,
                    idempotency_key: str | None = None) -> tuple[str, bool]:
    """Record PoolShortfallRaised for the enterprise's current shortfall; returns (review id, newly raised).

    Computed from the read model in the same transaction that records it, so the figures are the ones the
    map shows at that moment. A repeated Idempotency-Key gives back the review it made (not newly raised).
    """
    repo = repositories.pool_reviews(store)
    with store.transaction() as conn:
        enterprise = lookups.enterprise(conn, enterprise_id)
        if enterprise is None:
            raise _unknown(enterprise_id)
        inputs = read_queries.pool_inputs(conn, enterprise_id)
        jurisdiction_code = inputs.jurisdiction_code or enterprise.jurisdiction_code
        park_id = inputs.park_id or enterprise.park_id
        ensure_may_read(principal, jurisdiction_code=jurisdiction_code, enterprise_id=enterprise_id, park_id=park_id,
                        unknown=_unknown(enterprise_id))
        role = acting_role(principal, jurisdiction_code=jurisdiction_code, enterprise_id=enterprise_id, park_id=park_id)
        repositories.lock_pool_reviews(conn, enterprise_id)
        review_id = _review_id(principal, enterprise_id, idempotency_key)
        if idempotency_key is not None and lookups.stream_type(conn, review_id) is not None:
            return review_id, False
        if inputs.site_id is None:
            raise invalid("enterprise_id", f"企业 {enterprise.name} 尚未登记厂区, 无法核算事故应急池容积")
        if not inputs.units:
            raise invalid("enterprise_id", f"企业 {enterprise.name} 尚未登记风险单元, 无法核算所需事故水量 (V1+V2−V3)max")
        adequacy = pool_adequacy(inputs.units, inputs.pool_capacities, inputs.process_water_m3, inputs.rainfall_mm,
                                 inputs.catchment_area_ha)
        review = PoolReview.raise_shortfall(
            review_id, enterprise_id=enterprise_id, jurisdiction_code=jurisdiction_code, park_id=park_id,
            adequacy=adequacy, note=note, raised_by_role=role.value, computed_at=datetime.now(timezone.utc),
            open_review=read_queries.open_review(conn, enterprise_id))
        save(conn, repo, review, signer_of(principal))
    return review_id, True


def _unknown(enterprise_id: str) -> NotFound:
    return NotFound(f"企业名录中没有企业 {enterprise_id}", extra={"enterprise_id": enterprise_id})


def ensure_may_read_enterprise(conn, principal: Principal, enterprise_id: str) -> None:
    """404 for an enterprise neither the register nor the map knows, and the same 404 outside the reader's scope."""
    enterprise = lookups.enterprise(conn, enterprise_id)
    inputs = read_queries.pool_inputs(conn, enterprise_id)
    if enterprise is None and inputs.site_id is None:
        raise _unknown(enterprise_id)
    ensure_may_read(principal, jurisdiction_code=inputs.jurisdiction_code or enterprise.jurisdiction_code,
                    enterprise_id=enterprise_id, park_id=inputs.park_id or (enterprise.park_id if enterprise else None),
                    unknown=_unknown(enterprise_id))
