"""EcoSafe event contract: Python classes generated from proto/ by proto/generate.py; do not edit, run make proto."""
