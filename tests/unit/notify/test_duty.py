"""Duty shifts: their checks, the areas that cover a county when it has no shift, and their wire form."""

from datetime import datetime, timedelta, timezone

from notify.adapters.codec import CODEC
from notify.adapters.roster_queries import enclosing
from notify.domain.duty import DutyPerson, DutyShiftScheduled, ShiftSpec, problems_of

START = datetime(2026, 12, 24, 16, 0, tzinfo=timezone.utc)


def spec(**kw) -> ShiftSpec:
    base = {"jurisdiction_code": "140525", "starts_at": START, "ends_at": START + timedelta(hours=24),
            "duty_officer": DutyPerson("u-1", "张三"), "leader": DutyPerson("u-2", "李局长")}
    return ShiftSpec(**{**base, **kw})


def test_a_shift_longer_than_three_days_or_with_a_person_twice_is_refused():
    assert problems_of(spec()) == []
    assert [p.field for p in problems_of(spec(ends_at=START + timedelta(hours=73)))] == ["ends_at"]
    assert [p.field for p in problems_of(spec(deputy=DutyPerson("u-1", "张三")))] == ["deputy"]
    assert [p.field for p in problems_of(spec(jurisdiction_code="14052"))] == ["jurisdiction_code"]


def test_the_areas_enclosing_a_code_most_specific_first():
    assert enclosing("140525") == ["140525", "140500", "140000"]
    assert enclosing("140525100") == ["140525100", "140525", "140500", "140000"]
    assert enclosing("140500") == ["140500", "140000"]
    assert enclosing("bad") == []


def test_a_shift_survives_the_codec_with_and_without_a_deputy():
    for deputy in (None, DutyPerson("u-3", "王副", "13900000000")):
        event = DutyShiftScheduled("s-1", spec(deputy=deputy))
        assert CODEC.decode(*CODEC.encode(event)) == event
