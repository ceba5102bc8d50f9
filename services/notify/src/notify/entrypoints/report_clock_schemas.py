"""Request and response bodies of the incident report clocks API (事件信息报告时限)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ecosafe_kit.text import Text

Stage = Literal["initial", "follow_up", "final"]


class SubmissionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    summary: Annotated[Text, Field(min_length=1, max_length=5000, description="报告内容摘要")]


class ClockOut(BaseModel):
    stage: Stage = Field(description="initial 初报, follow_up 续报, final 处理结果报告")
    label: str
    limit_hours: float = Field(description="时限 (小时, 自事件报告时起)")
    due_at: datetime
    status: Literal["running", "submitted", "missed"] = Field(description="计时中、已报送、已超时 (超时后仍可补报)")
    late: bool = Field(description="曾超时 (补报的也为 true)")
    reminded_at: datetime | None
    missed_at: datetime | None
    submitted_at: datetime | None
    submitted_by: str | None
    summary: str | None


class ClocksOut(BaseModel):
    incident_id: str
    jurisdiction_code: str
    level: str = Field(description="事件级别: 一般、较大、重大、特别重大 (未定级按最短时限)")
    started_at: datetime = Field(description="计时起点: 事件报告时间")
    version: int
    clocks: list[ClockOut]
