"""The protobuf codec round-trips every hazard event; the permission table refuses the wrong role or area."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import Forbidden, NotFound
from hazard.adapters.codec import CODEC, deadline_instant
from hazard.domain import events as ev
from hazard.domain.values import Attachment, ConfirmationLevel, Grade, Source
from hazard.service_layer import permissions

SAMPLES = [
    ev.HazardReported("h", "140525-2026-03-0001", "e", "丹源化工", "140525", Source.public_report, "hazardous_waste",
                      Grade.major, "依据", "描述", datetime(2026, 3, 1, 8, tzinfo=timezone.utc), site="暂存库",
                      campaign_id="c", finding_id="f", attachments=(Attachment("s3://x", "照片", "image/jpeg", "0" * 64),),
                      referred_by="市局"),
    ev.HazardReported("h", "n", "e", "n", "140525", Source.inspection, "x", Grade.general, "b", "d",
                      datetime(2026, 3, 1, tzinfo=timezone.utc)),
    ev.HazardAssigned("h", "单位", "人", date(2026, 4, 30), "尽快"),
    ev.RectificationPlanSubmitted("h", "人", ("a", "b"), 12345, date(2026, 5, 1), "预案"),
    ev.RectificationProgressed("h", "进展", 40, ()),
    ev.RectificationCompleted("h", "完成", (Attachment("s3://y"),)),
    ev.VerificationPassed("h", "通过"),
    ev.VerificationFailed("h", ("原因1", "原因2")),
    ev.HazardClosed("h", "销号"),
    ev.HazardOverdue("h", date(2026, 4, 30), "n", "140525", "e"),
    ev.HazardListed("h", "分局", "理由", "督办人"),
    ev.HazardConfirmed("h", ConfirmationLevel.bureau, "确认"),
    ev.HazardRegraded("h", Grade.major, Grade.general, "核查确认危废库防渗失效, 248号 第三条"),
    ev.HazardReported("h", "n", "e", "n", "140525", Source.inspection, "pollution_control", Grade.general, "b", "d",
                      datetime(2026, 3, 1, tzinfo=timezone.utc), pool_review_id="r-1"),
]


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: type(e).__name__)
def test_every_hazard_event_round_trips_through_protobuf(event):
    event_type, payload = CODEC.encode(event)
    assert event_type == f"ecosafe.hazard.v1.{type(event).__name__}"
    assert CODEC.decode(event_type, payload) == event


def test_a_deadline_is_the_end_of_its_day_in_shanghai_stored_in_utc():
    assert deadline_instant(date(2026, 4, 30)) == datetime(2026, 4, 30, 15, 59, 59, tzinfo=timezone.utc)


def county(*roles, code="140525", **kw):
    return Principal(subject="u", name="n", roles=frozenset(roles), jurisdiction=code, **kw)


def test_a_county_officer_may_assign_in_their_county_only():
    permissions.authorize(county("county_officer"), "assign", jurisdiction_code="140525", enterprise_id="e")
    with pytest.raises(Forbidden):
        permissions.authorize(county("county_officer"), "assign", jurisdiction_code="140581", enterprise_id="e")


def test_a_city_officer_reaches_every_county_of_the_city():
    permissions.authorize(county("city_officer", code="140500"), "assign", jurisdiction_code="140581",
                          enterprise_id="e")


def test_an_enterprise_user_acts_only_for_their_enterprise_and_never_assigns():
    user = county("enterprise_user", enterprise_id="e1")
    permissions.authorize(user, "submit_plan", jurisdiction_code="140525", enterprise_id="e1")
    with pytest.raises(Forbidden):
        permissions.authorize(user, "submit_plan", jurisdiction_code="140525", enterprise_id="e2")
    with pytest.raises(Forbidden):
        permissions.authorize(user, "assign", jurisdiction_code="140525", enterprise_id="e1")


def test_only_a_group_leader_of_the_jurisdiction_closes_a_major_hazard():
    command = permissions.close_command(Grade.major)
    with pytest.raises(Forbidden) as error:
        permissions.authorize(county("county_officer"), command, jurisdiction_code="140525", enterprise_id="e")
    assert "领导小组组长" in error.value.detail
    permissions.authorize(county("group_leader", code="140500"), command, jurisdiction_code="140525",
                          enterprise_id="e")
    with pytest.raises(Forbidden):
        permissions.authorize(county("group_leader", code="140581"), command, jurisdiction_code="140525",
                              enterprise_id="e")


def test_a_county_officer_closes_a_general_hazard():
    permissions.authorize(county("county_officer"), permissions.close_command(Grade.general),
                          jurisdiction_code="140525", enterprise_id="e")


def test_a_park_operator_reads_the_hazards_of_its_park_only_and_changes_nothing():
    operator = Principal(subject="u", name="n", roles=frozenset({"park_operator"}), jurisdiction="140525",
                         park_id="park-zz-chem")
    permissions.authorize_read(operator, "h-1", jurisdiction_code="140525", enterprise_id="e", park_id="park-zz-chem")
    for park in ("park-gp-newmat", None):
        with pytest.raises(NotFound):  # out of reach reads like an unknown hazard
            permissions.authorize_read(operator, "h-1", jurisdiction_code="140525", enterprise_id="e", park_id=park)
    for command in ("assign", "submit_plan", "verify", "close:general", "list", "regrade", "report:self_inspection"):
        with pytest.raises(Forbidden):
            permissions.authorize(operator, command, jurisdiction_code="140525", enterprise_id="e",
                                  park_id="park-zz-chem")


def test_a_parent_enterprise_reads_its_subsidiarys_hazard_and_no_one_elses():
    parent = Principal(subject="u", name="n", roles=frozenset({"enterprise_user"}), jurisdiction="140525",
                       enterprise_id="e-parent")
    permissions.authorize_read(parent, "h-1", jurisdiction_code="140581", enterprise_id="e-child", park_id=None,
                               parent_enterprise_id="e-parent")
    for parent_of_record in ("e-other", None):
        with pytest.raises(NotFound):
            permissions.authorize_read(parent, "h-1", jurisdiction_code="140581", enterprise_id="e-child",
                                       park_id=None, parent_enterprise_id=parent_of_record)


def test_a_token_without_any_reach_gets_the_unknown_hazards_404():
    nobody = Principal(subject="u", name="n", roles=frozenset({"enterprise_user"}))
    with pytest.raises(NotFound) as caught:
        permissions.authorize_read(nobody, "h-1", jurisdiction_code="140525", enterprise_id="e", park_id=None)
    assert caught.value.detail == "隐患不存在: h-1"
