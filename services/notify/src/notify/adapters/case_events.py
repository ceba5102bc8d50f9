"""Enforcement's case events (ecosafe.enforcement.case) on the live map, at the enterprise's registered location."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe.enforcement.v1 import case_pb2
from ecosafe_kit.messaging.envelope import EventEnvelope
from notify.adapters import map_feed, register
from notify.adapters.map_events import event_name
from notify.adapters.tables import cases
from notify.domain.live_map import MapItem

log = logging.getLogger(__name__)

_CASE = "ecosafe.enforcement.v1."
_CASE_EVENTS = {"CaseOpened": "立案", "PenaltyImposed": "行政处罚", "CaseReferred": "移送司法机关",
                "SuspensionOrdered": "责令停产整治", "ClosureProposed": "提请关闭", "AdmonitionHeld": "约谈",
                "CaseExposed": "曝光", "JointPunishmentDecided": "联合惩戒", "TypicalCasePublished": "典型案例发布",
                "TransferSent": "移交", "TransferReceived": "移交回执", "CaseClosed": "结案"}


def handle_case_event(conn: Connection, envelope: EventEnvelope) -> None:
    """Consumer handler (ecosafe.enforcement.case): every case event on the map at its enterprise's location."""
    name = event_name(envelope, _CASE)
    if name not in _CASE_EVENTS:
        return
    message = getattr(case_pb2, name).FromString(envelope.payload)
    if name == "CaseOpened":
        conn.execute(insert(cases).values(case_id=message.case_id, enterprise_id=message.enterprise_id,
                                          enterprise_name=message.enterprise_name,
                                          jurisdiction_code=message.jurisdiction_code)
                     .on_conflict_do_nothing(index_elements=["case_id"]))
    row = conn.execute(select(cases).where(cases.c.case_id == message.case_id)).first()
    if row is None:
        log.warning("%s for case %s, opened before notify read the cases; not on the live map", name, message.case_id)
        return
    enterprise = register.find(conn, row.enterprise_id)
    map_feed.add(conn, str(envelope.event_id), MapItem(
        kind="case", aggregate_id=row.case_id, event=name, urgent=False,
        title=f"{_CASE_EVENTS[name]}: {row.enterprise_name}", jurisdiction_code=row.jurisdiction_code,
        occurred_at=envelope.occurred_at, enterprise_id=row.enterprise_id,
        park_id=enterprise.park_id if enterprise else None, lon=enterprise.lon if enterprise else None,
        lat=enterprise.lat if enterprise else None, state="closed" if name == "CaseClosed" else "open"))
