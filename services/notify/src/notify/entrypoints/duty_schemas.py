"""Request and response bodies of the duty roster API; times are shown in Asia/Shanghai."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ecosafe_kit.text import Line
from notify.domain.duty import DutyPerson, ShiftSpec
from notify.domain.times import SHANGHAI


def as_instant(value: datetime) -> datetime:
    """A time without offset is Beijing time (how duty officers write it); stored as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=SHANGHAI)
    return value.astimezone(timezone.utc)


Instant = Annotated[datetime, AfterValidator(as_instant)]


def shown(value: datetime) -> str:
    return value.astimezone(SHANGHAI).isoformat()


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonIn(_Body):
    user_id: Annotated[Line, Field(min_length=1, max_length=100, description="用户标识 (令牌 sub); 发给该岗位的通知送达此人")]
    name: Annotated[Line, Field(min_length=1, max_length=50, description="姓名")]
    phone: Annotated[Line, Field(max_length=30, description="联系电话")] = ""

    def to_person(self) -> DutyPerson:
        return DutyPerson(self.user_id, self.name, self.phone)


class ShiftIn(_Body):
    """一个班次: 从 starts_at (含) 到 ends_at (不含); 不带时区的时间按北京时间。交接班时下一班从上一班结束时刻开始。"""

    jurisdiction_code: Annotated[Line, Field(max_length=12, description="值班的辖区代码, 如 140525")]
    starts_at: Instant = Field(description="开始时间, 如 2026-12-06T08:30 (北京时间) 或带时区")
    ends_at: Instant = Field(description="结束时间 (不含), 晚于开始且班次不超过 72 小时")
    duty_officer: PersonIn = Field(description="值班员")
    leader: PersonIn = Field(description="带班领导")
    deputy: PersonIn | None = Field(default=None, description="副班")

    def to_spec(self) -> ShiftSpec:
        return ShiftSpec(jurisdiction_code=self.jurisdiction_code, starts_at=self.starts_at, ends_at=self.ends_at,
                         duty_officer=self.duty_officer.to_person(), leader=self.leader.to_person(),
                         deputy=self.deputy.to_person() if self.deputy else None)


class CancelIn(_Body):
    reason: Annotated[Line, Field(min_length=1, max_length=500, description="取消原因")]


class PersonOut(BaseModel):
    user_id: str
    name: str
    phone: str


class ShiftOut(BaseModel):
    shift_id: str
    jurisdiction_code: str
    starts_at: str = Field(description="开始 (北京时间, ISO 8601)")
    ends_at: str = Field(description="结束, 不含 (北京时间)")
    duty_officer: PersonOut
    leader: PersonOut
    deputy: PersonOut | None
    active: bool = Field(description="false: 已取消")
    cancel_reason: str | None
    version: int


class ShiftPage(BaseModel):
    items: list[ShiftOut]


class OnDutyOut(BaseModel):
    jurisdiction_code: str = Field(description="所问的辖区")
    at: str = Field(description="所问的时刻 (北京时间)")
    shift: ShiftOut | None = Field(description="此刻在岗的班次: 本辖区的, 没有则为最近的上级辖区的; 无人值班为 null")


def present(row: dict) -> dict:
    return {**row, "starts_at": shown(row["starts_at"]), "ends_at": shown(row["ends_at"])}
