"""批量登记 over HTTP: upload a register workbook (.xlsx or CSV), download its template."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, Response, UploadFile, status
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from enforcement.adapters.tabular import XLSX_MEDIA_TYPE, csv_of, xlsx_of
from enforcement.entrypoints.dependencies import Register
from enforcement.service_layer.bulk_import import import_file
from enforcement.service_layer.import_layout import COLUMNS, HEADERS

router = APIRouter(prefix="/enterprises", tags=["企业名录"])

_LAYOUT = "; ".join(f"{c.header}{'(必填)' if c.required else ''}{': ' + c.note if c.note else ''}" for c in COLUMNS)


class ImportedRow(BaseModel):
    row: int = Field(description="数据行号 (表头之后第 1 行为 1)")
    enterprise_id: str
    credit_code: str


class ImportOut(BaseModel):
    created: list[ImportedRow] = Field(description="本次新登记的企业")
    existing: list[ImportedRow] = Field(description="统一社会信用代码已在册, 未作变更的行")


@router.get("/import-template", summary="下载企业名录导入模板",
            description=f"企业名录表的模板 (表头 + 一行示例), format=xlsx (缺省) 或 csv (UTF-8 带 BOM)。列: {_LAYOUT}。",
            responses={200: {"content": {XLSX_MEDIA_TYPE: {}, "text/csv": {}}, "description": "模板文件"}})
async def template(principal: CurrentPrincipal,
                   format: Annotated[Literal["xlsx", "csv"], Query(description="文件格式")] = "xlsx") -> Response:
    example = [[c.example for c in COLUMNS]]
    if format == "csv":
        return Response(csv_of(HEADERS, example), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": "attachment; filename*=UTF-8''enterprise-register.csv"})
    return Response(xlsx_of(HEADERS, example, "企业名录"), media_type=XLSX_MEDIA_TYPE,
                    headers={"Content-Disposition": "attachment; filename*=UTF-8''enterprise-register.xlsx"})


@router.post("/imports", response_model=ImportOut, summary="批量登记企业 (.xlsx / CSV)",
             description="按模板的中文表头 (列顺序不限, 表头后的 * 可有可无) 上传企业名录表, 第一个工作表的第一行为表头。"
                         "全部行通过校验才登记, 任何一行有错则一条也不写入, 返回 422, 错误逐项指明 rows[N].字段 "
                         "(N 为数据行号, 从 1 起) 或 columns.表头。统一社会信用代码已在册的行跳过 (existing), 因此重传同一文件"
                         "不会重复登记。每行的辖区与园区须在本人范围内。有新登记时返回 201, 否则 200。",
             responses={201: {"model": ImportOut, "description": "有新登记的企业"}})
async def import_register(principal: CurrentPrincipal, service: Register, response: Response,
                          file: Annotated[UploadFile, File(description="企业名录表 (.xlsx 或 .csv)")]) -> dict:
    data = await file.read()
    result = await run_in_threadpool(import_file, service, principal, data, file.filename or "")
    if result["created"]:
        response.status_code = status.HTTP_201_CREATED
    return result
