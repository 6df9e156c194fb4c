"""Search reads a bounded candidate set (newest matches plus title hits) and ranks it.

These pin what the bounded search must still get right: whole words before half-typed ones,
title hits before newer body hits, no deleted records even when they crowd the newest matches,
the filters, and the page filled from the prefix reading when whole words are too few.
"""

from __future__ import annotations

import datetime

import pytest

from models.entities import Activity
from services import records, search


@pytest.fixture
def cluster(db):
    return records.create(db, "cluster", {"name": "خوشه نمونه"})


def _add(db, cluster_id: str, titles_and_bodies: list[tuple[str, str]],
         day: datetime.date = datetime.date(2025, 1, 1)) -> list[str]:
    ids = []
    with db.session_factory.begin() as session:
        for title, body in titles_and_bodies:
            activity = Activity(kind="other", cluster_id=cluster_id, title=title,
                                description=body, start_date=day)
            session.add(activity)
            session.flush()
            ids.append(activity.id)
    return ids


def test_whole_words_rank_before_words_they_only_start(db, cluster) -> None:
    _add(db, cluster.id, [("گزارش سفالگری", ""), ("کارگاه سفال", "")])
    hits = search.search(db, "سفال")
    assert [h.title for h in hits] == ["کارگاه سفال", "گزارش سفالگری"]
    assert hits[0].rank < hits[1].rank


def test_an_older_title_hit_beats_many_newer_body_hits(db, cluster) -> None:
    _add(db, cluster.id, [("زعفران قائنات", "")], day=datetime.date(2020, 1, 1))
    _add(db, cluster.id, [(f"جلسه {i}", "درباره زعفران") for i in range(80)])
    hits = search.search(db, "زعفران", limit=10)
    assert len(hits) == 10
    assert hits[0].title == "زعفران قائنات"


def test_more_title_words_rank_higher(db, cluster) -> None:
    _add(db, cluster.id, [("کنترل", "کیفیت"), ("کنترل کیفیت", ""), ("گزارش", "کنترل کیفیت")])
    assert [h.title for h in search.search(db, "کنترل کیفیت")] == [
        "کنترل کیفیت", "کنترل", "گزارش"]


def test_deleted_records_crowding_the_newest_matches_do_not_shorten_the_page(db, cluster) -> None:
    old = _add(db, cluster.id, [(f"گلاب {i}", "") for i in range(30)])
    new = _add(db, cluster.id, [(f"گلاب تازه {i}", "") for i in range(40)])
    for record_id in new:
        records.delete(db, "activity", record_id)
    hits = search.search(db, "گلاب", limit=10)
    assert len(hits) == 10
    assert {h.record_id for h in hits} <= set(old)


def test_cluster_filter_keeps_records_of_no_cluster(db, cluster) -> None:
    other = records.create(db, "cluster", {"name": "خوشه دیگر"})
    _add(db, other.id, [(f"حلوا {i}", "") for i in range(70)])
    mine = _add(db, cluster.id, [("حلوای محلی", "حلوا")])
    person = records.create(db, "person", {"full_name": "حلوا فروش"})
    hits = search.search(db, "حلوا", cluster_id=cluster.id)
    assert {h.record_id for h in hits} == {mine[0], person.id}


def test_prefix_hits_fill_a_page_whole_words_leave_short(db, cluster) -> None:
    _add(db, cluster.id, [("گواهی ایزو", "")] * 5 + [("گواه", "")] * 2)
    hits = search.search(db, "گواه", limit=6)
    assert [h.title for h in hits] == ["گواه", "گواه"] + ["گواهی ایزو"] * 4


def test_prefix_reading_is_not_read_when_whole_words_fill_the_page(db, cluster) -> None:
    _add(db, cluster.id, [("گواهی ایزو", "")] * 3 + [("گواه", "")] * 5)
    assert [h.title for h in search.search(db, "گواه", limit=5)] == ["گواه"] * 5


def test_a_person_named_in_many_newer_activities_comes_first(db, cluster) -> None:
    person = records.create(db, "person", {"full_name": "یاسر سلیمانی"})
    _add(db, cluster.id, [(f"کارگاه آموزشی {i}", "مدرس یاسر سلیمانی") for i in range(150)])
    hits = search.search(db, "یاسر", limit=10)
    assert hits[0].record_id == person.id
    assert search.search(db, "یاسر سلیمانی", limit=10)[0].record_id == person.id
