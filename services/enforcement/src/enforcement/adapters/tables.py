"""SQLAlchemy Core tables of the enforcement read models (created by the Alembic migrations)."""

from sqlalchemy import Column, Float, Integer, MetaData, Table, Text
from sqlalchemy.dialects.postgresql import TIMESTAMP

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
