"""Enforcement's cases reach the map end to end: cases opened and sanctioned over the enforcement API, published by
its relay on the real topics, consumed by the map → the flags on the sites' tiles, OGC items and GET, and in an
incident's answer; a closed case no longer counts; a message delivered twice changes nothing; a replay rebuilds."""

from __future__ import annotations

import math
import uuid
from datetime import datetime, timezone

import mapbox_vector_tile
import pytest
from sqlalchemy import text

from ecosafe import registry
from ecosafe_kit.background import start_in_thread
from ecosafe_kit.messaging.consumer import ConsumerRunner
from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.messaging.publish import publish
from ecosafe_kit.messaging.topics import ensure_topics
from enforcement_register import officer_headers
from risk_map.adapters.case_consumers import apply_enforcement_event
from risk_map.adapters.consumers import HazardMap
from rm_helpers import drain, feature, random_place, square
from topic_tail import TopicTail
from waiting import wait_for

# One group name from run to run: the enforcement topics are kept forever, a new group would read them whole.
CASES_GROUP = "test.risk-map.cases"
LEGAL_BASIS = "《中华人民共和国固体废物污染环境防治法》第一百一十二条"
_SANCTIONS = text("SELECT enterprise_id, open_case_count, latest_case_ids, suspended, suspension_case_id, "
                  "closure_proposed, closure_case_id, blacklisted, blacklist_case_id, blacklist_reason, "
                  "penalty_total_fen FROM rm_enterprise_sanctions WHERE enterprise_id = ANY(:ids) ORDER BY enterprise_id")


@pytest.fixture(scope="module")
def cases_consumer(engine, settings, kafka_bootstrap):
    """The map's cases consumer on the real enforcement topics, as the service runs it (same handler and topics)."""
    runner = ConsumerRunner(engine=engine, group=CASES_GROUP, topics=[settings.case_topic, settings.blacklist_topic],
                            handler=apply_enforcement_event, bootstrap_servers=kafka_bootstrap)
    worker = start_in_thread(runner.group, runner.run)
    yield runner
    worker.stop()


class Enforcement:
    """Cases over the enforcement API as a county officer of 140525."""

    def __init__(self, client, secret: str) -> None:
        self.client = client
        self.headers = officer_headers(secret, "county_officer", jurisdiction="140525", name="泽州王科长")

    def post(self, path: str, body: dict) -> dict:
        answer = self.client.post(path, json=body, headers=self.headers)
        assert answer.status_code in (200, 201), answer.text
        return answer.json()

    def open_case(self, enterprise_id: str) -> str:
        return self.post("/cases", {"enterprise_id": enterprise_id, "origin": "direct", "legal_basis": LEGAL_BASIS,
                                    "description": "危险废物贮存场所未按规定设置识别标志"})["case_id"]


def _sanctions(engine, *ids: str) -> dict:
    with engine.connect() as conn:
        return {r.enterprise_id: r._asdict() for r in conn.execute(_SANCTIONS, {"ids": list(ids)})}


def _tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2 ** z
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)


def _site_in_tile(client, headers, site_id: str, lon: float, lat: float) -> dict:
    x, y = _tile_of(lon, lat, 16)
    tile = client.get(f"/tiles/sites/16/{x}/{y}.mvt", headers=headers)
    assert tile.status_code == 200
    features = mapbox_vector_tile.decode(tile.content)["sites"]["features"]
    return next(f["properties"] for f in features if f["properties"]["id"] == site_id)


def test_cases_and_sanctions_show_on_the_map_and_in_an_incident(client, tokens, engine, register_enterprise, unique,
                                                                enforcement_client, enforcement_settings, settings,
                                                                kafka_bootstrap, cases_consumer):
    lon, lat = random_place()
    firm, neighbour = f"ent-{unique}", f"nb-{unique}"
    register_enterprise(firm, lon=lon, lat=lat, name="涉案化工有限公司")
    register_enterprise(neighbour, lon=lon + 0.004, lat=lat, name="邻近制药有限公司")
    for site, owner, x in ((f"site-{unique}", firm, lon), (f"nbsite-{unique}", neighbour, lon + 0.004)):
        created = client.post("/facilities", json=feature("site", "厂区", square(x, lat, 0.001), site,
                                                          enterprise_id=owner), headers=tokens.admin)
        assert created.status_code == 201, created.text
    with engine.begin() as conn:  # an open hazard at the neighbour's site, ~350 m from the incident
        HazardMap.open(conn, f"hz-{unique}", neighbour, "ZZ-2026-001", "major", "储罐区围堰破损",
                       datetime.now(timezone.utc))
    before = client.get(f"/facilities/site-{unique}", headers=tokens.admin).json()["properties"]
    assert (before["case_open"], before["open_case_count"], before["suspended"], before["blacklisted"],
            before["latest_case_ids"], before["penalty_total_wan_yuan"]) == (False, 0, False, False, [], "0.00")
    ensure_topics(kafka_bootstrap, [settings.case_topic, settings.blacklist_topic])  # the tails read from their ends
    cases_tail = TopicTail(kafka_bootstrap, settings.case_topic)
    blacklist_tail = TopicTail(kafka_bootstrap, settings.blacklist_topic)

    officer = Enforcement(enforcement_client, enforcement_settings.jwt_secret.get_secret_value())
    first = officer.open_case(firm)
    officer.post(f"/cases/{first}/suspension", {"reason": "责令停产整治, 整改危废贮存场所"})
    officer.post(f"/cases/{first}/penalties", {"decision_no": f"晋市环罚〔2026〕{unique}号", "legal_basis": LEGAL_BASIS,
                                               "enterprise_amount_yuan": "150000.00",
                                               "principal_amount_yuan": "23456.78"})
    second = officer.open_case(firm)
    officer.post(f"/cases/{second}/joint-punishment", {"departments": ["发展改革委", "市场监管局"],
                                                       "reason": "拒不整改重大事故隐患"})
    third = officer.open_case(neighbour)
    officer.post(f"/cases/{third}/closure-proposal", {"reason": "风险不可控", "principal_industry_ban": True})

    def all_arrived():
        now = _sanctions(engine, firm, neighbour)
        return (now.get(firm, {}).get("blacklisted") and now[firm]["penalty_total_fen"] == 17_345_678
                and now.get(neighbour, {}).get("closure_proposed"))
    wait_for(all_arrived)
    status = _sanctions(engine, firm, neighbour)
    assert status[firm] == {"enterprise_id": firm, "open_case_count": 2, "latest_case_ids": [second, first],
                            "suspended": True, "suspension_case_id": first, "closure_proposed": False,
                            "closure_case_id": None, "blacklisted": True, "blacklist_case_id": second,
                            "blacklist_reason": "拒不整改重大事故隐患", "penalty_total_fen": 17_345_678}
    assert status[neighbour]["open_case_count"] == 1 and not status[neighbour]["suspended"]

    # The sites' OGC items, their filters, and a site's GET.
    county = tokens.headers("county_officer", jurisdiction="140525")
    bbox = f"{lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}"
    items = client.get("/ogc/collections/sites/items", params={"bbox": bbox}, headers=county).json()["features"]
    props = {f["id"]: f["properties"] for f in items}
    mine = props[f"site-{unique}"]
    assert (mine["case_open"], mine["open_case_count"], mine["suspended"], mine["blacklisted"]) == (True, 2, True, True)
    assert mine["latest_case_ids"] == [second, first] and mine["blacklist_case_id"] == second
    assert mine["penalty_total_fen"] == 17_345_678 and mine["penalty_total_wan_yuan"] == "17.35"
    assert props[f"nbsite-{unique}"]["closure_proposed"] and not props[f"nbsite-{unique}"]["blacklisted"]
    for flag, expected in (("blacklisted", {f"site-{unique}"}), ("closure_proposed", {f"nbsite-{unique}"}),
                           ("suspended", {f"site-{unique}"}), ("case_open", {f"site-{unique}", f"nbsite-{unique}"})):
        filtered = client.get("/ogc/collections/sites/items", params={"bbox": bbox, flag: "true"}, headers=county)
        assert {f["id"] for f in filtered.json()["features"]} == expected, flag
    assert "blacklisted" in client.get("/ogc/collections/sites/queryables", headers=county).json()["properties"]
    shown = client.get(f"/facilities/site-{unique}", headers=county).json()["properties"]
    assert (shown["open_case_count"], shown["suspended"], shown["blacklisted"], shown["closure_proposed"]) == (2, True, True, False)

    # The tiles, decoded.
    tiled = _site_in_tile(client, county, f"site-{unique}", lon, lat)
    assert (tiled["case_open"], tiled["open_case_count"], tiled["suspended"], tiled["blacklisted"],
            tiled["closure_proposed"]) == (True, 2, True, True, False)
    tiled = _site_in_tile(client, county, f"nbsite-{unique}", lon + 0.004, lat)
    assert (tiled["closure_proposed"], tiled["suspended"], tiled["open_case_count"]) == (True, False, 1)

    # An incident at the sanctioned plant: its enterprise and the neighbour listed with its hazard carry their status.
    body = {"location": {"type": "Point", "coordinates": [lon, lat]}, "pollutant": "甲醇", "volume_m3": 5,
            "level": "较大", "enterprise_id": firm}
    answer = client.post("/incidents", json=body, headers=tokens.headers("command_center", jurisdiction="140525"))
    assert answer.status_code == 201, answer.text
    picture = answer.json()
    sanctions = picture["enterprise"]["sanctions"]
    assert (sanctions["suspended"], sanctions["blacklisted"], sanctions["open_case_count"]) == (True, True, 2)
    assert sanctions["labels"] == ["在办案件 2 件", f"已被责令停产整治 (案件 {first})",
                                   "已列入失信名单 (拒不整改重大事故隐患)"]
    line = next(x for x in picture["explanation"] if x.startswith("执法处置"))
    assert "涉案化工有限公司" in line and "责令停产整治" in line and "失信名单" in line and "违法组织生产" in line
    (hazard,) = [h for h in picture["hazards"]["open"] if h["hazard_id"] == f"hz-{unique}"]
    assert not hazard["at_site"] and hazard["enterprise_sanctions"]["closure_proposed"]
    assert hazard["enterprise_sanctions"]["closure_case_id"] == third

    # 结案 of the first case: one open case left; the suspension it ordered stands (no event lifts it).
    officer.post(f"/cases/{first}/closing", {"conclusion": "已整改, 罚款已缴纳"})
    wait_for(lambda: _sanctions(engine, firm)[firm]["open_case_count"] == 1)
    after_closing = _sanctions(engine, firm, neighbour)
    assert after_closing[firm]["suspended"] and after_closing[firm]["latest_case_ids"] == [second, first]
    assert client.get(f"/facilities/site-{unique}", headers=county).json()["properties"]["open_case_count"] == 1

    # The same messages again (a relay resending), and republished under new event ids: nothing changes.
    ours = {first, second, third}
    sent = cases_tail.read(lambda e: e.stream_id in ours, expected=9)
    entries = blacklist_tail.read(lambda e: _enterprise_of(e) == firm, expected=1)
    assert [e.event_type.rsplit(".", 1)[1] for e in sent if e.stream_id == first] == [
        "CaseOpened", "SuspensionOrdered", "PenaltyImposed", "PenaltyImposed", "CaseClosed"]
    assert len(sent) == 9 and len(entries) == 1
    copies = [EventEnvelope(**{**e.__dict__, "event_id": uuid.uuid4()}) for e in sent]
    entry_copy = EventEnvelope(**{**entries[0].__dict__, "event_id": uuid.uuid4()})
    publish(kafka_bootstrap, settings.case_topic, [*sent, *copies])  # per case, the originals before the copies
    publish(kafka_bootstrap, settings.blacklist_topic, [*entries, entry_copy])
    wait_for(lambda: _tracked(engine, CASES_GROUP, [c.event_id for c in (*copies, entry_copy)]))
    assert _sanctions(engine, firm, neighbour) == after_closing

    # Rebuilt: this test's rows dropped and the events replayed (blacklist first, as another partition may deliver
    # them) into the empty rows by a new consumer group give the same status.
    with engine.begin() as conn:
        for table in ("rm_cases", "rm_case_penalties", "rm_blacklist_entries", "rm_enterprise_sanctions"):
            conn.execute(text("DELETE FROM " + table + " WHERE enterprise_id = ANY(:ids)"), {"ids": [firm, neighbour]})
    replay = f"test.enforcement.replay.{unique}"
    publish(kafka_bootstrap, replay, [*entries, *sent])
    runner = ConsumerRunner(engine=engine, group=f"test.risk-map.cases.{unique}", topics=[replay],
                            handler=apply_enforcement_event, bootstrap_servers=kafka_bootstrap)
    drain(runner, engine, lambda c: _sanctions(engine, firm, neighbour) == after_closing, 60, "the replayed cases")


def _enterprise_of(envelope: EventEnvelope) -> str:
    return registry.message_class(envelope.event_type).FromString(envelope.payload).enterprise_id


def _tracked(engine, group: str, event_ids: list) -> bool:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM es_tracking WHERE consumer = :c "
                                 "AND event_id::text = ANY(:ids)"),
                            {"c": group, "ids": [str(i) for i in event_ids]}).scalar() == len(event_ids)
