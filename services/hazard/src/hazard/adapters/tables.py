"""The hazard service's own read-model tables (created by migrations 0002, 0003 and 0005–0009), as SQLAlchemy Core tables."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger, Boolean, Column, Date, DateTime, Integer, LargeBinary, MetaData, String, Table, Text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

metadata = MetaData()

# 企业名录 as the enforcement service publishes it (EnterpriseRegistered / EnterpriseUpdated).
enterprises = Table(
    "hazard_enterprises", metadata,
    Column("enterprise_id", String, primary_key=True),
    Column("name", Text, nullable=False),
    Column("credit_code", Text, nullable=False),
    Column("industry", Text, nullable=False),
    Column("risk_level", Text, nullable=False),
    Column("principal_name", Text, nullable=False),
    Column("parent_enterprise_id", String),
    Column("park_id", String),
    Column("jurisdiction_code", String, nullable=False),
    Column("address", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("deregistered_at", DateTime(timezone=True)),
    Column("deregistered_reason", Text),
)

# 逐项编号 counters: one row per county bureau and year, locked by the transaction that registers a hazard.
ledger_counters = Table(
    "hazard_ledger_counters", metadata,
    Column("county_code", String, primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("last_sequence", Integer, nullable=False),
)

# 台账: one row per hazard, the projection of its events.
ledger = Table(
    "hazard_ledger", metadata,
    Column("hazard_id", String, primary_key=True),
    Column("ledger_no", String, nullable=False, unique=True),
    Column("enterprise_id", String, nullable=False),
    Column("enterprise_name", Text, nullable=False),
    Column("jurisdiction_code", String, nullable=False),
    Column("county_code", String, nullable=False),
    Column("city_code", String, nullable=False),
    Column("source", String, nullable=False),
    Column("domain", String, nullable=False),
    Column("grade", String, nullable=False),
    Column("grade_basis", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("site", Text, nullable=False),
    Column("campaign_id", String),
    Column("finding_id", String),
    Column("pool_review_id", String),
    Column("on_behalf_of", Text, nullable=False),
    Column("state", String, nullable=False),
    Column("listed", Boolean, nullable=False),
    Column("supervising_unit", Text),
    Column("overdue", Boolean, nullable=False),
    Column("deadline", Date),
    Column("responsible_unit", Text),
    Column("responsible_person", Text),
    Column("progress_percent", Integer),
    Column("last_progress", Text),
    Column("verification_failures", Integer, nullable=False),
    Column("last_failure_reasons", JSONB),
    Column("confirmations", JSONB, nullable=False),
    Column("verification_passed", Boolean, nullable=False),
    Column("verification_opinion", Text),
    Column("plan", JSONB),
    # 举报人联系方式: none, sealed or unsealed (the contact itself is in hazard_reporter_contacts, encrypted).
    Column("reporter_contact", String, nullable=False),
    Column("contact_unseal_requests", Integer, nullable=False),
    # 举报奖励: null, flagged, granted or refused.
    Column("reward", String),
    Column("reward_amount", BigInteger),
    Column("deadline_extensions", Integer, nullable=False),
    Column("last_extension_reason", Text),
    Column("reported_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
)

# 群众举报: the follow-up code's hash only (the code itself is shown once to the reporter).
public_reports = Table(
    "hazard_public_reports", metadata,
    Column("code_hash", String, primary_key=True),
    Column("hazard_id", String, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# 举报人联系方式, sealed: AES-GCM under ECOSAFE_REPORTER_CONTACT_KEY, bound to the hazard id; never in an event.
reporter_contacts = Table(
    "hazard_reporter_contacts", metadata,
    Column("hazard_id", String, primary_key=True),
    Column("key_id", String, nullable=False),
    Column("sealed", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Rate limit of public reports per client and window, shared by every replica.
report_throttle = Table(
    "hazard_report_throttle", metadata,
    Column("client_key", String, primary_key=True),
    Column("window_start", DateTime(timezone=True), primary_key=True),
    Column("attempts", BigInteger, nullable=False),
)

# A finding or pool shortfall whose enterprise is not in the register yet (the enforcement and risk-map topics have no
# order between them): kept with its signed message until the enterprise arrives, then opened and deleted.
waiting_for_enterprise = Table(
    "hazard_waiting_for_enterprise", metadata,
    Column("hazard_id", String, primary_key=True),
    Column("kind", String, nullable=False),
    Column("enterprise_id", String, nullable=False),
    Column("event_id", UUID(as_uuid=True), nullable=False),
    Column("event_type", String, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("signer", JSONB, nullable=False),
    Column("parked_at", DateTime(timezone=True), nullable=False),
    Column("error", Text),
)
