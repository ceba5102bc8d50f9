"""Risk-map domain: facilities, parks, river plans, incidents and the rules that need no database."""
