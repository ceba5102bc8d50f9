"""The duty shift aggregate (值班班次): who is 值班员, 带班领导 and 副班 over an area from one instant to another."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.domain import Aggregate
from ecosafe_kit.errors import Conflict, FieldProblem

MAX_SHIFT = timedelta(hours=72)


@dataclass(frozen=True)
class DutyPerson:
    user_id: str
    name: str
    phone: str = ""


@dataclass(frozen=True)
class ShiftSpec:
    """Half-open: the shift holds from `starts_at` up to, not including, `ends_at` (UTC instants)."""

    jurisdiction_code: str
    starts_at: datetime
    ends_at: datetime
    duty_officer: DutyPerson
    leader: DutyPerson
    deputy: DutyPerson | None = None

    def holder(self, position: str) -> DutyPerson | None:
        return getattr(self, position)


@dataclass(frozen=True)
class DutyShiftScheduled:
    shift_id: str
    spec: ShiftSpec


@dataclass(frozen=True)
class DutyShiftChanged:
    shift_id: str
    spec: ShiftSpec


@dataclass(frozen=True)
class DutyShiftCancelled:
    shift_id: str
    reason: str


SHIFT_EVENTS = (DutyShiftScheduled, DutyShiftChanged, DutyShiftCancelled)


def problems_of(spec: ShiftSpec) -> list[FieldProblem]:
    problems = []
    if not jurisdiction.is_valid_code(spec.jurisdiction_code):
        problems.append(FieldProblem("jurisdiction_code", f"不是有效的行政区划代码: {spec.jurisdiction_code}"))
    if spec.ends_at <= spec.starts_at:
        problems.append(FieldProblem("ends_at", "结束时间必须晚于开始时间"))
    elif spec.ends_at - spec.starts_at > MAX_SHIFT:
        problems.append(FieldProblem("ends_at", "一个班次不能超过 72 小时"))
    if spec.leader.user_id == spec.duty_officer.user_id:
        problems.append(FieldProblem("leader", "带班领导与值班员不能是同一人"))
    if spec.deputy is not None and spec.deputy.user_id in (spec.duty_officer.user_id, spec.leader.user_id):
        problems.append(FieldProblem("deputy", "副班不能与值班员或带班领导是同一人"))
    return problems


class DutyShift(Aggregate):
    def _init_state(self) -> None:
        self.spec: ShiftSpec | None = None
        self.active = False

    @classmethod
    def schedule(cls, shift_id: str, spec: ShiftSpec) -> DutyShift:
        shift = cls(shift_id)
        shift._init_state()
        shift._record(DutyShiftScheduled(shift_id, spec))
        return shift

    def change(self, spec: ShiftSpec) -> bool:
        self._ensure_active()
        if spec == self.spec:
            return False
        self._record(DutyShiftChanged(self.id, spec))
        return True

    def cancel(self, reason: str) -> None:
        self._ensure_active()
        self._record(DutyShiftCancelled(self.id, reason))

    def _ensure_active(self) -> None:
        if not self.active:
            raise Conflict("班次已取消, 不能再修改", extra={"shift_id": self.id})

    def apply_DutyShiftScheduled(self, event: DutyShiftScheduled) -> None:
        self.spec = event.spec
        self.active = True

    def apply_DutyShiftChanged(self, event: DutyShiftChanged) -> None:
        self.spec = event.spec

    def apply_DutyShiftCancelled(self, event: DutyShiftCancelled) -> None:
        self.active = False
