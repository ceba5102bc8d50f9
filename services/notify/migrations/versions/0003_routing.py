"""Routing read models: rules, the register and the hazards/incidents routing needs, notifications and recipients."""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE nt_rules (
        rule_id text PRIMARY KEY,
        name text NOT NULL,
        jurisdiction_code text NOT NULL,
        -- Leading digits of every code inside the rule's area (140500 → 1405): routing finds the rules whose
        -- area holds an event's jurisdiction with one prefix test.
        area_prefix text NOT NULL,
        spec jsonb NOT NULL,
        active boolean NOT NULL,
        retired_reason text,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
    );
    CREATE INDEX nt_rules_jurisdiction ON nt_rules (jurisdiction_code text_pattern_ops);
    CREATE INDEX nt_rules_active_area ON nt_rules (area_prefix) WHERE active;

    -- The enterprise register as enforcement publishes it: where each enterprise is, for routing and warnings.
    CREATE TABLE nt_enterprises (
        enterprise_id text PRIMARY KEY,
        name text NOT NULL,
        jurisdiction_code text NOT NULL,
        park_id text,
        lon double precision,
        lat double precision,
        registered boolean NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
    );

    -- What routing needs of each hazard; later hazard events carry only the hazard's id.
    CREATE TABLE nt_hazards (
        hazard_id text PRIMARY KEY,
        ledger_no text NOT NULL,
        enterprise_id text NOT NULL,
        enterprise_name text NOT NULL,
        jurisdiction_code text NOT NULL,
        domain text NOT NULL,
        grade text,
        description text NOT NULL,
        reported_by text NOT NULL,
        assigned_by text,
        responsible_person text,
        deadline timestamptz
    );

    CREATE TABLE nt_incidents (
        incident_id text PRIMARY KEY,
        jurisdiction_code text NOT NULL,
        enterprise_id text,
        park_id text,
        pollutant text NOT NULL,
        level text NOT NULL,
        drill boolean NOT NULL,
        reported_by text NOT NULL
    );

    CREATE TABLE nt_notifications (
        notification_id text PRIMARY KEY,
        source_event_id text NOT NULL UNIQUE,
        source_event_type text NOT NULL,
        event_type text NOT NULL,
        subject_id text NOT NULL,
        jurisdiction_code text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        link text NOT NULL,
        urgent boolean NOT NULL,
        drill boolean NOT NULL,
        matches jsonb NOT NULL,
        created_at timestamptz NOT NULL
    );
    CREATE INDEX nt_notifications_subject ON nt_notifications (subject_id);

    CREATE TABLE nt_recipients (
        notification_id text NOT NULL REFERENCES nt_notifications (notification_id),
        kind text NOT NULL CHECK (kind IN ('user', 'role', 'enterprise', 'park')),
        value text NOT NULL,
        jurisdiction_code text NOT NULL,
        label text NOT NULL,
        PRIMARY KEY (notification_id, kind, value, jurisdiction_code)
    );
    CREATE INDEX nt_recipients_address ON nt_recipients (kind, value);
    """)


def downgrade() -> None:
    op.execute("DROP TABLE nt_recipients, nt_notifications, nt_incidents, nt_hazards, nt_enterprises, nt_rules")
