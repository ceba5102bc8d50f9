"""EcoSafe demo data (a fictional district of 晋城市) and the loader `make run` uses to publish it."""
