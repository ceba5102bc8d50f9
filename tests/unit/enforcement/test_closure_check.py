"""Seed 003's closure rule checked periodically: which enterprise is due and which case carries the proposal."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from enforcement.domain import case_rules as rules

NOW = datetime(2026, 7, 15, 2, 0, tzinfo=timezone.utc)
DAY = timedelta(days=1)


def major(found_days_ago: int, **overrides) -> rules.HazardState:
    values = dict(hazard_id="h-1", enterprise_id="e-1", source="inspection", grade="major", status="open",
                  found_at=NOW - found_days_ago * DAY, deadline=None, overdue=False)
    values.update(overrides)
    return rules.HazardState(**values)


def case(case_id: str, opened_days_ago: int, penalised_days_ago: int | None = None, open: bool = True,
         closure: str | None = None) -> rules.CaseStanding:
    return rules.CaseStanding(case_id, open, NOW - opened_days_ago * DAY,
                              None if penalised_days_ago is None else NOW - penalised_days_ago * DAY, closure)


def standing(hazards=(major(100),), decisions=2, cases=(case("k-1", 80, 60), case("k-2", 70, 50)),
             last_proposal_days_ago: int | None = None) -> rules.ClosureStanding:
    return rules.ClosureStanding("e-1", tuple(hazards), decisions, tuple(cases),
                                 None if last_proposal_days_ago is None else NOW - last_proposal_days_ago * DAY)


def test_a_hazard_long_standing_since_the_last_penalty_is_due_on_the_case_of_that_penalty():
    assert rules.closure_due_periodically(standing(), NOW) == "k-2"


def test_not_due_without_repeated_penalties_or_a_long_standing_open_major_hazard():
    assert rules.closure_due_periodically(standing(decisions=1), NOW) is None
    assert rules.closure_due_periodically(standing(hazards=[major(89)]), NOW) is None
    assert rules.closure_due_periodically(standing(hazards=[major(100, grade="general")]), NOW) is None
    assert rules.closure_due_periodically(standing(hazards=[major(100, status="closed")]), NOW) is None
    assert rules.closure_due_periodically(standing(hazards=[major(89)]), NOW + DAY) == "k-2"  # a day on, it is


def test_not_due_while_a_proposal_awaits_the_government_or_after_a_closure_decision_on_any_case():
    for state in ("proposed", "decided"):
        assert rules.closure_due_periodically(standing(cases=[case("k-1", 80, 60, closure=state),
                                                              case("k-2", 70, 50)]), NOW) is None


def test_a_declined_or_withdrawn_proposal_is_not_made_again_until_a_new_penalty():
    for state in ("declined", "withdrawn"):
        answered = [case("k-1", 80, 60), case("k-2", 70, 50, closure=state)]
        assert rules.closure_due_periodically(standing(cases=answered, last_proposal_days_ago=40), NOW) is None
        penalised_since = [case("k-1", 80, 10), case("k-2", 70, 50, closure=state)]
        assert rules.closure_due_periodically(standing(cases=penalised_since, last_proposal_days_ago=40), NOW) == "k-1"


def test_the_carrier_is_the_case_of_the_latest_penalty_else_the_latest_open_case_else_none():
    assert rules.closure_carrier((case("k-1", 80, 10), case("k-2", 70, 50), case("k-3", 5))) == "k-1"
    assert rules.closure_carrier((case("k-1", 80, 10, open=False), case("k-2", 70, 50), case("k-3", 5))) == "k-3"
    assert rules.closure_carrier((case("k-1", 80, 10, open=False), case("k-2", 70, 50, open=False))) is None
    assert rules.closure_due_periodically(standing(cases=[case("k-1", 80, 60, open=False),
                                                          case("k-2", 70, 50, open=False)]), NOW) is None
