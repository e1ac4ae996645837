"""Alembic migrations of the `.journey` schema, run on open by `store.schema`."""
