"""The demo district's enterprise register: registered through the enforcement service's API by the loader.

`registered`, `updated` and `publish_register` build and publish register events as the enforcement service does;
only the hazard and risk-map tests and the hazard benchmark still use them, until they register through the API
(`tests/support/enforcement_register.py`). Nothing else publishes on `ecosafe.enforcement.enterprise`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime, timezone
from importlib import resources

from ecosafe.common.v1.common_pb2 import GeoPoint
from ecosafe_demo.http import Api
from ecosafe.enforcement.v1.enterprise_pb2 import EnterpriseRegistered, EnterpriseUpdated, RiskLevel
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.tokens import encode_token
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


# The loader acts as an admin: it registers in both counties and keeps the demo data's enterprise ids, which the
# demo map's sites refer to.
LOADER = Principal(subject="system:demo-loader", name="演示数据加载器", roles=frozenset({"admin"}))
_API_FIELDS = ("enterprise_id", "name", "credit_code", "industry", "risk_level", "principal_name", "principal_phone",
               "parent_enterprise_id", "park_id", "jurisdiction_code", "address", "location")


def registration_body(row: dict) -> dict:
    """The enforcement API's registration body for a demo register row."""
    return {k: row[k] for k in _API_FIELDS if row.get(k) is not None}


def register_through_api(base_url: str, jwt_secret: str, rows: Iterable[dict] | None = None) -> dict:
    """POST every row to the enforcement service's /enterprises, parents first; a row already there (409) is left
    as it is, so loading twice registers nothing twice. Returns counts per outcome."""
    api = Api(base_url, encode_token(LOADER, secret=jwt_secret))
    pending = list(demo_register()["enterprises"] if rows is None else rows)
    done: set[str] = set()
    counts = {"created": 0, "existing": 0}
    while pending:
        ready = [r for r in pending if not r.get("parent_enterprise_id") or r["parent_enterprise_id"] in done
                 or r["parent_enterprise_id"] not in {p["enterprise_id"] for p in pending}]
        if not ready:
            raise RuntimeError("演示企业名录的上级企业关系形成循环")
        for row in ready:
            status, answer = api.call("POST", "/enterprises", registration_body(row))
            if status == 201:
                counts["created"] += 1
            elif status == 409:
                counts["existing"] += 1
            else:
                raise RuntimeError(f"企业登记 {row['enterprise_id']}: {status} {answer.get('detail')}")
            done.add(row["enterprise_id"])
        pending = [r for r in pending if r["enterprise_id"] not in done]
    return counts
