"""The Inspection aggregate and its codec without a database: two inspectors, the checklist, findings first."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from ecosafe_kit.errors import Conflict, InvalidInput
from enforcement.adapters.inspection_codec import INSPECTION_CODEC
from enforcement.domain import inspection as i
from enforcement.domain.checklist import ITEMS

NOW = datetime(2026, 7, 15, 2, 0, tzinfo=timezone.utc)


def planned(campaign_id: str | None = "c-1", inspectors=("i-a", "i-b")) -> i.Inspection:
    return i.Inspection.plan(i.InspectionPlanned("x-1", "e-1", "140525", campaign_id, None, i.Mode.unannounced,
                                                 tuple(inspectors), ("应急管理局",), date(2026, 7, 15)))


def every_item(violated=()) -> tuple[i.ChecklistResult, ...]:
    return tuple(i.ChecklistResult(item, item in violated) for item in ITEMS)


def test_an_inspection_needs_two_inspectors():
    with pytest.raises(InvalidInput) as refused:
        planned(inspectors=("i-a", "i-a"))
    assert refused.value.errors[0].field == "inspector_ids"


def test_completion_records_each_finding_before_the_completion_and_only_once():
    inspection = planned()
    finding = i.Finding("f-1", "hazardous_waste", "防渗层破损", i.Grade.major, "第三条", NOW)
    inspection.complete(NOW, "140525", every_item({"no_drills"}), (finding,), "责令整改", NOW)
    kinds = [type(e) for e in inspection.pending_events]
    assert kinds == [i.InspectionPlanned, i.FindingRecorded, i.InspectionCompleted]
    assert inspection.pending_events[2].finding_ids == ("f-1",)
    with pytest.raises(Conflict):
        inspection.complete(NOW, "140525", every_item(), (), "", NOW)


def test_a_campaign_inspection_answers_every_spot_check_item_and_nothing_is_in_the_future():
    with pytest.raises(InvalidInput) as refused:
        planned().complete(NOW + timedelta(hours=1), "140525", every_item()[:2] + every_item()[:1] + (
            i.ChecklistResult("unknown_item", True),), (), "", NOW)
    assert [p.field for p in refused.value.errors] == ["completed_at", "checklist[2].item", "checklist[3].item",
                                                       "checklist"]
    planned(campaign_id=None).complete(NOW, "140525", (), (), "", NOW)  # outside a campaign the checklist is optional


def test_inspection_events_survive_the_codec_and_findings_use_the_published_contract():
    inspection = planned()
    inspection.complete(NOW, "140500", every_item(), (i.Finding("f-1", "pollution_control", "RTO 异常", i.Grade.general,
                                                                "依据", NOW),), "意见", NOW)
    for event in inspection.pending_events:
        event_type, payload = INSPECTION_CODEC.encode(event)
        assert INSPECTION_CODEC.decode(event_type, payload) == event
    assert INSPECTION_CODEC.encode(inspection.pending_events[1])[0] == "ecosafe.enforcement.v1.FindingRecorded"
