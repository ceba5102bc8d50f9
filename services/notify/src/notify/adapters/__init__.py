"""Notify adapters: tables, event codec, projections and the read models fed by other services."""
