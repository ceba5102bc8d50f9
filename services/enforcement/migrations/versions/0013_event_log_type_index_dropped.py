"""The event log's unused (stream_type, occurred_at) index is dropped: every append paid for it (kit schema v4)."""

from ecosafe_kit.migrations import downgrade_kit_schema_v4 as downgrade, upgrade_kit_schema_v4 as upgrade

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

__all__ = ["downgrade", "upgrade"]
