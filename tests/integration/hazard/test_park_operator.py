"""园区管理: a park operator reads the ledger and hazards of its park's enterprises, nobody else's, and changes nothing."""

from __future__ import annotations

from hazard_helpers import in_days, ok, report_body


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def test_a_park_operator_sees_its_parks_hazards_and_not_another_parks(client, users, district):
    in_park, outside = E(district, "002"), E(district, "014")  # 泽州巴公化工园区 / no park
    other_park = E(district, "018", "140581")  # 高平新材料产业园
    park = district[in_park]["park_id"]
    ids = {}
    for enterprise, headers in ((in_park, users.inspector()), (outside, users.inspector()),
                                (other_park, users.inspector("140581"))):
        ids[enterprise] = ok(client.post("/hazards", headers=headers, json=report_body(enterprise)), 201)["hazard_id"]
    operator = users.park(park)

    page = ok(client.get("/ledger", headers=operator, params={"size": 500}))
    assert page["total"] == 1 and [r["hazard_id"] for r in page["items"]] == [ids[in_park]]
    mine = ids[in_park]
    assert ok(client.get(f"/hazards/{mine}", headers=operator))["enterprise_id"] == in_park
    assert len(ok(client.get(f"/hazards/{mine}/history", headers=operator))["events"]) == 1
    assert ok(client.get(f"/hazards/{mine}/back-trace", headers=operator))["verified"]
    zeroing = ok(client.get("/zeroing", headers=operator, params={"from": in_days(-1), "to": in_days(0)}))["rows"]
    assert sum(r["new"] for r in zeroing) == 1
    for theirs in (ids[outside], ids[other_park]):
        # Another park's hazard answers like an unknown id.
        assert client.get(f"/hazards/{theirs}", headers=operator).status_code == 404
        assert client.get(f"/hazards/{theirs}/history", headers=operator).status_code == 404
    # The other park's operator sees its own and not this park's.
    theirs = ok(client.get("/ledger", headers=users.park(district[other_park]["park_id"], code="140581")))
    assert [r["hazard_id"] for r in theirs["items"]] == [ids[other_park]]


def test_a_park_operator_reads_but_never_moves_a_hazard(client, users, district):
    enterprise = E(district, "001")
    operator = users.park(district[enterprise]["park_id"])
    hazard_id = ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise)), 201)["hazard_id"]
    for path, body in (("assignment", {"responsible_unit": "u", "responsible_person": "p", "deadline": in_days(3)}),
                       ("listing", {"supervising_unit": "园区管委会", "supervisor": "李"}),
                       ("regrading", {"grade": "general", "grade_basis": "园区复核"})):
        assert client.post(f"/hazards/{hazard_id}/{path}", headers=operator, json=body).status_code == 403, path
    assert client.post("/hazards", headers=operator, json=report_body(enterprise, source="self_inspection")) \
        .status_code == 403
    assert ok(client.get(f"/hazards/{hazard_id}", headers=operator))["version"] == 1
