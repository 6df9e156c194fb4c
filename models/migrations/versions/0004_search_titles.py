"""search: an FTS5 index of the titles alone

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

The search ranks a bounded set of candidates (services.search): the newest matches and the
newest title hits. A column filter on search_fts finds title hits only by reading the position
list of every match, which for a name found in thousands of newer records (a person named in
the activities they taught) meant the whole list, or missing the person. Titles alone make a
small index whose newest hits FTS5 returns without reading anything else. SQLite only, like
search_fts; the data layer (models.search_index) writes it beside search_fts.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE VIRTUAL TABLE search_fts_title USING fts5("
               "title_key, tokenize='unicode61 remove_diacritics 0')")
    op.execute("INSERT INTO search_fts_title(rowid, title_key) "
               "SELECT rowid, title_key FROM search_doc")
    op.execute("INSERT INTO search_fts_title(search_fts_title) VALUES('optimize')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE IF EXISTS search_fts_title")
