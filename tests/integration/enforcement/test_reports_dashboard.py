"""The campaign dashboard (专项行动看板) on the real stack: coverage against the targets, zeroing of major hazards
(stock at the start, new, closed, open), overdue and penalties per bureau, as of today and as of last month's end,
and the campaign progress as of a past day."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from ecosafe.hazard.v1 import hazard_pb2 as pb
from enforcement.adapters.dates import SHANGHAI
from reports_world import BASIS, Hazards, World, last_month, this_month
from waiting import wait_for


@pytest.fixture
def world(client, users, unique) -> World:
    return World(client, users, unique, targets=(("coverage", "county", 100), ("sampling", "city", 20)))


def test_the_dashboard_shows_coverage_zeroing_overdue_and_penalties_now_and_as_of_last_month(
        world, client, kafka_bootstrap):
    hazards = Hazards(kafka_bootstrap)
    _, p = last_month()
    _, t = this_month()
    A, B, C = world.county_a, world.county_b, world.city
    a1, a2, b1 = world.enterprise(A), world.enterprise(A), world.enterprise(B)
    campaign_start = datetime(world.starts_on.year, world.starts_on.month, world.starts_on.day, tzinfo=SHANGHAI)

    stock = hazards.reported(a1, A, pb.HAZARD_SOURCE_SELF_INSPECTION, campaign_start - timedelta(days=5))
    hazards.closed(stock)  # 销号 now: in today's figures, not in last month's
    zeroed = hazards.reported(a1, A, pb.HAZARD_SOURCE_SELF_INSPECTION, campaign_start - timedelta(days=10))
    hazards.closed(zeroed, at=campaign_start - timedelta(days=8))  # zeroed before the campaign: no stock
    found_last_month = hazards.reported(a2, A, pb.HAZARD_SOURCE_PUBLIC_REPORT, p)
    hazards.overdue(found_last_month, a2, A)  # overdue now
    hazards.reported(b1, B, pb.HAZARD_SOURCE_SELF_INSPECTION, t)
    hazards.reported(b1, B, pb.HAZARD_SOURCE_SELF_INSPECTION, t, major=False)
    case = world.case(A, a2)
    world.act(A, case, "penalties", {"decision_no": f"罚{world.unique}", "legal_basis": BASIS,
                                     "enterprise_amount_yuan": "10000.00"})
    world.inspect(A, a1, p)
    world.inspect(A, a2, t)
    world.inspect(C, b1, t)

    url = f"/reports/campaigns/{world.campaign}/dashboard"
    today = datetime.now(SHANGHAI).date()
    last_day = today.replace(day=1) - timedelta(days=1)

    def figures(as_of=None) -> dict:
        answer = client.get(url, headers=world.city_officer, params={"as_of": as_of} if as_of else {})
        assert answer.status_code == 200, answer.text
        data = answer.json()
        return {b["jurisdiction_code"]: {k: b[k] for k in ("stock_at_start", "new", "closed", "open", "overdue",
                                                           "penalties", "penalty_wan_yuan")} for b in data["bureaus"]}

    zero = dict.fromkeys(("stock_at_start", "new", "closed", "open", "overdue", "penalties"), 0)
    now_expected = {
        C: {**zero, "penalty_wan_yuan": "0.00"},
        A: {**zero, "stock_at_start": 1, "new": 1, "closed": 1, "open": 1, "overdue": 1, "penalties": 1,
            "penalty_wan_yuan": "1.00"},
        B: {**zero, "new": 1, "open": 1, "penalty_wan_yuan": "0.00"}}
    wait_for(lambda: figures() == now_expected, timeout=120, interval=1)
    then_expected = {C: {**zero, "penalty_wan_yuan": "0.00"},
                     A: {**zero, "stock_at_start": 1, "new": 1, "open": 2, "penalty_wan_yuan": "0.00"},
                     B: {**zero, "penalty_wan_yuan": "0.00"}}
    assert figures(last_day.isoformat()) == then_expected

    data = client.get(url, headers=world.city_officer).json()
    assert data["totals"]["open"] == 2 and data["totals"]["penalty_wan_yuan"] == "1.00"
    coverage = {(t["kind"], t["level"]): {b["jurisdiction_code"]: (b["inspected"], b["in_scope"], b["met"])
                                          for b in t["bureaus"]} for t in data["targets"]}
    assert coverage[("coverage", "county")] == {A: (2, 2, True), B: (0, 1, False)}
    assert coverage[("sampling", "city")] == {C: (1, 3, True)}  # 1 of 3 ≥ 20%
    assert [c["percent"] for c in data["coverage"]] == [round(200 / 3, 2), round(100 / 3, 2)]
    assert data["series"][-1]["date"] == today.isoformat() and data["series"][-1]["open"] == 2
    assert data["series"][-2]["date"] == last_day.isoformat() and data["series"][-2]["open"] == 2
    assert data["series"][-2]["coverage"][0]["inspected"] == 1
    assert data["series"][-2]["bureaus"][A]["open"] == 2 and data["series"][-1]["bureaus"][A]["closed"] == 1

    # The campaign progress as of last month's end counts the inspections completed by then.
    progress = client.get(f"/campaigns/{world.campaign}/progress", headers=world.city_officer,
                          params={"as_of": last_day.isoformat()}).json()
    county = {b["jurisdiction_code"]: b["inspected"] for b in progress["targets"][0]["bureaus"]}
    assert county == {A: 1, B: 0} and progress["as_of"] == last_day.isoformat()

    page = client.get(f"{url}.html", headers=world.city_officer)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "专项行动看板" in page.text and page.text.count("<svg") == 4 and "县级全覆盖检查" in page.text
    too_early = client.get(url, headers=world.city_officer, params={"as_of": "2001-01-01"})
    assert too_early.status_code == 422 and too_early.json()["errors"][0]["field"] == "as_of"
