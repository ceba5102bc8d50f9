"""Database and broker adapters of the enforcement service."""
