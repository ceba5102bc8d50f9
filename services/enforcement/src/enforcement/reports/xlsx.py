"""The dispatch table as an .xlsx laid out like seed 003's form: title, 单位, 时间, the three sections, the notes."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
FIRST_TABLE_ROW = 4


def _value(row: dict) -> int | str:
    figures = row["figures"]
    return figures[0]["value"] if len(figures) == 1 else row["text"]


def workbook(table: dict) -> bytes:
    """Columns A 项目 (section, merged over its lines), B 序号, C 内容, D 数值, E 序号, F 内容, G 数值: each line of
    the form holds two numbered rows, as the paper form does."""
    wb = Workbook()
    ws = wb.active
    ws.title = "调度表"
    ws.merge_cells("A1:G1")
    ws["A1"] = table["title"]
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = "单位"
    ws.merge_cells("B2:G2")
    ws["B2"] = f"{table['unit_name']}（{table['unit_code']}，{table['scope_label']}）"
    ws["A3"] = "时间："
    ws.merge_cells("B3:G3")
    ws["B3"] = f"{table['as_of']}（截至当月末累计）" + ("" if table["final"] else "，当月尚未结束")
    line = FIRST_TABLE_ROW
    for section in table["sections"]:
        rows = section["rows"]
        first = line
        for left, right in zip(rows[0::2], rows[1::2]):
            for col, row in ((2, left), (5, right)):
                ws.cell(line, col, row["no"])
                ws.cell(line, col + 1, row["form_label"])
                ws.cell(line, col + 2, _value(row))
            line += 1
        ws.merge_cells(start_row=first, start_column=1, end_row=line - 1, end_column=1)
        ws.cell(first, 1, section["label"])
    for r in ws.iter_rows(min_row=FIRST_TABLE_ROW, max_row=line - 1, max_col=7):
        for cell in r:
            cell.border = _BOX
            cell.alignment = _WRAP
    line += 1
    for n, note in enumerate(table["notes"]):
        ws.merge_cells(start_row=line, start_column=1, end_row=line, end_column=7)
        ws.cell(line, 1, ("注：" if n == 0 else "") + note).alignment = _WRAP
        line += 1
    if table["late_entries"]:
        line += 1
        ws.cell(line, 1, f"补录说明：本表于 {table['first_generated_at']} 首次生成后补录 "
                         f"{len(table['late_entries'])} 条, 见所涉数字的明细")
    for col, width in zip("ABCDEFG", (14, 6, 40, 16, 6, 40, 16)):
        ws.column_dimensions[col].width = width
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
