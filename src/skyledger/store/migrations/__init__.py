"""Alembic migrations of the store, applied by :func:`skyledger.store.migrate.upgrade` whenever a store is opened."""
