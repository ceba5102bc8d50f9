"""SQLAlchemy Core tables of cases, penalties, measures, transfers, the blacklist, known hazards (migrations 0006,
0007), responsibility lists (0008), sanction outcomes (0009) and the days decisions were made (0011)."""

from sqlalchemy import BigInteger, Boolean, Column, Date, Integer, MetaData, Table, Text
from sqlalchemy.dialects.postgresql import JSONB, TIMESTAMP

metadata = MetaData()
_TS = TIMESTAMP(timezone=True)

cases = Table(
    "enf_cases", metadata,
    Column("case_id", Text, primary_key=True),
    Column("enterprise_id", Text, nullable=False),
    Column("enterprise_name", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("origin", Text, nullable=False),
    Column("finding_id", Text),
    Column("hazard_id", Text),
    Column("legal_basis", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("rule", Text, nullable=False),
    Column("dual_penalty_proposed", Boolean, nullable=False),
    Column("status", Text, nullable=False),
    Column("suspended", Boolean, nullable=False),
    Column("closure_proposed", Boolean, nullable=False),
    Column("principal_industry_ban", Boolean, nullable=False),
    Column("closure_status", Text),  # ClosureState, None before any proposal
    Column("closure_decision", JSONB),  # the government's answer (decided or declined)
    Column("blacklisted", Boolean, nullable=False),
    Column("conclusion", Text),
    Column("version", Integer, nullable=False),
    Column("opened_at", _TS, nullable=False),
    Column("decided_on", Date, nullable=False),  # 立案日期 (0011)
    Column("opened_by", JSONB, nullable=False),
    Column("closed_at", _TS),
    Column("closed_on", Date),  # 结案日期 (0011)
)

penalties = Table(
    "enf_penalties", metadata,
    Column("penalty_id", Text, primary_key=True),
    Column("case_id", Text, nullable=False),
    Column("enterprise_id", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("party_name", Text, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("legal_basis", Text, nullable=False),
    Column("decision_no", Text, nullable=False),
    Column("dual", Boolean, nullable=False),
    Column("imposed_at", _TS, nullable=False),
    Column("decided_on", Date, nullable=False),  # 处罚决定日期 (0011)
    Column("signed_by", JSONB, nullable=False),
)

measures = Table(
    "enf_case_measures", metadata,
    Column("case_id", Text, primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("details", JSONB, nullable=False),
    Column("taken_at", _TS, nullable=False),
    Column("signed_by", JSONB, nullable=False),
)

transfers = Table(
    "enf_transfers", metadata,
    Column("transfer_id", Text, primary_key=True),
    Column("case_id", Text, nullable=False),
    Column("department", Text, nullable=False),
    Column("department_name", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("sent_at", _TS, nullable=False),
    Column("decided_on", Date, nullable=False),  # 移交日期 (0011)
    Column("received_at", _TS),
    Column("received_on", Date),  # 回执日期 (0011)
    Column("receiver", Text),
    Column("receipt_note", Text),
)

blacklist = Table(
    "enf_blacklist", metadata,
    Column("entry_id", Text, primary_key=True),
    Column("enterprise_id", Text, nullable=False),
    Column("enterprise_name", Text, nullable=False),
    Column("credit_code", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("case_id", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("departments", JSONB, nullable=False),
    Column("listed_at", _TS, nullable=False),
    Column("listed_by", JSONB, nullable=False),
    Column("removed_at", _TS),
    Column("removed_by", JSONB),
    Column("removal_reason", Text),
    Column("rectification", Text),
)

hazards = Table(
    "enf_hazards", metadata,
    Column("hazard_id", Text, primary_key=True),
    Column("enterprise_id", Text, nullable=False),
    Column("ledger_no", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("grade", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("finding_id", Text),
    Column("found_at", _TS, nullable=False),
    Column("reported_by", JSONB, nullable=False),
    Column("responsible_person", Text),
    Column("assigned_by", JSONB),
    Column("deadline", _TS),
    Column("overdue", Boolean, nullable=False),
    Column("verification_failures", Integer, nullable=False),
    Column("status", Text, nullable=False),
)

responsibility_lists = Table(
    "enf_responsibility_lists", metadata,
    Column("enterprise_id", Text, primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("campaign_key", Text, primary_key=True),  # the campaign id, or '' for the lists of no campaign
    Column("campaign_id", Text),
    Column("present", Boolean, nullable=False),
    Column("document_ref", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("recorded_at", _TS, nullable=False),
    Column("recorded_by", JSONB, nullable=False),
    Column("version", Integer, nullable=False),
)
