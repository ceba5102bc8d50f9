"""Read model of enforcement's cases and blacklist (Kafka): the cases, penalties and entries, and per enterprise its
sanction status (open cases, suspension, closure proposal, closure, blacklist, penalty total)."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.engine import Connection

from ecosafe import registry
from ecosafe_kit.messaging.envelope import EventEnvelope

_PACKAGE = "ecosafe.enforcement.v1."
# The case events that change what the map shows, and the timestamp column of rm_cases each one sets. The others
# (referral, admonition, exposure, joint punishment, typical case, transfers) change no flag; the blacklist entry
# that follows a joint punishment, and its removal, come on their own topic.
_CASE_MOMENTS = {"CaseOpened": "opened", "PenaltyImposed": None, "SuspensionOrdered": "suspended",
                 "SuspensionLifted": "lifted", "ClosureProposed": "closure", "ClosureDeclined": "answered",
                 "ClosureProposalWithdrawn": "answered", "ClosureDecided": "decided", "CaseClosed": "closed"}
LATEST_CASES = 5

# Opening, closing and the closure decision happen once: their timestamp, once set, stays. A suspension or a closure
# proposal may be lifted or answered and made again, so those columns keep the latest moment of each (GREATEST
# ignores NULL): a redelivered or republished event changes nothing, and the flags compare the latest order with
# the latest lifting. Events of one case arrive in order (key case_id), but a case first met through a later event
# still gets its row.
_UPSERT_CASE = text("""
INSERT INTO rm_cases (case_id, enterprise_id, origin, opened_at, closed_at, suspension_ordered_at, closure_proposed_at,
                      suspension_lifted_at, closure_answered_at, closure_decided_at, updated_at)
VALUES (:case_id, :e, :origin, :opened, :closed, :suspended, :closure, :lifted, :answered, :decided, :at)
ON CONFLICT (case_id) DO UPDATE SET origin = COALESCE(rm_cases.origin, EXCLUDED.origin),
    opened_at = COALESCE(rm_cases.opened_at, EXCLUDED.opened_at),
    closed_at = COALESCE(rm_cases.closed_at, EXCLUDED.closed_at),
    suspension_ordered_at = GREATEST(rm_cases.suspension_ordered_at, EXCLUDED.suspension_ordered_at),
    closure_proposed_at = GREATEST(rm_cases.closure_proposed_at, EXCLUDED.closure_proposed_at),
    suspension_lifted_at = GREATEST(rm_cases.suspension_lifted_at, EXCLUDED.suspension_lifted_at),
    closure_answered_at = GREATEST(rm_cases.closure_answered_at, EXCLUDED.closure_answered_at),
    closure_decided_at = COALESCE(rm_cases.closure_decided_at, EXCLUDED.closure_decided_at),
    updated_at = GREATEST(rm_cases.updated_at, EXCLUDED.updated_at)
""")
_UPSERT_PENALTY = text("""
INSERT INTO rm_case_penalties (penalty_id, case_id, enterprise_id, target, amount_fen, decision_no, imposed_at)
VALUES (:id, :case_id, :e, :target, :fen, :decision, :at)
ON CONFLICT (penalty_id) DO NOTHING
""")
_UPSERT_ENTRY = text("""
INSERT INTO rm_blacklist_entries (entry_id, enterprise_id, case_id, reason, departments, listed_at)
VALUES (:id, :e, :case_id, :reason, CAST(:departments AS jsonb), :at)
ON CONFLICT (entry_id) DO NOTHING
""")
# An entry's removal follows its listing on the same key (entry_id), so the row is there.
_REMOVE_ENTRY = text("""
UPDATE rm_blacklist_entries SET removed_at = COALESCE(removed_at, :at) WHERE entry_id = :id
""")
# The enterprise's status, computed again from its rows: the same rows give the same status whatever the number of
# deliveries. A suspension stands until lifted after it was ordered (恢复生产); a closure proposal until the
# government answers, the bureau withdraws it or closure is decided (then the enterprise is `closed`); a blacklist
# entry until removed (信用修复).
_SUMMARISE = text("""
INSERT INTO rm_enterprise_sanctions (enterprise_id, open_case_count, latest_case_ids, suspended, suspension_case_id,
    closure_proposed, closure_case_id, closed, closed_case_id, blacklisted, blacklist_case_id, blacklist_reason,
    penalty_total_fen, updated_at)
SELECT :e,
    (SELECT count(*) FROM rm_cases WHERE enterprise_id = :e AND closed_at IS NULL),
    ARRAY(SELECT case_id FROM rm_cases WHERE enterprise_id = :e
          ORDER BY opened_at DESC NULLS LAST, case_id LIMIT :latest),
    sus.case_id IS NOT NULL, sus.case_id, clo.case_id IS NOT NULL, clo.case_id, shut.case_id IS NOT NULL, shut.case_id,
    bl.case_id IS NOT NULL, bl.case_id, bl.reason,
    (SELECT COALESCE(sum(amount_fen), 0) FROM rm_case_penalties WHERE enterprise_id = :e),
    :at
FROM (SELECT 1) one
LEFT JOIN LATERAL (SELECT case_id FROM rm_cases WHERE enterprise_id = :e AND suspension_ordered_at IS NOT NULL
                   AND (suspension_lifted_at IS NULL OR suspension_lifted_at < suspension_ordered_at)
                   ORDER BY suspension_ordered_at DESC, case_id LIMIT 1) sus ON TRUE
LEFT JOIN LATERAL (SELECT case_id FROM rm_cases WHERE enterprise_id = :e AND closure_proposed_at IS NOT NULL
                   AND closure_decided_at IS NULL
                   AND (closure_answered_at IS NULL OR closure_answered_at < closure_proposed_at)
                   ORDER BY closure_proposed_at DESC, case_id LIMIT 1) clo ON TRUE
LEFT JOIN LATERAL (SELECT case_id FROM rm_cases WHERE enterprise_id = :e AND closure_decided_at IS NOT NULL
                   ORDER BY closure_decided_at, case_id LIMIT 1) shut ON TRUE
LEFT JOIN LATERAL (SELECT case_id, reason FROM rm_blacklist_entries WHERE enterprise_id = :e AND removed_at IS NULL
                   ORDER BY listed_at DESC, entry_id LIMIT 1) bl ON TRUE
ON CONFLICT (enterprise_id) DO UPDATE SET open_case_count = EXCLUDED.open_case_count,
    latest_case_ids = EXCLUDED.latest_case_ids, suspended = EXCLUDED.suspended,
    suspension_case_id = EXCLUDED.suspension_case_id, closure_proposed = EXCLUDED.closure_proposed,
    closure_case_id = EXCLUDED.closure_case_id, closed = EXCLUDED.closed, closed_case_id = EXCLUDED.closed_case_id,
    blacklisted = EXCLUDED.blacklisted,
    blacklist_case_id = EXCLUDED.blacklist_case_id, blacklist_reason = EXCLUDED.blacklist_reason,
    penalty_total_fen = EXCLUDED.penalty_total_fen,
    updated_at = GREATEST(rm_enterprise_sanctions.updated_at, EXCLUDED.updated_at)
""")


def _summarise(conn: Connection, enterprise_id: str, at) -> None:
    conn.execute(_SUMMARISE, {"e": enterprise_id, "latest": LATEST_CASES, "at": at})


def apply_case_event(conn: Connection, envelope: EventEnvelope) -> None:
    """CaseOpened … CaseClosed, PenaltyImposed, the liftings and answers → the case's row (and the penalty's), then
    the enterprise's status."""
    name = envelope.event_type.removeprefix(_PACKAGE)
    if name not in _CASE_MOMENTS:  # another package's type keeps its dots and is not a key
        return
    m = registry.message_class(envelope.event_type).FromString(envelope.payload)
    at = envelope.occurred_at
    moment = _CASE_MOMENTS[name]
    conn.execute(_UPSERT_CASE, {
        "case_id": m.case_id, "e": m.enterprise_id, "origin": m.origin if name == "CaseOpened" else None,
        **{column: at if moment == column else None
           for column in ("opened", "closed", "suspended", "closure", "lifted", "answered", "decided")}, "at": at})
    if name == "PenaltyImposed":
        conn.execute(_UPSERT_PENALTY, {"id": m.penalty_id, "case_id": m.case_id, "e": m.enterprise_id,
                                       "target": m.target, "fen": m.amount_fen, "decision": m.decision_no, "at": at})
    _summarise(conn, m.enterprise_id, at)


def apply_blacklist_event(conn: Connection, envelope: EventEnvelope) -> None:
    """EnterpriseBlacklisted → its entry, EnterpriseRemovedFromBlacklist → its removal, then the enterprise's status."""
    if envelope.event_type == _PACKAGE + "EnterpriseRemovedFromBlacklist":
        m = registry.message_class(envelope.event_type).FromString(envelope.payload)
        conn.execute(_REMOVE_ENTRY, {"id": m.entry_id, "at": envelope.occurred_at})
        _summarise(conn, m.enterprise_id, envelope.occurred_at)
        return
    if envelope.event_type != _PACKAGE + "EnterpriseBlacklisted":
        return
    m = registry.message_class(envelope.event_type).FromString(envelope.payload)
    conn.execute(_UPSERT_ENTRY, {"id": m.entry_id, "e": m.enterprise_id, "case_id": m.case_id, "reason": m.reason,
                                 "departments": json.dumps(list(m.departments), ensure_ascii=False),
                                 "at": envelope.occurred_at})
    _summarise(conn, m.enterprise_id, envelope.occurred_at)


def apply_enforcement_event(conn: Connection, envelope: EventEnvelope) -> None:
    """The one handler of the cases consumer group, which reads both topics."""
    apply_case_event(conn, envelope)
    apply_blacklist_event(conn, envelope)
