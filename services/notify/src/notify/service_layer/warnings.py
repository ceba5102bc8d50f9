"""Warning use cases: a bureau issues a warning to every enterprise in an area and their parks; who acknowledged."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.engine import Engine

from ecosafe_kit.auth import jurisdiction
from ecosafe_kit.auth.principal import Principal
from ecosafe_kit.auth.signing import signer_of
from ecosafe_kit.errors import FieldProblem, NotFound
from ecosafe_kit.eventstore import EventStore
from notify.adapters import warning_queries as q
from notify.adapters.projections import WARNING_STREAM
from notify.domain import events as ev
from notify.domain.times import local_text
from notify.domain.values import Recipient
from notify.domain.warnings import KINDS, LEVELS, WarningIssued, WarningSpec, area_of, inside, problems_of
from notify.service_layer import permissions
from notify.service_layer.recording import Result, record_new, record_notification, refuse

WHAT = "预警信息"


class Warnings:
    def __init__(self, engine: Engine, clock: Callable[[], datetime], record_url: str) -> None:
        self.engine = engine
        self.store = EventStore(engine)
        self.clock = clock
        self.record_url = record_url

    def issue(self, principal: Principal, spec: WarningSpec) -> Result:
        refuse(problems_of(spec, self.clock()))
        permissions.ensure_rule_role(principal, WHAT)
        if spec.jurisdiction_code is not None:
            permissions.ensure_may_manage(principal, spec.jurisdiction_code, WHAT)
        # A bureau warns the enterprises of its own area, whatever the polygon reaches beyond it.
        reach = None if principal.is_admin else jurisdiction.area_prefix(principal.jurisdiction)
        if spec.jurisdiction_code is not None:
            reach = jurisdiction.area_prefix(spec.jurisdiction_code)
        warning_id = str(uuid.uuid4())
        notification_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"ecosafe:warning:{warning_id}"))
        with self.engine.begin() as conn:
            candidates = q.registered_in(conn, reach)
            if spec.area_geojson is not None:
                area, _ = area_of(spec.area_geojson)
                candidates = [e for e in candidates if inside(area, e["lon"], e["lat"])]
            if not candidates:
                refuse([FieldProblem("area", "区域内没有本人辖区的在册企业")])
            enterprise_ids = tuple(e["enterprise_id"] for e in candidates)
            park_ids = tuple(dict.fromkeys(e["park_id"] for e in candidates if e["park_id"]))
            issued = WarningIssued(warning_id, spec, enterprise_ids, park_ids, notification_id)
            routed = self._notification(issued, principal)
            signer = signer_of(principal)
            record_new(conn, self.store, WARNING_STREAM, warning_id, issued, signer)
            record_notification(conn, self.store, routed, signer)
        return Result(warning_id, 1)

    def _notification(self, issued: WarningIssued, principal: Principal) -> ev.NotificationRouted:
        spec = issued.spec
        level = LEVELS[spec.level]
        where = f"辖区 {spec.jurisdiction_code}" if spec.jurisdiction_code else "划定的区域 (多边形)"
        link = self.record_url.format(id=issued.warning_id)
        body = "\n".join([f"事件: {KINDS[spec.kind]}{level}预警", f"发布: {principal.name}", f"区域: {where}",
                          f"有效期至: {local_text(spec.valid_until)}", f"内容: {spec.content}",
                          "处置: 请立即落实防范措施, 并在本通知中确认收到。", f"详情: {link}"])
        recipients = ([Recipient("enterprise", e, "", "预警区域内的企业") for e in issued.enterprise_ids]
                      + [Recipient("park", p, "", "区域内企业所在园区") for p in issued.park_ids])
        reasons = (f"{principal.name} 发布的{level}预警, 区域: {where}",
                   f"区域内在册企业 {len(issued.enterprise_ids)} 家 (按企业名录的位置), 园区 {len(issued.park_ids)} 个")
        return ev.NotificationRouted(
            notification_id=issued.notification_id, source_event_id=issued.warning_id,
            source_event_type="ecosafe.notify.v1.WarningIssued", event_type="warning.issued",
            subject_id=issued.warning_id, jurisdiction_code=spec.jurisdiction_code or principal.jurisdiction or "",
            title=f"【{level}预警】{spec.title}", body=body, link=link, urgent=spec.level in ("orange", "red"),
            recipients=tuple(recipients),
            matches=(ev.RuleMatch(f"warning:{issued.warning_id}", "预警发布", 1, reasons,
                                  tuple(range(len(recipients)))),))

    def get(self, principal: Principal, warning_id: str) -> dict:
        """The warning with every unit reached and whether (and when, by whom) it acknowledged."""
        with self.engine.connect() as conn:
            row = q.one(conn, warning_id)
            # Its area: the warned jurisdiction, or for a polygon the issuing bureau's.
            code = (row["jurisdiction_code"] or row["issuer_jurisdiction"]) if row is not None else ""
            visible = principal.is_admin or (jurisdiction.is_valid_code(code) and permissions.may_see(principal, code))
            if row is None or not visible:
                raise NotFound(f"预警不存在: {warning_id}", extra={"id": warning_id})
            acked = q.unit_acknowledgements(conn, row["notification_id"])
            names = q.names(conn, row["enterprise_ids"])
        row["enterprises"] = [{"enterprise_id": e, "name": names.get(e, ""),
                               "acknowledgement": acked.get(f"enterprise:{e}")} for e in row["enterprise_ids"]]
        row["parks"] = [{"park_id": p, "acknowledgement": acked.get(f"park:{p}")} for p in row["park_ids"]]
        row["acknowledged"] = sum(1 for e in row["enterprises"] if e["acknowledgement"])
        return row

    def list(self, principal: Principal) -> list[dict]:
        permissions.ensure_rule_role(principal, WHAT)
        with self.engine.connect() as conn:
            area = None if principal.is_admin else jurisdiction.area_prefix(principal.jurisdiction)
            return q.in_area(conn, area)
