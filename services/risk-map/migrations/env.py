"""Alembic environment of the risk-map service: online migrations against its own database."""

from ecosafe_kit.migrations import run_migrations
from risk_map.settings import Settings

run_migrations(Settings())
