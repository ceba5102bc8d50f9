"""The ledger as an .xlsx workbook with Chinese column headers (openpyxl)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font

from ecosafe_kit.text import forbidden_character
from hazard.adapters.codec import SHANGHAI
from hazard.domain.values import ConfirmationLevel, Grade, RectificationPlan, Source, Stage, State, domain_label

HEADERS = ["台账编号", "企业名称", "辖区代码", "隐患来源", "领域", "隐患等级", "判定依据", "隐患描述", "状态",
           "挂牌督办", "是否逾期", "责任单位", "责任人", "整改期限", "登记时间", "销号时间", "整改延期次数", "督查验收通过",
           "整改方案 (五到位)", "两级确认"]


def _local(instant) -> str:
    return instant.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") if instant else ""


def cell_text(value):
    """A stored value as a cell can hold it: each control character written out as `\\u001b`.

    The API refuses them now, but events recorded before (or by another channel) keep them for ever, and openpyxl
    raises on them: one such report made the whole export fail."""
    if not isinstance(value, str):
        return value
    parts, rest = [], value
    while (found := forbidden_character(rest)) is not None:
        position, char = found
        parts += [rest[:position - 1], f"\\u{ord(char):04x}"]
        rest = rest[position:]
    return "".join(parts) + rest


def source_label(r: dict) -> str:
    """隐患来源, marking a self-inspection an officer recorded on the enterprise's behalf."""
    label = Source(r["source"]).label
    return f"{label} (部门代录, 企业报告人: {r['on_behalf_of']})" if r["on_behalf_of"] else label


def row_of(r: dict) -> list:
    return [
        r["ledger_no"], r["enterprise_name"], r["jurisdiction_code"], source_label(r),
        domain_label(r["domain"]), Grade(r["grade"]).label, r["grade_basis"], r["description"],
        Stage.of(State(r["state"]), r["verification_passed"]).label, "是" if r["listed"] else "否",
        "是" if r["overdue"] else "否",
        r["responsible_unit"] or "", r["responsible_person"] or "",
        r["deadline"].isoformat() if r["deadline"] else "", _local(r["reported_at"]), _local(r["closed_at"]),
        r["deadline_extensions"], "是" if r["verification_passed"] else "否", _plan(r["plan"]),
        "、".join(ConfirmationLevel(level).label for level in r["confirmations"]),
    ]


def _plan(plan: dict | None) -> str:
    if not plan:
        return ""
    return RectificationPlan(plan["owner"], tuple(plan["measures"]), plan["funding"],
                             date.fromisoformat(plan["deadline"]), plan["contingency_plan"]).summary()


def ledger_workbook(rows: Iterable[dict], title: str = "隐患台账") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r in rows:
        sheet.append([cell_text(v) for v in row_of(r)])
        for cell in sheet[sheet.max_row]:
            # Text starting with "=" is data, not a formula: an anonymous report must not put one in the bureau's
            # spreadsheet (formula injection).
            if cell.data_type == "f":
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    widths = (22, 24, 10, 12, 12, 14, 24, 40, 14, 8, 8, 18, 10, 12, 17, 17, 8, 8, 50, 30)
    for column, width in zip("ABCDEFGHIJKLMNOPQRST", widths):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
