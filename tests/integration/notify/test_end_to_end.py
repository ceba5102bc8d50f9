"""End to end on the real stack: an enterprise registered over the enforcement API and a hazard reported over the
hazard API reach notify through their services' relays and Kafka; the notification lands in the inbox, at a local
SMTP server and at a local webhook receiver."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from concurrent.futures import wait
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from enforcement_register import (  # noqa: F401  (fixtures)
    enforcement_client, enforcement_database_url, enforcement_enterprise, enforcement_settings, officer_headers,
)
from local_servers import HttpReceiver, SmtpReceiver
from notify_helpers import inbox_item
from service_databases import migrated_database
from waiting import wait_for

SECRET = "end-to-end-secret-0123456789"


@pytest.fixture(scope="module")
def hazard_service(database_url, kafka_bootstrap):
    """The hazard service publishing on ecosafe.hazard.hazard, its register fed by the real enterprise topic."""
    from hazard.entrypoints.app import create_app
    from hazard.settings import Settings

    run = uuid.uuid4().hex[:10]
    settings = Settings(database_url=migrated_database(database_url, "hazard_test", "hazard"),
                        kafka_bootstrap_servers=kafka_bootstrap, pool_review_topic=f"test.risk-map.pool-review.{run}",
                        finding_topic=f"test.enforcement.inspection.{run}", consumer_group_suffix=f".notify-e2e-{run}")
    with TestClient(create_app(settings)) as client:
        client.secret = settings.jwt_secret.get_secret_value()
        yield client


@pytest.fixture(scope="module")
def notify_service(notify_settings):
    """notify consuming the services' real topics, in consumer groups of its own."""
    from notify.entrypoints.app import create_app
    from notify.settings import Settings

    run = uuid.uuid4().hex[:10]
    defaults = Settings()
    settings = notify_settings.model_copy(update={
        "enterprise_topic": defaults.enterprise_topic, "hazard_topic": defaults.hazard_topic,
        "inspection_topic": defaults.inspection_topic, "incident_topic": defaults.incident_topic,
        "consumer_group_suffix": f".e2e-{run}"})
    with TestClient(create_app(settings)) as client:
        yield client


def test_a_hazard_reported_over_the_hazard_api_reaches_inbox_mail_and_webhook(
        enforcement_enterprise, hazard_service, notify_service, users):
    from notify.entrypoints.delivery_worker import build_worker

    plant = enforcement_enterprise(name=f"晋城端到端化工{uuid.uuid4().hex[:4]}")
    officer = officer_headers(hazard_service.secret, "county_officer", jurisdiction="140525")
    wait_for(lambda: hazard_service.get("/enterprises", params={"q": plant["credit_code"]},
                                        headers=officer).json()["items"])
    duty_user = f"u-e2e-{uuid.uuid4().hex[:8]}"
    city = users.city("140500")
    with SmtpReceiver() as smtp, HttpReceiver() as hook:
        channels = []
        for kind, target, secret in (("email", "zhiban@jc-hb.example", None), ("webhook", hook.url, SECRET)):
            body = {"name": f"端到端{kind}", "jurisdiction_code": "140500", "kind": kind, "target": target}
            if secret:
                body["secret"] = secret
            answer = notify_service.post("/channels", json=body, headers=city)
            assert answer.status_code == 201, answer.text
            channels.append(answer.json()["id"])
        # Only this test's enterprise: the rule is kept in the shared database.
        rule = notify_service.post("/routing/rules", headers=city, json={
            "name": "端到端: 重大隐患", "jurisdiction_code": "140500", "event_types": ["hazard.reported"],
            "grades": ["major"], "enterprise_ids": [plant["enterprise_id"]], "recipient_users": [duty_user],
            "channel_ids": channels})
        assert rule.status_code == 201, rule.text

        inspector = officer_headers(hazard_service.secret, "inspector", jurisdiction="140525", name="执法员赵")
        reported = hazard_service.post("/hazards", headers=inspector, json={
            "enterprise_id": plant["enterprise_id"], "source": "inspection", "domain": "hazardous_waste",
            "grade": "major", "grade_basis": "危险废物贮存设施防渗措施失效", "description": "危废暂存库地面防渗层破损",
            "site": "危废暂存库", "attachments": [{"uri": "s3://ecosafe-evidence/e2e.jpg", "name": "现场照片.jpg",
                                                   "media_type": "image/jpeg", "sha256": "b" * 64}]})
        assert reported.status_code == 201, reported.text
        hazard_id = reported.json()["hazard_id"]

        me = users.county("140525", subject=duty_user)
        note = inbox_item(notify_service, me, hazard_id, "hazard.reported", timeout=90)
        assert plant["name"] in note["body"] and "危废暂存库地面防渗层破损" in note["body"]

        # The app's own delivery worker is off in the tests; this one sends with the test's SMTP server.
        worker = build_worker(notify_service.app.state.engine, _with_smtp(smtp.port),
                              lambda: datetime.now(timezone.utc) + timedelta(seconds=5))

        def delivered() -> bool:
            wait(worker.run_once())
            return any(m["To"] == "zhiban@jc-hb.example" for m in smtp.messages) and bool(hook.requests)

        try:
            wait_for(delivered, timeout=60)
        finally:
            worker.close()
        mail = next(m for m in smtp.messages if m["To"] == "zhiban@jc-hb.example")
        assert mail["Subject"] == note["title"] and note["link"] in mail.get_content()
        request = next(r for r in hook.requests if json.loads(r["body"])["notification_id"] == note["notification_id"])
        stamp = request["headers"]["x-ecosafe-timestamp"]
        assert request["headers"]["x-ecosafe-signature"] == "sha256=" + hmac.new(
            SECRET.encode(), stamp.encode() + b"." + request["body"], hashlib.sha256).hexdigest()


def _with_smtp(port: int):
    from notify.settings import Settings
    return Settings(smtp_host="127.0.0.1", smtp_port=port, channel_timeout_seconds=5.0)
