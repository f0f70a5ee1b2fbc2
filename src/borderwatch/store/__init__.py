"""The store: SQLAlchemy tables, Alembic migrations, and engines for SQLite and PostgreSQL."""

from borderwatch.store.engine import make_engine, migrate, open_store, table_names
from borderwatch.store.schema import metadata

__all__ = ["make_engine", "metadata", "migrate", "open_store", "table_names"]
