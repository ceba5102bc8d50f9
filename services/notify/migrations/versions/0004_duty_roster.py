"""The duty roster's read model (nt_shifts): one row per shift, kept by its projection."""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE nt_shifts (
        shift_id text PRIMARY KEY,
        jurisdiction_code text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
        duty_officer jsonb NOT NULL,
        leader jsonb NOT NULL,
        deputy jsonb,
        active boolean NOT NULL,
        cancel_reason text,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
    );
    CREATE INDEX nt_shifts_on_duty ON nt_shifts (jurisdiction_code, starts_at, ends_at) WHERE active;
    """)


def downgrade() -> None:
    op.execute("DROP TABLE nt_shifts")
