"""Rule matching: every criterion, the prefix-aware jurisdiction, and a reason for each verdict."""

from notify.domain.matching import match
from notify.domain.recipients import addressed
from notify.domain.values import EventFacts, Recipient, RuleSpec

CITY_RULE = RuleSpec(name="全市重大隐患", jurisdiction_code="140500", event_types=("hazard.reported",),
                     grades=("major",), recipient_roles=("group_leader",))


def facts(**kw) -> EventFacts:
    base = {"event_type": "hazard.reported", "jurisdiction_code": "140525", "grade": "major", "domain": "chemicals",
            "park_id": "park-1", "enterprise_id": "e-1"}
    return EventFacts(**{**base, **kw})


def test_a_city_rule_covers_its_counties_and_says_so():
    verdict = match(CITY_RULE, facts())
    assert verdict.matched
    assert "辖区 140525 在规则辖区 140500 之内" in verdict.reasons
    assert any(r.startswith("隐患等级 重大 (major) 在规则所列") for r in verdict.reasons)


def test_a_county_rule_does_not_cover_another_county_or_its_city():
    county_rule = RuleSpec(name="泽州县", jurisdiction_code="140525", event_types=("hazard.reported",),
                           recipient_roles=("county_officer",))
    assert not match(county_rule, facts(jurisdiction_code="140524")).matched
    assert not match(county_rule, facts(jurisdiction_code="140500")).matched
    assert match(county_rule, facts(jurisdiction_code="140525100")).matched  # a town of the county


def test_each_criterion_that_fails_is_named():
    verdict = match(CITY_RULE, facts(grade="general"))
    assert not verdict.matched
    assert "隐患等级 一般 (general) 不在规则所列 [重大 (major)] 之中" in verdict.reasons
    other_type = match(CITY_RULE, facts(event_type="hazard.closed"))
    assert not other_type.matched and any("事件类型 隐患销号 (hazard.closed) 不在" in r for r in other_type.reasons)


def test_park_enterprise_and_domain_criteria_narrow_the_rule():
    narrow = RuleSpec(name="园区企业", jurisdiction_code="140500", event_types=("hazard.overdue",),
                      domains=("chemicals",), park_ids=("park-1",), enterprise_ids=("e-1", "e-2"),
                      recipient_parties=("park",))
    assert match(narrow, facts(event_type="hazard.overdue")).matched
    assert not match(narrow, facts(event_type="hazard.overdue", park_id=None)).matched
    assert not match(narrow, facts(event_type="hazard.overdue", enterprise_id="e-3")).matched
    assert not match(narrow, facts(event_type="hazard.overdue", domain="waste")).matched


def test_an_event_without_a_valid_jurisdiction_matches_nothing():
    assert not match(CITY_RULE, facts(jurisdiction_code="")).matched


def test_recipients_of_roles_users_parties_and_duty_positions_with_what_reached_nobody():
    spec = RuleSpec(name="逾期", jurisdiction_code="140500", event_types=("hazard.overdue",),
                    recipient_roles=("county_officer",), recipient_users=("u-1",),
                    recipient_duty_positions=("duty_officer", "leader"),
                    recipient_parties=("enterprise", "assigner", "park"))
    on_duty = {"duty_officer": [Recipient("user", "u-duty", "", "值班员 张三")]}
    found, unreached = addressed(spec, facts(park_id=None, party_users={"assigner": "u-boss"}),
                                 lambda code, position: on_duty.get(position, []))
    assert [(r.kind, r.value) for r in found] == [
        ("role", "county_officer"), ("user", "u-1"), ("user", "u-duty"), ("enterprise", "e-1"), ("user", "u-boss")]
    assert found[0].jurisdiction_code == "140525"
    assert unreached == ["带班领导: 辖区 140525 此刻无人值班", "所在园区: 该事件没有"]
