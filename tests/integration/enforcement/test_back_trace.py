"""The back-trace (责任倒查 / 一案三查) of an enterprise with two inspections and of the case a missed hazard made."""

from __future__ import annotations

from datetime import date

from ecosafe.common.v1.common_pb2 import HazardGrade
from ecosafe.hazard.v1 import hazard_pb2 as pb
from enforcement_register import enterprise_body
from waiting import wait_for


def test_the_back_trace_of_an_enterprise_with_two_inspections(client, users, unique, hazard_stream):
    officer = users.county("140525", name="泽州王科长")
    planner = users.county("140525", name="泽州李股长")
    firm = client.post("/enterprises", json=enterprise_body(principal_name="张丽娜"), headers=officer).json()[
        "enterprise_id"]
    people = [f"bt-{unique}-{n}" for n in range(3)]
    for n, person in enumerate(people):
        assert client.post("/inspectors", headers=officer, json={
            "inspector_id": person, "name": f"执法员{'甲乙丙'[n]}", "jurisdiction_code": "140525"}).status_code == 201

    def inspect(inspectors, findings):
        planned = client.post("/inspections", headers=planner, json={
            "enterprise_id": firm, "mode": "unannounced", "planned_for": date.today().isoformat(),
            "inspector_ids": inspectors})
        assert planned.status_code == 201, planned.text
        inspection_id = planned.json()["inspection_id"]
        done = client.post(f"/inspections/{inspection_id}/completion", headers=officer, json={
            "checklist": [{"item": "no_drills", "violated": True}], "findings": findings})
        assert done.status_code == 200, done.text
        return inspection_id, done.json()["finding_ids"]

    first, (finding,) = inspect(people[:2], [{"domain": "hazardous_waste", "description": "危废标签缺失",
                                              "suggested_grade": "general", "grade_basis": "一般隐患"}])
    second, _ = inspect(people[1:], [])

    # The hazard service opens the finding as a hazard; later the enterprise reports one both inspections missed.
    recorded = hazard_stream(firm)
    # (found when the finding was, as the hazard service records it: before both inspections were completed)
    recorded.reported(source=pb.HAZARD_SOURCE_INSPECTION, grade=HazardGrade.HAZARD_GRADE_GENERAL, finding_id=finding,
                      found_days_ago=1)
    missed = hazard_stream(firm)
    missed.reported(source=pb.HAZARD_SOURCE_SELF_INSPECTION, found_days_ago=0)
    missed.assigned(deadline_in_days=-1)
    missed.overdue()

    def traced():
        trace = client.get(f"/enterprises/{firm}/back-trace", headers=officer).json()
        return trace if len(trace["hazards"]) == 2 and trace["cases"] else None

    trace = wait_for(traced, timeout=120)
    by_id = {i["inspection_id"]: i for i in trace["inspections"]}
    assert list(by_id) == [first, second]
    assert by_id[first]["recorded_hazard_ids"] == [recorded.hazard_id]
    assert by_id[first]["missed_hazard_ids"] == [missed.hazard_id]
    assert by_id[second]["recorded_hazard_ids"] == [] and by_id[second]["missed_hazard_ids"] == [missed.hazard_id]
    assert [p["name"] for p in by_id[first]["inspectors"]] == ["执法员甲", "执法员乙"]
    assert by_id[first]["planned_by"]["name"] == "泽州李股长"
    assert by_id[second]["completed_by"]["name"] == "泽州王科长"
    assert by_id[first]["violated_items"] == ["no_drills"]

    in_charge = trace["in_charge"]
    assert in_charge["enterprise_principal"] == "张丽娜"
    assert in_charge["hazard_responsible_persons"] == ["刘工"]
    officials = {o["name"]: o["signed"] for o in in_charge["officials"]}
    assert officials["泽州李股长"] == ["inspection_planned"]
    assert officials["泽州王科长"] == ["inspection_completed"]
    assert officials["县局王科长"] == ["hazard_assigned"]
    assert officials["执法规则 (专项行动方案)"] == ["case_opened"]

    case_id = trace["cases"][0]["case_id"]
    of_case = client.get(f"/cases/{case_id}/back-trace", headers=officer).json()
    assert of_case["hazard_id"] == missed.hazard_id
    assert of_case["hazard_missed_by_inspections"] == [first, second]

    other_county = users.county("140581")
    assert client.get(f"/enterprises/{firm}/back-trace", headers=other_county).status_code == 404
    assert client.get(f"/cases/{case_id}/back-trace", headers=other_county).status_code == 404
