"""The activities list reads: one LIMIT/OFFSET query per page, rows by id, packed ids, counts.

The list model relies on these agreeing with each other exactly (same order, same lines), for
every sort and filter; they read through the DB-API with bound parameters.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import insert

from models.base import utcnow
from models.entities import Activity, Cluster, Participant
from models.fast_query import PackedColumn, padded_in_list
from services import records
from services.activities import (
    ActivityFilter,
    activity_id_page,
    activity_id_view,
    activity_ids,
    activity_row_page,
    activity_rows,
    cluster_choices,
    count_activities,
)


def _fill(db, n: int = 150, *, id_of=lambda i: str(uuid.UUID(int=i + 1, version=4))) -> list[str]:
    """n activities in two clusters, dates with many ties, participants (some deleted), a few
    activities in the trash."""
    now = utcnow()
    stamp = {"created_at": now, "updated_at": now}
    with db.session_factory.begin() as session:
        conn = session.connection()
        clusters = [str(uuid.uuid4()), str(uuid.uuid4())]
        conn.execute(insert(Cluster), [{"id": c, "name": f"خوشه {k}", **stamp}
                                       for k, c in enumerate(clusters)])
        ids = [id_of(i) for i in range(n)]
        conn.execute(insert(Activity), [{
            "id": aid, "kind": ("meeting", "training", "tour")[i % 3],
            "cluster_id": clusters[i % 2], "title": f"فعالیت {i % 17}", "status": "done",
            "start_date": dt.date(2024, 1, 1) + dt.timedelta(days=i % 9),
            "end_date": None if i % 4 else dt.date(2024, 2, 1), "city": None if i % 5 else "لار",
            "deleted_at": now if i % 23 == 0 else None, **stamp} for i, aid in enumerate(ids)])
        conn.execute(insert(Participant), [{
            "id": str(uuid.uuid4()), "activity_id": aid, "role": "participant", "attended": True,
            "position": p, "deleted_at": now if p == 2 else None, **stamp}
            for i, aid in enumerate(ids) for p in range(i % 4)])
    return ids


FILTERS = [ActivityFilter(), ActivityFilter(kind="meeting"), ActivityFilter(deleted=True),
           ActivityFilter(date_from=dt.date(2024, 1, 3), date_to=dt.date(2024, 1, 6))]


@pytest.mark.parametrize("sort", ["start_date", "title", "kind", "city", "status"])
@pytest.mark.parametrize("descending", [True, False])
def test_pages_rows_and_ids_agree_for_every_sort_and_filter(db, sort, descending):
    _fill(db)
    for flt in FILTERS:
        ids = activity_ids(db, flt, sort=sort, descending=descending)
        assert len(ids) == count_activities(db, flt) > 0
        assert list(activity_id_view(db, flt, sort=sort, descending=descending)) == ids
        paged = [r for offset in range(0, len(ids), 40) for r in activity_row_page(
            db, flt, sort=sort, descending=descending, offset=offset, limit=40)]
        assert [r.id for r in paged] == ids
        assert paged == activity_rows(db, ids)
        assert activity_id_page(db, flt, sort=sort, descending=descending, offset=7,
                                limit=5) == ids[7:12]


def test_row_lines_hold_what_the_list_shows(db):
    ids = _fill(db, 30)
    rows = {r.id: r for r in activity_rows(db, ids)}
    assert rows[ids[0]].deleted and not rows[ids[1]].deleted  # i % 23 == 0 is in the trash
    line = rows[ids[3]]
    assert line.participants == 2  # three participants, one of them deleted
    assert line.start_date == dt.date(2024, 1, 4) and line.end_date is None
    assert line.cluster_name == "خوشه 1" and line.kind == "meeting" and line.city is None
    assert rows[ids[4]].end_date == dt.date(2024, 2, 1) and rows[ids[5]].city == "لار"


@pytest.mark.parametrize("size", [1, 7, 8, 9, 64, 200])
def test_rows_by_id_keep_the_order_asked_and_skip_unknown_ids(db, size):
    ids = _fill(db, 220)[:size]
    asked = list(reversed(ids)) + ["no-such-id"]
    assert [r.id for r in activity_rows(db, asked)] == list(reversed(ids))
    assert activity_rows(db, []) == []


def test_padded_in_list_repeats_the_last_value_up_to_a_power_of_two():
    assert padded_in_list([]) == []
    assert padded_in_list([1, 2]) == [1, 2, 2, 2, 2, 2, 2, 2]
    assert len(padded_in_list(list(range(200)))) == 256


def test_packed_ids_are_a_sequence_of_the_same_ids(db):
    ids = _fill(db, 120)
    view = activity_id_view(db, ActivityFilter(), sort="title", descending=False)
    expected = activity_ids(db, ActivityFilter(), sort="title", descending=False)
    assert isinstance(view, PackedColumn)
    assert len(view) == len(expected) and view[0] == expected[0] and view[-1] == expected[-1]
    assert view[10:30] == expected[10:30] and view[100:500] == expected[100:]
    assert view[::3] == expected[::3] and view[5:5] == []
    assert all(view.index(i) == n for n, i in enumerate(expected))
    assert expected[42] in view and ids[0] not in view  # ids[0] is in the trash
    with pytest.raises(ValueError):
        view.index(expected[42][1:] + expected[43][0])  # straddles two ids
    with pytest.raises(IndexError):
        view[len(view)]


def test_ids_of_different_lengths_are_read_as_a_list(db):
    _fill(db, 40, id_of=lambda i: "a" * (1 + i % 3) + str(i))
    view = activity_id_view(db, ActivityFilter())
    assert not isinstance(view, PackedColumn)
    assert list(view) == activity_ids(db, ActivityFilter())
    assert len(view) == count_activities(db, ActivityFilter())
    assert activity_ids(db, ActivityFilter(kind="nothing")) == []
    assert list(activity_id_view(db, ActivityFilter(kind="nothing"))) == []


def test_cluster_choices_follow_the_cluster_list_without_the_trash(db):
    for name in ("ب", "الف", "ج"):
        records.create(db, "cluster", {"name": name})
    gone = records.create(db, "cluster", {"name": "حذف"})
    records.delete(db, "cluster", gone.id)
    assert cluster_choices(db) == [(v.id, v.title) for v in records.list_records(db, "cluster")]
    assert gone.id not in dict(cluster_choices(db))


@pytest.mark.parametrize("agents", [0, 1, 3, 12, 13, 20])
def test_origins_found_by_index_seeks_or_distinct(db, agents):
    from services.activities import _distinct_origins, list_origins

    origins = [f"{k:02d}-agent" for k in range(agents)]
    ids = _fill(db, 60)
    with db.session_factory.begin() as session:
        for n, aid in enumerate(ids):
            session.get(Activity, aid).origin = origins[n % agents] if agents and n % 7 else None
    with db.session_factory() as session:
        assert sorted(_distinct_origins(session, Activity)) == origins
    assert [o for o, _name in list_origins(db)] == sorted(origins, key=lambda o: f"عامل {o[:8]}")
