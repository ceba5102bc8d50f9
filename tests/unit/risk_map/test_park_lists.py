"""The park aggregate keeps what each of its three lists says now and the version it last changed at."""

from __future__ import annotations

import json
from datetime import date

from risk_map.domain.park import Park

SQUARE = '{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}'
TODAY = date(2026, 6, 1)


def _replayed(park: Park) -> Park:
    events = park.pending_events
    return Park.rehydrate(park.id, events)


def test_a_list_keeps_its_latest_entries_and_the_version_it_changed_at():
    park = Park.register("park-1", "园区", "140525", SQUARE, "EPSG:4326")
    park.update_list("sensitive_target", date(2026, 1, 1), json.dumps([{"name": "甲村"}]), 1, TODAY)
    park.update_list("sensitive_target", date(2026, 5, 1), json.dumps([{"name": "甲村"}, {"name": "乙校"}]), 2, TODAY)
    park.update_list("risk_substance", date(2026, 5, 2), json.dumps([{"substance": "甲醇"}]), 1, TODAY)
    for state in (park, _replayed(park)):
        assert json.loads(state.list_entries["sensitive_target"]) == [{"name": "甲村"}, {"name": "乙校"}]
        assert state.lists["sensitive_target"] == "2026-05-01"
        # Registered at 1, the two sensitive-target versions at 2 and 3, the substances at 4.
        assert state.list_version("sensitive_target") == 3
        assert state.list_version("risk_substance") == 4
        assert state.list_version("enterprise_risk") == 0
