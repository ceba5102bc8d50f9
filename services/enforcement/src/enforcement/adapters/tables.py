"""SQLAlchemy Core tables of the enforcement read models (created by the Alembic migrations)."""

from sqlalchemy import Column, Date, Float, Integer, MetaData, Table, Text
from sqlalchemy.dialects.postgresql import JSONB, TIMESTAMP

metadata = MetaData()

enterprises = Table(
    "enf_enterprises", metadata,
    Column("enterprise_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("credit_code", Text, nullable=False),
    Column("industry", Text, nullable=False),
    Column("sector", Text, nullable=False),
    Column("risk_level", Text, nullable=False),
    Column("principal_name", Text, nullable=False),
    Column("principal_phone", Text, nullable=False),
    Column("parent_enterprise_id", Text),
    Column("park_id", Text),
    Column("jurisdiction_code", Text, nullable=False),
    Column("address", Text, nullable=False),
    Column("lon", Float, nullable=False),
    Column("lat", Float, nullable=False),
    Column("boundary_geojson", Text),
    Column("hazardous_waste_permit_no", Text),
    Column("status", Text, nullable=False),
    Column("deregistration_reason", Text),
    Column("version", Integer, nullable=False),
    Column("registered_at", TIMESTAMP(timezone=True), nullable=False),
    Column("updated_at", TIMESTAMP(timezone=True), nullable=False),
)

campaigns = Table(
    "enf_campaigns", metadata,
    Column("campaign_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("issuing_bureau", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("sectors", JSONB, nullable=False),
    Column("risk_levels", JSONB, nullable=False),
    Column("phases", JSONB, nullable=False),
    Column("targets", JSONB, nullable=False),
    Column("current_phase", Text),
    Column("version", Integer, nullable=False),
    Column("launched_at", TIMESTAMP(timezone=True), nullable=False),
    Column("updated_at", TIMESTAMP(timezone=True), nullable=False),
)

inspectors = Table(
    "enf_inspectors", metadata,
    Column("inspector_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("enrolled_at", TIMESTAMP(timezone=True), nullable=False),
)

conflicts = Table(
    "enf_conflicts", metadata,
    Column("inspector_id", Text, primary_key=True),
    Column("enterprise_id", Text, primary_key=True),
    Column("reason", Text, nullable=False),
    Column("declared_at", TIMESTAMP(timezone=True), nullable=False),
)

draws = Table(
    "enf_draws", metadata,
    Column("draw_id", Text, primary_key=True),
    Column("campaign_id", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("published_at", TIMESTAMP(timezone=True), nullable=False),
    Column("published_by", JSONB, nullable=False),
)

draw_selections = Table(
    "enf_draw_selections", metadata,
    Column("draw_id", Text, primary_key=True),
    Column("enterprise_id", Text, primary_key=True),
    Column("inspector_ids", JSONB, nullable=False),
    Column("rank", Integer, nullable=False),
)

inspections = Table(
    "enf_inspections", metadata,
    Column("inspection_id", Text, primary_key=True),
    Column("enterprise_id", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("campaign_id", Text),
    Column("draw_id", Text),
    Column("mode", Text, nullable=False),
    Column("inspector_ids", JSONB, nullable=False),
    Column("joint_departments", JSONB, nullable=False),
    Column("planned_for", Date, nullable=False),
    Column("status", Text, nullable=False),
    Column("completed_at", TIMESTAMP(timezone=True)),
    Column("bureau_code", Text),
    Column("bureau_level", Text),
    Column("checklist", JSONB),
    Column("summary", Text),
    Column("version", Integer, nullable=False),
    Column("planned_at", TIMESTAMP(timezone=True), nullable=False),
    Column("completed_by", JSONB),
)

findings = Table(
    "enf_findings", metadata,
    Column("finding_id", Text, primary_key=True),
    Column("inspection_id", Text, nullable=False),
    Column("enterprise_id", Text, nullable=False),
    Column("campaign_id", Text),
    Column("domain", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("suggested_grade", Text, nullable=False),
    Column("grade_basis", Text, nullable=False),
    Column("found_at", TIMESTAMP(timezone=True), nullable=False),
)
