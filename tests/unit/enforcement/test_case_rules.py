"""The Case aggregate, penalty amounts, the case codec and the seeds' rules, without a database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from ecosafe_kit.errors import Conflict, InvalidInput
from enforcement.adapters.flat_codec import BLACKLIST_CODEC, CASE_CODEC
from enforcement.domain import blacklist as b, case as c, case_rules as rules, money

NOW = datetime(2026, 7, 15, 2, 0, tzinfo=timezone.utc)


def opened(principal_name: str = "张丽娜", origin: str = "direct") -> c.Case:
    return c.Case.open(c.CaseOpened("k-1", "e-1", "某化工公司", principal_name, "140525", origin, None, None,
                                    "《安全生产法》第一百零二条", "案情"))


def hazard(**overrides) -> rules.HazardState:
    values = dict(hazard_id="h-1", enterprise_id="e-1", source="self_inspection", grade="major", status="open",
                  found_at=NOW - timedelta(days=10), deadline=NOW + timedelta(days=5), overdue=False)
    values.update(overrides)
    return rules.HazardState(**values)


# ------------------------------------------------------------------ money
@pytest.mark.parametrize("yuan, fen", [("150000.00", 15_000_000), ("0.01", 1), (Decimal("23456.78"), 2_345_678),
                                       (5000, 500_000)])
def test_amounts_are_kept_in_exact_fen(yuan, fen):
    assert money.fen_of_yuan(yuan) == fen


@pytest.mark.parametrize("yuan", ["12.345", "0", "-1", "abc", "NaN", "Infinity", str(10**13)])
def test_amounts_that_are_not_yuan_with_two_decimals_are_refused(yuan):
    assert money.fen_of_yuan(yuan) is None


def test_amounts_show_in_wan_yuan_with_two_decimals_rounded_half_up():
    assert money.wan_yuan_text(15_000_000) == "15.00"
    assert money.wan_yuan_text(2_345_678) == "2.35"
    assert money.wan_yuan_text(2_344_999) == "2.34"
    assert money.wan_yuan_text(1) == "0.00"
    assert money.yuan_text(2_345_678) == "23456.78"


# ------------------------------------------------------------------ the aggregate
def test_a_case_needs_its_legal_basis_and_description():
    with pytest.raises(InvalidInput) as refused:
        c.Case.open(c.CaseOpened("k-1", "e-1", "n", "p", "140525", "direct", None, None, " ", ""))
    assert {p.field for p in refused.value.errors} == {"legal_basis", "description"}


def test_a_dual_penalty_records_the_enterprise_and_the_principal():
    case = opened()
    case.impose_penalty("晋环罚〔2026〕1号", "依据", 15_000_000, 2_000_000, ("p-1", "p-2"))
    penalties = [e for e in case.pending_events if isinstance(e, c.PenaltyImposed)]
    assert [(p.target, p.party_name, p.amount_fen, p.dual) for p in penalties] == [
        ("enterprise", "某化工公司", 15_000_000, True), ("principal", "张丽娜", 2_000_000, True)]


def test_a_single_penalty_is_not_dual_and_a_dual_one_needs_a_principal():
    case = opened(principal_name="")
    case.impose_penalty("1号", "依据", 100, None, ("p-1", "p-2"))
    assert not case.pending_events[-1].dual
    with pytest.raises(InvalidInput) as refused:
        case.impose_penalty("2号", "依据", 100, 100, ("p-3", "p-4"))
    assert refused.value.errors[0].field == "principal_amount_yuan"


def test_once_only_measures_and_a_closed_case_refuse_with_a_conflict():
    case = opened()
    case.order_suspension("停产整治")
    with pytest.raises(Conflict):
        case.order_suspension("再次")
    case.decide_joint_punishment(("市场监管局",), "拒不整改")
    with pytest.raises(Conflict):
        case.decide_joint_punishment(("市场监管局",), "再次")
    case.close("结案")
    with pytest.raises(Conflict):
        case.expose("晋城日报", "曝光")


def test_a_transfer_must_be_acknowledged_before_closing_and_only_once():
    case = opened()
    case.send_transfer("t-1", c.Department.emergency_management, "泽州县应急管理局", "移交")
    with pytest.raises(Conflict):
        case.close("结案")
    with pytest.raises(Conflict):
        case.receive_transfer("t-unknown", "李", "")
    case.receive_transfer("t-1", "李", "已签收")
    with pytest.raises(Conflict):
        case.receive_transfer("t-1", "李", "")
    case.close("结案")
    assert case.closed


def test_a_typical_case_needs_a_decision_first():
    case = opened()
    with pytest.raises(Conflict):
        case.publish_typical("标题", "简介", False)
    case.refer("泽州县公安局", ("张丽娜",), True, "涉嫌危险作业罪")
    for phone in ("联系电话13912345678", "电话 0356-2345678"):
        with pytest.raises(InvalidInput) as refused:
            case.publish_typical("标题", phone, True)
        assert refused.value.errors[0].field == "summary"
    case.publish_typical("标题", "罚款 150000 元, 决定书 2026 号", True)
    assert isinstance(case.pending_events[-1], c.TypicalCasePublished)


def test_the_state_is_rebuilt_from_the_events():
    case = opened()
    case.send_transfer("t-1", c.Department.fire_rescue, "消防救援大队", "移交")
    case.order_suspension("停产")
    again = c.Case.rehydrate("k-1", case.pending_events)
    assert again.suspended and again.transfers == {"t-1": False} and again.version == 3


# ------------------------------------------------------------------ codec
EVENTS = [
    c.CaseOpened("k", "e", "n", "p", "140525", "hazard", None, "h", "lb", "d", "overdue_hazard", True),
    c.CaseOpened("k", "e", "n", "p", "140525", "inspection", "f", None, "lb", "d"),
    c.PenaltyImposed("k", "p", "e", "principal", "张丽娜", 2_345_678, "lb", "no", True),
    c.CaseReferred("k", "e", "公安局", ("甲", "乙"), True, "r"),
    c.SuspensionOrdered("k", "e", "r"),
    c.ClosureProposed("k", "e", "r", True, "long_standing_major_hazard"),
    c.AdmonitionHeld("k", "e", ("甲",), "n"),
    c.CaseExposed("k", "e", "ch", "n"),
    c.JointPunishmentDecided("k", "e", ("市场监管局",), "r"),
    c.TypicalCasePublished("k", "e", "t", "s", True),
    c.TransferSent("k", "t", "e", "fire_rescue", "消防", "n"),
    c.TransferReceived("k", "t", "李", "n"),
    c.CaseClosed("k", "e", "c"),
]


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: type(e).__name__)
def test_every_case_event_survives_the_wire(event):
    event_type, payload = CASE_CODEC.encode(event)
    assert event_type == f"ecosafe.enforcement.v1.{type(event).__name__}"
    assert CASE_CODEC.decode(event_type, payload) == event


def test_the_blacklist_event_survives_the_wire():
    event = b.EnterpriseBlacklisted("b", "e", "n", "91140500MA0000000X", "140525", "k", "r", ("发改委", "市场监管局"))
    assert BLACKLIST_CODEC.decode(*BLACKLIST_CODEC.encode(event)) == event


# ------------------------------------------------------------------ the seeds' rules
def test_a_self_reported_hazard_rectified_on_time_carries_no_penalty():
    assert rules.self_report_spares_penalty(hazard(), NOW)
    assert rules.self_report_spares_penalty(hazard(deadline=None), NOW)  # reported, not yet assigned


@pytest.mark.parametrize("change", [dict(source="inspection"), dict(source="public_report"), dict(overdue=True),
                                    dict(deadline=NOW - timedelta(seconds=1)), dict(status="closed")])
def test_a_hazard_not_self_reported_or_not_on_time_is_not_spared(change):
    assert not rules.self_report_spares_penalty(hazard(**change), NOW)


def test_an_overdue_open_hazard_opens_a_case_whatever_its_source():
    assert rules.overdue_opens_case(hazard(overdue=True))
    assert rules.overdue_opens_case(hazard(overdue=True, source="inspection", grade="general"))
    assert not rules.overdue_opens_case(hazard())
    assert not rules.overdue_opens_case(hazard(overdue=True, status="closed"))


def test_a_major_hazard_failing_verification_or_an_accident_makes_a_dual_case():
    assert rules.persisting_major_hazard_makes_dual_case(hazard(), verification_failed=True)
    assert not rules.persisting_major_hazard_makes_dual_case(hazard(), verification_failed=False)
    assert not rules.persisting_major_hazard_makes_dual_case(hazard(grade="general"), verification_failed=True)
    assert rules.accident_makes_dual_case("accident") and not rules.accident_makes_dual_case("direct")


def test_a_long_standing_major_hazard_with_repeated_penalties_means_closure():
    old = hazard(found_at=NOW - rules.LONG_STANDING)
    assert rules.closure_and_industry_ban([old], rules.REPEATED_PENALTIES, NOW)
    assert not rules.closure_and_industry_ban([old], rules.REPEATED_PENALTIES - 1, NOW)
    assert not rules.closure_and_industry_ban([hazard(found_at=NOW - timedelta(days=89))], 5, NOW)
    assert not rules.closure_and_industry_ban([hazard(found_at=NOW - rules.LONG_STANDING, grade="general")], 5, NOW)
