"""Reading and writing register workbooks: .xlsx (openpyxl) and CSV (UTF-8, or GB 18030 as Excel saves it in China)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UnreadableFile(ValueError):
    """The upload is neither a workbook nor a CSV text this reader understands (the message is Chinese)."""


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """The first sheet (or the CSV) as rows of cell texts; trailing empty rows dropped."""
    if data[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        rows = _read_xlsx(data)
    else:
        rows = _read_csv(data)
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    return rows


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e6:
        return str(int(value))  # a phone number or code typed as a number
    return str(value)


def _read_xlsx(data: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        # openpyxl's messages are English ("File is not a zip file"): the user is told what the file must be.
        raise UnreadableFile("无法读取 .xlsx 文件: 文件已损坏或不是 Excel 工作簿 (.xlsx); 旧版 .xls 请另存为 .xlsx 或 CSV") from exc
    try:
        sheet = workbook.worksheets[0]
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _read_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableFile("CSV 文件编码无法识别, 请保存为 UTF-8 或 GB18030")
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as exc:
        raise UnreadableFile(f"CSV 文件格式错误: {exc}") from exc


def xlsx_of(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_of(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")  # with a BOM, so Excel opens it as UTF-8
