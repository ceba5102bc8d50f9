"""SQLAlchemy Core tables of the reports' read model (migration 0010): the facts and each month's first generation."""

from sqlalchemy import Column, MetaData, Table, Text
from sqlalchemy.dialects.postgresql import JSONB, TIMESTAMP

metadata = MetaData()
_TS = TIMESTAMP(timezone=True)

facts = Table(
    "rep_facts", metadata,
    Column("fact_id", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("subject_id", Text, nullable=False),
    Column("unit_code", Text, nullable=False),
    Column("enterprise_id", Text, nullable=False),
    Column("happened_at", _TS, nullable=False),
    Column("entered_at", _TS, nullable=False),
    Column("campaign_id", Text),
    Column("data", JSONB, nullable=False),
)

generations = Table(
    "rep_generations", metadata,
    Column("report", Text, primary_key=True),
    Column("campaign_id", Text, primary_key=True),
    Column("unit_code", Text, primary_key=True),
    Column("scope", Text, primary_key=True),
    Column("period", Text, primary_key=True),
    Column("first_generated_at", _TS, nullable=False),
    Column("first_generated_by", JSONB, nullable=False),
)
