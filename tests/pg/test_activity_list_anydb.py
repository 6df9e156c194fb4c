"""The activities list reads (raw DB-API on SQLite, SQLAlchemy rows elsewhere) on both databases."""

from __future__ import annotations

import datetime as dt

from services import activities, records
from services.activities import ActivityFilter


def test_list_reads_agree_on_any_database(anydb) -> None:
    cluster = records.create(anydb, "cluster", {"name": "خوشه"})
    for i in range(12):
        detail = activities.save_activity(anydb, {
            "kind": "meeting" if i % 2 else "other", "cluster_id": cluster.id,
            "title": f"فعالیت {i}", "start_date": dt.date(2024, 1, 1 + i % 4)})
        if i == 3:
            records.delete(anydb, "activity", detail.id)
    flt = ActivityFilter()
    ids = activities.activity_ids(anydb, flt)
    assert len(ids) == activities.count_activities(anydb, flt) == 11
    assert list(activities.activity_id_view(anydb, flt)) == ids
    page = activities.activity_row_page(anydb, flt, offset=2, limit=5)
    assert [r.id for r in page] == ids[2:7]
    assert page == activities.activity_rows(anydb, ids[2:7])
    assert page[0].cluster_name == "خوشه" and isinstance(page[0].start_date, dt.date)
    assert activities.cluster_choices(anydb) == [(cluster.id, "خوشه")]
    assert activities.list_origins(anydb)  # this installation's records carry its origin
