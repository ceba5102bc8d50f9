"""A 403 names what the caller sent or holds (its own scope), never where a record lives (kit `ensure_within`)."""

from __future__ import annotations

from hazard_helpers import ok, report_body


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def test_a_ledger_filter_outside_the_callers_area_names_the_filter_and_the_callers_area(client, users):
    refused = client.get("/ledger", headers=users.county("140525"), params={"jurisdiction": "140581"})
    assert refused.status_code == 403
    body = refused.json()
    assert body["detail"] == "查询的辖区 140581 超出您的管辖范围 (您的范围: 辖区 140525)"
    assert (body["field"], body["scope"]) == ("query.jurisdiction", {"jurisdiction": "140525"})


def test_a_parent_enterprise_refused_a_command_learns_nothing_of_its_subsidiarys_county(client, users, district):
    """The parent reads its subsidiary's hazards but issues no command on them; the refusal named the record's
    county and enterprise (the kit put the record's scope into every 403)."""
    parent, child = E(district, "012"), E(district, "026", "140581")
    hazard_id = ok(client.post("/hazards", headers=users.enterprise(child, "140581"), json=report_body(
        child, source="self_inspection")), 201)["hazard_id"]
    refused = client.post(f"/hazards/{hazard_id}/progress", headers=users.enterprise(parent),
                          json={"note": "n", "percent": 5})
    assert refused.status_code == 403
    assert "140581" not in refused.text and child not in refused.text
    assert refused.json()["scope"] == {"enterprise_id": parent}
