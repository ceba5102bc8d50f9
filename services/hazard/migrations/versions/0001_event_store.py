"""Event store, relay checkpoints and consumer tracking of the hazard service (kit schema v1)."""

from ecosafe_kit.migrations import downgrade_kit_schema as downgrade, upgrade_kit_schema as upgrade

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

__all__ = ["downgrade", "upgrade"]
