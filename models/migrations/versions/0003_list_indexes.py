"""Covering partial indexes for the activities list

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

LIVE = "deleted_at IS NULL"


def upgrade() -> None:
    # Index-only scans for "every live id in display order" (the list's scroll bar and pages).
    op.create_index("ix_activity_live_start", "activity", ["start_date", "id"],
                    sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))
    op.create_index("ix_activity_live_title", "activity", ["title", "id"],
                    sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))


def downgrade() -> None:
    op.drop_index("ix_activity_live_title", table_name="activity")
    op.drop_index("ix_activity_live_start", table_name="activity")
