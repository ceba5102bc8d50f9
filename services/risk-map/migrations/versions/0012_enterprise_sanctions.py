"""Enforcement's cases, penalties and blacklist entries (from Kafka), and each enterprise's sanction status."""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_UP = """
-- One row per case, per penalty and per blacklist entry, keyed by enforcement's own ids: a redelivered or
-- republished event updates the same row, and replaying the topics into empty tables gives the same rows.
CREATE TABLE rm_cases (
    case_id text PRIMARY KEY,
    enterprise_id text NOT NULL,
    origin text,
    opened_at timestamptz,
    closed_at timestamptz,
    suspension_ordered_at timestamptz,
    closure_proposed_at timestamptz,
    updated_at timestamptz NOT NULL
);
CREATE INDEX rm_cases_enterprise ON rm_cases (enterprise_id);

CREATE TABLE rm_case_penalties (
    penalty_id text PRIMARY KEY,
    case_id text NOT NULL,
    enterprise_id text NOT NULL,
    target text NOT NULL,
    amount_fen bigint NOT NULL,
    decision_no text NOT NULL,
    imposed_at timestamptz NOT NULL
);
CREATE INDEX rm_case_penalties_enterprise ON rm_case_penalties (enterprise_id);

CREATE TABLE rm_blacklist_entries (
    entry_id text PRIMARY KEY,
    enterprise_id text NOT NULL,
    case_id text NOT NULL,
    reason text NOT NULL,
    departments jsonb NOT NULL,
    listed_at timestamptz NOT NULL
);
CREATE INDEX rm_blacklist_entries_enterprise ON rm_blacklist_entries (enterprise_id);

-- What the map shows per enterprise, recomputed from the three tables above after each event: the tiles, the
-- OGC items and the correlation read it with one primary-key join.
CREATE TABLE rm_enterprise_sanctions (
    enterprise_id text PRIMARY KEY,
    open_case_count integer NOT NULL,
    latest_case_ids text[] NOT NULL,
    suspended boolean NOT NULL,
    suspension_case_id text,
    closure_proposed boolean NOT NULL,
    closure_case_id text,
    blacklisted boolean NOT NULL,
    blacklist_case_id text,
    blacklist_reason text,
    penalty_total_fen bigint NOT NULL,
    updated_at timestamptz NOT NULL
);
"""

_DOWN = "DROP TABLE IF EXISTS rm_enterprise_sanctions, rm_blacklist_entries, rm_case_penalties, rm_cases"


def upgrade() -> None:
    op.execute(_UP)


def downgrade() -> None:
    op.execute(_DOWN)
