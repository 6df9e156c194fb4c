"""office: record origin and version, exchange state, installation id, PostgreSQL search

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:50:00

* every record table gets `origin` (the installation that made it, indexed) and `version`
  (optimistic concurrency, NOT NULL DEFAULT 1);
* `exchange_state` remembers, per record and sending installation, the `updated_at` of the last
  imported package (the base for conflict detection);
* the database gets its installation id (setting "installation_id", a UUID made once here);
  existing records are stamped with it: they were made on this installation;
* PostgreSQL: the pg_trgm extension and GIN trigram indexes on the folded search keys (SQLite
  keeps its FTS5 table from 0001).
"""

from __future__ import annotations

import json
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

RECORD_TABLES = (
    "attachment", "cluster", "organisation", "firm", "person", "activity", "participant",
    "resolution", "joint_action", "action_plan_item", "indicator_value",
)

PG_INDEXES = (
    # The search matches word starts: " " || key LIKE '% word%'; index that very expression.
    "CREATE INDEX IF NOT EXISTS ix_search_doc_title_trgm ON search_doc "
    "USING gin ((' ' || title_key) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS ix_search_doc_body_trgm ON search_doc "
    "USING gin ((' ' || body_key) gin_trgm_ops)",
)


def upgrade() -> None:
    bind = op.get_bind()
    for table in RECORD_TABLES:
        # Plain ALTER TABLE ADD COLUMN on SQLite too (batch "auto" does not recreate for these).
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("origin", sa.String(length=36), nullable=True))
            batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False,
                                          server_default="1"))
            batch_op.create_index(f"ix_{table}_origin", ["origin"], unique=False)

    op.create_table(
        "exchange_state",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("base_updated_at", sa.DateTime(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", "origin", name=op.f("pk_exchange_state")),
    )

    setting = sa.table("setting", sa.column("key", sa.String), sa.column("value", sa.Text),
                       sa.column("updated_at", sa.DateTime))
    row = bind.execute(sa.select(setting.c.value).where(setting.c.key == "installation_id")).first()
    if row is None:
        installation = str(uuid.uuid4())
        from models.base import utcnow

        bind.execute(sa.insert(setting).values(key="installation_id",
                                               value=json.dumps(installation),
                                               updated_at=utcnow()))
    else:
        installation = json.loads(row[0])
    for table in RECORD_TABLES:
        records = sa.table(table, sa.column("origin", sa.String))
        bind.execute(sa.update(records).where(records.c.origin.is_(None))
                     .values(origin=installation))

    if bind.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for statement in PG_INDEXES:
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_doc_body_trgm")
        op.execute("DROP INDEX IF EXISTS ix_search_doc_title_trgm")
    op.drop_table("exchange_state")
    for table in RECORD_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_origin")
            batch_op.drop_column("version")
            batch_op.drop_column("origin")
