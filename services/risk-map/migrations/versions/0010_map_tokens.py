"""Map tokens (地图令牌): read-only, long-lived, revocable tokens for desktop GIS on /ogc and /tiles."""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Only the token's SHA-256 is kept; the token is shown once, when it is issued.
    op.execute("""
CREATE TABLE rm_map_tokens (
    token_id text PRIMARY KEY,
    token_sha256 text NOT NULL UNIQUE,
    label text NOT NULL,
    holder_subject text NOT NULL,
    holder_name text NOT NULL,
    scope_roles text[] NOT NULL,
    scope_jurisdiction text,
    scope_park_id text,
    scope_enterprise_id text,
    issued_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    revoked_reason text,
    version integer NOT NULL
)""")
    op.execute("CREATE INDEX rm_map_tokens_holder ON rm_map_tokens (holder_subject, issued_at DESC)")


def downgrade() -> None:
    op.execute("DROP TABLE rm_map_tokens")
