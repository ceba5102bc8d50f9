"""Generated package ecosafe.risk_map (from proto/ecosafe/risk_map); do not edit, run make proto."""
