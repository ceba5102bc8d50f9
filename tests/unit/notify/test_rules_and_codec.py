"""Routing rule content checks, the aggregate's life, and the wire form of the notify events."""

import pytest

from ecosafe_kit.errors import Conflict
from notify.adapters.codec import CODEC
from notify.domain import events as ev
from notify.domain.rule import RoutingRule, problems_of
from notify.domain.values import Recipient, RuleSpec

VALID = RuleSpec(name="泽州县事件", jurisdiction_code="140525", event_types=("incident.reported",),
                 recipient_duty_positions=("duty_officer",), recipient_roles=("command_center",), urgent=True)


def test_a_valid_rule_has_no_problems():
    assert problems_of(VALID) == []


def test_every_bad_field_is_named_in_chinese():
    bad = RuleSpec(name=" ", jurisdiction_code="990000", event_types=("hazard.exploded",), grades=("huge",),
                   recipient_roles=("mayor",), recipient_duty_positions=("janitor",), recipient_parties=("neighbour",))
    fields = {p.field: p.message for p in problems_of(bad)}
    assert set(fields) == {"name", "jurisdiction_code", "event_types", "grades", "recipient_roles",
                           "recipient_duty_positions", "recipient_parties"}
    assert "未知的事件类型: hazard.exploded" in fields["event_types"]
    assert "990000" in fields["jurisdiction_code"]


def test_a_rule_needs_an_event_type_and_a_recipient():
    empty = RuleSpec(name="空", jurisdiction_code="140525", event_types=())
    fields = [p.field for p in problems_of(empty)]
    assert fields == ["event_types", "recipient_roles"]


def test_a_retired_rule_cannot_change_and_an_unchanged_rule_records_nothing():
    rule = RoutingRule.create("r-1", VALID)
    rule.mark_saved()
    assert rule.change(VALID) is False and rule.pending_events == []
    rule.retire("机构调整")
    with pytest.raises(Conflict):
        rule.change(VALID)


def test_rule_and_notification_events_survive_the_codec():
    routed = ev.NotificationRouted(
        notification_id="n-1", source_event_id="s-1", source_event_type="ecosafe.hazard.v1.HazardReported",
        event_type="hazard.reported", subject_id="h-1", jurisdiction_code="140525", title="标题", body="正文",
        link="http://x/hazards/h-1", urgent=True, drill=False,
        recipients=(Recipient("role", "county_officer", "140525", "角色 县局"), Recipient("user", "u-1", "", "用户")),
        matches=(ev.RuleMatch("r-1", "规则", 2, ("理由一", "理由二"), (0, 1)),))
    for event in (ev.RoutingRuleCreated("r-1", VALID), ev.RoutingRuleChanged("r-1", VALID),
                  ev.RoutingRuleRetired("r-1", "停用"), routed):
        assert CODEC.decode(*CODEC.encode(event)) == event
