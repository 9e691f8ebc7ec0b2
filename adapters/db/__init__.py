"""The relational store: tables, engine, repository, unit of work, outbox, read views, migrations."""
