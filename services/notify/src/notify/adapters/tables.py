"""SQLAlchemy Core tables of the notify read models (created by the Alembic migrations)."""

from sqlalchemy import BigInteger, Boolean, Column, Float, Integer, MetaData, Table, Text
from sqlalchemy.dialects.postgresql import JSONB, TIMESTAMP

metadata = MetaData()

rules = Table(
    "nt_rules", metadata,
    Column("rule_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("area_prefix", Text, nullable=False),
    Column("spec", JSONB, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("retired_reason", Text),
    Column("version", Integer, nullable=False),
    Column("updated_at", TIMESTAMP(timezone=True), nullable=False),
)

enterprises = Table(
    "nt_enterprises", metadata,
    Column("enterprise_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("park_id", Text),
    Column("lon", Float),
    Column("lat", Float),
    Column("registered", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", TIMESTAMP(timezone=True), nullable=False),
)

hazards = Table(
    "nt_hazards", metadata,
    Column("hazard_id", Text, primary_key=True),
    Column("ledger_no", Text, nullable=False),
    Column("enterprise_id", Text, nullable=False),
    Column("enterprise_name", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("domain", Text, nullable=False),
    Column("grade", Text),
    Column("description", Text, nullable=False),
    Column("reported_by", Text, nullable=False),
    Column("assigned_by", Text),
    Column("responsible_person", Text),
    Column("deadline", TIMESTAMP(timezone=True)),
)

incidents = Table(
    "nt_incidents", metadata,
    Column("incident_id", Text, primary_key=True),
    Column("jurisdiction_code", Text, nullable=False),
    Column("enterprise_id", Text),
    Column("park_id", Text),
    Column("pollutant", Text, nullable=False),
    Column("level", Text, nullable=False),
    Column("drill", Boolean, nullable=False),
    Column("reported_by", Text, nullable=False),
    Column("lon", Float),
    Column("lat", Float),
)

notifications = Table(
    "nt_notifications", metadata,
    Column("notification_id", Text, primary_key=True),
    Column("source_event_id", Text, nullable=False),
    Column("source_event_type", Text, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("subject_id", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("link", Text, nullable=False),
    Column("urgent", Boolean, nullable=False),
    Column("drill", Boolean, nullable=False),
    Column("matches", JSONB, nullable=False),
    Column("created_at", TIMESTAMP(timezone=True), nullable=False),
    Column("acknowledged_at", TIMESTAMP(timezone=True)),
    Column("escalation_level", Integer, nullable=False, server_default="0"),
)

recipients = Table(
    "nt_recipients", metadata,
    Column("notification_id", Text, primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("value", Text, primary_key=True),
    Column("jurisdiction_code", Text, primary_key=True),
    Column("label", Text, nullable=False),
)

shifts = Table(
    "nt_shifts", metadata,
    Column("shift_id", Text, primary_key=True),
    Column("jurisdiction_code", Text, nullable=False),
    Column("starts_at", TIMESTAMP(timezone=True), nullable=False),
    Column("ends_at", TIMESTAMP(timezone=True), nullable=False),
    Column("duty_officer", JSONB, nullable=False),
    Column("leader", JSONB, nullable=False),
    Column("deputy", JSONB),
    Column("active", Boolean, nullable=False),
    Column("cancel_reason", Text),
    Column("version", Integer, nullable=False),
    Column("updated_at", TIMESTAMP(timezone=True), nullable=False),
)

channels = Table(
    "nt_channels", metadata,
    Column("channel_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("signed", Boolean, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("retired_reason", Text),
    Column("version", Integer, nullable=False),
    Column("updated_at", TIMESTAMP(timezone=True), nullable=False),
)

channel_secrets = Table(
    "nt_channel_secrets", metadata,
    Column("channel_id", Text, primary_key=True),
    Column("secret", Text, nullable=False),
)

deliveries = Table(
    "nt_deliveries", metadata,
    Column("delivery_id", Text, primary_key=True),
    Column("notification_id", Text, nullable=False),
    Column("channel_id", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", TIMESTAMP(timezone=True), nullable=False),
    Column("lease_until", TIMESTAMP(timezone=True)),
    Column("possible_duplicate", Boolean, nullable=False),
    Column("last_error", Text),
    Column("updated_at", TIMESTAMP(timezone=True), nullable=False),
)

delivery_attempts = Table(
    "nt_delivery_attempts", metadata,
    Column("delivery_id", Text, primary_key=True),
    Column("attempt", Integer, primary_key=True),
    Column("at", TIMESTAMP(timezone=True), nullable=False),
    Column("outcome", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("next_attempt_at", TIMESTAMP(timezone=True)),
    Column("possible_duplicate", Boolean, nullable=False),
)

receipts = Table(
    "nt_receipts", metadata,
    Column("notification_id", Text, primary_key=True),
    Column("user_id", Text, primary_key=True),
    Column("read_at", TIMESTAMP(timezone=True)),
    Column("acknowledged_at", TIMESTAMP(timezone=True)),
    Column("note", Text),
    Column("on_behalf_of", Text),
)

warnings = Table(
    "nt_warnings", metadata,
    Column("warning_id", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("level", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("content", Text, nullable=False),
    Column("jurisdiction_code", Text),
    Column("area_geojson", Text),
    Column("issuer_jurisdiction", Text, nullable=False),
    Column("issued_by", Text, nullable=False),
    Column("issued_at", TIMESTAMP(timezone=True), nullable=False),
    Column("valid_until", TIMESTAMP(timezone=True), nullable=False),
    Column("enterprise_ids", JSONB, nullable=False),
    Column("park_ids", JSONB, nullable=False),
    Column("notification_id", Text, nullable=False),
)

report_obligations = Table(
    "nt_report_obligations", metadata,
    Column("obligation_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("spec", JSONB, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", TIMESTAMP(timezone=True), nullable=False),
)

report_status = Table(
    "nt_report_status", metadata,
    Column("obligation_id", Text, primary_key=True),
    Column("unit_code", Text, primary_key=True),
    Column("period", Text, primary_key=True),
    Column("submitted_at", TIMESTAMP(timezone=True)),
    Column("submitted_by", Text),
    Column("zero_report", Boolean),
    Column("summary", Text),
    Column("reminded_at", TIMESTAMP(timezone=True)),
    Column("missed_at", TIMESTAMP(timezone=True)),
)

report_clocks = Table(
    "nt_report_clocks", metadata,
    Column("incident_id", Text, primary_key=True),
    Column("stage", Text, primary_key=True),
    Column("jurisdiction_code", Text, nullable=False),
    Column("level", Text, nullable=False),
    Column("started_at", TIMESTAMP(timezone=True), nullable=False),
    Column("limit_hours", Float, nullable=False),
    Column("due_at", TIMESTAMP(timezone=True), nullable=False),
    Column("reminded_at", TIMESTAMP(timezone=True)),
    Column("missed_at", TIMESTAMP(timezone=True)),
    Column("submitted_at", TIMESTAMP(timezone=True)),
    Column("submitted_by", Text),
    Column("summary", Text),
    Column("version", Integer, nullable=False),
)

map_feed = Table(
    "nt_map_feed", metadata,
    # seq and tx_id are filled by the server: the row's place in the global log.
    Column("seq", BigInteger),
    Column("tx_id", Text),
    Column("source_event_id", Text, nullable=False, unique=True),
    Column("kind", Text, nullable=False),
    Column("aggregate_id", Text, nullable=False),
    Column("event", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("urgent", Boolean, nullable=False),
    Column("jurisdiction_code", Text),
    Column("also_jurisdictions", JSONB, nullable=False),
    Column("enterprise_id", Text),
    Column("park_id", Text),
    Column("lon", Float),
    Column("lat", Float),
    Column("state", Text),
    Column("occurred_at", TIMESTAMP(timezone=True), nullable=False),
)

facilities = Table(
    "nt_facilities", metadata,
    Column("facility_id", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("enterprise_id", Text),
    Column("park_id", Text),
    Column("lon", Float),
    Column("lat", Float),
    Column("attributes", JSONB, nullable=False),
    Column("state", Text),
    Column("close_commanded_at", TIMESTAMP(timezone=True)),
    Column("retired", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
)

cases = Table(
    "nt_cases", metadata,
    Column("case_id", Text, primary_key=True),
    Column("enterprise_id", Text, nullable=False),
    Column("enterprise_name", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
)
