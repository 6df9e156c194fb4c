"""The search index after a bulk rebuild."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import select, text

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


def test_titles_index_follows_creates_updates_and_deletes(db) -> None:
    firm = records.create(db, "firm", {"name": "کارگاه سفال"})

    def titled(word: str) -> int:
        with db.session_factory() as session:
            return session.execute(text("SELECT count(*) FROM search_fts_title "
                                        "WHERE search_fts_title MATCH :w"), {"w": word}).scalar()

    assert titled("سفال") == 1
    records.update(db, "firm", firm.id, {"name": "کارگاه حلوا"})
    assert (titled("سفال"), titled("حلوا")) == (0, 1)
    records.delete(db, "firm", firm.id)  # soft delete: the row stays, flagged
    with db.session_factory() as session:
        docs = session.execute(text("SELECT count(*) FROM search_doc")).scalar()
        titles = session.execute(text("SELECT count(*) FROM search_fts_title")).scalar()
    assert titles == docs


def test_upgrading_from_0003_indexes_the_existing_titles(tmp_path) -> None:
    from alembic import command

    from models.migrate import alembic_config, open_database, upgrade

    database = open_database(str(tmp_path / "k.db"))
    try:
        person = records.create(database, "person", {"full_name": "الهام بهرامی"})
        with database.engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0003")
        with database.engine.connect() as conn:
            assert "search_fts_title" not in {r[0] for r in conn.execute(
                text("SELECT name FROM sqlite_master"))}
        upgrade(database)
        assert [h.record_id for h in search.search(database, "بهرامی")] == [person.id]
        with database.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM search_fts_title WHERE "
                                     "search_fts_title MATCH 'بهرامی'")).scalar() == 1
    finally:
        database.dispose()


def _index_rows(session) -> list[tuple]:
    return sorted(tuple(r) for r in session.execute(text(
        "SELECT record_id, kind, cluster_id, display_title, display_detail, sort_date, "
        "title_key, body_key, deleted FROM search_doc")))


def test_index_inserted_writes_the_rows_the_flush_hook_writes(db) -> None:
    """The exchange import's bulk path (index_inserted, meetings given by the caller) against
    the public answer: the rows the ORM's flush hook wrote for the same records."""
    from models.entities import Activity, Cluster, Firm, Resolution
    from services import activities

    cluster = records.create(db, "cluster", {"name": "خوشه گلاب", "city": "کاشان"})
    records.create(db, "firm", {"name": "کارگاه گلاب", "cluster_id": cluster.id})
    activities.save_activity(
        db, {"kind": "meeting", "cluster_id": cluster.id, "title": "کمیته راهبری",
             "start_date": "1404/07/10"},
        resolutions=[{"text": "ثبت نشان گلاب"}, {"text": "نمایشگاه بهاره"}])
    with db.session_factory.begin() as session:
        by_hook = _index_rows(session)
        objects = [o for model in (Cluster, Firm, Activity, Resolution)
                   for o in session.scalars(select(model))]
        meetings = {a.id: a.cluster_id for a in session.scalars(select(Activity))}
        for table in ("search_fts", "search_fts_title", "search_doc"):
            session.execute(text(f"DELETE FROM {table}"))  # noqa: S608 - fixed names
        search_index.index_inserted(session, objects, meeting_clusters=meetings)
        assert _index_rows(session) == by_hook
        for table in ("search_fts", "search_fts_title", "search_doc"):
            session.execute(text(f"DELETE FROM {table}"))  # noqa: S608 - fixed names
        search_index.index_inserted(session, objects)  # meetings looked up one by one
        assert _index_rows(session) == by_hook
        # Plain rows of values with their class named (the exchange import's bulk path).
        for model in (Cluster, Firm, Activity, Resolution):
            for table in ("search_fts", "search_fts_title", "search_doc"):
                session.execute(text(f"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM "  # noqa: S608
                                     f"search_doc WHERE kind = :k)"), {"k": model.__tablename__})
            plain = [SimpleNamespace(**{c.name: getattr(o, c.name) for c in model.__table__.columns})
                     for o in objects if isinstance(o, model)]
            search_index.index_inserted(session, plain, meeting_clusters=meetings, model=model)
        assert _index_rows(session) == by_hook
    assert len(search.search(db, "گلاب")) >= 3
