"""The data layer on SQLite and on a real PostgreSQL server (the provincial office's database)."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from models.migrate import head_revision, open_database
from services import activities, records, search
from services.errors import ConflictError

VARIANTS = ["میشود", "می شود", "می‌شود", "ميشود"]


@pytest.fixture
def cluster(anydb):
    return records.create(anydb, "cluster", {"name": "خوشه حلوای مسقطی", "province": "فارس"})


def test_migrated_to_head_with_the_backend_search_index(anydb) -> None:
    with anydb.engine.connect() as conn:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        inspector = inspect(conn)
        tables = set(inspector.get_table_names())
        columns = {c["name"] for c in inspector.get_columns("activity")}
        if conn.dialect.name == "postgresql":
            indexes = {i["name"] for i in inspector.get_indexes("search_doc")}
            assert {"ix_search_doc_title_trgm", "ix_search_doc_body_trgm"} <= indexes
            assert conn.execute(text(
                "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).scalar() == 1
        else:
            assert "search_fts" in tables
    assert revision == head_revision()
    assert {"exchange_state", "cluster", "activity", "search_doc"} <= tables
    assert {"origin", "version"} <= columns


def test_reopening_migrates_nothing_again(anydb_url) -> None:
    open_database(anydb_url).dispose()
    database = open_database(anydb_url)
    try:
        assert records.list_records(database, "cluster") == []
    finally:
        database.dispose()


def test_create_update_delete_restore(anydb, cluster) -> None:
    firm = records.create(anydb, "firm", {"name": "کارگاه نمونه", "cluster_id": cluster.id,
                                          "employees": "۱۲", "joined_on": "1403/02/01"})
    assert firm["employees"] == 12 and firm["version"] == 1
    assert firm["origin"] and firm["origin"] == cluster["origin"]
    updated = records.update(anydb, "firm", firm.id, {"manager": "علی رضایی"})
    assert updated["manager"] == "علی رضایی" and updated["version"] == 2
    records.delete(anydb, "firm", firm.id)
    assert records.list_records(anydb, "firm") == []
    assert [f.id for f in records.list_records(anydb, "firm", include_deleted=True)] == [firm.id]
    restored = records.restore(anydb, "firm", firm.id)
    assert restored.deleted_at is None
    assert [f.id for f in records.list_records(anydb, "firm")] == [firm.id]


def test_activity_with_participants_and_resolutions(anydb, cluster) -> None:
    person = records.create(anydb, "person", {"full_name": "مریم کریمی"})
    detail = activities.save_activity(
        anydb, {"kind": "meeting", "cluster_id": cluster.id, "title": "کمیته راهبری",
                "start_date": "1404/07/01"},
        participants=[{"person_id": person.id}],
        resolutions=[{"text": "پیگیری برند", "owner_person_id": person.id}])
    again = activities.get_activity(anydb, detail.id)
    assert len(again.participants) == 1 and len(again.resolutions) == 1


@pytest.mark.parametrize("stored", VARIANTS)
def test_spellings_find_the_same_record(anydb, cluster, stored) -> None:
    activities.save_activity(anydb, {"kind": "other", "cluster_id": cluster.id,
                                     "title": f"کاری که {stored} کرد", "start_date": "1404/01/01"})
    activities.save_activity(anydb, {"kind": "other", "cluster_id": cluster.id,
                                     "title": "چیز دیگری", "start_date": "1404/01/02"})
    for query in VARIANTS:
        hits = search.search(anydb, query)
        assert [h.kind for h in hits] == ["activity"], (stored, query)
        assert "کاری" in hits[0].title


def test_search_ranks_title_over_body_and_skips_deleted(anydb, cluster) -> None:
    activities.save_activity(anydb, {"kind": "other", "cluster_id": cluster.id, "title": "گزارش",
                                     "description": "درباره استاندارد ملی",
                                     "start_date": "1404/01/01"})
    activities.save_activity(anydb, {"kind": "other", "cluster_id": cluster.id,
                                     "title": "استاندارد ملی", "start_date": "1403/01/01"})
    assert [h.title for h in search.search(anydb, "استاندارد")] == ["استاندارد ملی", "گزارش"]
    firm = records.create(anydb, "firm", {"name": "کارخانه ۹۰۰۱"})
    assert len(search.search(anydb, "9001")) == 1
    records.delete(anydb, "firm", firm.id)
    assert search.search(anydb, "9001") == []
    # A list filter (the activities page) goes through the same matching.
    flt = activities.ActivityFilter(text="استاندارد")
    assert activities.count_activities(anydb, flt) == 2


def test_filter_by_agent_origin(anydb, cluster) -> None:
    from services.exchange import installation_id

    mine = installation_id(anydb)
    records.create(anydb, "firm", {"name": "الف", "cluster_id": cluster.id})
    assert len(records.list_records(anydb, "firm", where={"origin": mine})) == 1
    assert records.list_records(anydb, "firm", where={"origin": "someone-else"}) == []


def test_two_users_do_not_overwrite_each_other(anydb, cluster) -> None:
    firm = records.create(anydb, "firm", {"name": "کارگاه", "cluster_id": cluster.id})
    loaded = records.get(anydb, "firm", firm.id)
    records.update(anydb, "firm", firm.id, {"phone": "071-1"}, expected_version=loaded["version"])
    with pytest.raises(ConflictError) as info:
        records.update(anydb, "firm", firm.id, {"phone": "071-2"},
                       expected_version=loaded["version"])
    assert "هم‌زمان" in info.value.message
    assert records.get(anydb, "firm", firm.id)["phone"] == "071-1"


def test_concurrent_save_raises_conflict_not_silent_overwrite(anydb, cluster) -> None:
    """Two users load version 1; the second save finds the row changed underneath it."""
    from sqlalchemy.orm.exc import StaleDataError

    from models.entities import Firm
    from services.records import update_in

    firm = records.create(anydb, "firm", {"name": "کارگاه", "cluster_id": cluster.id})
    second = anydb.session_factory()
    try:
        b = second.get(Firm, firm.id)  # user 2 opens the form
        second.commit()
        with anydb.session_factory.begin() as first:  # user 1 saves
            update_in(first, "firm", firm.id, {"phone": "111"})
        b.phone = "222"  # user 2 saves what they loaded
        with pytest.raises(StaleDataError):
            second.commit()
    finally:
        second.close()
    assert records.get(anydb, "firm", firm.id)["phone"] == "111"


def test_the_bulk_helpers_run_on_both_backends(anydb) -> None:
    """The exchange import's small counts and its statistics refresh (PostgreSQL after a big
    load) are plain SQL on either backend."""
    from models import bulk

    records.create(anydb, "cluster", {"name": "خوشه یک"})
    with anydb.engine.begin() as conn:
        assert bulk.holds_fewer_than(conn, "cluster", 2)
        assert not bulk.holds_fewer_than(conn, "cluster", 1)
        bulk.refresh_statistics(conn, ["cluster", "exchange_state", "search_doc"])
