"""The risk-map's read-model tables as SQLAlchemy Core with GeoAlchemy2 geometry columns (the migrations create them).

Queries built from these get typed geometry columns and spatial functions; the hot paths (the correlation, tiles,
OGC items) stay hand-written prepared SQL where that is faster. `test_tables_match_schema` checks this declaration
against the migrated database.
"""

from __future__ import annotations

from geoalchemy2 import Geometry
from sqlalchemy import (ARRAY, BigInteger, Boolean, Column, DateTime, Float, Integer, MetaData, Table, Text, false, text)
from sqlalchemy.dialects.postgresql import JSONB

SRID = 4326
metadata = MetaData()


def _geometry(geometry_type: str) -> Geometry:
    # The GIST indexes are the migrations' (some partial, per kind); none is declared here.
    return Geometry(geometry_type, srid=SRID, spatial_index=False)


def _jsonb_object() -> dict:
    return {"server_default": text("'{}'::jsonb")}


rm_parks = Table(
    "rm_parks", metadata,
    Column("park_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("geom", _geometry("MULTIPOLYGON"), nullable=False),
    Column("declared_crs", Text, nullable=False),
    Column("lists", JSONB, nullable=False, **_jsonb_object()),
    Column("version", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("retired_at", DateTime(timezone=True)),
    Column("retired_reason", Text),
)

rm_facilities = Table(
    "rm_facilities", metadata,
    Column("facility_id", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("enterprise_id", Text),
    Column("park_id", Text),
    Column("jurisdiction_code", Text, nullable=False),
    Column("geom", _geometry("GEOMETRY"), nullable=False),
    Column("attributes", JSONB, nullable=False, **_jsonb_object()),
    Column("derived", JSONB, nullable=False, **_jsonb_object()),
    Column("declared_crs", Text, nullable=False),
    Column("reach_id", Text),
    Column("measure_m", Float),
    Column("version", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

rm_reaches = Table(
    "rm_reaches", metadata,
    Column("reach_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("river_name", Text, nullable=False),
    Column("downstream_reach_id", Text),
    Column("length_m", Float, nullable=False),
    Column("velocity_mps", Float, nullable=False),
    Column("geom", _geometry("LINESTRING"), nullable=False),
    Column("jurisdiction_code", Text),
)

rm_river_plans = Table(
    "rm_river_plans", metadata,
    Column("plan_id", Text, primary_key=True),
    Column("version_no", Integer, primary_key=True),
    Column("river_name", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("actions", JSONB, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("signed_by", JSONB, nullable=False),
)

rm_incidents = Table(
    "rm_incidents", metadata,
    Column("incident_id", Text, primary_key=True),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("location", _geometry("POINT"), nullable=False),
    Column("pollutant", Text, nullable=False),
    Column("volume_m3", Float, nullable=False),
    Column("level", Text, nullable=False),
    Column("enterprise_id", Text),
    Column("contained_in_plant", Boolean),
    Column("reported_by", JSONB, nullable=False),
    Column("version", Integer, nullable=False),
    Column("drill", Boolean, nullable=False, server_default=false()),
    Column("jurisdiction_code", Text),
    Column("park_id", Text),
    Column("downstream_jurisdiction_codes", ARRAY(Text), nullable=False, server_default=text("'{}'::text[]")),
)

rm_enterprises = Table(
    "rm_enterprises", metadata,
    Column("enterprise_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("credit_code", Text),
    Column("industry", Text),
    Column("risk_level", Text),
    Column("park_id", Text),
    Column("jurisdiction_code", Text, nullable=False),
    Column("address", Text),
    Column("location", _geometry("POINT")),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("deregistered_at", DateTime(timezone=True)),
    Column("deregistered_reason", Text),
)

rm_hazards = Table(
    "rm_hazards", metadata,
    Column("hazard_id", Text, primary_key=True),
    Column("enterprise_id", Text, nullable=False),
    Column("ledger_no", Text),
    Column("grade", Text),
    Column("description", Text),
    Column("status", Text, nullable=False),
    Column("geom", _geometry("POINT")),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("pool_review_id", Text),
)

rm_findings = Table(
    "rm_findings", metadata,
    Column("finding_id", Text, primary_key=True),
    Column("inspection_id", Text, nullable=False),
    Column("enterprise_id", Text, nullable=False),
    Column("campaign_id", Text),
    Column("domain", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("suggested_grade", Text, nullable=False),
    Column("grade_basis", Text, nullable=False),
    Column("inspector_ids", JSONB, nullable=False),
    Column("found_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", JSONB, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

rm_pool_reviews = Table(
    "rm_pool_reviews", metadata,
    Column("review_id", Text, primary_key=True),
    Column("enterprise_id", Text, nullable=False),
    Column("jurisdiction_code", Text, nullable=False),
    Column("park_id", Text),
    Column("required_volume_m3", Float, nullable=False),
    Column("capacity_m3", Float, nullable=False),
    Column("shortfall_m3", Float, nullable=False),
    Column("explanation", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("raised_by_role", Text, nullable=False),
    Column("raised_by", JSONB, nullable=False),
    Column("computed_at", DateTime(timezone=True), nullable=False),
    Column("raised_at", DateTime(timezone=True), nullable=False),
)

rm_map_tokens = Table(
    "rm_map_tokens", metadata,
    Column("token_id", Text, primary_key=True),
    Column("token_sha256", Text, nullable=False, unique=True),
    Column("label", Text, nullable=False),
    Column("holder_subject", Text, nullable=False),
    Column("holder_name", Text, nullable=False),
    Column("scope_roles", ARRAY(Text), nullable=False),
    Column("scope_jurisdiction", Text),
    Column("scope_park_id", Text),
    Column("scope_enterprise_id", Text),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoked_reason", Text),
    Column("version", Integer, nullable=False),
)

# Enforcement's cases, penalties and blacklist entries (from Kafka), and the sanction status per enterprise.
rm_cases = Table(
    "rm_cases", metadata,
    Column("case_id", Text, primary_key=True),
    Column("enterprise_id", Text, nullable=False),
    Column("origin", Text),
    Column("opened_at", DateTime(timezone=True)),
    Column("closed_at", DateTime(timezone=True)),
    Column("suspension_ordered_at", DateTime(timezone=True)),
    Column("closure_proposed_at", DateTime(timezone=True)),
    Column("suspension_lifted_at", DateTime(timezone=True)),
    Column("closure_answered_at", DateTime(timezone=True)),  # declined by the government or withdrawn
    Column("closure_decided_at", DateTime(timezone=True)),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

rm_case_penalties = Table(
    "rm_case_penalties", metadata,
    Column("penalty_id", Text, primary_key=True),
    Column("case_id", Text, nullable=False),
    Column("enterprise_id", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("decision_no", Text, nullable=False),
    Column("imposed_at", DateTime(timezone=True), nullable=False),
)

rm_blacklist_entries = Table(
    "rm_blacklist_entries", metadata,
    Column("entry_id", Text, primary_key=True),
    Column("enterprise_id", Text, nullable=False),
    Column("case_id", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("departments", JSONB, nullable=False),
    Column("listed_at", DateTime(timezone=True), nullable=False),
    Column("removed_at", DateTime(timezone=True)),
)

rm_enterprise_sanctions = Table(
    "rm_enterprise_sanctions", metadata,
    Column("enterprise_id", Text, primary_key=True),
    Column("open_case_count", Integer, nullable=False),
    Column("latest_case_ids", ARRAY(Text), nullable=False),
    Column("suspended", Boolean, nullable=False),
    Column("suspension_case_id", Text),
    Column("closure_proposed", Boolean, nullable=False),
    Column("closure_case_id", Text),
    Column("closed", Boolean, nullable=False),
    Column("closed_case_id", Text),
    Column("blacklisted", Boolean, nullable=False),
    Column("blacklist_case_id", Text),
    Column("blacklist_reason", Text),
    Column("penalty_total_fen", BigInteger, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
