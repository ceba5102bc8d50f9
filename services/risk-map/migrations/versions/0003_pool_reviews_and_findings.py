"""Read model of pool reviews (应急池容积不足转隐患) and of enforcement findings; hazards remember their pool review."""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_UP = """
CREATE TABLE rm_pool_reviews (
    review_id text PRIMARY KEY,
    enterprise_id text NOT NULL,
    jurisdiction_code text NOT NULL,
    park_id text,
    required_volume_m3 double precision NOT NULL,
    capacity_m3 double precision NOT NULL,
    shortfall_m3 double precision NOT NULL,
    explanation text NOT NULL,
    note text NOT NULL,
    raised_by_role text NOT NULL,
    raised_by jsonb NOT NULL,
    computed_at timestamptz NOT NULL,
    raised_at timestamptz NOT NULL
);
CREATE INDEX rm_pool_reviews_enterprise ON rm_pool_reviews (enterprise_id, raised_at DESC);

-- The hazard a review opened (HazardReported names its pool_review_id): a review stands while that hazard is open.
ALTER TABLE rm_hazards ADD COLUMN pool_review_id text;
CREATE INDEX rm_hazards_pool_review ON rm_hazards (pool_review_id) WHERE pool_review_id IS NOT NULL;

-- Inspection findings (enforcement FindingRecorded). No geometry of their own: a finding is drawn at its
-- enterprise's site as the map has it when read, so a site registered after the finding still places it.
CREATE TABLE rm_findings (
    finding_id text PRIMARY KEY,
    inspection_id text NOT NULL,
    enterprise_id text NOT NULL,
    campaign_id text,
    domain text NOT NULL,
    description text NOT NULL,
    suggested_grade text NOT NULL,
    grade_basis text NOT NULL,
    inspector_ids jsonb NOT NULL,
    found_at timestamptz NOT NULL,
    recorded_by jsonb NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX rm_findings_enterprise ON rm_findings (enterprise_id, found_at DESC);
CREATE INDEX rm_findings_found_at ON rm_findings (found_at);
"""

_DOWN = """
DROP TABLE IF EXISTS rm_findings, rm_pool_reviews;
DROP INDEX IF EXISTS rm_hazards_pool_review;
ALTER TABLE rm_hazards DROP COLUMN IF EXISTS pool_review_id;
"""


def upgrade() -> None:
    op.execute(_UP)


def downgrade() -> None:
    op.execute(_DOWN)
