"""Projection of cases (with penalties, measures, transfers) and blacklist entries into their read models, in the
writer's transaction.

Rebuild: `ecosafe-rebuild --projections enforcement.adapters.case_projections:PROJECTIONS`.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection

from ecosafe_kit.messaging.envelope import EventEnvelope
from ecosafe_kit.projections import Projection
from enforcement.adapters.dates import decided_day
from enforcement.adapters.case_tables import blacklist, cases, measures, penalties, transfers
from enforcement.adapters.flat_codec import BLACKLIST_CODEC, CASE_CODEC
from enforcement.domain import blacklist as b, case as c

CASE_STREAM = "case"
BLACKLIST_STREAM = "blacklist"
_PREFIX = "ecosafe.enforcement.v1."


def _touch(conn: Connection, envelope: EventEnvelope, **values) -> None:
    conn.execute(update(cases).where(cases.c.case_id == envelope.stream_id).values(version=envelope.version,
                                                                                    **values))


def _opened(conn: Connection, envelope: EventEnvelope) -> None:
    e: c.CaseOpened = CASE_CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(insert(cases).values(
        case_id=e.case_id, enterprise_id=e.enterprise_id, enterprise_name=e.enterprise_name,
        jurisdiction_code=e.jurisdiction_code, origin=e.origin, finding_id=e.finding_id, hazard_id=e.hazard_id,
        legal_basis=e.legal_basis, description=e.description, rule=e.rule,
        dual_penalty_proposed=e.dual_penalty_proposed, status="open", suspended=False, closure_proposed=False,
        principal_industry_ban=False, blacklisted=False, version=envelope.version, opened_at=envelope.occurred_at,
        decided_on=decided_day(e.decided_on, envelope.occurred_at),
        opened_by=envelope.signer.as_dict(),
    ).on_conflict_do_nothing(index_elements=["case_id"]))


def _penalty(conn: Connection, envelope: EventEnvelope) -> None:
    e: c.PenaltyImposed = CASE_CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(insert(penalties).values(
        penalty_id=e.penalty_id, case_id=e.case_id, enterprise_id=e.enterprise_id, target=e.target,
        party_name=e.party_name, amount_fen=e.amount_fen, legal_basis=e.legal_basis, decision_no=e.decision_no,
        dual=e.dual, imposed_at=envelope.occurred_at, decided_on=decided_day(e.decided_on, envelope.occurred_at),
        signed_by=envelope.signer.as_dict(),
    ).on_conflict_do_nothing(index_elements=["penalty_id"]))
    _touch(conn, envelope)


def _measure(flags: dict | None = None):
    """A measure kept with its details (every field but the ids); `flags` are set on the case as well: a constant, a
    field's name, or a function of the details."""

    def handle(conn: Connection, envelope: EventEnvelope) -> None:
        event = CASE_CODEC.decode(envelope.event_type, envelope.payload)
        details = {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(event).items()
                   if k not in ("case_id", "enterprise_id")}
        details["decided_on"] = decided_day(event.decided_on, envelope.occurred_at).isoformat()
        conn.execute(insert(measures).values(
            case_id=envelope.stream_id, version=envelope.version, kind=envelope.event_type.removeprefix(_PREFIX),
            details=details, taken_at=envelope.occurred_at, signed_by=envelope.signer.as_dict(),
        ).on_conflict_do_nothing(index_elements=["case_id", "version"]))
        values = {name: (source(details) if callable(source) else details[source] if isinstance(source, str)
                         else source) for name, source in (flags or {}).items()}
        _touch(conn, envelope, **values)

    return handle


def _status(status: str):
    return lambda details: status


def _decision(kind: str):
    """The government's answer to a closure proposal as kept on the case (the measure keeps it too)."""
    return lambda details: {"kind": kind, **details}


def _transfer_sent(conn: Connection, envelope: EventEnvelope) -> None:
    e: c.TransferSent = CASE_CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(insert(transfers).values(
        transfer_id=e.transfer_id, case_id=e.case_id, department=e.department, department_name=e.department_name,
        note=e.note, sent_at=envelope.occurred_at, decided_on=decided_day(e.decided_on, envelope.occurred_at),
    ).on_conflict_do_nothing(index_elements=["transfer_id"]))
    _touch(conn, envelope)


def _transfer_received(conn: Connection, envelope: EventEnvelope) -> None:
    e: c.TransferReceived = CASE_CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(update(transfers).where(transfers.c.transfer_id == e.transfer_id).values(
        received_at=envelope.occurred_at, received_on=decided_day(e.decided_on, envelope.occurred_at),
        receiver=e.receiver, receipt_note=e.note))
    _touch(conn, envelope)


def _closed(conn: Connection, envelope: EventEnvelope) -> None:
    e: c.CaseClosed = CASE_CODEC.decode(envelope.event_type, envelope.payload)
    _touch(conn, envelope, status="closed", conclusion=e.conclusion, closed_at=envelope.occurred_at,
          closed_on=decided_day(e.decided_on, envelope.occurred_at))


def _blacklisted(conn: Connection, envelope: EventEnvelope) -> None:
    e: b.EnterpriseBlacklisted = BLACKLIST_CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(insert(blacklist).values(
        entry_id=e.entry_id, enterprise_id=e.enterprise_id, enterprise_name=e.enterprise_name,
        credit_code=e.credit_code, jurisdiction_code=e.jurisdiction_code, case_id=e.case_id, reason=e.reason,
        departments=list(e.departments), listed_at=envelope.occurred_at, listed_by=envelope.signer.as_dict(),
    ).on_conflict_do_nothing(index_elements=["entry_id"]))


def _removed(conn: Connection, envelope: EventEnvelope) -> None:
    e: b.EnterpriseRemovedFromBlacklist = BLACKLIST_CODEC.decode(envelope.event_type, envelope.payload)
    conn.execute(update(blacklist).where(blacklist.c.entry_id == e.entry_id).values(
        removed_at=envelope.occurred_at, removed_by=envelope.signer.as_dict(), removal_reason=e.reason,
        rectification=e.rectification))


CASES = Projection(
    name="cases",
    handlers={_PREFIX + "CaseOpened": _opened,
              _PREFIX + "PenaltyImposed": _penalty,
              _PREFIX + "CaseReferred": _measure(),
              _PREFIX + "SuspensionOrdered": _measure({"suspended": True}),
              _PREFIX + "ClosureProposed": _measure({"closure_proposed": True, "closure_status": _status("proposed"),
                                                     "principal_industry_ban": "principal_industry_ban"}),
              _PREFIX + "SuspensionLifted": _measure({"suspended": False}),
              _PREFIX + "ClosureDecided": _measure({"closure_proposed": False, "closure_status": _status("decided"),
                                                    "closure_decision": _decision("decided")}),
              _PREFIX + "ClosureDeclined": _measure({"closure_proposed": False, "closure_status": _status("declined"),
                                                     "closure_decision": _decision("declined")}),
              _PREFIX + "ClosureProposalWithdrawn": _measure({"closure_proposed": False,
                                                              "closure_status": _status("withdrawn")}),
              _PREFIX + "AdmonitionHeld": _measure(),
              _PREFIX + "CaseExposed": _measure(),
              _PREFIX + "JointPunishmentDecided": _measure({"blacklisted": True}),
              _PREFIX + "TypicalCasePublished": _measure(),
              _PREFIX + "TransferSent": _transfer_sent,
              _PREFIX + "TransferReceived": _transfer_received,
              _PREFIX + "CaseClosed": _closed},
    tables=["enf_transfers", "enf_case_measures", "enf_penalties", "enf_cases"], stream_types=[CASE_STREAM])
BLACKLIST = Projection(
    name="blacklist", handlers={_PREFIX + "EnterpriseBlacklisted": _blacklisted,
                                _PREFIX + "EnterpriseRemovedFromBlacklist": _removed}, tables=["enf_blacklist"],
    stream_types=[BLACKLIST_STREAM])
PROJECTIONS = [CASES, BLACKLIST]
