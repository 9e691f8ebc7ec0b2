"""Reactions: one function per command, one or more per event. They reach the world only through
the unit of work and the ports that bootstrap hands them; never SQLAlchemy, kombu or FastAPI."""
