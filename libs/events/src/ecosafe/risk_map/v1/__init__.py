"""Generated package ecosafe.risk_map.v1 (from proto/ecosafe/risk_map/v1); do not edit, run make proto."""
