"""The event log's seq values are taken 100 at a time per session, not one by one (kit schema v5)."""

from ecosafe_kit.migrations import downgrade_kit_schema_v5 as downgrade, upgrade_kit_schema_v5 as upgrade

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

__all__ = ["downgrade", "upgrade"]
