"""Enterprise register events exactly as the enforcement service publishes them (EnterpriseRegistered/Updated).

Until the enforcement service exists, the demo loader and the tests of the services that keep a read model of
the register publish these on `ecosafe.enforcement.enterprise` themselves.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime, timezone
from importlib import resources

from ecosafe.common.v1.common_pb2 import GeoPoint
from ecosafe.enforcement.v1.enterprise_pb2 import EnterpriseRegistered, EnterpriseUpdated, RiskLevel
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from ecosafe_kit.messaging.publish import publish
from ecosafe_kit.messaging.topics import event_topic

ENTERPRISE_TOPIC = event_topic("enforcement", "enterprise")
REGISTRAR = Signer(subject="system:enterprise-register", name="企业名录", roles=("admin",), jurisdiction="")
_RISK = {"general": RiskLevel.RISK_LEVEL_GENERAL, "elevated": RiskLevel.RISK_LEVEL_ELEVATED,
         "major": RiskLevel.RISK_LEVEL_MAJOR}
# Event ids derive from the enterprise and version, so publishing the same data twice is a duplicate
# that consumers recognise, not a second registration.
_NAMESPACE = uuid.UUID("6f1c2d7e-2b1a-4c55-9a8e-0e5d1f3c9b21")


def demo_register() -> dict:
    """The demo district: city, counties, parks and enterprises."""
    return json.loads(resources.files("ecosafe_demo").joinpath("data/enterprises.json").read_text("utf-8"))


def _fill(message, row: dict):
    message.enterprise_id = row["enterprise_id"]
    message.name = row["name"]
    message.credit_code = row.get("credit_code", "")
    message.industry = row.get("industry", "")
    message.risk_level = _RISK.get(row.get("risk_level", ""), RiskLevel.RISK_LEVEL_UNSPECIFIED)
    message.principal_name = row.get("principal_name", "")
    message.principal_phone = row.get("principal_phone", "")
    if row.get("parent_enterprise_id"):
        message.parent_enterprise_id = row["parent_enterprise_id"]
    if row.get("park_id"):
        message.park_id = row["park_id"]
    message.jurisdiction_code = row["jurisdiction_code"]
    message.address = row.get("address", "")
    if row.get("location"):
        message.location.CopyFrom(GeoPoint(lon=row["location"]["lon"], lat=row["location"]["lat"]))
    return message


def _envelope(row: dict, version: int, message) -> EventEnvelope:
    return EventEnvelope(
        event_id=uuid.uuid5(_NAMESPACE, f"{row['enterprise_id']}/{version}"),
        event_type=message.DESCRIPTOR.full_name, source=source_for("enforcement"), stream_type="enterprise",
        stream_id=row["enterprise_id"], version=version, occurred_at=datetime.now(timezone.utc),
        signer=REGISTRAR, content_type="application/protobuf", payload=message.SerializeToString(),
    )


def registered(row: dict) -> EventEnvelope:
    """EnterpriseRegistered (version 1 of the enterprise's stream) from a register row."""
    return _envelope(row, 1, _fill(EnterpriseRegistered(), row))


def updated(row: dict, version: int, changed_fields: Iterable[str]) -> EventEnvelope:
    """EnterpriseUpdated carrying the enterprise's full new state and the names of the fields that changed."""
    message = _fill(EnterpriseUpdated(), row)
    message.changed_fields.extend(changed_fields)
    return _envelope(row, version, message)


def publish_register(bootstrap_servers: str, rows: Iterable[dict], topic: str = ENTERPRISE_TOPIC) -> int:
    """Publish EnterpriseRegistered for every row; returns how many were acknowledged."""
    return publish(bootstrap_servers, topic, [registered(r) for r in rows])
