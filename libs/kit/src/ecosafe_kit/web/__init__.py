"""The web layer every service shares: app factory, problem responses, logging, metrics, health, ETags."""
