"""批量登记 from .xlsx and CSV on the real stack: all or nothing, per-cell errors, idempotent by credit code."""

from __future__ import annotations

import io
import json

from openpyxl import load_workbook
from sqlalchemy import text

from enforcement.adapters.tabular import csv_of, xlsx_of
from enforcement.service_layer.import_layout import HEADERS
from enforcement_register import credit_code

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def row(name: str, code: str, **cells) -> list[str]:
    values = {"序号": "", "企业名称": name, "统一社会信用代码": code, "行业代码": "C2614", "行业类别": "",
              "环境风险等级": "较大", "主要负责人": "赵刚", "联系电话": "13900000000", "上级企业统一社会信用代码": "",
              "所在园区编号": "", "所属辖区代码": "140525", "地址": "泽州县某路1号", "经度": "112.9", "纬度": "35.4",
              "危险废物经营许可证编号": "", "厂区边界": ""}
    values.update(cells)
    return [values[h] for h in HEADERS]


def upload(client, headers, data: bytes, filename: str, media_type: str):
    return client.post("/enterprises/imports", files={"file": (filename, data, media_type)}, headers=headers)


def test_a_workbook_registers_every_row_with_parents_and_a_second_upload_registers_none(client, users, unique):
    group, plant = credit_code(), credit_code()
    # A degree east of the demo district (the risk map's tests read this register: no boundary around a demo plant).
    boundary = json.dumps({"type": "Polygon", "coordinates": [[[113.89, 35.39], [113.91, 35.39], [113.91, 35.41],
                                                               [113.89, 35.39]]]})
    # The subsidiary comes first and names its parent further down: the file's order does not matter.
    rows = [row(f"丹源二厂{unique}", plant, 上级企业统一社会信用代码=group, 行业类别="危险废物经营", 厂区边界=boundary, 经度="113.905",
                危险废物经营许可证编号="晋危废001"),
            row(f"丹源集团{unique}", group, 环境风险等级="重大")]
    data = xlsx_of(HEADERS, rows, "企业名录")
    first = upload(client, users.county(), data, "名录.xlsx", XLSX)
    assert first.status_code == 201, first.text
    created = {r["credit_code"]: r for r in first.json()["created"]}
    assert set(created) == {group, plant} and first.json()["existing"] == []
    child = client.get(f"/enterprises/{created[plant]['enterprise_id']}", headers=users.county()).json()
    assert child["parent_enterprise_id"] == created[group]["enterprise_id"]
    assert child["sector"] == "hazardous_waste" and child["boundary"]["type"] == "Polygon"
    again = upload(client, users.county(), data, "名录.xlsx", XLSX)
    assert again.status_code == 200
    assert {r["credit_code"] for r in again.json()["existing"]} == {group, plant} and again.json()["created"] == []


def test_a_csv_with_one_bad_cell_writes_nothing_and_names_the_cell(client, users, unique, enforcement_engine):
    good, bad = credit_code(), credit_code()
    rows = [row(f"好企业{unique}", good), row(f"坏企业{unique}", bad[:17] + ("1" if bad[17] != "1" else "2"),
                                              经度="东经112度"),
            row(f"越界企业{unique}", credit_code(), 所属辖区代码="140581"), row(f"重复{unique}", good)]
    refused = upload(client, users.county(), csv_of(HEADERS, rows), "名录.csv", "text/csv")
    assert refused.status_code == 422
    fields = {p["field"] for p in refused.json()["errors"]}
    assert fields == {"rows[2].lon", "rows[2].credit_code", "rows[3].jurisdiction_code", "rows[4].credit_code"}
    second = upload(client, users.county(), csv_of(HEADERS, [row(f"坏{unique}", bad[:17] + "I")]), "x.csv", "text/csv")
    assert second.json()["errors"][0]["field"] == "rows[1].credit_code"
    with enforcement_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM enf_enterprises WHERE credit_code = :c"),
                            {"c": good}).scalar_one() == 0


def test_a_gb18030_csv_as_excel_saves_it_is_read(client, users, unique):
    code = credit_code()
    body = "\r\n".join(",".join(r) for r in (HEADERS, row(f"晋城编码测试{unique}", code))).encode("gb18030")
    created = upload(client, users.county(), body, "名录.csv", "text/csv")
    assert created.status_code == 201, created.text
    assert created.json()["created"][0]["credit_code"] == code


def test_missing_and_unknown_columns_are_named(client, users):
    headers = [h for h in HEADERS if h != "统一社会信用代码"] + ["备注"]
    refused = upload(client, users.county(), csv_of(headers, []), "名录.csv", "text/csv")
    assert refused.status_code == 422
    assert {p["field"] for p in refused.json()["errors"]} == {"columns.统一社会信用代码", "columns.备注"}
    garbage = upload(client, users.county(), b"PK\x03\x04 not a workbook", "名录.xlsx", XLSX)
    assert garbage.status_code == 422 and garbage.json()["errors"][0]["field"] == "file"


def test_only_registering_roles_may_import(client, users):
    data = csv_of(HEADERS, [row("某企业", credit_code())])
    assert upload(client, users.inspector(), data, "x.csv", "text/csv").status_code == 403


def test_the_template_has_the_layout_headers_in_both_formats(client, users):
    xlsx = client.get("/enterprises/import-template", headers=users.county())
    assert xlsx.status_code == 200 and xlsx.headers["content-type"] == XLSX
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]] == list(HEADERS) and sheet.title == "企业名录"
    csv = client.get("/enterprises/import-template", params={"format": "csv"}, headers=users.county())
    assert csv.content.decode("utf-8-sig").splitlines()[0] == ",".join(HEADERS)
    # The template's example row registers as it is.
    assert upload(client, users.admin(), xlsx.content, "t.xlsx", XLSX).status_code in (200, 201)


def test_a_file_over_the_body_limit_is_a_413_and_writes_nothing(client, users):
    rows = [row(f"大文件企业{n}", credit_code(), 地址="泽州县" + "很长的地址" * 40) for n in range(2000)]
    data = csv_of(HEADERS, rows)
    assert len(data) > 1024 * 1024
    refused = upload(client, users.county(), data, "名录.csv", "text/csv")
    assert refused.status_code == 413
    assert client.get("/enterprises", params={"q": rows[0][2]}, headers=users.county()).json()["total"] == 0


def test_a_control_character_in_a_cell_is_refused_as_the_json_api_refuses_it(client, users, unique,
                                                                            enforcement_engine):
    # A CSV carries what a JSON body may not (issue 11 item 11): the name then reached every service's read model.
    escaped, tabbed = credit_code(), credit_code()
    rows = [row(f"导入\x1b企业{unique}", escaped),
            row(f"导入企业{unique}", tabbed, 主要负责人="赵\t刚", 环境风险等级="较\x00大")]
    refused = upload(client, users.county(), csv_of(HEADERS, rows), "名录.csv", "text/csv")
    assert refused.status_code == 422, refused.text
    problems = {p["field"]: p["message"] for p in refused.json()["errors"]}
    assert problems == {"rows[1].name": "不得包含控制字符或非法字符 (第 3 个字符为 U+001B)",
                        "rows[2].principal_name": "不得包含控制字符或非法字符 (第 2 个字符为 U+0009)",
                        "rows[2].risk_level": "不得包含控制字符或非法字符 (第 2 个字符为 U+0000)"}, problems
    with enforcement_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM enf_enterprises WHERE credit_code IN (:a, :b)"),
                            {"a": escaped, "b": tabbed}).scalar_one() == 0


def test_an_unreadable_workbook_is_refused_in_chinese_without_openpyxl_s_message(client, users):
    r = upload(client, users.county(), b"PK\x03\x04 not really a workbook", "名录.xlsx", XLSX)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "file", r.text
    assert "Excel 工作簿" in r.json()["detail"] and "zip file" not in r.text, r.text
