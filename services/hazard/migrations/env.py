"""Alembic environment of the hazard service: online migrations against its own database."""

from ecosafe_kit.migrations import run_migrations
from hazard.settings import Settings

run_migrations(Settings())
