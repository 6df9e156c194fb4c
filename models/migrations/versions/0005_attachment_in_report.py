"""attachment: in_report, the photos a report prints

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

An image attached to an activity (a training's class photo, an exhibition booth) can be marked
«در گزارش»; the minutes and the performance report print the marked ones on a photo page
(reports.photos). Existing attachments start unmarked: nothing appears in a report unasked.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN on SQLite: NOT NULL is allowed because the column has a default.
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("in_report", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_column("in_report")
