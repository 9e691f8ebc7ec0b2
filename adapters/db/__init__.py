"""The relational store: tables, engine, repository, unit of work, outbox, views, migrations."""
