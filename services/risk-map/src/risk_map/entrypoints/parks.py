"""Parks API: register and update parks, the three park lists with their staleness, and bulk import."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Path, Response, UploadFile

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.web.etag import IfMatch, set_etag
from risk_map.adapters import read_queries
from risk_map.entrypoints.body_limits import IMPORT_MAX_BYTES
from risk_map.entrypoints.dependencies import EngineDep, GeoJSONResponse, StoreDep
from risk_map.entrypoints.geojson_models import Feature
from risk_map.entrypoints.schemas import FeatureIn, ParkListIn, ParkListOut, RetireIn
from risk_map.service_layer import imports as import_uc
from risk_map.service_layer import parks as uc
from risk_map.service_layer.access import ensure_may_read_park, read_scope, unknown_park

router = APIRouter(prefix="/parks", tags=["园区"])
# Named `list` in the path (and in a 422 for an unknown one); `list_kind` in Python, not to shadow the builtin.
ListKind = Annotated[str, Path(alias="list", pattern="^(enterprise_risk|risk_substance|sensitive_target)$",
                               description="enterprise_risk 风险企业分级分类管理清单 / risk_substance 风险物质信息清单 / "
                                           "sensitive_target 环境敏感保护目标清单")]


_DESIGNATORS = "园区的登记、变更与撤销由园区所在辖区 (或其上级) 的生态环境局 (市局、县局) 或管理员办理, 其他角色 403。"


def _park(engine, park_id: str, status_code: int = 200, principal=None) -> GeoJSONResponse:
    with engine.connect() as conn:
        found = read_queries.park_feature(conn, park_id, uc.today())
        if found is not None and principal is not None:
            ensure_may_read_park(conn, principal, park_id, found[0]["properties"]["jurisdiction_code"])
    if found is None:
        raise unknown_park(park_id)
    out = GeoJSONResponse(found[0], status_code=status_code)
    set_etag(out, found[1])
    return out


@router.get("", summary="园区列表 (含三张清单的更新日期, 超过一年未更新的标出)",
            description="只列出调用者管辖范围内的园区: 辖区内的 (政府部门)、本园区 (园区管理)、本企业所在园区 (企业用户)。")
def list_parks(principal: CurrentPrincipal, engine: EngineDep) -> list[dict]:
    with engine.connect() as conn:
        return read_queries.park_summaries(conn, uc.today(), read_scope(principal))


@router.post("", status_code=201, response_class=GeoJSONResponse, response_model=Feature, summary="登记园区",
             description="GeoJSON Feature, 几何为 Polygon/MultiPolygon, properties 含 name 与 jurisdiction_code; id 为园区标识。"
                         + _DESIGNATORS)
def register(body: FeatureIn, principal: CurrentPrincipal, store: StoreDep, engine: EngineDep):
    park = uc.register_park(store, principal, body.model_dump(), body.crs)
    return _park(engine, park.id, 201)


@router.get("/{park_id}", response_class=GeoJSONResponse, response_model=Feature, summary="查看园区",
            description="管辖范围外的园区与不存在的园区同样答 404。")
def read(park_id: str, principal: CurrentPrincipal, engine: EngineDep):
    return _park(engine, park_id, principal=principal)


@router.put("/{park_id}", response_class=GeoJSONResponse, response_model=Feature, summary="变更园区名称或边界",
            description=_DESIGNATORS + " 园区管理者可更新三张清单, 但不能变更园区边界 (边界决定哪些设施属于园区)。")
def update(park_id: str, body: FeatureIn, principal: CurrentPrincipal, store: StoreDep, engine: EngineDep,
           expected: IfMatch):
    uc.update_park(store, principal, park_id, body.model_dump(), expected, body.crs)
    return _park(engine, park_id)


@router.get("/{park_id}/lists/{list}", response_model=ParkListOut, summary="查看园区清单的当前条目",
            description="清单的当前版本: 最近一次提交的全部条目、更新日期、是否超过一年未更新; 响应头 ETag 为清单版本, "
                        "提交新版本时放入 If-Match。管辖范围外的园区与不存在的园区同样答 404; 清单类别不是 enterprise_risk、"
                        "risk_substance、sensitive_target 之一时 422 (字段 list)。")
def read_list(park_id: str, list_kind: ListKind, principal: CurrentPrincipal, store: StoreDep,
              response: Response) -> dict:
    body, version = uc.read_park_list(store, principal, park_id, list_kind)
    set_etag(response, version)
    return body


@router.put("/{park_id}/lists/{list}", response_class=GeoJSONResponse, response_model=Feature, summary="更新园区清单",
            description="提交清单的新版本 (以本次提交的条目为准)。三张清单每年至少更新一次 (超过一年未更新的在列表中标出)。"
                        "If-Match 可选: 取自 GET /parks/{park_id}/lists/{list} 的 ETag, 清单在此之后被他人更新则 412。")
def update_list(park_id: str, list_kind: ListKind, body: ParkListIn, principal: CurrentPrincipal, store: StoreDep,
                engine: EngineDep, expected: IfMatch):
    uc.update_park_list(store, principal, park_id, list_kind, body.updated_on, body.entries, expected)
    return _park(engine, park_id)


@router.post("/{park_id}/retire", response_class=GeoJSONResponse, response_model=Feature, summary="撤销园区",
             description="园区撤销 (合并、搬迁、撤销认定): 记录 ParkRetired (撤销人、原因)。撤销后园区不再出现在园区列表、地图图层、"
                         "矢量瓦片和关联分析中, 新设施也不再归入该园区; GET /parks/{id} 仍可查看 (retired、retired_at、"
                         "retired_reason)。" + _DESIGNATORS + " 已撤销的园区不能再变更 (409)。")
def retire(park_id: str, body: RetireIn, principal: CurrentPrincipal, store: StoreDep, engine: EngineDep,
           expected: IfMatch):
    uc.retire_park(store, principal, park_id, body.reason, expected)
    return _park(engine, park_id)


@router.post("/{park_id}/import", summary="批量导入园区设施 (GeoJSON / Shapefile 压缩包 / GeoPackage)",
             description="全部成功或全部不导入; 返回逐要素的拒收原因。要素属性 kind 指明设施类别 (GeoPackage 图层名亦可)。"
                         "几何校验与 POST /facilities 相同; 未写归属的要素只有位于本园区内 (或边界外 1 km 内) 才归本园区, "
                         "园区外的逐个拒收 (写明辖区的河流要素按辖区导入)。文件声明的坐标系须有 EPSG 代码, 其他投影坐标系按其换算, "
                         "并记录原坐标系。"
                         f"请求体上限 {IMPORT_MAX_BYTES // (1024 * 1024)} MiB (其他接口 1 MiB), 超过则 413; "
                         "上传的文件先写入临时文件再读取。")
def bulk_import(park_id: str, principal: CurrentPrincipal, store: StoreDep,
                file: Annotated[UploadFile, File(description="GeoJSON、Shapefile (.zip) 或 GeoPackage 文件")],
                crs: Annotated[str | None, Form(description="申报坐标系 (文件未声明时使用)")] = None) -> dict:
    # The upload is already spooled to a temporary file by the multipart parser: handed on as a file, not bytes.
    return import_uc.import_park_file(store, principal, park_id, file.filename or "", file.file, crs)
