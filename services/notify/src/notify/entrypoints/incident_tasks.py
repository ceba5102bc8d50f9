"""An incident's response tasks over HTTP (一张图 → 行动): dispatch them in one action, read, acknowledge, complete."""

from __future__ import annotations

from fastapi import APIRouter, Response
from starlette.concurrency import run_in_threadpool

from ecosafe_kit.auth.dependencies import CurrentPrincipal
from ecosafe_kit.text import Line
from ecosafe_kit.web.etag import set_etag
from notify.entrypoints import incident_task_schemas as s
from notify.entrypoints.dependencies import TaskService
from notify.entrypoints.schemas import CommandOut

router = APIRouter(prefix="/incidents/{incident_id}/tasks", tags=["处置任务"])


@router.post("", status_code=201, response_model=s.TasksOut, summary="由关联分析生成处置任务",
             description="值班员一键把事件的关联分析结果 (风险一张图 IncidentCorrelated) 变为处置任务: 每个须关闭的雨水排口 → "
                         "其企业; 每个下游闸门、拦截点 → 其运行单位 (企业、园区, 否则所在辖区值班员); 溯源到达的每个下游辖区 → "
                         "该辖区值班员的预警 (首次到达时间); 每个可用的应急空间 → 其管理单位。每项任务以预计到达时间为截止 "
                         "(无则为生成后 ECOSAFE_TASK_IMMEDIATE_MINUTES 分钟), 由紧急通知送达, 超时升级至带班领导。"
                         "事发地辖区的官员、指挥中心可用 (403); 未知事件 404; 已生成、尚无关联分析或无可生成的任务 409。"
                         "记录为本人签名的 IncidentTasksDispatched 及每项任务的 NotificationRouted。")
async def dispatch(incident_id: Line, principal: CurrentPrincipal, service: TaskService,
                   response: Response) -> dict:
    result = await run_in_threadpool(service.dispatch, principal, incident_id)
    response.headers["Location"] = f"/incidents/{incident_id}/tasks"
    set_etag(response, result.version)
    return await run_in_threadpool(service.get, principal, incident_id)


@router.get("", response_model=s.TasksOut, summary="事件的处置任务",
            description="事件的全部处置任务: 承办单位、截止时间、确认、超时升级和完成 (人工或设备状态确认)。事发地辖区的管理人员和"
                        "收到该事件通知的人可见, 其他人 404。尚未生成时 tasks 为空。")
def get_tasks(incident_id: Line, principal: CurrentPrincipal, service: TaskService) -> dict:
    return service.get(principal, incident_id)


@router.post("/{task_id}/acknowledgement", response_model=CommandOut, summary="确认接收处置任务",
             description="承办单位的用户确认接收任务 (IncidentTaskAcknowledged, 本人签名), 同时确认送达的通知, 通知不再升级; "
                         "同一人再次确认不再记录。任务通知未送达的人 404。")
async def acknowledge(incident_id: Line, task_id: Line, body: s.NoteIn, principal: CurrentPrincipal,
                      service: TaskService, response: Response) -> CommandOut:
    result = await run_in_threadpool(service.acknowledge, principal, incident_id, task_id, body.note)
    set_etag(response, result.version)
    return CommandOut(id=result.id, version=result.version)


@router.post("/{task_id}/completion", response_model=CommandOut, summary="登记处置任务完成",
             description="承办单位或事发地辖区的官员登记任务完成 (IncidentTaskCompleted, 本人签名); 已完成 409。排口、闸门的任务"
                         "在风险一张图收到该设施关闭的设备状态 (DeviceStateChanged) 时自动完成。")
async def complete(incident_id: Line, task_id: Line, body: s.NoteIn, principal: CurrentPrincipal,
                   service: TaskService, response: Response) -> CommandOut:
    result = await run_in_threadpool(service.complete, principal, incident_id, task_id, body.note)
    set_etag(response, result.version)
    return CommandOut(id=result.id, version=result.version)
