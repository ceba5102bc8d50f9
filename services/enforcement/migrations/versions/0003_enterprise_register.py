"""The enterprise register's read model (enf_enterprises): one row per enterprise, kept by its projection."""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE enf_enterprises (
        enterprise_id text PRIMARY KEY,
        name text NOT NULL,
        credit_code text NOT NULL,
        industry text NOT NULL,
        sector text NOT NULL,
        risk_level text NOT NULL,
        principal_name text NOT NULL,
        principal_phone text NOT NULL,
        parent_enterprise_id text,
        park_id text,
        jurisdiction_code text NOT NULL,
        address text NOT NULL,
        lon double precision NOT NULL,
        lat double precision NOT NULL,
        boundary_geojson text,
        hazardous_waste_permit_no text,
        status text NOT NULL CHECK (status IN ('registered', 'deregistered')),
        deregistration_reason text,
        version integer NOT NULL,
        registered_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
    );
    -- One registered entry per credit code; the projection runs in the writer's transaction, so a concurrent
    -- second registration fails on this index and is answered 409.
    CREATE UNIQUE INDEX enf_enterprises_credit_code_registered ON enf_enterprises (credit_code)
        WHERE status = 'registered';
    CREATE INDEX enf_enterprises_jurisdiction ON enf_enterprises (jurisdiction_code text_pattern_ops);
    CREATE INDEX enf_enterprises_park ON enf_enterprises (park_id) WHERE park_id IS NOT NULL;
    CREATE INDEX enf_enterprises_parent ON enf_enterprises (parent_enterprise_id)
        WHERE parent_enterprise_id IS NOT NULL;
    """)


def downgrade() -> None:
    op.execute("DROP TABLE enf_enterprises")
