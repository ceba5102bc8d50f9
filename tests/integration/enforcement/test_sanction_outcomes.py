"""What answers or lifts a sanction, through the HTTP API on the real stack: the people's government's closure
decision (the enterprise stays in the register, visibly closed, and takes no changes or inspections), its declining,
the bureau withdrawing a proposal, 恢复生产 after a suspension, and credit repair off the blacklist."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone

import pytest

from ecosafe_kit.auth.principal import Principal, Role
from ecosafe_kit.errors import Conflict
from enforcement.domain.blacklist import MINIMUM_LISTING
from enforcement.service_layer.cases import Cases
from enforcement_register import enterprise_body


def register(client, users, **overrides) -> str:
    created = client.post("/enterprises", json=enterprise_body(jurisdiction_code="140525", **overrides),
                          headers=users.county("140525"))
    assert created.status_code == 201, created.text
    return created.json()["enterprise_id"]


def open_case(client, headers, enterprise_id) -> str:
    opened = client.post("/cases", headers=headers, json={
        "enterprise_id": enterprise_id, "origin": "direct", "legal_basis": "《中华人民共和国安全生产法》第一百一十三条",
        "description": "重大事故隐患长期存在, 多次处罚仍未整改"})
    assert opened.status_code == 201, opened.text
    return opened.json()["case_id"]

DECISION = {"government": "泽州县人民政府", "document_no": "泽政发〔2026〕12号", "decided_on": "2026-07-01",
            "attachment_uri": "https://files.example.cn/zz/2026-12.pdf", "attachment_name": "责令关闭决定书.pdf"}


def _post(client, path, headers, body, version):
    return client.post(path, headers={**headers, "If-Match": f'"{version}"'}, json=body)


def _proposed(client, officer, firm) -> str:
    case_id = open_case(client, officer, firm)
    proposed = _post(client, f"/cases/{case_id}/closure-proposal", officer,
                     {"reason": "重大事故隐患长期存在并多次受到处罚", "principal_industry_ban": True}, 1)
    assert proposed.status_code == 200, proposed.text
    return case_id


def test_a_closure_decision_closes_the_enterprise_which_stays_visible_and_takes_no_changes_or_inspections(
        client, users):
    firm = register(client, users, name="泽州县关闭测试化工有限公司")
    officer = users.county("140525", name="泽州王科长")
    case_id = open_case(client, officer, firm)
    unproposed = _post(client, f"/cases/{case_id}/closure-decision", officer, DECISION, 1)
    assert unproposed.status_code == 409 and unproposed.headers["content-type"].startswith("application/problem+json")
    assert _post(client, f"/cases/{case_id}/closure-proposal", officer,
                 {"reason": "长期存在", "principal_industry_ban": True}, 1).status_code == 200

    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    bad = _post(client, f"/cases/{case_id}/closure-decision", officer,
                {**DECISION, "government": " ", "decided_on": tomorrow, "attachment_uri": "ftp://x/y"}, 2)
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
    assert {e["field"] for e in bad.json()["errors"]} == {"government", "decided_on", "attachment_uri"}
    missing = _post(client, f"/cases/{case_id}/closure-decision", officer, {"government": "泽州县人民政府",
                                                                            "decided_on": "2026-07-01"}, 2)
    assert missing.status_code == 422 and "document_no" in str(missing.json()["errors"])
    assert _post(client, f"/cases/{case_id}/closure-decision", users.enterprise(firm), DECISION, 2).status_code == 403
    assert _post(client, f"/cases/{case_id}/closure-decision", users.county("140581"), DECISION, 2).status_code == 404
    assert _post(client, f"/cases/{case_id}/closure-decision", users.inspector(), DECISION, 2).status_code == 403
    assert client.get(f"/cases/{case_id}", headers=officer).json()["version"] == 2  # nothing written

    with ThreadPoolExecutor(max_workers=3) as pool:  # three clerks record the same decision at once
        answers = sorted(pool.map(lambda n: _post(client, f"/cases/{case_id}/closure-decision", officer, DECISION,
                                                  2).status_code, range(3)))
    assert answers[0] == 200 and set(answers[1:]) <= {409, 412}, answers

    case = client.get(f"/cases/{case_id}", headers=officer).json()
    assert case["closure_status"] == "decided" and not case["closure_proposed"] and case["version"] == 3
    assert case["closure_decision"]["document_no"] == "泽政发〔2026〕12号"
    assert case["measures"][-1]["kind"] == "ClosureDecided"
    assert case["measures"][-1]["signed_by"]["name"] == "泽州王科长"
    assert case["measures"][-1]["details"]["principal_industry_ban"] is True

    shown = client.get(f"/enterprises/{firm}", headers=officer)
    entry = shown.json()
    assert entry["status"] == "registered" and entry["closed"] is True
    assert entry["closure"]["government"] == "泽州县人民政府" and entry["closure"]["case_id"] == case_id
    assert entry["closure"]["attachment_name"] == "责令关闭决定书.pdf" and entry["closure"]["decided_on"] == "2026-07-01"
    listed = client.get("/enterprises", params={"q": "泽州县关闭测试化工"}, headers=officer).json()["items"]
    assert [e["closed"] for e in listed if e["enterprise_id"] == firm] == [True]

    changed = client.put(f"/enterprises/{firm}", headers={**officer, "If-Match": shown.headers["ETag"]},
                         json=enterprise_body(jurisdiction_code="140525", name="改名后的公司",
                                              credit_code=entry["credit_code"]))
    assert changed.status_code == 409 and "责令关闭" in changed.json()["detail"], changed.text
    assert client.get(f"/enterprises/{firm}", headers=officer).json()["name"] == "泽州县关闭测试化工有限公司"
    inspected = client.post("/inspections", headers=officer, json={
        "enterprise_id": firm, "mode": "unannounced", "planned_for": date.today().isoformat(),
        "inspector_ids": ["insp-a", "insp-b"]})
    assert inspected.status_code == 409 and "责令关闭" in inspected.json()["detail"], inspected.text
    assert client.post("/cases/" + case_id + "/closure-proposal", headers=officer,
                       json={"reason": "再次"}).status_code == 409

    history = client.get(f"/cases/{case_id}/history", headers=officer).json()
    assert [e["event_type"] for e in history["entries"]] == ["CaseOpened", "ClosureProposed", "ClosureDecided"]
    assert history["chain_intact"]
    trace = client.get(f"/enterprises/{firm}/back-trace", headers=officer).json()
    assert [m["kind"] for m in trace["cases"][0]["measures"]] == ["ClosureProposed", "ClosureDecided"]
    signed = {o["name"]: o["signed"] for o in trace["in_charge"]["officials"]}
    assert "closure_decided" in signed["泽州王科长"]


def test_the_government_declining_and_the_bureau_withdrawing_leave_the_enterprise_open(client, users):
    firm = register(client, users)
    officer = users.county("140525")
    case_id = _proposed(client, officer, firm)
    no_reason = _post(client, f"/cases/{case_id}/closure-declined", officer,
                      {"government": "泽州县人民政府", "decided_on": "2026-07-01"}, 2)
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"].endswith("reason")
    declined = _post(client, f"/cases/{case_id}/closure-declined", officer,
                     {"government": "泽州县人民政府", "decided_on": "2026-07-01", "reason": "企业已完成整改, 暂不关闭"}, 2)
    assert declined.status_code == 200, declined.text
    case = client.get(f"/cases/{case_id}", headers=officer).json()
    assert case["closure_status"] == "declined" and not case["closure_proposed"]
    assert case["closure_decision"]["reason"] == "企业已完成整改, 暂不关闭"
    assert _post(client, f"/cases/{case_id}/closure-withdrawal", officer, {"reason": "x"}, 3).status_code == 409

    assert _post(client, f"/cases/{case_id}/closure-proposal", officer, {"reason": "再次提请"}, 3).status_code == 200
    withdrawn = _post(client, f"/cases/{case_id}/closure-withdrawal", officer, {"reason": "隐患已消除, 撤回提请"}, 4)
    assert withdrawn.status_code == 200, withdrawn.text
    case = client.get(f"/cases/{case_id}", headers=officer).json()
    assert case["closure_status"] == "withdrawn" and not case["closure_proposed"]
    assert [m["kind"] for m in case["measures"]] == ["ClosureProposed", "ClosureDeclined", "ClosureProposed",
                                                     "ClosureProposalWithdrawn"]
    assert client.get(f"/enterprises/{firm}", headers=officer).json()["closed"] is False


def test_a_suspension_is_lifted_after_acceptance_once_and_shows_in_the_back_trace(client, users):
    firm = register(client, users)
    officer = users.county("140525", name="泽州赵股长")
    case_id = open_case(client, officer, firm)
    assert _post(client, f"/cases/{case_id}/suspension-lifting", officer,
                 {"acceptance": "验收合格", "reason": "恢复生产"}, 1).status_code == 409
    assert _post(client, f"/cases/{case_id}/suspension", officer, {"reason": "停产整治"}, 1).status_code == 200
    assert _post(client, f"/cases/{case_id}/suspension-lifting", officer,
                 {"acceptance": "", "reason": "恢复生产"}, 2).status_code == 422
    assert _post(client, f"/cases/{case_id}/suspension-lifting", officer,
                 {"acceptance": "验收合格", "reason": "恢复生产"}, 1).status_code == 412
    lifted = _post(client, f"/cases/{case_id}/suspension-lifting", officer,
                   {"acceptance": "经现场验收, 防渗层已修复", "reason": "整改完成, 准予恢复生产"}, 2)
    assert lifted.status_code == 200, lifted.text
    assert client.get(f"/cases/{case_id}", headers=officer).json()["suspended"] is False
    assert _post(client, f"/cases/{case_id}/suspension-lifting", officer,
                 {"acceptance": "验收合格", "reason": "再次"}, 3).status_code == 409
    trace = client.get(f"/enterprises/{firm}/back-trace", headers=officer).json()
    lifting = trace["cases"][0]["measures"][-1]
    assert lifting["kind"] == "SuspensionLifted" and lifting["details"]["acceptance"] == "经现场验收, 防渗层已修复"
    assert "suspension_lifted" in {o["name"]: o["signed"] for o in trace["in_charge"]["officials"]}["泽州赵股长"]


def blacklisted(client, officer, firm) -> tuple[str, str]:
    case_id = open_case(client, officer, firm)
    assert _post(client, f"/cases/{case_id}/joint-punishment", officer,
                 {"departments": ["发展改革委", "市场监管局"], "reason": "拒不整改"}, 1).status_code == 200
    entry = client.get("/blacklist", params={"enterprise_id": firm}, headers=officer).json()["items"][0]
    return case_id, entry["entry_id"]


def test_credit_repair_removes_an_entry_only_after_a_year_and_the_closed_case(client, users, enforcement_engine):
    firm = register(client, users)
    officer = users.county("140525", name="泽州钱科长")
    case_id, entry_id = blacklisted(client, officer, firm)
    body = {"reason": "信用修复", "rectification": "已完成整改, 缴清罚款, 作出信用承诺"}
    early = client.post(f"/blacklist/{entry_id}/removal", headers=officer, json=body)
    assert early.status_code == 409 and "earliest" in early.json(), early.text
    assert client.post(f"/blacklist/{entry_id}/removal", headers=officer,
                       json={"reason": "信用修复"}).status_code == 422
    assert client.post(f"/blacklist/{entry_id}/removal", headers=users.county("140581"),
                       json=body).status_code == 403
    assert client.post("/blacklist/no-such-entry/removal", headers=officer, json=body).status_code == 404

    # A year on (the service's clock), the case still open: refused; once closed, removed once.
    a_year_on = Cases(enforcement_engine, clock=lambda: datetime.now(timezone.utc) + MINIMUM_LISTING)
    principal = Principal("u-qian", "泽州钱科长", frozenset({Role("county_officer")}), "140525")
    with pytest.raises(Conflict):
        a_year_on.remove_from_blacklist(principal, entry_id, body["reason"], body["rectification"], 1)
    assert client.post(f"/cases/{case_id}/closing", headers=officer, json={"conclusion": "结案"}).status_code == 200

    def remove(n):  # three officers at once: one removal lands, the others meet a conflict
        try:
            return a_year_on.remove_from_blacklist(principal, entry_id, body["reason"], body["rectification"], None)
        except Conflict:
            return None
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(remove, range(3)))
    assert [r["version"] for r in results if r] == [2], results

    elsewhere = users.county("140581")
    assert client.get("/blacklist", params={"enterprise_id": firm}, headers=elsewhere).json()["total"] == 0
    removed = client.get("/blacklist", params={"enterprise_id": firm, "status": "removed"}, headers=elsewhere).json()
    assert removed["total"] == 1
    item = removed["items"][0]
    assert item["removed_by"]["name"] == "泽州钱科长" and item["rectification"] == body["rectification"]
    assert client.post(f"/blacklist/{entry_id}/removal", headers=officer, json=body).status_code == 409
    trace = client.get(f"/enterprises/{firm}/back-trace", headers=officer).json()
    assert trace["blacklist"][0]["removal_reason"] == "信用修复" and trace["blacklist"][0]["removed_at"]
