"""The day a case decision was made (decided_on): its bounds, its events, and older events without it."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone

import pytest

from ecosafe.enforcement.v1 import case_pb2
from ecosafe_kit.errors import InvalidInput
from ecosafe_kit.eventstore import Signer
from ecosafe_kit.messaging.envelope import EventEnvelope
from enforcement.adapters.dates import day_start, decided_day
from enforcement.adapters.flat_codec import CASE_CODEC
from enforcement.domain import case as c
from enforcement.reports.facts import fact_of

TODAY = date(2026, 10, 20)


def _case(decided_on: str = "2026-09-10") -> c.Case:
    return c.Case.open(c.CaseOpened("case-1", "e-1", "某危废公司", "张三", "140525", "direct", None, None, "依据",
                                    "案情", decided_on=decided_on))


def _fields(error: InvalidInput) -> list[str]:
    return [p["field"] for p in error.extra["errors"]]


def test_a_day_left_out_is_today_and_a_day_in_bounds_is_kept():
    case = _case()
    assert case.opened_on == date(2026, 9, 10)
    assert case.decision_day(None, TODAY, TODAY) == TODAY
    assert case.decision_day(date(2026, 9, 10), TODAY, TODAY) == date(2026, 9, 10)
    case.impose_penalty("罚1", "依据", 100, 50, ("p-1", "p-2"), date(2026, 9, 15))
    assert [e.decided_on for e in case.pending_events[1:]] == ["2026-09-15", "2026-09-15"]


@pytest.mark.parametrize("day", [date(2026, 10, 21), date(2026, 9, 9)])
def test_a_day_after_today_or_before_the_case_is_refused(day):
    with pytest.raises(InvalidInput) as refused:
        _case().decision_day(day, TODAY, TODAY)
    assert _fields(refused.value) == ["decided_on"]


def test_a_case_opened_before_events_carried_a_day_is_bounded_by_the_day_it_was_recorded():
    old = _case(decided_on="")
    assert old.opened_on is None
    with pytest.raises(InvalidInput):
        old.decision_day(date(2026, 9, 30), TODAY, date(2026, 10, 1))
    assert old.decision_day(date(2026, 10, 1), TODAY, date(2026, 10, 1)) == date(2026, 10, 1)


def test_opening_is_bounded_by_the_finding_it_comes_from():
    with pytest.raises(InvalidInput) as refused:
        c.decision_day(date(2026, 9, 1), TODAY, date(2026, 9, 2), "立案日期不能早于发现日期")
    assert _fields(refused.value) == ["decided_on"]
    assert c.decision_day(None, TODAY, None, "") == TODAY


def _envelope(message, occurred_at: datetime) -> EventEnvelope:
    return EventEnvelope(uuid.uuid4(), f"ecosafe.enforcement.v1.{type(message).__name__}", "test", "case", "case-1",
                         2, occurred_at, Signer("u-1", "王科长", (), "140525"), "application/protobuf",
                         message.SerializeToString())


def test_the_reports_count_a_measure_on_its_day_and_an_older_event_on_its_recorded_moment():
    entered = datetime(2026, 10, 20, 3, 0, tzinfo=timezone.utc)
    dated = case_pb2.PenaltyImposed(case_id="case-1", penalty_id="p-1", enterprise_id="e-1", target="enterprise",
                                    amount_fen=100, decision_no="罚1", decided_on="2026-09-15")
    fact = fact_of(_envelope(dated, entered))
    assert fact.happened_at == day_start(date(2026, 9, 15)) and fact.entered_at == entered
    older = case_pb2.SuspensionOrdered(case_id="case-1", enterprise_id="e-1", reason="停产")
    fact = fact_of(_envelope(older, entered))
    assert fact.happened_at == entered == fact.entered_at


def test_an_older_event_without_the_field_decodes_and_reads_as_its_recorded_day():
    payload = case_pb2.CaseExposed(case_id="case-1", enterprise_id="e-1", channel="网站", note="曝光").SerializeToString()
    event = CASE_CODEC.decode("ecosafe.enforcement.v1.CaseExposed", payload)
    assert event.decided_on == ""
    # 23:30 UTC is the next morning in Shanghai.
    assert decided_day(event.decided_on, datetime(2026, 9, 30, 23, 30, tzinfo=timezone.utc)) == date(2026, 10, 1)
