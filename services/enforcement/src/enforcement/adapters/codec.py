"""Maps the register's domain events to their protobuf messages (ecosafe.enforcement.v1) and back."""

from __future__ import annotations

from typing import Any

from ecosafe.common.v1.common_pb2 import GeoPoint
from ecosafe.enforcement.v1 import enterprise_pb2 as pb
from ecosafe_kit.codec import ProtobufCodec
from enforcement.domain import events as ev
from enforcement.domain.values import EnterpriseFacts, Point, RiskLevel

_RISK = {RiskLevel.general: pb.RISK_LEVEL_GENERAL, RiskLevel.elevated: pb.RISK_LEVEL_ELEVATED,
         RiskLevel.major: pb.RISK_LEVEL_MAJOR}
_RISK_BACK = {v: k for k, v in _RISK.items()}
_OPTIONAL = ("parent_enterprise_id", "park_id", "boundary_geojson", "hazardous_waste_permit_no")


def _fill(message, facts: EnterpriseFacts):
    message.name = facts.name
    message.credit_code = facts.credit_code
    message.industry = facts.industry
    message.sector = facts.sector
    message.risk_level = _RISK[facts.risk_level]
    message.principal_name = facts.principal_name
    message.principal_phone = facts.principal_phone
    message.jurisdiction_code = facts.jurisdiction_code
    message.address = facts.address
    message.location.CopyFrom(GeoPoint(lon=facts.location.lon, lat=facts.location.lat))
    for name in _OPTIONAL:
        value = getattr(facts, name)
        if value is not None:
            setattr(message, name, value)
    return message


def facts_of(message) -> EnterpriseFacts:
    """The facts an EnterpriseRegistered / EnterpriseUpdated message carries."""
    return EnterpriseFacts(
        name=message.name, credit_code=message.credit_code, industry=message.industry, sector=message.sector,
        risk_level=_RISK_BACK[message.risk_level], principal_name=message.principal_name,
        principal_phone=message.principal_phone, jurisdiction_code=message.jurisdiction_code,
        address=message.address, location=Point(message.location.lon, message.location.lat),
        **{name: getattr(message, name) if message.HasField(name) else None for name in _OPTIONAL})


def _encode(event: Any):
    if isinstance(event, ev.EnterpriseRegistered):
        return _fill(pb.EnterpriseRegistered(enterprise_id=event.enterprise_id), event.facts)
    if isinstance(event, ev.EnterpriseUpdated):
        message = _fill(pb.EnterpriseUpdated(enterprise_id=event.enterprise_id), event.facts)
        message.changed_fields.extend(event.changed_fields)
        return message
    if isinstance(event, ev.EnterpriseDeregistered):
        return pb.EnterpriseDeregistered(enterprise_id=event.enterprise_id, reason=event.reason)
    raise TypeError(f"no protobuf message for {type(event).__name__}")


def _decode(message: Any):
    if isinstance(message, pb.EnterpriseRegistered):
        return ev.EnterpriseRegistered(message.enterprise_id, facts_of(message))
    if isinstance(message, pb.EnterpriseUpdated):
        return ev.EnterpriseUpdated(message.enterprise_id, facts_of(message), tuple(message.changed_fields))
    if isinstance(message, pb.EnterpriseDeregistered):
        return ev.EnterpriseDeregistered(message.enterprise_id, message.reason)
    raise TypeError(f"no domain event for {type(message).__name__}")


CODEC = ProtobufCodec(pb, ev.ALL_EVENTS, _encode, _decode, "an enterprise register")
