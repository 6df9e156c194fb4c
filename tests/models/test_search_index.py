"""The search index after a bulk rebuild."""

from __future__ import annotations

from sqlalchemy import text

from models import search_index
from services import records, search


def _segments(db) -> int:
    with db.session_factory() as session:
        return session.execute(text("SELECT count(DISTINCT segid) FROM search_fts_idx")).scalar()


def test_rebuild_leaves_one_fts_segment_and_search_works(db) -> None:
    cluster = records.create(db, "cluster", {"name": "خوشه نمونه"})
    for i in range(20):  # every create is its own transaction: one segment each, until merged
        records.create(db, "firm", {"name": f"کارگاه سفال {i}", "cluster_id": cluster.id})
    assert _segments(db) > 1
    with db.session_factory.begin() as session:
        assert search_index.rebuild(session) == 21
    assert _segments(db) == 1
    assert len(search.search(db, "سفال")) == 20
