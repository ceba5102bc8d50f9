"""The command-center map's live feed (GET /live/map) over a real HTTP server: hazards, incidents, device states and
cases arrive from Kafka with their place, only to those who may see them, and the stream resumes from Last-Event-ID."""

from __future__ import annotations

import json
import uuid

import httpx

from ecosafe.risk_map.v1 import facility_pb2 as fpb, incident_pb2 as inc
from notify_helpers import incident_reported, reported
from sse_support import SseClient

LON, LAT = 112.873, 35.497


def _outlet(facility_id: str, enterprise_id: str, code: str) -> fpb.FacilityRegistered:
    return fpb.FacilityRegistered(
        facility_id=facility_id, kind=fpb.FACILITY_KIND_RAIN_OUTLET, name="1号雨水排口", enterprise_id=enterprise_id,
        jurisdiction_code=code, geometry_geojson=json.dumps({"type": "Point", "coordinates": [LON + 0.001, LAT]}),
        attributes_json=json.dumps({"valve_state": "open", "remote_controllable": True}), declared_crs="EPSG:4326")


def _about(ids: set[str]):
    return lambda event: event["data"]["id"] in ids


def test_the_map_shows_hazards_incidents_devices_and_cases_where_they_are_and_only_in_their_area(
        users, area, publisher, live_url):
    enterprise_id = publisher.enterprise(area["county"], lon=LON, lat=LAT)
    county = SseClient(f"{live_url}/live/map", users.county(area["county"]))
    neighbour = SseClient(f"{live_url}/live/map", users.county(area["other_county"]))
    company = SseClient(f"{live_url}/live/map", users.token("enterprise_user", jurisdiction=None,
                                                          enterprise_id=enterprise_id))
    try:
        assert county.status == 200 and county.response.headers["content-type"].startswith("text/event-stream")
        hazard_id, outlet_id = str(uuid.uuid4()), f"outlet-{uuid.uuid4().hex[:8]}"
        incident = incident_reported(enterprise_id)
        incident.location_geojson = json.dumps({"type": "Point", "coordinates": [LON + 0.002, LAT + 0.001]})
        publisher.hazard_events(hazard_id, (reported(hazard_id, enterprise_id, area["county"]), None))
        publisher.incident(incident)
        case_id = publisher.case(enterprise_id)
        ours = {hazard_id, incident.incident_id, outlet_id, case_id}

        hazard = county.next_where(_about({hazard_id}))
        assert hazard["event"] == "hazard" and hazard["id"]
        assert hazard["data"] | {"occurred_at": None, "title": None} == {
            "kind": "hazard", "id": hazard_id, "event": "HazardReported", "title": None, "urgent": True,
            "jurisdiction_code": area["county"], "enterprise_id": enterprise_id, "park_id": None, "lon": LON,
            "lat": LAT, "state": "reported", "occurred_at": None}
        assert "重大隐患" in hazard["data"]["title"] and f"ZZ-{hazard_id[:6]}" in hazard["data"]["title"]

        reported_incident = county.next_where(_about({incident.incident_id}))
        assert reported_incident["event"] == "incident" and reported_incident["data"]["event"] == "IncidentReported"
        assert reported_incident["data"]["urgent"] is True and "甲醇" in reported_incident["data"]["title"]
        assert (reported_incident["data"]["lon"], reported_incident["data"]["lat"]) == (LON + 0.002, LAT + 0.001)

        case = county.next_where(_about({case_id}))
        assert case["event"] == "case" and case["data"]["event"] == "CaseOpened" and case["data"]["urgent"] is False
        assert (case["data"]["lon"], case["data"]["lat"], case["data"]["state"]) == (LON, LAT, "open")

        # The risk map's outlet: registered, ordered closed, still open (urgent), then confirmed closed.
        publisher.facility_events(outlet_id, _outlet(outlet_id, enterprise_id, area["county"]),
                                  fpb.GateCommandIssued(facility_id=outlet_id, command="close", reason="阻断事故水",
                                                        incident_id=incident.incident_id),
                                  fpb.DeviceStateChanged(facility_id=outlet_id, state="open", source="device"),
                                  fpb.DeviceStateChanged(facility_id=outlet_id, state="closed", source="device"))
        commanded, still_open, closed = (county.next_where(_about({outlet_id})) for _ in range(3))
        assert [e["data"]["event"] for e in (commanded, still_open, closed)] == [
            "GateCommandIssued", "DeviceStateChanged", "DeviceStateChanged"]
        assert all(e["event"] == "device" for e in (commanded, still_open, closed))
        assert (still_open["data"]["state"], still_open["data"]["urgent"]) == ("open", True)
        assert "仍为开启" in still_open["data"]["title"]
        assert (closed["data"]["state"], closed["data"]["urgent"]) == ("closed", False)
        assert (closed["data"]["lon"], closed["data"]["lat"]) == (LON + 0.001, LAT)

        # The enterprise's own user sees its hazard and case too.
        seen = {company.next_where(_about(ours))["data"]["id"] for _ in range(3)}
        assert {hazard_id, case_id} <= seen

        # The neighbouring county sees none of it: a hazard of its own, made after all of the above, comes first.
        other_enterprise = publisher.enterprise(area["other_county"], lon=LON + 0.3, lat=LAT)
        sentinel = str(uuid.uuid4())
        publisher.hazard_events(sentinel, (reported(sentinel, other_enterprise, area["other_county"]), None))
        first = neighbour.next_where(_about(ours | {sentinel}))
        assert first["data"]["id"] == sentinel and first["data"]["jurisdiction_code"] == area["other_county"]
    finally:
        for stream in (county, neighbour, company):
            stream.close()


def test_an_incident_coming_downstream_shows_on_the_map_of_the_county_it_reaches(users, area, publisher, live_url):
    enterprise_id = publisher.enterprise(area["county"], lon=LON, lat=LAT)
    downstream = SseClient(f"{live_url}/live/map", users.county(area["other_county"]))
    try:
        incident = incident_reported(enterprise_id)
        publisher.incident(incident)
        correlated = inc.IncidentCorrelated(incident_id=incident.incident_id, picture_json="{}",
                                            contained_in_plant=False, hours_to_first_sensitive_target=3.5,
                                            jurisdiction_code=area["county"], enterprise_id=enterprise_id,
                                            downstream_jurisdiction_codes=[area["other_county"]])
        publisher.incident_events(incident.incident_id, correlated, version=2)
        got = downstream.next_where(_about({incident.incident_id}))
        # Its report was not theirs to see; the trace reaching them is.
        assert got["data"]["event"] == "IncidentCorrelated" and got["data"]["state"] == "spreading"
        assert "3.5 小时" in got["data"]["title"] and got["data"]["jurisdiction_code"] == area["county"]
    finally:
        downstream.close()


def test_the_map_resumes_after_a_disconnect_from_the_last_event_id(users, area, publisher, live_url):
    enterprise_id = publisher.enterprise(area["county"], lon=LON, lat=LAT)
    me = users.county(area["county"])
    first, second, third = (str(uuid.uuid4()) for _ in range(3))
    ours = _about({first, second, third})

    live = SseClient(f"{live_url}/live/map", me)
    publisher.hazard_events(first, (reported(first, enterprise_id, area["county"]), None))
    got = live.next_where(ours)
    assert got["data"]["id"] == first
    live.close()

    # While disconnected, two more hazards are reported; a stream opened now without Last-Event-ID misses them.
    for hazard_id in (second, third):
        publisher.hazard_events(hazard_id, (reported(hazard_id, enterprise_id, area["county"]), None))
    resumed = SseClient(f"{live_url}/live/map", {**me, "Last-Event-ID": got["id"]})
    try:
        after = [resumed.next_where(ours), resumed.next_where(ours)]
        assert sorted(e["data"]["id"] for e in after) == sorted([second, third])
        assert all(e["id"] != got["id"] for e in after)
    finally:
        resumed.close()


def test_a_notification_reaches_the_map_of_its_recipient_only(client, users, area, publisher, live_url):
    user = f"u-map-{uuid.uuid4().hex[:8]}"
    assert client.post("/routing/rules", headers=users.city(area["city"]), json={
        "name": "一张图推送", "jurisdiction_code": area["city"], "event_types": ["hazard.reported"],
        "recipient_users": [user], "urgent": True}).status_code == 201
    enterprise_id = publisher.enterprise(area["county"], lon=LON, lat=LAT)
    recipient = SseClient(f"{live_url}/live/map", users.token("inspector", jurisdiction=area["other_county"],
                                                            subject=user))
    try:
        hazard_id = str(uuid.uuid4())
        publisher.hazard_events(hazard_id, (reported(hazard_id, enterprise_id, area["county"]), None))
        got = recipient.next_where(lambda e: e["event"] == "notification")
        # The inspector of another county sees the notification addressed to them, not the hazard itself.
        assert got["data"]["event"] == "NotificationRouted" and got["data"]["urgent"] is True
        assert (got["data"]["lon"], got["data"]["lat"], got["data"]["enterprise_id"]) == (LON, LAT, enterprise_id)
        assert f"ZZ-{hazard_id[:6]}" in got["data"]["title"]
        assert all(e["data"]["id"] != hazard_id for e in list(recipient.events.queue))
    finally:
        recipient.close()


def test_the_map_feed_refuses_a_malformed_last_event_id_and_needs_a_token(live_url, users, area):
    bad = httpx.get(f"{live_url}/live/map", headers={**users.county(area["county"]), "Last-Event-ID": "x:y"},
                    timeout=30)
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
    assert "Last-Event-ID" in bad.text
    assert httpx.get(f"{live_url}/live/map", timeout=30).status_code == 401
