"""A hazard out of the caller's reach answers exactly like an unknown id: 404, nothing of the record."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from hazard_helpers import PHOTO, in_days, ok, plan_body, report_body


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def _reads(hazard_id: str) -> list[tuple[str, dict]]:
    at = datetime.now(timezone.utc).isoformat()
    return [(f"/hazards/{hazard_id}", {}), (f"/hazards/{hazard_id}/history", {}),
            (f"/hazards/{hazard_id}/back-trace", {}), (f"/hazards/{hazard_id}/as-of", {"at": at})]


COMMANDS = [
    ("assignment", {"responsible_unit": "u", "responsible_person": "p", "deadline": in_days(3)}),
    ("plan", plan_body()), ("progress", {"note": "n", "percent": 10}),
    ("completion", {"summary": "s", "attachments": [PHOTO]}), ("verification", {"passed": True, "opinion": "ok"}),
    ("closure", {}), ("listing", {"supervising_unit": "分局", "supervisor": "王"}),
    ("regrading", {"grade": "general", "grade_basis": "复核"}), ("confirmations", {"level": "principal"}),
]


def _same_as_unknown(response, unknown, hazard_id: str, unknown_id: str, record: dict) -> None:
    assert response.status_code == unknown.status_code == 404, response.text
    body, expected = response.json(), unknown.json()
    for key in ("request_id", "instance"):
        body.pop(key), expected.pop(key)
    assert body == {k: (v.replace(unknown_id, hazard_id) if isinstance(v, str) else
                        {"id": hazard_id} if k == "id" else v) for k, v in expected.items()}
    for secret in (record["enterprise_id"], record["jurisdiction_code"], record["ledger_no"], record["enterprise_name"]):
        assert secret not in response.text


def test_reads_and_commands_out_of_reach_answer_like_an_unknown_hazard(client, users, district):
    enterprise = E(district, "014")
    hazard_id = ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise)), 201)["hazard_id"]
    record = ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))
    unknown_id = str(uuid.uuid4())
    outsiders = [users.county("140581"), users.inspector("140581"), users.leader("140581"),
                 users.enterprise(E(district, "015")), users.park("no-such-park"),
                 users.token("command_center", jurisdiction="140581")]
    for headers in outsiders:
        for (path, params), (unknown_path, _) in zip(_reads(hazard_id), _reads(unknown_id)):
            _same_as_unknown(client.get(path, headers=headers, params=params),
                             client.get(unknown_path, headers=headers, params=params),
                             hazard_id, unknown_id, record)
        for path, body in COMMANDS:
            _same_as_unknown(client.post(f"/hazards/{hazard_id}/{path}", headers=headers, json=body),
                             client.post(f"/hazards/{unknown_id}/{path}", headers=headers, json=body),
                             hazard_id, unknown_id, record)
    assert ok(client.get(f"/hazards/{hazard_id}", headers=users.county()))["version"] == 1  # nothing written


def test_a_reader_without_the_role_for_a_command_still_gets_403(client, users, district):
    """Who may read the hazard learns nothing new from a refusal: it names the roles, as before."""
    enterprise = E(district, "016")
    hazard_id = ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise)), 201)["hazard_id"]
    refused = client.post(f"/hazards/{hazard_id}/assignment", headers=users.enterprise(enterprise), json={
        "responsible_unit": "u", "responsible_person": "p", "deadline": in_days(3)})
    assert refused.status_code == 403 and "county_officer" in refused.json()["required_roles"]


def test_reporting_on_an_enterprise_out_of_reach_says_nothing_of_where_it_is(client, users, district):
    """The 403 named the enterprise's county (and park): another county learnt where it is registered."""
    enterprise = E(district, "017", "140581")
    for headers, source in ((users.inspector("140525"), "inspection"),
                            (users.enterprise(E(district, "001")), "self_inspection")):
        refused = client.post("/hazards", headers=headers, json=report_body(enterprise, source=source))
        assert refused.status_code == 403
        body = refused.json()
        assert body["field"] == "enterprise_id" and "辖区" not in body["detail"], body
        assert not {"jurisdiction", "park_id", "enterprise_id"} & set(body), body  # the demo ids name a county
