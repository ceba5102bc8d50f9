"""Facilities API: register, read, update, retire; one-key open/close; device and pool readings; history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Response, status

from ecosafe_kit.auth.dependencies import CurrentPrincipal, require_roles
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.web.etag import IfMatch, set_etag
from risk_map.adapters import read_queries
from risk_map.adapters.codec import CODEC
from risk_map.adapters.layers import SHARED_KINDS
from risk_map.entrypoints.dependencies import EngineDep, GeoJSONResponse, StoreDep
from risk_map.entrypoints.geojson_models import Feature
from risk_map.entrypoints.schemas import CommandIn, FeatureIn, RetireIn, StateIn
from risk_map.service_layer import facilities as uc
from risk_map.service_layer.access import DEVICE_COMMANDERS, ensure_may_read, unknown_facility

router = APIRouter(prefix="/facilities", tags=["设施 (三道防线、河流、资源)"])


def _ensure_may_read(principal, facility_id: str, props: dict) -> None:
    if props["kind"] not in SHARED_KINDS:  # rivers, targets, resources: everyone's map
        ensure_may_read(principal, jurisdiction_code=props["jurisdiction_code"], enterprise_id=props["enterprise_id"],
                        park_id=props["park_id"], unknown=unknown_facility(facility_id))


def _feature(engine, facility_id: str, status_code: int = 200, principal=None) -> GeoJSONResponse:
    with engine.connect() as conn:
        found = read_queries.facility_feature(conn, facility_id)
    if found is None:
        raise unknown_facility(facility_id)
    feature, version = found
    if principal is not None:
        _ensure_may_read(principal, facility_id, feature["properties"])
    out = GeoJSONResponse(feature, status_code=status_code)
    set_etag(out, version)
    return out


@router.post("", status_code=status.HTTP_201_CREATED, response_class=GeoJSONResponse, response_model=Feature,
             summary="登记设施", description="以 GeoJSON Feature 登记企业厂区、风险单元、管网、事故应急池、雨水排口、河段、闸控设施、"
             "拦截点、监测断面、敏感目标、应急空间、物资库或应急队伍。几何在入口校验: 结构 (坐标须为数字、环须闭合, 不自动修补)、"
             "经纬度顺序、中国范围、自相交、坐标系 (EPSG:4326、EPSG:4490、GCJ-02), 高程被舍去; 错误 422 指明字段。"
             "归属按几何核对: 非企业设施位于某园区内即属该园区, 无权登记到该园区 403; 所填园区与几何所在园区不符、"
             "或园区设施距园区边界超过 1 km 则 422 (河段、闸坝、拦截点、监测断面等河流要素除外)。")
def register(body: FeatureIn, principal: CurrentPrincipal, store: StoreDep, engine: EngineDep):
    facility = uc.register_facility(store, principal, body.model_dump(), body.crs)
    return _feature(engine, facility.id, 201)


@router.get("/{facility_id}", response_class=GeoJSONResponse, response_model=Feature, summary="查看设施")
def read(facility_id: str, principal: CurrentPrincipal, engine: EngineDep):
    return _feature(engine, facility_id, principal=principal)


@router.put("/{facility_id}", response_class=GeoJSONResponse, response_model=Feature, summary="变更设施",
            description="提交完整的新 Feature; 请求头 If-Match 带上次的 ETag 可防止覆盖他人修改。")
def update(facility_id: str, body: FeatureIn, principal: CurrentPrincipal, store: StoreDep, engine: EngineDep,
           expected: IfMatch):
    uc.update_facility(store, principal, facility_id, body.model_dump(), expected, body.crs)
    return _feature(engine, facility_id)


@router.post("/{facility_id}/retire", status_code=204, summary="注销设施")
def retire(facility_id: str, body: RetireIn, principal: CurrentPrincipal, store: StoreDep, expected: IfMatch):
    uc.retire_facility(store, principal, facility_id, body.reason, expected)
    return Response(status_code=204)


@router.post("/{facility_id}/commands", status_code=202, response_class=GeoJSONResponse, response_model=Feature,
             summary="一键启闭 (下达阀门/闸门指令)", dependencies=[require_roles(*DEVICE_COMMANDERS)],
             description="对雨水排口阀门或河道闸门下达 close/open 指令, 记录下达人; 设备确认后状态才变化 (pending_command)。"
                         "须为应急指挥中心、市局、县局、领导小组、园区管理、企业用户或管理员 (执法检查人员等其他角色 403), "
                         "且设施在其权限范围内。")
def command(facility_id: str, body: CommandIn, principal: CurrentPrincipal, store: StoreDep, engine: EngineDep):
    uc.issue_command(store, principal, facility_id, body.command, body.reason, body.incident_id)
    return _feature(engine, facility_id, 202)


@router.post("/{facility_id}/state", response_class=GeoJSONResponse, response_model=Feature, summary="上报设备状态或应急池液位",
             description="现场人员上报阀门/闸门状态 (open/closed/unknown) 或事故应急池剩余容积; 下一次事件关联分析即可见。")
def report_state(facility_id: str, body: StateIn, principal: CurrentPrincipal, store: StoreDep, engine: EngineDep):
    uc.report_state(store, signer_of(principal), principal, facility_id, body.state, body.free_volume_m3, "manual")
    return _feature(engine, facility_id)


@router.get("/{facility_id}/history", summary="设施变更记录 (谁、何时、做了什么)")
def history(facility_id: str, principal: CurrentPrincipal, store: StoreDep, engine: EngineDep) -> list[dict]:
    with store.transaction() as conn:
        events = store.load(conn, facility_id)
    if not events or events[0].stream_type != "facility":
        raise unknown_facility(facility_id)
    # Read within scope by the facility's owner now (a retired facility by its owner when retired).
    last = next(CODEC.decode(e.event_type, e.payload) for e in reversed(events)
                if e.event_type.endswith(("FacilityRegistered", "FacilityUpdated")))
    _ensure_may_read(principal, facility_id, {"kind": last.kind, "jurisdiction_code": last.jurisdiction_code,
                                 "enterprise_id": last.enterprise_id, "park_id": last.park_id})
    return [{"version": e.version, "event_type": e.event_type, "occurred_at": e.occurred_at.isoformat(),
             "signed_by": e.signer.as_dict(), "event": CODEC.decode(e.event_type, e.payload).__dict__} for e in events]
