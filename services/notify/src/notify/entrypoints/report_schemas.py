"""Request and response bodies of the reporting obligations API (报送任务)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ecosafe_kit.text import Line, Text
from notify.domain.reporting import ObligationSpec


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ObligationIn(_Body):
    """一项报送任务: 哪些单位、什么周期、何时截止 (北京时间)、提前多久提醒。"""

    name: Annotated[Line, Field(min_length=1, max_length=200, description="名称, 如 事故信息日报 (零报告)")]
    jurisdiction_code: Annotated[Line, Field(max_length=12, description="接收报送的单位的辖区代码")]
    kind: Literal["daily", "weekly", "monthly"] = Field(description="daily 每日, weekly 每周, monthly 每月")
    due_time: Annotated[Line, Field(max_length=5, description="截止时刻 HH:MM (北京时间), 如 17:00")]
    due_weekday: int = Field(default=0, ge=0, le=7, description="每周: 星期几截止, 1 周一 … 5 周五 … 7 周日")
    due_day: int = Field(default=0, ge=0, le=31, description="每月: 几日截止 (1~31, 当月没有该日时为当月最后一天, 如 每月29日前); 7 日及以前截止的报送上月 (如 每月1日前报截至上月末)")
    remind_minutes_before: int = Field(default=60, ge=0, le=10080, description="截止前多少分钟提醒未报送的单位")
    zero_report_allowed: bool = Field(default=False, description="允许零报告 (仅每日报送)")
    unit_codes: Annotated[list[Annotated[Line, Field(max_length=12)]], Field(min_length=1, max_length=200)] = Field(
        description="报送单位的辖区代码 (须在 jurisdiction_code 之内)")
    on_rest_day: Annotated[Line, Field(max_length=10)] | None = Field(
        default=None, description="截止日遇周末或法定节假日: postpone 顺延至下一个工作日 (每周、每月报送的默认; 调休上班的"
                                  "周六周日是工作日), keep 不顺延 (每日报送只能如此, 日报制 24 小时值班)")

    def to_spec(self) -> ObligationSpec:
        return ObligationSpec(self.name, self.jurisdiction_code, self.kind, self.due_time, self.due_weekday,
                              self.due_day, self.remind_minutes_before, self.zero_report_allowed,
                              tuple(self.unit_codes), self.on_rest_day or "")


class SubmissionIn(_Body):
    unit_code: Annotated[Line, Field(max_length=12, description="报送单位的辖区代码")]
    period: Annotated[Line, Field(max_length=10, description="期次: 2026-12-06 (每日), 2026-W49 (每周), 2026-11 (每月)")]
    zero_report: bool = Field(default=False, description="零报告: 本期无事项")
    summary: Annotated[Text, Field(max_length=5000, description="报送内容摘要 (零报告可空)")] = ""


class DueOut(BaseModel):
    period: str
    at: datetime
    postponed_from: datetime | None = Field(default=None, description="原定截止时间 (遇休息日顺延时)")


class CalendarProblemOut(BaseModel):
    code: str = Field(description="calendar-not-covered")
    year: int = Field(description="工作日历未覆盖的年份")
    detail: str


class StatusOut(BaseModel):
    unit_code: str
    period: str
    submitted_at: datetime | None
    submitted_by: str | None
    zero_report: bool | None
    summary: str | None
    reminded_at: datetime | None = Field(description="提醒时间")
    missed_at: datetime | None = Field(description="逾期未报的记录时间")


class ObligationOut(BaseModel):
    obligation_id: str
    name: str
    jurisdiction_code: str
    spec: dict
    version: int
    created_at: datetime
    deadline: str | None = Field(default=None, description="截止规则, 如 每周五 17:00")
    next_due: DueOut | None = Field(default=None, description="下一个截止; 工作日历未覆盖所需年份时为原定 (未顺延) 时间, "
                                                             "并给出 calendar_problem")
    calendar_problem: CalendarProblemOut | None = Field(
        default=None, description="下一个截止所需年份不在工作日历内: 不猜测节假日, 暂按原定时间提醒和记逾期, 通知中注明"
                                  "截止时间未经核对, 直至日历更新")
    status: list[StatusOut] | None = Field(default=None, description="各单位各期的报送、提醒与逾期")


class ObligationPage(BaseModel):
    items: list[ObligationOut]
