"""An enterprise deregistered at the enforcement API: no new hazards for it (409), its hazards stay and run on."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import text

from ecosafe_kit.messaging.topics import event_topic
from hazard.adapters.enterprises import handle_enterprise_event
from hazard_helpers import ok, report_body
from topic_tail import TopicTail
from waiting import wait_for


def test_a_deregistered_enterprise_gets_no_new_hazard_and_keeps_its_open_one(
        client, users, hazard_engine, enforcement_enterprise, enforcement_changes, kafka_bootstrap):
    entry = enforcement_enterprise()
    enterprise = entry["enterprise_id"]

    def in_register():
        with hazard_engine.connect() as conn:
            return conn.execute(text("SELECT enterprise_id, deregistered_at, deregistered_reason FROM hazard_enterprises "
                                     "WHERE enterprise_id = :e"), {"e": enterprise}).first()

    wait_for(in_register)
    offered = ok(client.get("/enterprises", headers=users.county(), params={"q": entry["credit_code"]}))
    assert [i["enterprise_id"] for i in offered["items"]] == [enterprise]
    before = ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise)), 201)

    tail = TopicTail(kafka_bootstrap, event_topic("enforcement", "enterprise"))
    enforcement_changes.deregister(enterprise, "已关闭取缔")
    wait_for(lambda: in_register().deregistered_reason == "已关闭取缔")
    first = in_register()
    # The event as enforcement published it, delivered again a day later (a group reset, a republication): the first
    # deregistration stands.
    [published] = tail.read(lambda e: e.stream_id == enterprise and e.event_type.endswith("EnterpriseDeregistered"), 1)
    with hazard_engine.begin() as conn:
        handle_enterprise_event(conn, replace(published, occurred_at=published.occurred_at + timedelta(days=1)))
    assert in_register() == first

    # 选择企业 no longer offers it.
    picked = ok(client.get("/enterprises", headers=users.county(), params={"q": entry["credit_code"]}))
    assert picked["items"] == []
    refused = client.post("/hazards", headers=users.inspector(), json=report_body(enterprise))
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["field"] == "enterprise_id" and problem["deregistered_reason"] == "已关闭取缔"
    assert "从企业名录注销 (已关闭取缔), 不能再登记新隐患" in problem["detail"]
    # The self-inspection path is refused the same way.
    own = client.post("/hazards", headers=users.enterprise(enterprise),
                      json=report_body(enterprise, source="self_inspection"))
    assert own.status_code == 409, own.text
    # Its hazard stays in the ledger and can still be worked on.
    kept = ok(client.get(f"/hazards/{before['hazard_id']}", headers=users.county()))
    assert kept["state"] == "reported" and kept["ledger_no"] == before["ledger_no"]
    with hazard_engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM hazard_ledger WHERE enterprise_id = :e"),
                             {"e": enterprise}).scalar_one()
    assert count == 1
