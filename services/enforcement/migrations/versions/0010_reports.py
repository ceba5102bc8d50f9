"""Read model of the official reports (调度表与报表): countable facts of hazard and enforcement events, and when each
report of a period was first generated (facts entered after it are flagged as late)."""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE rep_facts (
        fact_id text PRIMARY KEY,
        kind text NOT NULL,
        subject_id text NOT NULL,
        unit_code text NOT NULL,
        enterprise_id text NOT NULL,
        happened_at timestamptz NOT NULL,
        entered_at timestamptz NOT NULL,
        campaign_id text,
        data jsonb NOT NULL
    );
    CREATE INDEX rep_facts_unit ON rep_facts (unit_code, happened_at);
    CREATE INDEX rep_facts_subject ON rep_facts (subject_id);
    CREATE TABLE rep_generations (
        report text NOT NULL,
        campaign_id text NOT NULL,
        unit_code text NOT NULL,
        scope text NOT NULL,
        period text NOT NULL,
        first_generated_at timestamptz NOT NULL,
        first_generated_by jsonb NOT NULL,
        PRIMARY KEY (report, campaign_id, unit_code, scope, period)
    );
    """)


def downgrade() -> None:
    op.execute("DROP TABLE rep_generations; DROP TABLE rep_facts")
