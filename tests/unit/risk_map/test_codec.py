"""Every risk-map domain event survives the trip through its protobuf message."""

from datetime import datetime, timezone

import pytest

from risk_map.adapters.codec import CODEC
from risk_map.domain import events as e

SAMPLES = [
    e.FacilityRegistered("f1", "emergency_pool", "1号池", "ent-1", None, "140525", '{"type":"Point"}', '{"capacity_m3":1}', "EPSG:4490"),
    e.FacilityUpdated("f1", "site", "厂区", None, "park-1", "140525", "{}", "{}", "GCJ-02", ("name", "attributes.x")),
    e.FacilityRetired("f1", "拆除"),
    e.GateCommandIssued("g1", "close", "阻断", "inc-1"),
    e.GateCommandIssued("g1", "open", "", None),
    e.DeviceStateChanged("o1", "closed", None, "simulator"),
    e.DeviceStateChanged("p1", "", 0.0, "manual"),
    e.ParkRegistered("park-1", "园区", "140525", "{}", "EPSG:4326"),
    e.ParkUpdated("park-1", "园区", "140525", "{}", "EPSG:4326"),
    e.ParkListUpdated("park-1", "risk_substance", "2025-01-01", 2, "[1,2]"),
    e.RiverPlanVersionPublished("plan-1", "丹河", 2, "方案", ({"reach_id": "r1", "action": "关闸", "facility_ids": ["g1"],
                                                            "materials": ["沙袋"], "responsible": "镇政府"},)),
    e.IncidentReported("i1", datetime(2025, 6, 1, 8, 30, tzinfo=timezone.utc), "{}", "甲醇", 12.5, "extraordinary", "ent-1"),
    e.IncidentCorrelated("i1", "{}", False, "s1", 1.25),
    e.IncidentCorrelated("i1", "{}", True, None, None),
]


@pytest.mark.parametrize("event", SAMPLES, ids=lambda ev: type(ev).__name__)
def test_round_trip(event):
    event_type, payload = CODEC.encode(event)
    assert event_type == f"ecosafe.risk_map.v1.{type(event).__name__}"
    assert CODEC.decode(event_type, payload) == event
