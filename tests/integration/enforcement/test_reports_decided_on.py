"""Case measures counted on the day they were decided (decided_on), not the day a bureau entered them: a penalty
decided last month and entered this month lands in last month's table, flagged as entered late; bad dates refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from enforcement.adapters.dates import SHANGHAI, day_start
from reports_world import BASIS, World, last_month, this_month, zeros


@pytest.fixture
def world(client, users, unique) -> World:
    return World(client, users, unique)


def _post(world: World, bureau: str, path: str, body: dict, if_match: str | None = None):
    headers = {**world.officers[bureau], **({"If-Match": if_match} if if_match else {})}
    return world.client.post(path, headers=headers, json=body)


def test_a_penalty_decided_last_month_and_entered_now_counts_last_month_and_is_flagged_late(world, client):
    past, p = last_month()
    month, _ = this_month()
    A = world.county_a
    a1, a2 = world.enterprise(A), world.enterprise(A)
    decided = p.astimezone(SHANGHAI).date()  # the 15th of last month

    # Last month's table is generated (the bureau sent it) before the penalty is entered.
    world.settle(past, {(A, "unit"): zeros()})
    first = world.table(past, A)
    assert first["final"] and first["first_generated_at"] and first["late_entries"] == []

    # The case was opened on the 15th and the penalty decided on the 17th of last month, both entered only now;
    # another penalty entered now without a date counts today.
    opened = _post(world, A, "/cases", {"enterprise_id": a1, "origin": "direct", "legal_basis": BASIS,
                                        "description": "上月立案, 本月补录", "decided_on": decided.isoformat()})
    assert opened.status_code == 201, opened.text
    case_id = opened.json()["case_id"]
    penalty_day = decided + timedelta(days=2)
    fined = _post(world, A, f"/cases/{case_id}/penalties", {
        "decision_no": f"罚{world.unique}-上月", "legal_basis": BASIS, "enterprise_amount_yuan": "15000.00",
        "decided_on": penalty_day.isoformat()})
    assert fined.status_code == 200, fined.text
    world.act(A, world.case(A, a2), "penalties", {"decision_no": f"罚{world.unique}-本月", "legal_basis": BASIS,
                                                    "enterprise_amount_yuan": "5000.00"})

    # Last month shows it (and the reconciliation with the events agrees); this month's table is cumulative.
    world.settle(past, {(A, "unit"): {**zeros(), "3-3": 1, "3-3-amount": "1.50"}})
    world.settle(month, {(A, "unit"): {**zeros(), "3-3": 2, "3-3-amount": "2.00"}})
    regenerated = world.table(past, A)
    assert regenerated["regenerated"] and regenerated["first_generated_at"] == first["first_generated_at"]
    assert [(e["id"], sorted(e["figures"])) for e in regenerated["late_entries"]] == [(case_id, ["3-3", "3-3-amount"])]
    row = regenerated["sections"][2]["rows"][2]
    assert row["text"] == "1次，1.50万元" and row["figures"][0]["late"] == 1

    drill = client.get(f"/reports/campaigns/{world.campaign}/dispatch/figures/3-3", headers=world.city_officer,
                       params={"month": past, "unit": A})
    assert drill.status_code == 200, drill.text
    [item] = drill.json()["items"]
    assert item["id"] == case_id and item["late"] and item["decision_no"] == f"罚{world.unique}-上月"
    assert datetime.fromisoformat(item["happened_at"]) == day_start(penalty_day)
    assert datetime.fromisoformat(item["entered_at"]).astimezone(SHANGHAI).date() == datetime.now(SHANGHAI).date()
    page = client.get(f"/reports/campaigns/{world.campaign}/dispatch.html", headers=world.city_officer,
                      params={"month": past, "unit": A}).text
    assert "补录" in page

    # The case shows the days: opened, the penalty, its measures and history.
    case = client.get(f"/cases/{case_id}", headers=world.officers[A]).json()
    assert case["decided_on"] == decided.isoformat()
    assert [p["decided_on"] for p in case["penalties"]] == [penalty_day.isoformat()]
    history = client.get(f"/cases/{case_id}/history", headers=world.officers[A]).json()["entries"]
    assert [(e["event_type"], e["decided_on"]) for e in history] == [
        ("CaseOpened", decided.isoformat()), ("PenaltyImposed", penalty_day.isoformat())]


def test_a_decision_after_today_or_before_the_case_is_refused_and_nothing_is_written(world, client):
    A = world.county_a
    a1 = world.enterprise(A)
    today = datetime.now(SHANGHAI).date()
    tomorrow = (today + timedelta(days=1)).isoformat()
    base = {"enterprise_id": a1, "origin": "direct", "legal_basis": BASIS, "description": "案情"}

    # 立案 dated tomorrow: refused, no case.
    refused = _post(world, A, "/cases", {**base, "decided_on": tomorrow})
    assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == ["decided_on"]
    assert client.get("/cases", headers=world.officers[A], params={"enterprise_id": a1}).json()["total"] == 0

    # 立案 from a finding, dated before the inspection found it: refused.
    found = today - timedelta(days=3)
    finding = world.inspect(A, a1, day_start(found) + timedelta(hours=10), finding=True)
    early = _post(world, A, "/cases", {**base, "origin": "inspection", "finding_id": finding,
                                       "decided_on": (found - timedelta(days=1)).isoformat()})
    assert early.status_code == 422 and [e["field"] for e in early.json()["errors"]] == ["decided_on"]
    assert client.get("/cases", headers=world.officers[A], params={"enterprise_id": a1}).json()["total"] == 0

    opened = _post(world, A, "/cases", {**base, "origin": "inspection", "finding_id": finding,
                                        "decided_on": found.isoformat()})
    assert opened.status_code == 201, opened.text
    case_id, etag = opened.json()["case_id"], opened.headers["ETag"]

    # A penalty after today, a suspension and a closing before the case was opened: each refused, nothing written.
    for path, body in (("penalties", {"decision_no": "罚1", "legal_basis": BASIS, "enterprise_amount_yuan": "100",
                                      "decided_on": tomorrow}),
                       ("suspension", {"reason": "停产", "decided_on": (found - timedelta(days=1)).isoformat()}),
                       ("closing", {"conclusion": "结", "decided_on": date(2020, 1, 1).isoformat()}),
                       ("suspension", {"reason": "停产", "decided_on": "2026-13-01"})):
        answer = _post(world, A, f"/cases/{case_id}/{path}", body, etag)
        assert answer.status_code == 422, (path, answer.text)
        assert [e["field"].split(".")[-1] for e in answer.json()["errors"]] == ["decided_on"], answer.json()
    case = client.get(f"/cases/{case_id}", headers=world.officers[A])
    assert case.headers["ETag"] == etag and case.json()["penalties"] == [] and case.json()["measures"] == []
    assert len(client.get(f"/cases/{case_id}/history", headers=world.officers[A]).json()["entries"]) == 1

    # The same day the case was opened is fine; left out, the measure is dated today.
    ordered = _post(world, A, f"/cases/{case_id}/suspension", {"reason": "停产", "decided_on": found.isoformat()}, etag)
    assert ordered.status_code == 200, ordered.text
    exposed = _post(world, A, f"/cases/{case_id}/exposures", {"channel": "网站", "note": "曝光"},
                    ordered.headers["ETag"])
    assert exposed.status_code == 200, exposed.text
    measures = client.get(f"/cases/{case_id}", headers=world.officers[A]).json()["measures"]
    assert [(m["kind"], m["details"]["decided_on"]) for m in measures] == [
        ("SuspensionOrdered", found.isoformat()), ("CaseExposed", today.isoformat())]
