"""Alembic environment of the enforcement service: online migrations against its own database."""

from ecosafe_kit.migrations import run_migrations
from enforcement.settings import Settings

run_migrations(Settings())
