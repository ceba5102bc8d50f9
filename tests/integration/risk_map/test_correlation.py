"""POST /incidents on a hand-built network: order of gates, distances and arrival times, contained or not,
read-your-writes for valves and pool levels, and the published IncidentCorrelated event."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from ecosafe_kit.eventstore import EventStore
from network import Network
from risk_map.adapters.codec import CODEC
from risk_map.adapters.device_simulator import confirm_pending


@pytest.fixture
def net(client, tokens, register_enterprise, unique):
    return Network(client, tokens, register_enterprise, unique).build()


def test_a_spill_the_pools_hold_but_an_open_outlet_lets_out_is_traced_downstream(net):
    answer = net.incident(450)
    assert answer["site"]["facility_id"] == net.id("site") and answer["site"]["inside"]
    second = answer["lines_of_defence"]["second"]
    assert second["free_volume_m3"] == 500 and second["pools_hold_spill"]
    third = answer["lines_of_defence"]["third"]
    assert [c["facility_id"] for c in third["close_first"]] == [net.id("o1")]  # o2 is already closed
    assert not answer["containment"]["contained_in_plant"]
    assert answer["receiving_reach"]["reach_id"] == net.id("r1")
    assert answer["receiving_reach"]["entry_measure_m"] == pytest.approx(400, abs=1)
    down = answer["downstream"]
    assert [g["facility_id"] for g in down["gates_to_close"]] == [net.id("g1"), net.id("i1")]  # g0 is upstream
    g1, i1 = down["gates_to_close"]
    assert g1["distance_m"] == pytest.approx(500, abs=2) and g1["eta_hours"] == pytest.approx(1000 / 3600, abs=0.01)
    assert i1["distance_m"] == pytest.approx(3600, abs=3) and i1["eta_hours"] == pytest.approx(3700 / 3600, abs=0.01)
    assert down["monitoring_sections"][0]["distance_m"] == pytest.approx(1100, abs=2)
    target = down["first_sensitive_target"]
    assert target["facility_id"] == net.id("s1")
    assert target["distance_m"] == pytest.approx(5600, abs=5)
    assert target["eta_hours"] == pytest.approx(4700 / 3600, abs=0.01)
    assert [s["facility_id"] for s in down["emergency_spaces"]] == [net.id("e2")]  # e1 holds only 100 m³
    assert all("m³" in s["explanation"] for s in down["emergency_spaces"])


def test_only_spaces_that_hold_the_volume_before_the_first_target_are_offered(net):
    down = net.incident(1000)["downstream"]
    assert [s["facility_id"] for s in down["emergency_spaces"]] == [net.id("e2")]
    assert [s["facility_id"] for s in down["emergency_spaces_too_small"]] == [net.id("e1")]


def test_the_horizon_limits_the_trace(net):
    down = net.incident(450, horizon_km=2)["downstream"]
    assert [g["facility_id"] for g in down["gates_to_close"]] == [net.id("g1")]
    assert down["sensitive_targets"] == [] and down["first_sensitive_target"] is None


def test_a_valve_closed_through_the_api_shows_in_the_very_next_correlation(net, client, tokens):
    assert not net.incident(450)["containment"]["contained_in_plant"]
    user = tokens.headers("enterprise_user", enterprise_id=net.enterprise_id)
    r = client.post(f"/facilities/{net.id('o1')}/state", json={"state": "closed"}, headers=user)
    assert r.status_code == 200, r.text
    answer = net.incident(450)
    assert answer["containment"]["contained_in_plant"] and answer["downstream"] is None
    assert {o["facility_id"]: o["valve_state"] for o in answer["lines_of_defence"]["third"]["outlets"]}[net.id("o1")] == "closed"


def test_a_pool_level_change_shows_in_the_very_next_correlation(net, client, tokens):
    client.post(f"/facilities/{net.id('o1')}/state", json={"state": "closed"}, headers=tokens.admin)
    assert net.incident(450)["containment"]["contained_in_plant"]
    r = client.post(f"/facilities/{net.id('p1')}/state", json={"free_volume_m3": 0}, headers=tokens.admin)
    assert r.status_code == 200, r.text
    answer = net.incident(450)
    assert answer["lines_of_defence"]["second"]["free_volume_m3"] == 100
    assert not answer["containment"]["contained_in_plant"]


def test_a_gate_command_is_recorded_with_who_ordered_it_and_the_simulated_device_confirms_it(net, client, tokens, app):
    officer = tokens.headers("command_center", jurisdiction="140525", name="李值班")
    r = client.post(f"/facilities/{net.id('o1')}/commands", json={"command": "close", "reason": "阻断事故水"},
                    headers=officer)
    assert r.status_code == 202, r.text
    assert r.json()["properties"]["pending_command"] == "close" and r.json()["properties"]["valve_state"] == "open"
    outlet = next(o for o in net.incident(450)["lines_of_defence"]["third"]["outlets"] if o["facility_id"] == net.id("o1"))
    assert outlet["pending_command"] == "close"
    assert client.get(f"/facilities/{net.id('o1')}", headers=tokens.admin).json()["properties"].get(
        "state_simulated") is not True
    assert confirm_pending(app.state.store) >= 1
    answer = net.incident(450)
    assert answer["containment"]["contained_in_plant"] and "模拟设备" in answer["containment"]["explanation"]
    third = answer["lines_of_defence"]["third"]
    assert third["states_simulated"] is True and "模拟设备确认" in third["explanation"]
    assert next(o for o in third["outlets"] if o["facility_id"] == net.id("o1"))["state_simulated"] is True
    confirmed = client.get(f"/facilities/{net.id('o1')}", headers=tokens.admin).json()["properties"]
    assert confirmed["state_simulated"] is True and confirmed["state_source"] == "simulator"
    # a person on site reports the same state: no longer simulated
    assert client.post(f"/facilities/{net.id('o1')}/state", json={"state": "closed"}, headers=officer).status_code == 200
    assert client.get(f"/facilities/{net.id('o1')}", headers=tokens.admin).json()["properties"]["state_simulated"] is False
    history = client.get(f"/facilities/{net.id('o1')}/history", headers=tokens.admin).json()
    command = next(h for h in history if h["event_type"].endswith("GateCommandIssued"))
    assert command["signed_by"]["name"] == "李值班" and command["event"]["command"] == "close"
    by_device = next(h for h in history if h["event_type"].endswith("DeviceStateChanged"))
    assert by_device["signed_by"]["subject"] == "system:device-simulator"


def test_nearest_resources_and_the_pool_adequacy_are_explained(net):
    answer = net.incident(450, k=2)
    depots = answer["resources"]["material_depots"]
    assert [d["facility_id"] for d in depots] == [net.id("d1"), net.id("d2")]
    assert depots[0]["distance_m"] < depots[1]["distance_m"] and "km" in depots[0]["explanation"]
    adequacy = answer["pool_adequacy"]
    # (500 + 300 − 100) + 20 + 10×30×1 = 1020 m³ against 800 m³ of pools
    assert adequacy["required_volume_m3"] == 1020 and adequacy["pool_capacity_m3"] == 800
    assert adequacy["pool_shortfall_m3"] == 220 and not adequacy["pool_adequate"]
    assert answer["explanation"] and all(isinstance(x, str) for x in answer["explanation"])


def test_the_correlation_is_recorded_as_incident_correlated(net, app, client, tokens):
    answer = net.incident(450, incident_id=f"inc-{net.u}")
    store: EventStore = app.state.store
    with store.transaction() as conn:
        events = store.load(conn, f"inc-{net.u}")
    assert [e.event_type.rsplit(".", 1)[-1] for e in events] == ["IncidentReported", "IncidentCorrelated"]
    correlated = CODEC.decode(events[1].event_type, events[1].payload)
    assert json.loads(correlated.picture_json)["downstream"]["first_sensitive_target"]["facility_id"] == net.id("s1")
    assert correlated.first_sensitive_target_id == net.id("s1") and not correlated.contained_in_plant
    assert events[0].signer.roles == ("command_center",)
    again = client.get(f"/incidents/inc-{net.u}", headers=tokens.admin)
    assert again.json() == answer and again.headers["content-type"] == "application/json"
    # Read back within scope: officers of the reporter's county, not of another county.
    same_county = client.get(f"/incidents/inc-{net.u}", headers=tokens.headers("county_officer", jurisdiction="140525"))
    assert same_county.status_code == 200
    other_county = client.get(f"/incidents/inc-{net.u}", headers=tokens.headers("county_officer", jurisdiction="140581"))
    assert other_county.status_code == 404 and other_county.json()["detail"] == f"事件不存在: inc-{net.u}"


def test_river_plan_actions_for_the_reaches_hit_are_listed(net, client, tokens):
    plan = {"plan_id": f"plan-{net.u}", "river_name": "测试河", "title": "测试河一河一策一图",
            "actions": [{"reach_id": net.id("r2"), "action": "启用大坑塘截流", "facility_ids": [net.id("e2")],
                         "materials": ["活性炭 5 t"], "responsible": "镇政府"},
                        {"reach_id": "elsewhere", "action": "不相关"}]}
    assert client.post("/river-plans", json=plan, headers=tokens.admin).status_code == 201
    actions = net.incident(450)["river_plan_actions"]
    assert [a["action"] for a in actions] == ["启用大坑塘截流"] and actions[0]["version_no"] == 1


def test_open_hazards_of_the_enterprise_are_listed(net, engine):
    from risk_map.adapters.consumers import HazardMap
    from datetime import datetime, timezone
    with engine.begin() as conn:
        HazardMap.open(conn, f"hz-{net.u}", net.enterprise_id, "ZZ-2025-007", "major", "雨水排口阀门无法远程关闭",
                       datetime.now(timezone.utc))
    hazards = net.incident(450)["hazards"]["open"]
    assert [h["hazard_id"] for h in hazards] == [f"hz-{net.u}"] and hazards[0]["at_site"]


def test_an_enterprise_user_cannot_record_incidents_and_bad_input_is_named(net, client, tokens):
    body = {"location": {"type": "Point", "coordinates": [net.lon0, net.lat0]}, "pollutant": "甲醇", "volume_m3": 1,
            "level": "较大"}
    user = tokens.headers("enterprise_user", enterprise_id=net.enterprise_id)
    assert client.post("/incidents", json=body, headers=user).status_code == 403
    officer = tokens.headers("command_center", jurisdiction="140525")
    r = client.post("/incidents", json={**body, "level": "很大"}, headers=officer)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "level"
    r = client.post("/incidents", json={**body, "location": {"type": "Point", "coordinates": [net.lat0, net.lon0]}},
                    headers=officer)
    assert r.status_code == 422 and "坐标顺序错误" in r.json()["detail"]


def test_a_drill_is_analysed_like_a_real_incident_and_recorded_as_a_drill(net, app, client, tokens, engine):
    # A river's 一河一策一图 plan is practised on the map: same answer, marked so nobody takes it for an emergency.
    plan = {"plan_id": f"drill-plan-{net.u}", "river_name": "测试河", "title": "测试河演练预案",
            "actions": [{"reach_id": net.id("r2"), "action": "启用大坑塘截流", "facility_ids": [net.id("e2")],
                         "materials": ["活性炭 5 t"], "responsible": "镇政府"}]}
    assert client.post("/river-plans", json=plan, headers=tokens.admin).status_code == 201
    real = net.incident(450)
    drill = net.incident(450, drill=True, incident_id=f"drill-{net.u}")
    assert drill["drill"] is True and real["drill"] is False
    assert drill["explanation"][0].startswith("【演练】")
    assert drill["downstream"]["gates_to_close"] == real["downstream"]["gates_to_close"]
    assert [a["action"] for a in drill["river_plan_actions"] if a["plan_id"] == plan["plan_id"]] == ["启用大坑塘截流"]
    store: EventStore = app.state.store
    with store.transaction() as conn:
        first = store.load(conn, f"drill-{net.u}")[0]
    reported = CODEC.decode(first.event_type, first.payload)
    assert reported.drill is True
    with engine.connect() as conn:
        assert conn.execute(text("SELECT drill FROM rm_incidents WHERE incident_id = :i"), {"i": f"drill-{net.u}"}).scalar()
