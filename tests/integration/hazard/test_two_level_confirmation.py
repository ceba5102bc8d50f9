"""两级确认 (seed 003): principal, then parent enterprise, then bureau; the parent enterprise reads what it confirms."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from hazard_helpers import in_days, ok, report_body

ASSIGNMENT = {"responsible_unit": "丹源化工", "responsible_person": "张丽娜", "deadline": in_days(5)}


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def _confirm(client, headers, hazard_id, level):
    return client.post(f"/hazards/{hazard_id}/confirmations", headers=headers, json={"level": level})


def test_a_self_found_major_hazard_is_assigned_only_after_principal_parent_and_bureau(client, users, district):
    child, parent = E(district, "013"), E(district, "012")
    hazard_id = ok(client.post("/hazards", headers=users.enterprise(child), json=report_body(
        child, source="self_inspection")), 201)["hazard_id"]
    early = client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(), json=ASSIGNMENT)
    assert early.status_code == 409 and early.json()["missing"] == ["principal", "parent", "bureau"]
    row = ok(client.get(f"/hazards/{hazard_id}", headers=users.enterprise(child)))
    assert row["confirmation_required"] is True and row["confirmations_missing"] == ["principal", "parent", "bureau"]
    ok(_confirm(client, users.enterprise(child), hazard_id, "principal"))
    before_parent = _confirm(client, users.county(), hazard_id, "bureau")
    assert before_parent.status_code == 409 and before_parent.json()["missing"] == ["parent"]
    assert "上级主体企业确认" in before_parent.json()["detail"]
    ok(_confirm(client, users.enterprise(parent), hazard_id, "parent"))
    still = client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(), json=ASSIGNMENT)
    assert still.status_code == 409 and still.json()["missing"] == ["bureau"]
    ok(_confirm(client, users.county(), hazard_id, "bureau"))
    assert ok(client.get(f"/hazards/{hazard_id}", headers=users.enterprise(parent)))["confirmations_missing"] == []
    assert ok(client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(), json=ASSIGNMENT))["state"] == \
        "assigned"
    steps = [s["step"] for s in ok(client.get(f"/hazards/{hazard_id}/back-trace", headers=users.county()))["steps"]]
    assert steps == ["发现", "隐患确认 (企业主要负责人签字)", "隐患确认 (上级主体企业确认)", "隐患确认 (属地生态环境部门确认)", "交办"]


def test_without_a_parent_enterprise_principal_then_bureau_suffice(client, users, district):
    enterprise = E(district, "014")
    hazard_id = ok(client.post("/hazards", headers=users.enterprise(enterprise), json=report_body(
        enterprise, source="self_inspection")), 201)["hazard_id"]
    ok(_confirm(client, users.enterprise(enterprise), hazard_id, "principal"))
    assert _confirm(client, users.token("admin"), hazard_id, "parent").status_code == 409  # no parent to confirm
    ok(_confirm(client, users.county(), hazard_id, "bureau"))
    ok(client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(), json=ASSIGNMENT))


def test_an_inspection_hazard_and_a_self_found_general_one_need_no_confirmation(client, users, district):
    enterprise = E(district, "015")
    inspected = ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise)), 201)["hazard_id"]
    ok(client.post(f"/hazards/{inspected}/assignment", headers=users.county(), json=ASSIGNMENT))
    general = ok(client.post("/hazards", headers=users.enterprise(enterprise), json=report_body(
        enterprise, source="self_inspection", grade="general", grade_basis="一般隐患")), 201)["hazard_id"]
    ok(client.post(f"/hazards/{general}/assignment", headers=users.county(), json=ASSIGNMENT))


def test_the_parent_enterprise_reads_its_subsidiaries_hazards_history_and_ledger(client, users, district):
    """Its user could confirm at the parent level but got 403 on the hazard, its history and the ledger."""
    parent, child, other_county_child = E(district, "012"), E(district, "013"), E(district, "026", "140581")
    stranger = E(district, "014")
    ids = {}
    for enterprise in (child, other_county_child, stranger):
        ids[enterprise] = ok(client.post("/hazards", headers=users.enterprise(enterprise), json=report_body(
            enterprise, source="self_inspection")), 201)["hazard_id"]
    reader = users.enterprise(parent)
    for enterprise in (child, other_county_child):
        hazard_id = ids[enterprise]
        assert ok(client.get(f"/hazards/{hazard_id}", headers=reader))["enterprise_id"] == enterprise
        assert len(ok(client.get(f"/hazards/{hazard_id}/history", headers=reader))["events"]) == 1
        assert ok(client.get(f"/hazards/{hazard_id}/back-trace", headers=reader))["verified"]
    assert client.get(f"/hazards/{ids[stranger]}", headers=reader).status_code == 404
    page = ok(client.get("/ledger", headers=reader, params={"size": 500}))
    assert {r["hazard_id"] for r in page["items"]} == {ids[child], ids[other_county_child]}
    sheet = load_workbook(io.BytesIO(client.get("/ledger.xlsx", headers=reader).content)).active
    assert len(list(sheet.iter_rows(values_only=True))) == 3
    found = ok(client.get("/enterprises", headers=reader))["items"]
    assert {e["enterprise_id"] for e in found} == {parent, child, other_county_child}
    # Reading is not acting: the subsidiary plans and rectifies its own hazards.
    ok(_confirm(client, users.enterprise(child), ids[child], "principal"))
    ok(_confirm(client, reader, ids[child], "parent"))
    assert client.post(f"/hazards/{ids[child]}/progress", headers=reader, json={"note": "n", "percent": 5}
                       ).status_code == 403
    # A subsidiary does not read its parent's hazards.
    parents_own = ok(client.post("/hazards", headers=reader, json=report_body(parent, source="self_inspection")),
                     201)["hazard_id"]
    assert client.get(f"/hazards/{parents_own}", headers=users.enterprise(child)).status_code == 404
