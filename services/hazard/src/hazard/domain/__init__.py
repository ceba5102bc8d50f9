"""The hazard domain: the Hazard aggregate, its events, values and state rules; no framework imports."""
