"""Use cases on map tokens: issue one (shown once), list one's own, revoke; resolve a presented token to its reader."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timezone

from sqlalchemy.engine import Engine

from ecosafe_kit.auth.principal import GOVERNMENT_ROLES, Principal, Role
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import NotFound
from ecosafe_kit.eventstore import EventStore
from risk_map.adapters import lookups, repositories
from risk_map.domain.map_token import MapToken
from risk_map.service_layer.saving import save

PREFIX = "emt_"  # not a JWT: every other service refuses it, and the risk-map knows it at a glance


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def describe(row, now: datetime) -> dict:
    status = "revoked" if row.revoked_at else "expired" if row.expires_at <= now else "active"
    return {"token_id": row.token_id, "label": row.label, "holder": row.holder_name, "status": status,
            "issued_at": row.issued_at.isoformat(), "expires_at": row.expires_at.isoformat(),
            "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None, "revoked_reason": row.revoked_reason,
            "scope": {"roles": list(row.scope_roles), "jurisdiction": row.scope_jurisdiction,
                      "park_id": row.scope_park_id, "enterprise_id": row.scope_enterprise_id}}


def issue_map_token(store: EventStore, principal: Principal, label: str, days: int) -> tuple[dict, str]:
    """A new token reading what `principal` reads; returns its record and the token itself (shown only now)."""
    token = PREFIX + secrets.token_urlsafe(32)
    token_id = str(uuid.uuid4())
    now = datetime.now(timezone.utc)
    aggregate = MapToken.issue(token_id, _sha256(token), label, now, days,
                               roles=tuple(sorted(r.value for r in principal.roles)), jurisdiction=principal.jurisdiction,
                               park_id=principal.park_id, enterprise_id=principal.enterprise_id)
    repo = repositories.map_tokens(store)
    with store.transaction() as conn:
        save(conn, repo, aggregate, signer_of(principal))
        return describe(lookups.map_token(conn, token_id), now), token


def my_map_tokens(engine: Engine, principal: Principal) -> list[dict]:
    now = datetime.now(timezone.utc)
    with engine.connect() as conn:
        return [describe(row, now) for row in lookups.map_tokens_of(conn, principal.subject)]


def _may_revoke(principal: Principal, row) -> bool:
    """Its holder, an admin, or an officer whose area covers the holder's (a lost laptop reported to the bureau)."""
    if principal.is_admin or principal.subject == row.holder_subject:
        return True
    return bool(row.scope_jurisdiction) and principal.has_role(*GOVERNMENT_ROLES) and principal.covers(
        row.scope_jurisdiction)


def revoke_map_token(store: EventStore, principal: Principal, token_id: str, reason: str) -> dict:
    repo = repositories.map_tokens(store)
    with store.transaction() as conn:
        row = lookups.map_token(conn, token_id)
        if row is None or not _may_revoke(principal, row):  # someone else's token: as if unknown
            raise NotFound(f"地图令牌不存在: {token_id}", extra={"id": token_id})
        aggregate = repo.get(conn, token_id)
        aggregate.revoke(reason)
        save(conn, repo, aggregate, signer_of(principal))
        return describe(lookups.map_token(conn, token_id), datetime.now(timezone.utc))


def reader_of(engine: Engine, token: str) -> Principal | None:
    """The read-only reader a presented map token stands for, or None (unknown, expired or revoked)."""
    with engine.connect() as conn:
        row = lookups.map_token_by_hash(conn, _sha256(token))
    if row is None or row.revoked_at is not None or row.expires_at <= datetime.now(timezone.utc):
        return None
    roles = frozenset(Role(r) for r in row.scope_roles if r in Role._value2member_map_)
    return Principal(subject=f"map-token:{row.token_id}", name=row.holder_name, roles=roles,
                     jurisdiction=row.scope_jurisdiction, enterprise_id=row.scope_enterprise_id,
                     park_id=row.scope_park_id)
