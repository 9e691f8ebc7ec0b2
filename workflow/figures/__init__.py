"""Figures for the municipalities: periods, dimensions, tables with suppression, lead times.
Pure: the queries are in adapters/db/figures*.py (docs/figures.md)."""
