"""Which hazards an inspection recorded and which it missed (责任倒查), without a database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from enforcement.domain.back_trace import KnownHazard, recorded_and_missed

DONE = datetime(2026, 7, 15, 2, 0, tzinfo=timezone.utc)
HAZARDS = [KnownHazard("own", DONE - timedelta(hours=1), "f-1"),
           KnownHazard("earlier", DONE - timedelta(days=3), None),
           KnownHazard("later", DONE + timedelta(days=2), None),
           KnownHazard("later-other-inspection", DONE + timedelta(days=3), "f-9")]


def test_an_inspection_recorded_its_findings_and_missed_what_was_found_later():
    recorded, missed = recorded_and_missed(DONE, ["f-1"], HAZARDS)
    assert recorded == ["own"]
    assert missed == ["later", "later-other-inspection"]


def test_an_inspection_not_completed_missed_nothing():
    assert recorded_and_missed(None, [], HAZARDS) == ([], [])
