"""Domain events of the enterprise register; their wire form is ecosafe.enforcement.v1 (enterprise.proto)."""

from __future__ import annotations

from dataclasses import dataclass

from enforcement.domain.values import EnterpriseFacts


@dataclass(frozen=True)
class EnterpriseRegistered:
    enterprise_id: str
    facts: EnterpriseFacts


@dataclass(frozen=True)
class EnterpriseUpdated:
    enterprise_id: str
    facts: EnterpriseFacts
    changed_fields: tuple[str, ...]


@dataclass(frozen=True)
class EnterpriseDeregistered:
    enterprise_id: str
    reason: str


ALL_EVENTS = (EnterpriseRegistered, EnterpriseUpdated, EnterpriseDeregistered)
