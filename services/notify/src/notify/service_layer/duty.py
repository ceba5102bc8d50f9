"""Duty roster use cases: schedule, change, cancel and read shifts; who is on duty over an area at an instant."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.engine import Connection, Engine

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.errors import Conflict, NotFound
from ecosafe_kit.eventstore import EventStore
from ecosafe_kit.repository import Repository
from ecosafe_kit.web.etag import check_if_match
from notify.adapters import roster_queries as q
from notify.adapters.codec import CODEC
from notify.adapters.projections import SHIFT_STREAM
from notify.domain.duty import DutyShift, ShiftSpec, problems_of
from notify.domain.times import local_text
from notify.domain.values import DUTY_POSITIONS, Recipient
from notify.service_layer import permissions
from notify.service_layer.recording import Result, record, refuse

WHAT = "值班表"


def on_duty(conn: Connection, code: str, position: str, at: datetime) -> list[Recipient]:
    """The routing roster: who holds `position` over `code` at `at` (the most specific area's shift)."""
    shift = q.holding(conn, code, at)
    if shift is None or shift[position] is None:
        return []
    person = shift[position]
    label = (f"{DUTY_POSITIONS[position]} {person['name']} (辖区 {shift['jurisdiction_code']} 值班表, "
             f"班次 {local_text(shift['starts_at'])} 起)")
    return [Recipient("user", person["user_id"], "", label)]


class DutyRoster:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.repository: Repository[DutyShift] = Repository(EventStore(engine), CODEC, DutyShift, SHIFT_STREAM,
                                                            not_found="班次不存在")

    def schedule(self, principal: Principal, spec: ShiftSpec) -> Result:
        refuse(problems_of(spec))
        permissions.ensure_may_manage(principal, spec.jurisdiction_code, WHAT)
        shift = DutyShift.schedule(str(uuid.uuid4()), spec)
        with self.engine.begin() as conn:
            self._refuse_overlap(conn, shift.id, spec)
            self._save(conn, shift, principal)
        return Result(shift.id, shift.version)

    def change(self, principal: Principal, shift_id: str, spec: ShiftSpec, expected_version: int | None) -> Result:
        refuse(problems_of(spec))
        with self.engine.begin() as conn:
            shift = self._load_managed(conn, principal, shift_id)
            check_if_match(expected_version, shift.version)
            permissions.ensure_may_manage(principal, spec.jurisdiction_code, WHAT)
            self._refuse_overlap(conn, shift_id, spec)
            if shift.change(spec):
                self._save(conn, shift, principal)
        return Result(shift.id, shift.version)

    def cancel(self, principal: Principal, shift_id: str, reason: str, expected_version: int | None) -> Result:
        with self.engine.begin() as conn:
            shift = self._load_managed(conn, principal, shift_id)
            check_if_match(expected_version, shift.version)
            shift.cancel(reason)
            self._save(conn, shift, principal)
        return Result(shift.id, shift.version)

    def get(self, principal: Principal, shift_id: str) -> dict:
        with self.engine.connect() as conn:
            return self._visible(conn, principal, shift_id)

    def period(self, principal: Principal, code: str | None, start: datetime, end: datetime,
               include_cancelled: bool) -> list[dict]:
        permissions.ensure_rule_role(principal, WHAT)
        if code is not None and not permissions.may_see(principal, code):
            raise NotFound(f"辖区 {code} 的值班表不存在或不可见", extra={"jurisdiction_code": code})
        area = None if principal.is_admin or code is not None else jurisdiction.area_prefix(principal.jurisdiction)
        with self.engine.connect() as conn:
            return q.period(conn, area, code, start, end, include_cancelled)

    def on_duty_at(self, principal: Principal, code: str, at: datetime) -> dict | None:
        """The shift on duty over `code` at `at` (its own, else the nearest enclosing area's), or None."""
        permissions.ensure_rule_role(principal, WHAT)
        if not permissions.may_see(principal, code):
            raise NotFound(f"辖区 {code} 的值班表不存在或不可见", extra={"jurisdiction_code": code})
        with self.engine.connect() as conn:
            return q.holding(conn, code, at)

    def _refuse_overlap(self, conn: Connection, shift_id: str, spec: ShiftSpec) -> None:
        q.lock_area(conn, spec.jurisdiction_code)
        other = q.overlapping(conn, spec.jurisdiction_code, spec.starts_at, spec.ends_at, shift_id)
        if other is not None:
            raise Conflict(f"与辖区 {spec.jurisdiction_code} 的班次 {other} 时间重叠; 交接班时下一班从上一班结束时刻开始",
                           extra={"field": "starts_at", "shift_id": other})

    def _visible(self, conn: Connection, principal: Principal, shift_id: str) -> dict:
        return permissions.visible(principal, q.one(conn, shift_id), "班次", shift_id)

    def _load_managed(self, conn: Connection, principal: Principal, shift_id: str) -> DutyShift:
        row = self._visible(conn, principal, shift_id)
        permissions.ensure_may_manage(principal, row["jurisdiction_code"], WHAT)
        return self.repository.get(conn, shift_id)

    def _save(self, conn: Connection, shift: DutyShift, principal: Principal) -> None:
        record(conn, self.repository, shift, principal)
