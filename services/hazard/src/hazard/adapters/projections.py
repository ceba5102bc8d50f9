"""The ledger projection: keeps `hazard_ledger` in step with the hazard events, in the writer's transaction.

Rebuild: `ecosafe-rebuild --projections hazard.adapters.projections:PROJECTIONS`.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import String, bindparam, func, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.sql.dml import Update
from sqlalchemy.sql.elements import ClauseElement

from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.projections import Projection
from hazard.adapters.codec import CODEC
from hazard.adapters.tables import ledger
from hazard.domain import events as ev
from hazard.domain.ledger_no import county_of
from hazard.domain.values import State

STREAM_TYPE = "hazard"


_REPORTED_COLUMNS = (
    "hazard_id", "ledger_no", "enterprise_id", "enterprise_name", "jurisdiction_code", "county_code", "city_code",
    "source", "domain", "grade", "grade_basis", "description", "site", "campaign_id", "finding_id",
    "pool_review_id", "on_behalf_of", "reporter_contact", "state", "reported_at", "updated_at", "version")
# Text, not `insert().on_conflict_do_nothing()`: PostgreSQL's ON CONFLICT construct opts out of SQLAlchemy's
# statement cache, and compiling it again on every report cost more than the rest of the projection.
_INSERT_REPORTED = text(
    f"INSERT INTO hazard_ledger ({', '.join(_REPORTED_COLUMNS)}, listed, overdue, verification_failures, "
    f"confirmations) VALUES ({', '.join(':' + c for c in _REPORTED_COLUMNS)}, false, false, 0, '[]'::jsonb) "
    "ON CONFLICT (hazard_id) DO NOTHING")  # the column names are constants above, not input


def _reported(conn: Connection, envelope: EventEnvelope, e: ev.HazardReported) -> None:
    county = county_of(e.jurisdiction_code)
    conn.execute(_INSERT_REPORTED, {
        "hazard_id": e.hazard_id, "ledger_no": e.ledger_no, "enterprise_id": e.enterprise_id,
        "enterprise_name": e.enterprise_name, "jurisdiction_code": e.jurisdiction_code, "county_code": county,
        "city_code": county[:4] + "00", "source": e.source.value, "domain": e.domain, "grade": e.grade.value,
        "grade_basis": e.grade_basis, "description": e.description, "site": e.site, "campaign_id": e.campaign_id,
        "finding_id": e.finding_id, "pool_review_id": e.pool_review_id, "on_behalf_of": e.on_behalf_of,
        "reporter_contact": "sealed" if e.reporter_contact_sealed else "none",
        "state": State.reported.value,
        "reported_at": envelope.occurred_at, "updated_at": envelope.occurred_at, "version": envelope.version})


# SQL-side changes, built once; `_LEVEL` is the parameter (not a column) the confirmation appends.
_LEVEL = "p_level"
_FAILURES_PLUS_ONE = ledger.c.verification_failures + 1
_EXTENSIONS_PLUS_ONE = ledger.c.deadline_extensions + 1
_UNSEAL_REQUESTS_PLUS_ONE = ledger.c.contact_unseal_requests + 1
_CONFIRMATIONS_PLUS_LEVEL = func.coalesce(ledger.c.confirmations, func.jsonb_build_array()).op("||")(
    func.jsonb_build_array(bindparam(_LEVEL, type_=String)))


def _changes(event) -> dict:
    """The ledger columns an event (other than HazardReported) changes (and `_LEVEL`, a parameter)."""
    if isinstance(event, ev.HazardAssigned):
        return {"state": State.assigned.value, "responsible_unit": event.responsible_unit,
                "responsible_person": event.responsible_person, "deadline": event.deadline}
    if isinstance(event, ev.RectificationPlanSubmitted):
        return {"state": State.rectifying.value, "deadline": event.deadline, "plan": {
            "owner": event.owner, "measures": list(event.measures), "funding": event.funding,
            "deadline": event.deadline.isoformat(), "contingency_plan": event.contingency_plan}}
    if isinstance(event, ev.RectificationProgressed):
        return {"progress_percent": event.percent, "last_progress": event.note}
    if isinstance(event, ev.RectificationCompleted):
        return {"state": State.verifying.value, "progress_percent": 100}
    if isinstance(event, ev.VerificationPassed):
        return {"verification_passed": True, "verification_opinion": event.opinion}
    if isinstance(event, ev.VerificationFailed):
        return {"state": State.rectifying.value, "verification_failures": _FAILURES_PLUS_ONE,
                "last_failure_reasons": list(event.reasons)}
    if isinstance(event, ev.HazardOverdue):
        return {"overdue": True}
    if isinstance(event, ev.HazardListed):
        return {"listed": True, "supervising_unit": event.supervising_unit}
    if isinstance(event, ev.HazardConfirmed):
        return {"confirmations": _CONFIRMATIONS_PLUS_LEVEL, _LEVEL: event.level.value}
    if isinstance(event, ev.HazardRegraded):
        return {"grade": event.grade.value, "grade_basis": event.grade_basis}
    if isinstance(event, ev.ReporterContactUnsealRequested):
        return {"contact_unseal_requests": _UNSEAL_REQUESTS_PLUS_ONE}
    if isinstance(event, ev.ReporterContactUnsealed):
        return {"reporter_contact": "unsealed"}
    if isinstance(event, ev.ReportRewardFlagged):
        return {"reward": "flagged"}
    if isinstance(event, ev.ReportRewardDecided):
        return {"reward": "granted" if event.granted else "refused", "reward_amount": event.amount}
    if isinstance(event, ev.HazardDeadlineExtended):
        return {"deadline": event.deadline, "overdue": False, "deadline_extensions": _EXTENSIONS_PLUS_ONE,
                "last_extension_reason": event.reason}
    raise TypeError(type(event).__name__)


def _apply(conn: Connection, envelope: EventEnvelope) -> None:
    event = CODEC.decode(envelope.event_type, envelope.payload)
    if isinstance(event, ev.HazardReported):
        _reported(conn, envelope, event)
        return
    values = {"closed_at": envelope.occurred_at, "state": State.closed.value} if isinstance(event, ev.HazardClosed) \
        else _changes(event)
    values.update(updated_at=envelope.occurred_at, version=envelope.version)
    params = {"w_hazard_id": envelope.stream_id, "w_version": envelope.version}
    if _LEVEL in values:
        params[_LEVEL] = values.pop(_LEVEL)
    columns = tuple(k for k, v in values.items() if not isinstance(v, ClauseElement))
    expressions = tuple((k, v) for k, v in values.items() if isinstance(v, ClauseElement))
    params.update({"p_" + k: values[k] for k in columns})
    conn.execute(_update(columns, expressions), params)


_UPDATES: dict[tuple, Update] = {}


def _update(columns: tuple[str, ...], expressions: tuple[tuple[str, ClauseElement], ...]) -> Update:
    """The ledger UPDATE setting `columns` from parameters and `expressions`, built once per shape (a few per
    event type) so that each event costs a cached statement's execution, not building and compiling one."""
    key = (columns, tuple((k, id(v)) for k, v in expressions))  # the expressions are the module's constants
    statement = _UPDATES.get(key)
    if statement is None:
        # The version guard makes a replayed event a no-op instead of applying it twice.
        statement = _UPDATES[key] = (
            update(ledger)
            .where(ledger.c.hazard_id == bindparam("w_hazard_id"), ledger.c.version < bindparam("w_version"))
            .values({**{k: bindparam("p_" + k) for k in columns}, **dict(expressions)}))
    return statement


_HANDLERS: dict[str, Callable[[Connection, EventEnvelope], None]] = {
    f"ecosafe.hazard.v1.{cls.__name__}": _apply for cls in ev.ALL_EVENTS
}

LEDGER = Projection(name="hazard_ledger", handlers=_HANDLERS, tables=["hazard_ledger"], stream_types=[STREAM_TYPE])

PROJECTIONS = [LEDGER]
