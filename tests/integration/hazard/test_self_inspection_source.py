"""企业自查 is the enterprise's own finding: its own users register it, or an officer on its behalf, marked as such."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from hazard_helpers import ok, report_body


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def _fields(response) -> list[str]:
    return [e["field"] for e in response.json()["errors"]]


def test_an_officer_cannot_register_a_self_inspection_signed_as_themselves(client, users, district):
    """Officers could, and it counted as 企业自查 in the monthly dispatch table."""
    enterprise = E(district, "001")
    body = report_body(enterprise, source="self_inspection", grade="general", grade_basis="一般")
    for headers in (users.county(), users.city()):
        refused = client.post("/hazards", headers=headers, json=body)
        assert refused.status_code == 422 and "source" in _fields(refused), refused.text
    for headers in (users.inspector(), users.leader()):
        refused = client.post("/hazards", headers=headers, json=body)
        assert refused.status_code == 403 and refused.json()["field"] == "source"
        assert refused.json()["command"] == "report:self_inspection"
    assert client.post("/hazards", headers=users.enterprise(E(district, "002")), json=body).status_code == 403
    assert ok(client.get("/ledger", headers=users.county(), params={"enterprise_id": enterprise}))["total"] == 0


def test_an_officer_records_it_on_the_enterprises_behalf_and_the_ledger_says_so(client, users, district):
    enterprise = E(district, "003")
    body = report_body(enterprise, source="self_inspection", grade="general", grade_basis="一般",
                       on_behalf_of="安全员刘洋 (电话报告)")
    hazard_id = ok(client.post("/hazards", headers=users.county(subject="u-wang-obo"), json=body), 201)["hazard_id"]
    row = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert (row["source"], row["on_behalf_of"]) == ("self_inspection", "安全员刘洋 (电话报告)")
    reported = ok(client.get(f"/hazards/{hazard_id}/history", headers=users.county()))["events"][0]
    assert reported["data"]["on_behalf_of"] == "安全员刘洋 (电话报告)" and reported["signed_by"]["subject"] == "u-wang-obo"
    sheet = load_workbook(io.BytesIO(client.get("/ledger.xlsx", headers=users.county(),
                                                params={"enterprise_id": enterprise}).content)).active
    assert list(sheet.iter_rows(values_only=True))[1][3] == "企业自查 (部门代录, 企业报告人: 安全员刘洋 (电话报告))"


def test_on_behalf_of_is_only_for_an_officer_recording_a_self_inspection(client, users, district):
    enterprise = E(district, "004")
    own = client.post("/hazards", headers=users.enterprise(enterprise), json=report_body(
        enterprise, source="self_inspection", on_behalf_of="自己"))
    assert own.status_code == 422 and _fields(own) == ["on_behalf_of"]
    inspection = client.post("/hazards", headers=users.inspector(), json=report_body(enterprise, on_behalf_of="某人"))
    assert inspection.status_code == 422 and _fields(inspection) == ["on_behalf_of"]
    mine = ok(client.post("/hazards", headers=users.enterprise(enterprise), json=report_body(
        enterprise, source="self_inspection")), 201)["hazard_id"]
    assert ok(client.get(f"/hazards/{mine}", headers=users.county()))["on_behalf_of"] == ""
