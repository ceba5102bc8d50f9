"""Notify domain: routing rules, their matching and the messages they produce (plain Python)."""
