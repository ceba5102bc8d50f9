"""The enforcement domain: the enterprise register's aggregate and rules; no framework."""
