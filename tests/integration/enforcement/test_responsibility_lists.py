"""Responsibility lists through the HTTP API: recorded by the enterprise and by an inspector, read by the spot-check
item of an inspection."""

from __future__ import annotations

from datetime import date

from enforcement_register import enterprise_body


def test_lists_recorded_by_the_enterprise_and_an_inspector_answer_the_spot_check(client, users, unique):
    officer = users.county("140525")
    firm = client.post("/enterprises", json=enterprise_body(), headers=officer).json()["enterprise_id"]
    own = users.enterprise(firm)
    path = f"/enterprises/{firm}/responsibility-lists"

    assert client.get(path, headers=own).json()["spot_check"]["violated"] is None
    first = client.post(path, headers=own, json={"kind": "principal_list", "present": True,
                                                 "document_ref": "某化工〔2026〕3号"})
    assert first.status_code == 200, first.text
    assert first.headers["ETag"] == '"1"'
    assert client.get(path, headers=own).json()["spot_check"]["violated"] is None  # the managers' list: no record

    inspector = users.inspector("140525")
    assert client.post(path, headers={**inspector, "If-Match": '"1"'},
                       json={"kind": "manager_list", "present": False, "note": "现场未见"}).status_code == 200
    shown = client.get(path, headers=officer).json()
    assert shown["spot_check"] == {"item": "no_responsibility_list", "label": "企业未制定分管负责人职责清单",
                                   "violated": True}
    managers = [entry for entry in shown["lists"] if entry["kind"] == "manager_list"][0]
    assert managers["recorded_by"]["name"] == "执法员赵" and managers["label"] == "分管负责人和管理人员职责清单"

    assert client.post(path, headers=own, json={"kind": "manager_list", "present": True,
                                                "document_ref": "某化工〔2026〕9号"}).status_code == 200
    assert client.get(path, headers=own).json()["spot_check"]["violated"] is False

    # An inspection of the enterprise shows what its spot-check item reads.
    people = [f"rl-{unique}-{n}" for n in range(2)]
    for person in people:
        client.post("/inspectors", headers=officer, json={"inspector_id": person, "name": "执法员",
                                                          "jurisdiction_code": "140525"})
    inspection = client.post("/inspections", headers=officer, json={
        "enterprise_id": firm, "mode": "open", "planned_for": date.today().isoformat(),
        "inspector_ids": people}).json()["inspection_id"]
    seen = client.get(f"/inspections/{inspection}", headers=officer).json()["responsibility_lists"]
    assert seen["spot_check"]["violated"] is False and len(seen["lists"]) == 2


def test_bad_records_and_strangers_are_refused(client, users):
    officer = users.county("140525")
    firm = client.post("/enterprises", json=enterprise_body(), headers=officer).json()["enterprise_id"]
    path = f"/enterprises/{firm}/responsibility-lists"

    no_document = client.post(path, headers=officer, json={"kind": "principal_list", "present": True})
    assert no_document.status_code == 422 and no_document.json()["errors"][0]["field"] == "document_ref"
    no_campaign = client.post(path, headers=officer, json={"kind": "campaign_work_list", "present": False})
    assert no_campaign.status_code == 422 and no_campaign.json()["errors"][0]["field"] == "campaign_id"
    unknown_campaign = client.post(path, headers=officer, json={
        "kind": "campaign_work_list", "present": True, "document_ref": "方案", "campaign_id": "no-such-campaign"})
    assert unknown_campaign.status_code == 422 and unknown_campaign.json()["errors"][0]["field"] == "campaign_id"
    assert client.post(path, headers=officer, json={"kind": "safety_manual", "present": False}).status_code == 422
    assert client.get(path, headers=officer).json()["lists"] == []  # nothing was written

    body = {"kind": "principal_list", "present": False}
    assert client.post(path, headers=users.county("140581"), json=body).status_code == 404
    assert client.post(path, headers=users.enterprise("another-enterprise"), json=body).status_code == 404
    assert client.get(path, headers=users.county("140581")).status_code == 404
    assert client.post(path, headers={**officer, "If-Match": '"3"'}, json=body).status_code == 412
