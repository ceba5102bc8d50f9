"""Appends notify the outbox relay, which then sleeps between commits; payloads compress with lz4 (kit schema v2)."""

from ecosafe_kit.migrations import downgrade_kit_schema_v2 as downgrade, upgrade_kit_schema_v2 as upgrade

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

__all__ = ["downgrade", "upgrade"]
