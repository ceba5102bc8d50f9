"""EcoSafe notify service: routing rules, duty rosters, notifications over their channels, escalation, warnings and reports due."""
