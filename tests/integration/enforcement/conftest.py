"""Fixtures of the enforcement service's integration tests: its own migrated database, the app, tokens."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.hazard.v1 import hazard_pb2 as pb
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope, source_for
from ecosafe_kit.messaging.publish import publish

from enforcement_register import (  # noqa: F401  (fixtures)
    enforcement_client, enforcement_database_url, enforcement_enterprise, enforcement_settings, officer_headers,
)
from service_databases import migrated_database

ENTERPRISE_TOPIC = "ecosafe.enforcement.enterprise"
INSPECTION_TOPIC = "ecosafe.enforcement.inspection"
HAZARD_TOPIC = "ecosafe.hazard.hazard"


@pytest.fixture(scope="session")
def hazard_client(database_url, kafka_bootstrap):
    """The hazard service consuming the real register and inspection topics, which the enforcement app's relay
    feeds. Its consumer groups keep one name from run to run: a new group would read the topics from their start,
    and they only grow (they are kept forever), so each run would wait longer; with one name a run reads what came
    since the last. The hazard database's tracking records make a replay harmless either way."""
    from hazard.entrypoints.app import create_app
    from hazard.settings import Settings

    url = migrated_database(database_url, "hazard_test", "hazard")
    settings = Settings(database_url=url, kafka_bootstrap_servers=kafka_bootstrap, relay_enabled=False,
                        enterprise_topic=ENTERPRISE_TOPIC, finding_topic=INSPECTION_TOPIC,
                        pool_review_topic="test.risk-map.pool-review.enforcement-tests",
                        consumer_group_suffix=".enforcement-tests")
    with TestClient(create_app(settings)) as client:
        client.secret = settings.jwt_secret.get_secret_value()
        yield client


@pytest.fixture(scope="session")
def client(enforcement_client):
    return enforcement_client


@pytest.fixture(scope="session")
def enforcement_engine(enforcement_database_url):
    engine = create_engine(enforcement_database_url)
    yield engine
    engine.dispose()


class Users:
    """Tokens for the roles the tests act as."""

    def __init__(self, secret: str) -> None:
        self.secret = secret

    def token(self, *roles, **kw) -> dict:
        return officer_headers(self.secret, *roles, **kw)

    def county(self, code="140525", **kw):
        return self.token("county_officer", jurisdiction=code, **kw)

    def city(self, **kw):
        return self.token("city_officer", jurisdiction="140500", name="市局李处长", **kw)

    def inspector(self, code="140525"):
        return self.token("inspector", jurisdiction=code, name="执法员赵")

    def enterprise(self, enterprise_id, code="140525"):
        return self.token("enterprise_user", jurisdiction=code, enterprise_id=enterprise_id, name="企业安全员")

    def park(self, park_id, code="140525"):
        return self.token("park_operator", jurisdiction=code, park_id=park_id, name="园区管委会安环科")

    def admin(self):
        return self.token("admin", jurisdiction=None, name="管理员")


@pytest.fixture(scope="session")
def users(enforcement_settings) -> Users:
    return Users(enforcement_settings.jwt_secret.get_secret_value())


class HazardStream:
    """One hazard's events as the hazard service's relay publishes them (numbered as its store numbers them), for
    the tests of the enforcement service's consumer of ecosafe.hazard.hazard."""

    def __init__(self, bootstrap: str, enterprise_id: str) -> None:
        self.bootstrap = bootstrap
        self.enterprise_id = enterprise_id
        self.hazard_id = str(uuid.uuid4())
        self.version = 0
        self.sent: list[EventEnvelope] = []

    def send(self, message, signer_name: str = "企业安全员") -> EventEnvelope:
        self.version += 1
        envelope = EventEnvelope(
            event_id=uuid.uuid4(), event_type=message.DESCRIPTOR.full_name, source=source_for("hazard"),
            stream_type="hazard", stream_id=self.hazard_id, version=self.version,
            occurred_at=datetime.now(timezone.utc), signer=Signer(f"u-{signer_name}", signer_name, (), "140525"),
            content_type="application/protobuf", payload=message.SerializeToString())
        publish(self.bootstrap, HAZARD_TOPIC, [envelope])
        self.sent.append(envelope)
        return envelope

    def again(self, envelope: EventEnvelope) -> None:
        """Deliver an event once more, as a relay resending after a lost acknowledgement does."""
        publish(self.bootstrap, HAZARD_TOPIC, [envelope])

    def reported(self, source=pb.HAZARD_SOURCE_SELF_INSPECTION, grade=HazardGrade.HAZARD_GRADE_MAJOR,
                 found_days_ago: int = 1, finding_id: str | None = None) -> None:
        message = pb.HazardReported(
            hazard_id=self.hazard_id, ledger_no=f"140525-2026-07-{self.hazard_id[:4]}", enterprise_id=self.enterprise_id,
            enterprise_name="测试企业", jurisdiction_code="140525", source=source, domain="hazardous_waste",
            grade=grade, grade_basis="第三条", description="危废暂存库防渗层破损", site="危废暂存库")
        if finding_id is not None:
            message.finding_id = finding_id
        message.found_at.FromDatetime(datetime.now(timezone.utc) - timedelta(days=found_days_ago))
        self.send(message, "执法员甲" if finding_id else "企业安全员")

    def assigned(self, deadline_in_days: int) -> None:
        message = pb.HazardAssigned(hazard_id=self.hazard_id, responsible_unit="设备部", responsible_person="刘工")
        message.deadline.FromDatetime(datetime.now(timezone.utc) + timedelta(days=deadline_in_days))
        self.send(message, "县局王科长")

    def overdue(self) -> EventEnvelope:
        message = pb.HazardOverdue(hazard_id=self.hazard_id, ledger_no="x", jurisdiction_code="140525",
                                   enterprise_id=self.enterprise_id)
        message.deadline.FromDatetime(datetime.now(timezone.utc))
        return self.send(message, "隐患服务")


@pytest.fixture
def hazard_stream(kafka_bootstrap):
    """`hazard_stream(enterprise_id)`: a new hazard of that enterprise whose events the test publishes."""
    return lambda enterprise_id: HazardStream(kafka_bootstrap, enterprise_id)
