"""Alembic environment: run by models.migrate with a live connection, never from alembic.ini."""

from __future__ import annotations

from alembic import context

from models import entities  # noqa: F401  (registers every table on Base.metadata)
from models.base import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable when run by hand
    raise RuntimeError("Run migrations through models.migrate, which supplies a connection.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode recreates tables under the naming convention.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
