"""Sanctions that end reach the map end to end: over the enforcement API a suspension lifted (恢复生产), a closure
proposal decided by the government (the site shows `closed`), one declined, a blacklist entry removed by credit repair
(信用修复); enforcement's relay publishes them on the real topics and the map's cases consumer clears or sets its
flags; a redelivered lifting changes nothing."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import create_engine, text

from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.background import start_in_thread
from ecosafe_kit.messaging.consumer import ConsumerRunner
from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.messaging.publish import publish
from ecosafe_kit.messaging.topics import ensure_topics
from enforcement.domain.blacklist import MINIMUM_LISTING
from enforcement.service_layer.cases import Cases
from enforcement_register import officer_headers
from risk_map.adapters.case_consumers import apply_enforcement_event
from rm_helpers import feature, random_place, square
from topic_tail import TopicTail
from waiting import wait_for

# The group test_cases_on_the_map.py uses: one name from run to run, the enforcement topics are kept forever.
CASES_GROUP = "test.risk-map.cases"
LEGAL_BASIS = "《中华人民共和国安全生产法》第一百一十三条"
_FLAGS = text("SELECT enterprise_id, suspended, closure_proposed, closure_case_id, closed, closed_case_id, blacklisted "
              "FROM rm_enterprise_sanctions WHERE enterprise_id = ANY(:ids)")


@pytest.fixture(scope="module")
def cases_consumer(engine, settings, kafka_bootstrap):
    """The map's cases consumer on the real enforcement topics, as the service runs it."""
    runner = ConsumerRunner(engine=engine, group=CASES_GROUP, topics=[settings.case_topic, settings.blacklist_topic],
                            handler=apply_enforcement_event, bootstrap_servers=kafka_bootstrap)
    worker = start_in_thread(runner.group, runner.run)
    yield runner
    worker.stop()


def _flags(engine, *ids: str) -> dict:
    with engine.connect() as conn:
        return {r.enterprise_id: r._asdict() for r in conn.execute(_FLAGS, {"ids": list(ids)})}


class Officer:
    def __init__(self, client, secret: str) -> None:
        self.client = client
        self.headers = officer_headers(secret, "county_officer", jurisdiction="140525", name="泽州王科长",
                                       subject="u-zz-wang")

    def post(self, path: str, body: dict) -> dict:
        answer = self.client.post(path, json=body, headers=self.headers)
        assert answer.status_code in (200, 201), answer.text
        return answer.json()

    def open_case(self, enterprise_id: str) -> str:
        return self.post("/cases", {"enterprise_id": enterprise_id, "origin": "direct", "legal_basis": LEGAL_BASIS,
                                    "description": "重大事故隐患未整改"})["case_id"]


def test_lifted_answered_and_removed_sanctions_clear_the_maps_flags_and_a_decided_closure_sets_closed(
        client, tokens, engine, register_enterprise, unique, enforcement_client, enforcement_settings,
        enforcement_database_url, settings, kafka_bootstrap, cases_consumer):
    lon, lat = random_place()
    resumed, shut, spared, repaired = (f"{k}-{unique}" for k in ("resumed", "shut", "spared", "repaired"))
    for n, firm in enumerate((resumed, shut, spared, repaired)):
        register_enterprise(firm, lon=lon + 0.004 * n, lat=lat, name=f"制裁解除测试企业{n}")
        created = client.post("/facilities", json=feature("site", "厂区", square(lon + 0.004 * n, lat, 0.001),
                                                          f"site-{firm}", enterprise_id=firm), headers=tokens.admin)
        assert created.status_code == 201, created.text
    ensure_topics(kafka_bootstrap, [settings.case_topic, settings.blacklist_topic])
    cases_tail = TopicTail(kafka_bootstrap, settings.case_topic)

    officer = Officer(enforcement_client, enforcement_settings.jwt_secret.get_secret_value())
    suspension = officer.open_case(resumed)
    officer.post(f"/cases/{suspension}/suspension", {"reason": "责令停产整治"})
    closure = officer.open_case(shut)
    officer.post(f"/cases/{closure}/closure-proposal", {"reason": "重大事故隐患长期存在并多次受到处罚",
                                                        "principal_industry_ban": True})
    declined = officer.open_case(spared)
    officer.post(f"/cases/{declined}/closure-proposal", {"reason": "重大事故隐患长期存在"})
    punished = officer.open_case(repaired)
    officer.post(f"/cases/{punished}/joint-punishment", {"departments": ["市场监管局"], "reason": "拒不整改"})
    wait_for(lambda: (f := _flags(engine, resumed, shut, spared, repaired)) and len(f) == 4
             and f[resumed]["suspended"] and f[shut]["closure_proposed"] and f[spared]["closure_proposed"]
             and f[repaired]["blacklisted"])

    officer.post(f"/cases/{suspension}/suspension-lifting", {"acceptance": "经现场验收整改到位",
                                                             "reason": "准予恢复生产"})
    officer.post(f"/cases/{closure}/closure-decision", {
        "government": "泽州县人民政府", "document_no": f"泽政发〔2026〕{unique}号", "decided_on": "2026-07-01",
        "attachment_uri": "https://files.example.cn/zz/decision.pdf", "attachment_name": "责令关闭决定书.pdf"})
    officer.post(f"/cases/{declined}/closure-declined", {"government": "泽州县人民政府", "decided_on": "2026-07-01",
                                                         "reason": "企业已完成整改"})
    officer.post(f"/cases/{punished}/closing", {"conclusion": "已整改, 罚款已缴纳"})
    # Credit repair is allowed a year after the listing: the service with its clock a year on, on the same database
    # (its outbox is relayed by the running enforcement app like any other event).
    enforcement_engine = create_engine(enforcement_database_url)
    try:
        entry_id = enforcement_client.get("/blacklist", params={"enterprise_id": repaired},
                                          headers=officer.headers).json()["items"][0]["entry_id"]
        Cases(enforcement_engine, clock=lambda: datetime.now(timezone.utc) + MINIMUM_LISTING).remove_from_blacklist(
            Principal("u-zz-wang", "泽州王科长", frozenset({Role("county_officer")}), "140525"), entry_id,
            "信用修复", "已完成整改并缴清罚款, 作出信用承诺", 1)
    finally:
        enforcement_engine.dispose()

    def all_ended():
        f = _flags(engine, resumed, shut, spared, repaired)
        return (not f[resumed]["suspended"] and f[shut]["closed"] and not f[spared]["closure_proposed"]
                and not f[repaired]["blacklisted"])
    wait_for(all_ended)
    after = _flags(engine, resumed, shut, spared, repaired)
    assert after[shut] == {"enterprise_id": shut, "suspended": False, "closure_proposed": False,
                           "closure_case_id": None, "closed": True, "closed_case_id": closure, "blacklisted": False}
    assert not after[spared]["closed"] and not after[resumed]["closed"]

    county = tokens.headers("county_officer", jurisdiction="140525")
    bbox = f"{lon - 0.01},{lat - 0.01},{lon + 0.02},{lat + 0.01}"
    closed_sites = client.get("/ogc/collections/sites/items", params={"bbox": bbox, "closed": "true"}, headers=county)
    assert {f["id"] for f in closed_sites.json()["features"]} == {f"site-{shut}"}
    assert "closed" in client.get("/ogc/collections/sites/queryables", headers=county).json()["properties"]
    shown = client.get(f"/facilities/site-{shut}", headers=county).json()["properties"]
    assert shown["closed"] and shown["closed_case_id"] == closure and not shown["closure_proposed"]
    resumed_site = client.get(f"/facilities/site-{resumed}", headers=county).json()["properties"]
    assert not resumed_site["suspended"] and resumed_site["open_case_count"] == 1

    # The liftings delivered again under new event ids: nothing changes.
    ours = {suspension, closure, declined}
    sent = [e for e in cases_tail.read(lambda e: e.stream_id in ours, expected=9)
            if e.event_type.rsplit(".", 1)[1] in ("SuspensionLifted", "ClosureDecided", "ClosureDeclined")]
    assert len(sent) == 3
    copies = [EventEnvelope(**{**e.__dict__, "event_id": uuid.uuid4()}) for e in sent]
    publish(kafka_bootstrap, settings.case_topic, copies)
    wait_for(lambda: _tracked(engine, [c.event_id for c in copies]))
    assert _flags(engine, resumed, shut, spared, repaired) == after


def _tracked(engine, event_ids: list) -> bool:
    """Whether the cases consumer has handled these events (its tracking records)."""
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM es_tracking WHERE consumer = :c AND event_id::text = ANY(:ids)"),
                            {"c": CASES_GROUP, "ids": [str(i) for i in event_ids]}).scalar() == len(event_ids)
