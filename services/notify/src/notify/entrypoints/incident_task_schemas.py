"""Request and response bodies of the incident response tasks API (一张图 → 行动: 处置任务)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ecosafe_kit.text import Text

Kind = Literal["close_outlet", "close_gate", "downstream_warning", "use_space"]


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: Annotated[Text, Field(max_length=1000, description="备注 (可空)")] = ""


class TaskOut(BaseModel):
    task_id: str
    kind: Kind = Field(description="close_outlet 关闭雨水排口, close_gate 关闭闸门/拦截, downstream_warning 下游预警, "
                                   "use_space 启用应急空间")
    label: str
    target_id: str = Field(description="排口、闸门、应急空间的设施标识; 下游预警为辖区代码")
    target_name: str
    jurisdiction_code: str = Field(description="承办辖区")
    assignee: str = Field(description="承办单位")
    eta_hours: float | None = Field(description="预计污染到达 (小时, 自事发时起); 无则为 null")
    due_at: datetime = Field(description="截止时间: 预计到达时间, 无则为生成任务后若干分钟")
    notification_id: str = Field(description="送达承办单位的紧急通知")
    status: Literal["assigned", "acknowledged", "completed"] = Field(description="已下达、已确认、已完成")
    late: bool = Field(description="已超时 (超过截止时间未完成, 或完成晚于截止)")
    dispatched_at: datetime
    dispatched_by: str
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    escalated_at: datetime | None
    escalation_notification_id: str | None
    completed_at: datetime | None
    completed_by: str | None
    completion_source: Literal["manual", "device"] | None = Field(description="manual 人工登记, device 设备状态确认")
    completion_note: str | None


class TasksOut(BaseModel):
    incident_id: str
    jurisdiction_code: str
    drill: bool
    correlated: bool = Field(description="已收到关联分析结果, 可生成任务")
    version: int
    tasks: list[TaskOut]
