"""Read models of campaigns, the inspector roster with declared conflicts, and random draws."""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE enf_campaigns (
        campaign_id text PRIMARY KEY,
        name text NOT NULL,
        issuing_bureau text NOT NULL,
        jurisdiction_code text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        sectors jsonb NOT NULL,
        risk_levels jsonb NOT NULL,
        phases jsonb NOT NULL,
        targets jsonb NOT NULL,
        current_phase text,
        version integer NOT NULL,
        launched_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
    );
    CREATE INDEX enf_campaigns_jurisdiction ON enf_campaigns (jurisdiction_code text_pattern_ops);
    CREATE TABLE enf_inspectors (
        inspector_id text PRIMARY KEY,
        name text NOT NULL,
        jurisdiction_code text NOT NULL,
        enrolled_at timestamptz NOT NULL
    );
    CREATE INDEX enf_inspectors_jurisdiction ON enf_inspectors (jurisdiction_code text_pattern_ops);
    CREATE TABLE enf_conflicts (
        inspector_id text NOT NULL,
        enterprise_id text NOT NULL,
        reason text NOT NULL,
        declared_at timestamptz NOT NULL,
        PRIMARY KEY (inspector_id, enterprise_id)
    );
    CREATE TABLE enf_draws (
        draw_id text PRIMARY KEY,
        campaign_id text NOT NULL,
        jurisdiction_code text NOT NULL,
        published_at timestamptz NOT NULL,
        published_by jsonb NOT NULL
    );
    CREATE INDEX enf_draws_campaign ON enf_draws (campaign_id);
    CREATE TABLE enf_draw_selections (
        draw_id text NOT NULL,
        enterprise_id text NOT NULL,
        inspector_ids jsonb NOT NULL,
        rank integer NOT NULL,
        PRIMARY KEY (draw_id, enterprise_id)
    );
    CREATE INDEX enf_draw_selections_enterprise ON enf_draw_selections (enterprise_id);
    """)


def downgrade() -> None:
    op.execute("DROP TABLE enf_draw_selections, enf_draws, enf_conflicts, enf_inspectors, enf_campaigns")
