"""Hazard read models: enterprise register, ledger counters, ledger, public reports and their rate limit."""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE hazard_enterprises (
        enterprise_id text PRIMARY KEY,
        name text NOT NULL,
        credit_code text NOT NULL,
        industry text NOT NULL,
        risk_level text NOT NULL,
        principal_name text NOT NULL,
        parent_enterprise_id text,
        park_id text,
        jurisdiction_code text NOT NULL,
        address text NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
    );
    CREATE TABLE hazard_ledger_counters (
        county_code text NOT NULL,
        year integer NOT NULL,
        last_sequence integer NOT NULL CHECK (last_sequence > 0),
        PRIMARY KEY (county_code, year)
    );
    CREATE TABLE hazard_ledger (
        hazard_id text PRIMARY KEY,
        ledger_no text NOT NULL UNIQUE,
        enterprise_id text NOT NULL,
        enterprise_name text NOT NULL,
        jurisdiction_code text NOT NULL,
        county_code text NOT NULL,
        city_code text NOT NULL,
        source text NOT NULL,
        domain text NOT NULL,
        grade text NOT NULL,
        grade_basis text NOT NULL,
        description text NOT NULL,
        site text NOT NULL,
        campaign_id text,
        finding_id text,
        state text NOT NULL,
        listed boolean NOT NULL,
        supervising_unit text,
        overdue boolean NOT NULL,
        deadline date,
        responsible_unit text,
        responsible_person text,
        progress_percent integer,
        last_progress text,
        verification_failures integer NOT NULL,
        last_failure_reasons jsonb,
        confirmations jsonb NOT NULL,
        reported_at timestamptz NOT NULL,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL
    );
    CREATE INDEX hazard_ledger_county ON hazard_ledger (county_code, reported_at);
    CREATE INDEX hazard_ledger_city ON hazard_ledger (city_code, reported_at);
    CREATE INDEX hazard_ledger_enterprise ON hazard_ledger (enterprise_id);
    -- The overdue sweep looks only at open hazards with a deadline.
    CREATE INDEX hazard_ledger_open_deadline ON hazard_ledger (deadline)
        WHERE state IN ('assigned', 'rectifying') AND NOT overdue;
    CREATE TABLE hazard_public_reports (
        code_hash text PRIMARY KEY,
        hazard_id text NOT NULL,
        created_at timestamptz NOT NULL
    );
    CREATE TABLE hazard_report_throttle (
        client_key text NOT NULL,
        window_start timestamptz NOT NULL,
        attempts bigint NOT NULL,
        PRIMARY KEY (client_key, window_start)
    );
    """)


def downgrade() -> None:
    op.execute("""
    DROP TABLE hazard_report_throttle;
    DROP TABLE hazard_public_reports;
    DROP TABLE hazard_ledger;
    DROP TABLE hazard_ledger_counters;
    DROP TABLE hazard_enterprises;
    """)
