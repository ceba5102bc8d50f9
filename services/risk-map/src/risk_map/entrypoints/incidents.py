"""Incidents API: POST /incidents records an incident and returns its correlation with the risk map."""

from __future__ import annotations

from fastapi import APIRouter

from ecosafe_kit.auth.dependencies import CurrentPrincipal, require_roles
from ecosafe_kit.auth.principal import Role
from ecosafe_kit.errors import NotFound
from ecosafe_kit.web.etag import set_etag
from fastapi.responses import Response
from risk_map.adapters import read_queries
from risk_map.entrypoints.dependencies import EngineDep, StoreDep
from risk_map.entrypoints.schemas import IncidentIn
from risk_map.service_layer.access import read_scope
from risk_map.service_layer.incidents import Parameters, report_incident

router = APIRouter(prefix="/incidents", tags=["突发环境事件"])
_RESPONDERS = require_roles(Role.command_center, Role.city_officer, Role.county_officer, Role.group_leader,
                            Role.inspector, Role.park_operator, Role.admin)


@router.post("", status_code=201, dependencies=[_RESPONDERS], summary="上报突发环境事件并做关联分析",
             description="记录事件 (IncidentReported) 并返回关联分析 (IncidentCorrelated): 涉事企业与园区、三道防线逐道分析 "
                         "(应急池剩余容积、雨水排口阀门状态与关闭顺序)、下游追踪 (闸控/拦截点、监测断面、敏感目标的距离与到达时间、"
                         "可容纳泄漏量的应急空间)、一河一策一图措施、最近的物资库与队伍 (搜索半径内)、周边未销号隐患。每个数字附说明。"
                         "事发地 (涉事企业的辖区, 否则所在园区的辖区, 否则受纳河段的辖区, 否则上报人的辖区) 须在上报人的管辖范围内 "
                         "(市级覆盖其所辖县区, 园区管理者覆盖本园区, 管理员不限), 否则 403, 不作记录。")
def report(body: IncidentIn, principal: CurrentPrincipal, store: StoreDep) -> Response:
    params = Parameters(horizon_km=body.horizon_km, horizon_hours=body.horizon_hours, k=body.k,
                        resource_radius_m=body.resource_radius_km * 1000)
    # The JSON already written into IncidentCorrelated is the answer: no second encoding of a large document.
    return Response(report_incident(store, principal, body.model_dump(), params), status_code=201,
                    media_type="application/json")


@router.get("/{incident_id}", summary="查看事件及其关联分析",
            description="事件属于事发地: 事发地辖区 (及其上级) 的政府用户、下游追踪所及辖区的政府用户、事发园区的管理者、"
                        "涉事企业的用户和管理员可查看; 其他人 404, 与不存在的事件相同 (不返回事件内容)。")
def read(incident_id: str, principal: CurrentPrincipal, engine: EngineDep):
    with engine.connect() as conn:
        found = read_queries.incident(conn, incident_id, read_scope(principal))
    # One answer for an unknown incident and one the caller may not read: a 403 would confirm it happened.
    if found is None or not found[2]:
        raise NotFound(f"事件不存在: {incident_id}", extra={"id": incident_id})
    picture, version, _ = found
    if picture is None:  # reported and correlated are one transaction: only a rebuild in progress shows this
        raise NotFound(f"事件尚无关联分析: {incident_id}", extra={"id": incident_id})
    out = Response(picture, media_type="application/json")
    set_etag(out, version)
    return out
