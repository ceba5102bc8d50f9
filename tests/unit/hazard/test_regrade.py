"""重新定级: an open hazard's grade changes with a basis, by the bureau of its jurisdiction; never once closed."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import Conflict, Forbidden, InvalidInput
from hazard.domain.events import HazardRegraded
from hazard.domain.hazard import Hazard
from hazard.domain.values import Attachment, Grade, RectificationPlan, Source, State
from hazard.service_layer import permissions
from hazard.service_layer.public_reports import UNGRADED_BASIS

TODAY = date(2026, 3, 10)


def public_report() -> Hazard:
    hazard = Hazard.report(
        hazard_id="h-9", ledger_no="140525-2026-03-0009", enterprise_id="ent-1", enterprise_name="丹源化工",
        jurisdiction_code="140525", source=Source.public_report, domain="hazardous_waste", grade=Grade.general,
        grade_basis=UNGRADED_BASIS, description="夜间向雨水沟排放废液", found_at=datetime(2026, 3, 9, tzinfo=timezone.utc))
    hazard.mark_saved()
    return hazard


def closed() -> Hazard:
    hazard = public_report()
    hazard.assign(responsible_unit="丹源化工", responsible_person="张丽娜", deadline=date(2026, 4, 30), today=TODAY)
    hazard.submit_plan(RectificationPlan("张丽娜", ("封堵暗管",), 1000, date(2026, 4, 30), "应急预案"), today=TODAY)
    hazard.complete(summary="已封堵", attachments=(Attachment("s3://x"),))
    hazard.pass_verification(opinion="整改到位")
    hazard.close(note="销号")
    hazard.mark_saved()
    return hazard


def test_a_public_report_found_major_on_checking_is_regraded_with_its_basis_and_previous_grade():
    hazard = public_report()
    hazard.regrade(grade=Grade.major, grade_basis="  现场核查: 暗管直排, 248号 第五条  ")
    assert hazard.pending_events == [HazardRegraded("h-9", Grade.major, Grade.general, "现场核查: 暗管直排, 248号 第五条")]
    assert hazard.grade is Grade.major and hazard.state is State.reported
    # From now on only the group leader may close it.
    assert permissions.close_command(hazard.grade) == "close:major"


def test_the_regraded_grade_survives_rehydration():
    hazard = public_report()
    hazard.regrade(grade=Grade.major, grade_basis="依据")
    again = Hazard.rehydrate("h-9", [*_reported_events(), *hazard.pending_events])
    assert again.grade is Grade.major and again.version == 2


def _reported_events():
    fresh = Hazard.report(
        hazard_id="h-9", ledger_no="140525-2026-03-0009", enterprise_id="ent-1", enterprise_name="丹源化工",
        jurisdiction_code="140525", source=Source.public_report, domain="hazardous_waste", grade=Grade.general,
        grade_basis=UNGRADED_BASIS, description="夜间向雨水沟排放废液", found_at=datetime(2026, 3, 9, tzinfo=timezone.utc))
    return fresh.pending_events


@pytest.mark.parametrize("basis", ["", "   "])
def test_a_regrade_without_basis_is_refused_naming_grade_basis(basis):
    hazard = public_report()
    with pytest.raises(InvalidInput) as error:
        hazard.regrade(grade=Grade.major, grade_basis=basis)
    assert [p.field for p in error.value.errors] == ["grade_basis"] and not hazard.pending_events


def test_a_public_reports_provisional_grade_is_confirmed_once_then_the_same_grade_is_refused_naming_grade():
    hazard = public_report()
    hazard.regrade(grade=Grade.general, grade_basis="现场核查属实, 属一般隐患")
    assert hazard.pending_events == [HazardRegraded("h-9", Grade.general, Grade.general, "现场核查属实, 属一般隐患")]
    with pytest.raises(InvalidInput) as error:
        hazard.regrade(grade=Grade.general, grade_basis="核查属实")
    assert [p.field for p in error.value.errors] == ["grade"] and "一般隐患" in error.value.detail


def test_an_inspection_hazards_grade_is_not_provisional_so_the_same_grade_is_refused():
    hazard = Hazard.report(
        hazard_id="h-10", ledger_no="140525-2026-03-0010", enterprise_id="ent-1", enterprise_name="丹源化工",
        jurisdiction_code="140525", source=Source.inspection, domain="hazardous_waste", grade=Grade.general,
        grade_basis="248号 第六条", description="危废标识不全", found_at=datetime(2026, 3, 9, tzinfo=timezone.utc))
    with pytest.raises(InvalidInput) as error:
        hazard.regrade(grade=Grade.general, grade_basis="核查属实")
    assert [p.field for p in error.value.errors] == ["grade"]


def test_a_closed_hazard_cannot_be_regraded_and_the_conflict_names_the_open_states():
    hazard = closed()
    with pytest.raises(Conflict) as error:
        hazard.regrade(grade=Grade.major, grade_basis="事后复核")
    assert error.value.extra["allowed_states"] == ["reported", "assigned", "rectifying", "verifying"]
    assert "重新定级" in error.value.detail


def who(*roles, code="140525", **kw):
    return Principal(subject="u", name="n", roles=frozenset(roles), jurisdiction=code, **kw)


@pytest.mark.parametrize("principal", [who("county_officer"), who("city_officer", code="140500"),
                                       who("group_leader", code="140500"), who("group_leader")],
                         ids=["county", "city", "city leader", "county leader"])
def test_the_bureau_and_the_group_leader_of_the_jurisdiction_regrade(principal):
    permissions.authorize(principal, "regrade", jurisdiction_code="140525", enterprise_id="e", park_id="p")


@pytest.mark.parametrize("principal", [
    who("county_officer", code="140581"), who("inspector"), who("command_center"),
    who("enterprise_user", enterprise_id="e"), who("park_operator", park_id="p"),
], ids=["other county", "inspector", "command center", "enterprise user", "park operator"])
def test_anyone_else_may_not_regrade(principal):
    with pytest.raises(Forbidden):
        permissions.authorize(principal, "regrade", jurisdiction_code="140525", enterprise_id="e", park_id="p")
