"""A plan may not pass the assigned deadline; only the assigning bureau extends it, as its own signed step."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from openpyxl import load_workbook

from hazard.service_layer.clock import FixedClock
from hazard.service_layer.hazards import HazardService
from hazard_helpers import etag, in_days, ok, plan_body, report_body


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def _assigned(client, users, enterprise, assigner, days=3, county="140525"):
    hazard_id = ok(client.post("/hazards", headers=users.inspector(county), json=report_body(enterprise)),
                   201)["hazard_id"]
    ok(client.post(f"/hazards/{hazard_id}/assignment", headers=assigner,
                   json={"responsible_unit": "丹源化工", "responsible_person": "张丽娜", "deadline": in_days(days)}))
    return hazard_id


def test_a_plan_whose_deadline_passes_the_assigned_one_is_422_and_writes_nothing(client, users, district):
    enterprise = E(district, "001")
    hazard_id = _assigned(client, users, enterprise, users.county())
    refused = client.post(f"/hazards/{hazard_id}/plan", headers=users.enterprise(enterprise),
                          json=plan_body(deadline=in_days(800)))
    assert refused.status_code == 422
    [problem] = refused.json()["errors"]
    assert problem["field"] == "plan.deadline" and in_days(3) in problem["message"]
    row = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert (row["state"], row["deadline"], row["version"]) == ("assigned", in_days(3), 2)
    ok(client.post(f"/hazards/{hazard_id}/plan", headers=users.enterprise(enterprise), json=plan_body(deadline=in_days(3))))


def test_the_assigning_bureau_extends_the_deadline_as_a_signed_step_the_ledger_and_trace_show(client, users, district):
    enterprise = E(district, "002")
    hazard_id = _assigned(client, users, enterprise, users.county())
    ok(client.post(f"/hazards/{hazard_id}/plan", headers=users.enterprise(enterprise), json=plan_body()))
    current = client.get(f"/hazards/{hazard_id}", headers=users.county())
    extended = client.post(f"/hazards/{hazard_id}/deadline-extension",
                           headers={**users.county(subject="u-wang-ext"), "If-Match": etag(current)},
                           json={"deadline": in_days(60), "reason": "防渗材料到货延迟, 企业书面申请"})
    assert extended.status_code == 200, extended.text
    row = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert (row["deadline"], row["deadline_extensions"], row["last_extension_reason"]) == (
        in_days(60), 1, "防渗材料到货延迟, 企业书面申请")
    history = ok(client.get(f"/hazards/{hazard_id}/history", headers=users.enterprise(enterprise)))["events"]
    step = history[-1]
    assert step["step"] == "整改延期" and step["signed_by"]["subject"] == "u-wang-ext"
    # The previous deadline is the bureau's (3 days), not the plan's earlier one (1 day).
    assert step["data"] == {"hazard_id": hazard_id, "previous_deadline": in_days(3), "deadline": in_days(60),
                            "reason": "防渗材料到货延迟, 企业书面申请"}
    trace = ok(client.get(f"/hazards/{hazard_id}/back-trace", headers=users.city()))
    assert [s["step"] for s in trace["steps"]][-1] == "整改延期" and trace["verified"]
    # The enterprise may now plan up to the new deadline, not beyond it.
    ok(client.post(f"/hazards/{hazard_id}/plan", headers=users.enterprise(enterprise), json=plan_body(deadline=in_days(50))))
    assert client.post(f"/hazards/{hazard_id}/plan", headers=users.enterprise(enterprise),
                       json=plan_body(deadline=in_days(61))).status_code == 422
    sheet = load_workbook(io.BytesIO(client.get("/ledger.xlsx", headers=users.county(),
                                                params={"enterprise_id": enterprise}).content)).active
    headers, values = list(sheet.iter_rows(values_only=True))[:2]
    assert dict(zip(headers, values))["整改延期次数"] == 1


def test_the_extension_is_the_deadline_before_the_previous_one_is_refused(client, users, district):
    enterprise = E(district, "003")
    hazard_id = _assigned(client, users, enterprise, users.county(), days=10)
    for body, field in (({"deadline": in_days(10), "reason": "r"}, "deadline"),
                        ({"deadline": in_days(5), "reason": "r"}, "deadline"),
                        ({"deadline": in_days(20), "reason": "  "}, "reason")):
        refused = client.post(f"/hazards/{hazard_id}/deadline-extension", headers=users.county(), json=body)
        assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == [field]


def test_only_the_assigning_bureau_or_a_superior_extends(client, users, district):
    enterprise = E(district, "004")
    body = {"deadline": in_days(30), "reason": "企业申请延期"}
    by_city = _assigned(client, users, enterprise, users.city())
    for headers, status in ((users.enterprise(enterprise), 403), (users.inspector(), 403),
                            (users.county("140525"), 403), (users.county("140581"), 404)):
        refused = client.post(f"/hazards/{by_city}/deadline-extension", headers=headers, json=body)
        assert refused.status_code == status, (headers, refused.text)
    forbidden = client.post(f"/hazards/{by_city}/deadline-extension", headers=users.county(), json=body).json()
    assert forbidden["assigning_jurisdiction"] == "140500"
    ok(client.post(f"/hazards/{by_city}/deadline-extension", headers=users.city(), json=body))
    by_county = _assigned(client, users, enterprise, users.county())
    ok(client.post(f"/hazards/{by_county}/deadline-extension", headers=users.city(), json=body))  # a superior
    assert ok(client.get(f"/hazards/{by_county}", headers=users.county()))["deadline"] == in_days(30)


def test_the_overdue_sweep_uses_the_extended_deadline(client, users, district, hazard_engine):
    enterprise = E(district, "005")
    hazard_id = _assigned(client, users, enterprise, users.county(), days=1)
    ok(client.post(f"/hazards/{hazard_id}/deadline-extension", headers=users.county(),
                   json={"deadline": in_days(10), "reason": "汛期施工受限"}))
    now = datetime.now(timezone.utc)
    assert HazardService(hazard_engine, FixedClock(now + timedelta(days=3))).sweep_overdue([hazard_id]) == []
    assert HazardService(hazard_engine, FixedClock(now + timedelta(days=12))).sweep_overdue([hazard_id]) == [hazard_id]
    assert ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))["overdue"] is True
