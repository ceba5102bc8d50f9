"""Appends notify the outbox relay only while it sleeps, so busy writers share commit flushes (kit schema v3)."""

from ecosafe_kit.migrations import downgrade_kit_schema_v3 as downgrade, upgrade_kit_schema_v3 as upgrade

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

__all__ = ["downgrade", "upgrade"]
