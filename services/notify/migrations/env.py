"""Alembic environment of the notify service: online migrations against its own database."""

from ecosafe_kit.migrations import run_migrations
from notify.settings import Settings

run_migrations(Settings())
