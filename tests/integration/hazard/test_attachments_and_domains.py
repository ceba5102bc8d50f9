"""Attachment addresses and domain codes are checked against what the README documents: 422 naming the field."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from hazard_helpers import PHOTO, ok, report_body


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


BAD_URIS = ["../../etc/passwd", "/evidence/1.jpg", "evidence/1.jpg", "javascript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd", "ftp://files.example/1.jpg", "https://",
            "https:///path-without-host", "https://user:secret@files.example/1.jpg", "https://files.example/a b.jpg",
            "http://[::1/broken"]


@pytest.mark.parametrize("uri", BAD_URIS)
def test_an_attachment_that_is_not_an_absolute_https_http_or_s3_address_is_422(client, users, district, uri):
    enterprise = E(district, "001")
    response = client.post("/hazards", headers=users.inspector(),
                           json=report_body(enterprise, attachments=[PHOTO, {**PHOTO, "uri": uri}]))
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["body.attachments.1.uri"]


def test_the_documented_schemes_are_accepted(client, users, district):
    enterprise = E(district, "001")
    accepted = [{**PHOTO, "uri": uri} for uri in ("s3://ecosafe-evidence/2026/1.jpg", "https://files.example/1.jpg",
                                                  "HTTP://files.example:8080/a%20b.jpg?v=2")]
    ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise, attachments=accepted)), 201)


def test_a_domain_outside_the_documented_codes_is_422_everywhere(client, users, district, hazard_engine):
    enterprise = E(district, "002")
    refused = client.post("/hazards", headers=users.inspector(), json=report_body(enterprise, domain="made_up_code"))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.domain"
    assert "hazardous_waste" in refused.json()["errors"][0]["message"]
    with hazard_engine.begin() as conn:
        conn.execute(text("DELETE FROM hazard_report_throttle"))
    public = client.post("/public/reports", json={"enterprise_id": enterprise, "domain": "xyz", "description": "x"})
    assert public.status_code == 422 and public.json()["errors"][0]["field"] == "body.domain"
    assert client.get("/ledger", headers=users.county(), params={"domain": "xyz"}).status_code == 422
    assert ok(client.get("/ledger", headers=users.county(), params={"domain": "voc_recovery", "enterprise_id": enterprise}
                         ))["total"] == 0


def test_the_openapi_lists_the_domain_codes_as_an_enum(client):
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    domain = schema["Domain"]
    assert set(domain["enum"]) == {"hazardous_waste", "nuclear_radiation", "pollution_control", "explosive_dust",
                                   "voc_recovery", "sewage_treatment", "rto_incinerator", "other"}
