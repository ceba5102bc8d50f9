"""Every state rule of the Hazard aggregate: the loop, the plan's 五到位, confirmation, listing, overdue."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from ecosafe_kit.errors import Conflict, InvalidInput
from hazard.domain import transitions
from hazard.domain.events import HazardClosed, HazardOverdue, VerificationFailed
from hazard.domain.hazard import Hazard
from hazard.domain.ledger_no import format_ledger_no, parse_ledger_no
from hazard.domain.values import Attachment, ConfirmationLevel, Grade, RectificationPlan, Source, State

TODAY = date(2026, 3, 10)
PHOTO = (Attachment("s3://evidence/1.jpg", "现场照片.jpg", "image/jpeg", "a" * 64),)


def reported(grade=Grade.major, source=Source.inspection) -> Hazard:
    hazard = Hazard.report(
        hazard_id="h-1", ledger_no="140525-2026-03-0001", enterprise_id="ent-1", enterprise_name="丹源化工",
        jurisdiction_code="140525", source=source, domain="hazardous_waste", grade=grade,
        grade_basis="苏环办〔2022〕248号 第三条", description="危废暂存库防渗层破损",
        found_at=datetime(2026, 3, 9, tzinfo=timezone.utc))
    hazard.mark_saved()
    return hazard


def plan(**overrides) -> RectificationPlan:
    values = dict(owner="张丽娜", measures=("更换防渗层",), funding=50000, deadline=date(2026, 4, 30),
                  contingency_plan="泄漏应急处置预案")
    values.update(overrides)
    return RectificationPlan(**values)


def assigned(grade=Grade.major) -> Hazard:
    hazard = reported(grade)
    hazard.assign(responsible_unit="丹源化工", responsible_person="张丽娜", deadline=date(2026, 4, 30), today=TODAY)
    return hazard


def rectifying(grade=Grade.major) -> Hazard:
    hazard = assigned(grade)
    hazard.submit_plan(plan(), today=TODAY)
    return hazard


def verifying(grade=Grade.major) -> Hazard:
    hazard = rectifying(grade)
    hazard.complete(summary="已更换", attachments=PHOTO)
    return hazard


def test_a_reported_hazard_starts_the_loop_in_reported():
    hazard = reported()
    assert hazard.state is State.reported and hazard.version == 1 and hazard.ledger_no.startswith("140525-")


def test_a_grade_without_basis_is_refused_naming_the_field():
    with pytest.raises(InvalidInput) as error:
        Hazard.report(hazard_id="h", ledger_no="x", enterprise_id="e", enterprise_name="n", jurisdiction_code="140525",
                      source=Source.inspection, domain="hazardous_waste", grade=Grade.major, grade_basis=" ",
                      description="d", found_at=datetime.now(timezone.utc))
    assert [p.field for p in error.value.errors] == ["grade_basis"]


def test_a_superior_referral_must_name_who_referred_it():
    with pytest.raises(InvalidInput) as error:
        Hazard.report(hazard_id="h", ledger_no="x", enterprise_id="e", enterprise_name="n", jurisdiction_code="140525",
                      source=Source.superior_referral, domain="hazardous_waste", grade=Grade.general,
                      grade_basis="b", description="d", found_at=datetime.now(timezone.utc))
    assert [p.field for p in error.value.errors] == ["referred_by"]


def test_the_whole_loop_of_a_major_hazard_ends_closed():
    hazard = verifying()
    hazard.pass_verification(opinion="整改到位")
    hazard.close(note="同意销号")
    assert hazard.state is State.closed
    assert isinstance(hazard.pending_events[-1], HazardClosed)


def test_assignment_with_a_deadline_in_the_past_is_refused():
    hazard = reported()
    with pytest.raises(InvalidInput) as error:
        hazard.assign(responsible_unit="u", responsible_person="p", deadline=date(2026, 3, 9), today=TODAY)
    assert [p.field for p in error.value.errors] == ["deadline"]
    assert hazard.pending_events == []


def test_assignment_due_today_is_accepted():
    hazard = reported()
    hazard.assign(responsible_unit="u", responsible_person="p", deadline=TODAY, today=TODAY)
    assert hazard.state is State.assigned


@pytest.mark.parametrize(("field", "override"), [
    ("plan.owner", {"owner": ""}), ("plan.measures", {"measures": ()}), ("plan.funding", {"funding": None}),
    ("plan.deadline", {"deadline": None}), ("plan.contingency_plan", {"contingency_plan": "  "}),
])
def test_a_plan_missing_one_of_the_five_items_is_refused_naming_it(field, override):
    hazard = assigned()
    with pytest.raises(InvalidInput) as error:
        hazard.submit_plan(plan(**override), today=TODAY)
    assert [p.field for p in error.value.errors] == [field]
    assert hazard.state is State.assigned


def test_a_plan_missing_everything_names_all_five_items():
    hazard = assigned()
    with pytest.raises(InvalidInput) as error:
        hazard.submit_plan(RectificationPlan(None, (), None, None, None), today=TODAY)
    assert {p.field for p in error.value.errors} == {
        "plan.owner", "plan.measures", "plan.funding", "plan.deadline", "plan.contingency_plan"}
    assert "五到位" in error.value.detail


def test_a_plan_deadline_in_the_past_is_refused():
    with pytest.raises(InvalidInput) as error:
        assigned().submit_plan(plan(deadline=date(2026, 1, 1)), today=TODAY)
    assert [p.field for p in error.value.errors] == ["plan.deadline"]


def test_an_earlier_plan_deadline_replaces_the_assignment_deadline():
    hazard = assigned()
    hazard.submit_plan(plan(deadline=date(2026, 4, 20)), today=TODAY)
    assert hazard.deadline == date(2026, 4, 20)


def test_a_plan_may_not_pass_the_assigned_deadline():
    """The enterprise used to extend its own deadline with a later plan (it then became the sweep's deadline)."""
    hazard = assigned()
    with pytest.raises(InvalidInput) as error:
        hazard.submit_plan(plan(deadline=date(2026, 5, 20)), today=TODAY)
    [problem] = error.value.errors
    assert problem.field == "plan.deadline" and "2026-04-30" in problem.message
    assert len(hazard.pending_events) == 1 and hazard.deadline == date(2026, 4, 30)  # the assignment only


def test_the_bureau_extends_the_deadline_with_a_reason_and_clears_overdue():
    hazard = assigned()
    assert hazard.mark_overdue_if_due(today=date(2026, 5, 2))
    with pytest.raises(InvalidInput) as error:
        hazard.extend_deadline(deadline=date(2026, 4, 30), reason=" ", today=date(2026, 5, 2))
    assert sorted(p.field for p in error.value.errors) == ["deadline", "reason"]
    hazard.extend_deadline(deadline=date(2026, 6, 30), reason="设备到货延迟", today=date(2026, 5, 2))
    extended = hazard.pending_events[-1]
    assert (extended.previous_deadline, extended.deadline, extended.reason) == (date(2026, 4, 30), date(2026, 6, 30),
                                                                                 "设备到货延迟")
    assert hazard.deadline == date(2026, 6, 30) and hazard.overdue is False
    assert not hazard.mark_overdue_if_due(today=date(2026, 6, 30))
    hazard.submit_plan(plan(deadline=date(2026, 6, 20)), today=date(2026, 5, 2))
    assert hazard.deadline == date(2026, 6, 20)


def test_a_deadline_is_extended_only_after_assignment_and_before_closure():
    with pytest.raises(Conflict):
        reported().extend_deadline(deadline=date(2026, 6, 30), reason="r", today=TODAY)


def test_completion_needs_evidence():
    with pytest.raises(InvalidInput) as error:
        rectifying().complete(summary="done", attachments=())
    assert [p.field for p in error.value.errors] == ["attachments"]


def test_progress_percent_must_be_between_0_and_100():
    with pytest.raises(InvalidInput):
        rectifying().record_progress(note="n", percent=101)


def test_a_failed_verification_returns_to_rectification_with_reasons_and_can_loop_again():
    hazard = verifying()
    hazard.fail_verification(reasons=("防渗层仍有裂缝",))
    assert hazard.state is State.rectifying
    assert isinstance(hazard.pending_events[-1], VerificationFailed)
    hazard.submit_plan(plan(measures=("整体重做防渗层",)), today=TODAY)
    hazard.complete(summary="重做", attachments=PHOTO)
    hazard.pass_verification(opinion="ok")
    hazard.close()
    assert hazard.state is State.closed


def test_a_failed_verification_needs_a_reason():
    with pytest.raises(InvalidInput):
        verifying().fail_verification(reasons=(" ",))


def test_closure_before_verification_passed_is_a_conflict():
    with pytest.raises(Conflict):
        verifying().close()


def test_verification_cannot_pass_twice_nor_fail_after_passing():
    hazard = verifying()
    hazard.pass_verification(opinion="ok")
    with pytest.raises(Conflict):
        hazard.pass_verification(opinion="again")
    with pytest.raises(Conflict):
        hazard.fail_verification(reasons=("x",))


@pytest.mark.parametrize(("make", "command"), [
    (reported, lambda h: h.submit_plan(plan(), today=TODAY)),
    (reported, lambda h: h.complete(summary="s", attachments=PHOTO)),
    (reported, lambda h: h.pass_verification(opinion="o")),
    (reported, lambda h: h.close()),
    (assigned, lambda h: h.assign(responsible_unit="u", responsible_person="p", deadline=TODAY, today=TODAY)),
    (assigned, lambda h: h.record_progress(note="n", percent=1)),
    (rectifying, lambda h: h.fail_verification(reasons=("r",))),
    (verifying, lambda h: h.record_progress(note="n", percent=1)),
])
def test_an_illegal_transition_is_a_conflict_naming_the_states_that_allow_it(make, command):
    hazard = make()
    before = hazard.state
    with pytest.raises(Conflict) as error:
        command(hazard)
    assert error.value.extra["allowed_states"]
    assert error.value.extra["state"] == before.value
    assert "仅在以下状态" in error.value.detail
    assert hazard.state is before


def test_nothing_is_allowed_on_a_closed_hazard():
    hazard = verifying()
    hazard.pass_verification(opinion="ok")
    hazard.close()
    for command in ("assign", "submit_plan", "record_progress", "complete", "pass_verification",
                    "fail_verification", "close", "list", "confirm"):
        with pytest.raises(Conflict):
            transitions.check(command, State.closed)


def test_the_conflict_names_the_allowed_states_in_chinese():
    with pytest.raises(Conflict) as error:
        transitions.check("complete", State.reported)
    assert "整改中(rectifying)" in error.value.detail


def test_listing_is_once_and_only_while_open():
    hazard = assigned()
    hazard.list_for_supervision(supervising_unit="泽州县分局", reason="重大隐患", supervisor="王科长")
    assert hazard.listed
    with pytest.raises(Conflict):
        hazard.list_for_supervision(supervising_unit="x", reason="y", supervisor="z")


def test_listing_names_who_follows_it_up():
    with pytest.raises(InvalidInput) as error:
        assigned().list_for_supervision(supervising_unit="泽州县分局", reason="r", supervisor="")
    assert [p.field for p in error.value.errors] == ["supervisor"]


def test_two_level_confirmation_needs_the_principal_first():
    hazard = reported(source=Source.self_inspection)
    with pytest.raises(Conflict):
        hazard.confirm(ConfirmationLevel.bureau, has_parent=True)
    hazard.confirm(ConfirmationLevel.principal, has_parent=True)
    hazard.confirm(ConfirmationLevel.parent, has_parent=True)
    assert not hazard.confirmation_complete(has_parent=True)
    hazard.confirm(ConfirmationLevel.bureau, has_parent=True)
    assert hazard.confirmation_complete(has_parent=True)


def test_the_bureau_confirms_only_after_the_parent_enterprise():
    """It could confirm before the parent enterprise had (seed 003: 签字后报上级主体企业和属地生态环境部门审核确认)."""
    hazard = reported(source=Source.self_inspection)
    hazard.confirm(ConfirmationLevel.principal, has_parent=True)
    with pytest.raises(Conflict) as error:
        hazard.confirm(ConfirmationLevel.bureau, has_parent=True)
    assert error.value.extra["missing"] == ["parent"] and "上级主体企业确认" in error.value.detail
    without_parent = reported(source=Source.self_inspection)
    without_parent.confirm(ConfirmationLevel.principal, has_parent=False)
    without_parent.confirm(ConfirmationLevel.bureau, has_parent=False)
    assert without_parent.confirmation_complete(has_parent=False)


def test_a_self_found_major_hazard_is_assigned_and_closed_only_once_confirmed():
    """A self-reported major hazard went through the whole loop to 销号 with no confirmation at all."""
    hazard = reported(source=Source.self_inspection)
    with pytest.raises(Conflict) as error:
        hazard.assign(responsible_unit="u", responsible_person="p", deadline=date(2026, 4, 30), today=TODAY,
                      has_parent=True)
    assert error.value.extra == {"command": "assign", "missing": ["principal", "parent", "bureau"]}
    for level in ConfirmationLevel:
        hazard.confirm(level, has_parent=True)
    hazard.assign(responsible_unit="u", responsible_person="p", deadline=date(2026, 4, 30), today=TODAY,
                  has_parent=True)
    general = reported(grade=Grade.general, source=Source.self_inspection)
    general.assign(responsible_unit="u", responsible_person="p", deadline=date(2026, 4, 30), today=TODAY)


def test_a_self_found_hazard_regraded_to_major_is_closed_only_once_confirmed():
    hazard = reported(grade=Grade.general, source=Source.self_inspection)
    hazard.assign(responsible_unit="u", responsible_person="p", deadline=date(2026, 4, 30), today=TODAY)
    hazard.submit_plan(plan(), today=TODAY)
    hazard.complete(summary="done", attachments=PHOTO)
    hazard.pass_verification(opinion="ok")
    hazard.regrade(grade=Grade.major, grade_basis="复核为重大隐患")
    with pytest.raises(Conflict) as error:
        hazard.close(has_parent=False)
    assert error.value.extra["missing"] == ["principal", "bureau"]
    hazard.confirm(ConfirmationLevel.principal, has_parent=False)
    hazard.confirm(ConfirmationLevel.bureau, has_parent=False)
    hazard.close(has_parent=False)
    assert hazard.state is State.closed


def test_a_confirmation_level_cannot_be_given_twice_and_parent_needs_a_parent():
    hazard = reported(source=Source.self_inspection)
    hazard.confirm(ConfirmationLevel.principal, has_parent=False)
    with pytest.raises(Conflict):
        hazard.confirm(ConfirmationLevel.principal, has_parent=False)
    with pytest.raises(Conflict):
        hazard.confirm(ConfirmationLevel.parent, has_parent=False)


def test_only_self_reported_hazards_are_confirmed():
    with pytest.raises(Conflict):
        reported(source=Source.inspection).confirm(ConfirmationLevel.principal, has_parent=False)


def test_overdue_is_recorded_once_after_the_deadline_day():
    hazard = assigned()
    assert not hazard.mark_overdue_if_due(today=date(2026, 4, 30))
    assert hazard.mark_overdue_if_due(today=date(2026, 5, 1))
    assert isinstance(hazard.pending_events[-1], HazardOverdue)
    assert not hazard.mark_overdue_if_due(today=date(2026, 5, 2))
    assert sum(isinstance(e, HazardOverdue) for e in hazard.pending_events) == 1


def test_a_hazard_under_verification_or_without_deadline_is_never_overdue():
    assert not reported().mark_overdue_if_due(today=date(2030, 1, 1))
    assert not verifying().mark_overdue_if_due(today=date(2030, 1, 1))


def test_the_state_rebuilt_from_events_equals_the_state_that_recorded_them():
    hazard = verifying()
    hazard.list_for_supervision(supervising_unit="u", reason="r", supervisor="s")
    events = [*hazard.pending_events]
    again = Hazard.rehydrate("h-1", [*_first_event(), *events])
    assert again.state is State.verifying and again.listed and again.version == len(events) + 1


def _first_event():
    return Hazard.report(
        hazard_id="h-1", ledger_no="140525-2026-03-0001", enterprise_id="ent-1", enterprise_name="丹源化工",
        jurisdiction_code="140525", source=Source.self_inspection, domain="hazardous_waste", grade=Grade.major,
        grade_basis="b", description="d", found_at=datetime(2026, 3, 9, tzinfo=timezone.utc)).pending_events


def test_ledger_numbers_are_readable_and_parse_back():
    assert format_ledger_no("140525", 2026, 11, 7) == "140525-2026-11-0007"
    assert parse_ledger_no("140525-2026-11-0007") == ("140525", 2026, 11, 7)
