"""Settings (MELDPUNT_* environment variables), logging, and reference data as data files."""
