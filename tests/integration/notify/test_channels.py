"""Outbound channels on the real stack: signed webhooks, e-mail, 企业微信 and 钉钉 robots, SMS; retries with
back-off on a controllable clock; a dead webhook does not hold up e-mail; a crash resends once, marked."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from concurrent.futures import wait
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from local_servers import HttpReceiver, SmtpReceiver
from notify_helpers import inbox_item, reported
from waiting import wait_for

SECRET = "webhook-secret-0123456789"


class Clock:
    """The worker's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = datetime.now(timezone.utc) + timedelta(seconds=5)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def smtp():
    with SmtpReceiver() as server:
        yield server


@pytest.fixture
def worker_for(client, notify_settings, smtp):
    """A delivery worker on the app's database with the test's clock, SMTP server and SMS gateway."""
    from notify.entrypoints.delivery_worker import build_worker

    made = []

    def make(clock, sms_url=None, timeout=5.0):
        settings = notify_settings.model_copy(update={
            "smtp_host": "127.0.0.1", "smtp_port": smtp.port, "sms_gateway_url": sms_url,
            "channel_timeout_seconds": timeout, "delivery_first_backoff_seconds": 30.0})
        worker = build_worker(client.app.state.engine, settings, clock)
        worker.batch = 500  # leftovers of earlier runs are claimed too; they fail fast on closed ports
        made.append(worker)
        return worker

    yield make
    for worker in made:
        worker.close()


def channel(client, headers, code, kind, target, secret=None) -> str:
    body = {"name": f"{kind}通道", "jurisdiction_code": code, "kind": kind, "target": target}
    if secret:
        body["secret"] = secret
    answer = client.post("/channels", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def routed_hazard(client, users, area, publisher, channel_ids) -> dict:
    """A rule sending hazard reports through `channel_ids`, a reported hazard, and its notification."""
    officer = users.city(area["city"])
    answer = client.post("/routing/rules", headers=officer, json={
        "name": "隐患外发", "jurisdiction_code": area["city"], "event_types": ["hazard.reported"],
        "recipient_roles": ["county_officer"], "channel_ids": channel_ids})
    assert answer.status_code == 201, answer.text
    enterprise_id = publisher.enterprise(area["county"])
    hazard_id = str(uuid.uuid4())
    publisher.hazard_events(hazard_id, (reported(hazard_id, enterprise_id, area["county"]), None))
    return inbox_item(client, users.county(area["county"]), hazard_id, "hazard.reported")


def deliveries(client, headers, notification_id) -> dict:
    answer = client.get(f"/notifications/{notification_id}/deliveries", headers=headers)
    assert answer.status_code == 200, answer.text
    return {d["kind"]: d for d in answer.json()["items"]}


def test_every_channel_gets_the_notification_in_its_own_format(client, users, area, publisher, worker_for, smtp):
    officer = users.city(area["city"])
    with HttpReceiver() as hook, HttpReceiver() as wecom, HttpReceiver() as ding, HttpReceiver() as sms:
        ids = [channel(client, officer, area["city"], "webhook", hook.url + "/hook", SECRET),
               channel(client, officer, area["city"], "email", "duty@bureau.example"),
               channel(client, officer, area["city"], "wecom", wecom.url + "/cgi-bin/webhook/send?key=k"),
               channel(client, officer, area["city"], "dingtalk", ding.url + "/robot/send?access_token=t",
                       "SEC0123456789abcdef"),
               channel(client, officer, area["city"], "sms", "13800000000")]
        note = routed_hazard(client, users, area, publisher, ids)
        clock = Clock()
        futures = worker_for(clock, sms_url=sms.url + "/send").run_once()
        wait(futures)

        signed = hook.requests[-1]
        body = signed["body"]
        stamp = signed["headers"]["x-ecosafe-timestamp"]
        expected = "sha256=" + hmac.new(SECRET.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        assert signed["headers"]["x-ecosafe-signature"] == expected
        assert json.loads(body)["notification_id"] == note["notification_id"]
        assert json.loads(body)["title"] == note["title"]

        mail = smtp.messages[-1]
        assert mail["To"] == "duty@bureau.example" and mail["Subject"] == note["title"]
        assert "处置: 请核实隐患情况" in mail.get_content() and note["link"] in mail.get_content()

        robot = json.loads(wecom.requests[-1]["body"])
        assert robot["msgtype"] == "markdown" and robot["markdown"]["content"].startswith("### " + note["title"])
        assert f"[查看详情]({note['link']})" in robot["markdown"]["content"]

        dingtalk = ding.requests[-1]
        assert "&timestamp=" in dingtalk["path"] and "&sign=" in dingtalk["path"]
        assert json.loads(dingtalk["body"])["markdown"]["title"] == note["title"]

        text_message = json.loads(sms.requests[-1]["body"])
        assert text_message["to"] == "13800000000" and note["link"] in text_message["text"]

    log = deliveries(client, officer, note["notification_id"])
    assert {k: d["status"] for k, d in log.items()} == {k: "delivered" for k in
                                                        ("webhook", "email", "wecom", "dingtalk", "sms")}
    assert log["webhook"]["log"][0]["detail"] == "HTTP 200"


def test_a_failing_webhook_is_retried_with_back_off_and_every_attempt_is_an_event(
        client, users, area, publisher, worker_for, notify_engine):
    officer = users.city(area["city"])
    with HttpReceiver(answers=((500, {}), (503, {}), (200, {}))) as hook:
        hook_id = channel(client, officer, area["city"], "webhook", hook.url, SECRET)
        note = routed_hazard(client, users, area, publisher, [hook_id])
        clock = Clock()
        worker = worker_for(clock)
        wait(worker.run_once())
        first = deliveries(client, officer, note["notification_id"])["webhook"]
        assert first["status"] == "retrying" and first["log"][0]["detail"] == "对方答复 HTTP 500"
        assert datetime.fromisoformat(first["next_attempt_at"]) == clock.now + timedelta(seconds=30)

        clock.advance(29)
        wait(worker.run_once())
        assert len(hook.requests) == 1  # not due yet
        clock.advance(1)
        wait(worker.run_once())
        clock.advance(59)
        wait(worker.run_once())
        assert len(hook.requests) == 2  # the second wait is 60 s
        clock.advance(1)
        wait(worker.run_once())
    done = deliveries(client, officer, note["notification_id"])["webhook"]
    assert done["status"] == "delivered" and [a["outcome"] for a in done["log"]] == ["failed", "failed", "delivered"]
    with notify_engine.connect() as conn:
        kinds = conn.execute(text("SELECT event_type FROM es_events WHERE stream_id = :d ORDER BY version"),
                             {"d": done["delivery_id"]}).scalars().all()
    assert [k.rsplit(".", 1)[1] for k in kinds] == ["DeliveryFailed", "DeliveryFailed", "NotificationDelivered"]


def test_a_dead_webhook_does_not_hold_up_the_email(client, users, area, publisher, worker_for, smtp):
    officer = users.city(area["city"])
    with HttpReceiver(hold=True) as dead:
        ids = [channel(client, officer, area["city"], "webhook", dead.url, SECRET),
               channel(client, officer, area["city"], "email", "leader@bureau.example")]
        note = routed_hazard(client, users, area, publisher, ids)
        futures = worker_for(Clock(), timeout=30.0).run_once()
        # The webhook's receiver holds its request; the e-mail goes out meanwhile.
        assert dead.arrived.wait(20)
        assert smtp.arrived.wait(20)
        assert any(m["To"] == "leader@bureau.example" for m in smtp.messages)
        email_recorded = wait_for(lambda: deliveries(client, officer, note["notification_id"])["email"]["status"]
                                  == "delivered")
        assert email_recorded and not dead.released.is_set()
        assert deliveries(client, officer, note["notification_id"])["webhook"]["status"] == "sending"
        dead.release()
        wait(futures)


def test_a_send_cut_off_before_its_outcome_was_recorded_is_sent_once_more_marked_as_a_possible_repeat(
        client, users, area, publisher, worker_for, notify_engine):
    from notify.adapters import delivery_queries

    officer = users.city(area["city"])
    with HttpReceiver() as hook:
        hook_id = channel(client, officer, area["city"], "webhook", hook.url, SECRET)
        note = routed_hazard(client, users, area, publisher, [hook_id])
        clock = Clock()
        # A worker claims it and stops before recording anything (the process died mid-send).
        with notify_engine.begin() as conn:
            claimed = delivery_queries.claim(conn, clock.now, clock.now + timedelta(seconds=60), 500)
        assert note["notification_id"] in {c.notification_id for c in claimed}
        worker = worker_for(clock)
        wait(worker.run_once())
        assert not [r for r in hook.requests]  # its lease has not run out: nobody sends it twice at once
        clock.advance(61)
        wait(worker.run_once())
        assert len(hook.requests) == 1
        assert hook.requests[0]["headers"]["x-ecosafe-possible-duplicate"] == "true"
        assert json.loads(hook.requests[0]["body"])["possible_duplicate"] is True
    done = deliveries(client, officer, note["notification_id"])["webhook"]
    assert done["status"] == "delivered" and done["possible_duplicate"] is True and done["attempts"] == 2


def test_channels_are_validated_their_secret_never_shown_and_rules_refuse_unknown_ones(client, users, area):
    officer = users.city(area["city"])
    bad = client.post("/channels", headers=officer, json={"name": "坏", "jurisdiction_code": area["city"],
                                                          "kind": "webhook", "target": "ftp://x"})
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} == {"target", "secret"}
    mail = client.post("/channels", headers=officer, json={"name": "邮箱", "jurisdiction_code": area["city"],
                                                           "kind": "email", "target": "not-an-address"})
    assert mail.status_code == 422 and [e["field"] for e in mail.json()["errors"]] == ["target"]
    hook_id = channel(client, officer, area["city"], "webhook", "https://hooks.example/x", SECRET)
    shown = client.get(f"/channels/{hook_id}", headers=officer)
    assert shown.status_code == 200 and shown.json()["signed"] is True and SECRET not in shown.text
    elsewhere = "110101" if not area["city"].startswith("11") else "120101"  # a county of another province
    assert client.get(f"/channels/{hook_id}", headers=users.county(elsewhere)).status_code == 404
    rule = client.post("/routing/rules", headers=officer, json={
        "name": "坏通道", "jurisdiction_code": area["city"], "event_types": ["hazard.reported"],
        "recipient_roles": ["county_officer"], "channel_ids": [hook_id, "no-such-channel"]})
    assert rule.status_code == 422 and "no-such-channel" in rule.text
    assert [e["field"] for e in rule.json()["errors"]] == ["channel_ids"]
