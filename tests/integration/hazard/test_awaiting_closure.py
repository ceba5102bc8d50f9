"""督查验收中 splits into awaiting inspection and passed-awaiting-销号; the plan and confirmations show everywhere."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from hazard_helpers import PHOTO, in_days, ok, plan_body, report_body


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def _to_verification(client, users, enterprise, *, confirm=False):
    headers = users.enterprise(enterprise)
    source = {"source": "self_inspection"} if confirm else {}
    reporter = headers if confirm else users.inspector()
    hazard_id = ok(client.post("/hazards", headers=reporter, json=report_body(enterprise, **source)), 201)["hazard_id"]
    if confirm:
        ok(client.post(f"/hazards/{hazard_id}/confirmations", headers=headers, json={"level": "principal"}))
        ok(client.post(f"/hazards/{hazard_id}/confirmations", headers=users.county(), json={"level": "bureau"}))
    ok(client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(),
                   json={"responsible_unit": "u", "responsible_person": "p", "deadline": in_days(3)}))
    ok(client.post(f"/hazards/{hazard_id}/plan", headers=headers, json=plan_body()))
    ok(client.post(f"/hazards/{hazard_id}/completion", headers=headers, json={"summary": "s", "attachments": [PHOTO]}))
    return hazard_id


def test_a_leader_lists_what_waits_for_closure_apart_from_what_waits_for_inspection(client, users, district):
    """`verifying` meant both "awaiting inspection" and "passed, awaiting closure"."""
    enterprise = E(district, "001")
    waiting = _to_verification(client, users, enterprise)
    passed = _to_verification(client, users, enterprise)
    ok(client.post(f"/hazards/{passed}/verification", headers=users.inspector(), json={"passed": True,
                                                                                       "opinion": "整改到位"}))
    leader = users.leader()
    base = {"enterprise_id": enterprise, "state": "verifying"}
    to_close = ok(client.get("/ledger", headers=leader, params={**base, "verification_passed": True}))["items"]
    to_inspect = ok(client.get("/ledger", headers=leader, params={**base, "verification_passed": False}))["items"]
    assert [r["hazard_id"] for r in to_close] == [passed] and [r["hazard_id"] for r in to_inspect] == [waiting]
    assert (to_close[0]["stage"], to_close[0]["stage_label"]) == ("awaiting_closure", "验收通过, 待销号")
    assert (to_inspect[0]["stage"], to_inspect[0]["stage_label"]) == ("awaiting_verification", "待督查验收")
    row = ok(client.get(f"/hazards/{passed}", headers=leader))
    assert (row["verification_passed"], row["verification_opinion"], row["stage"]) == (True, "整改到位",
                                                                                      "awaiting_closure")
    sheet = load_workbook(io.BytesIO(client.get("/ledger.xlsx", headers=leader,
                                                params={"enterprise_id": enterprise}).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    by_id = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert by_id[row["ledger_no"]]["状态"] == "验收通过, 待销号" and by_id[row["ledger_no"]]["督查验收通过"] == "是"
    other = ok(client.get(f"/hazards/{waiting}", headers=leader))["ledger_no"]
    assert by_id[other]["状态"] == "待督查验收" and by_id[other]["督查验收通过"] == "否"


def test_the_plan_and_each_confirmation_level_show_on_the_hazard_ledger_xlsx_and_back_trace(client, users, district):
    enterprise = E(district, "002")
    hazard_id = _to_verification(client, users, enterprise, confirm=True)
    ok(client.post(f"/hazards/{hazard_id}/verification", headers=users.inspector(), json={"passed": True,
                                                                                         "opinion": "整改到位"}))
    plan = {"owner": "张丽娜", "measures": ["更换防渗层", "设置导流沟"], "funding": 80000, "deadline": in_days(1),
            "contingency_plan": "渗漏应急处置预案(2026版)"}
    row = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    assert row["plan"] == plan
    assert row["confirmations"] == ["principal", "bureau"]
    assert row["confirmation_labels"] == ["企业主要负责人签字", "属地生态环境部门确认"]
    item = ok(client.get("/ledger", headers=users.county(), params={"enterprise_id": enterprise}))["items"][0]
    assert item["plan"] == plan and item["verification_passed"] is True
    sheet = load_workbook(io.BytesIO(client.get("/ledger.xlsx", headers=users.county(),
                                                params={"enterprise_id": enterprise}).content)).active
    headers, values = list(sheet.iter_rows(values_only=True))[:2]
    cells = dict(zip(headers, values))
    assert cells["整改方案 (五到位)"] == (f"责任: 张丽娜; 措施: 更换防渗层；设置导流沟; 资金: 80000 元; 时限: {in_days(1)}; "
                                      "预案: 渗漏应急处置预案(2026版)")
    assert cells["两级确认"] == "企业主要负责人签字、属地生态环境部门确认"
    trace = ok(client.get(f"/hazards/{hazard_id}/back-trace", headers=users.county()))
    assert trace["verification_passed"] is True and trace["plan"] == plan
    assert [c["label"] for c in trace["confirmations"]] == ["企业主要负责人签字", "属地生态环境部门确认"]
    step = next(s for s in trace["steps"] if s["step"] == "督查验收通过")
    assert step["detail"] == {"opinion": "整改到位"}
