"""Folded, ranked search over every record kind."""

from __future__ import annotations

import pytest

from services import activities, records, search
from services.search import match_expression

VARIANTS = ["میشود", "می شود", "می‌شود", "ميشود", "مي‌شود", "می‌‌شود"]


@pytest.fixture
def cluster(db):
    return records.create(db, "cluster", {"name": "خوشه نمونه"})


@pytest.mark.parametrize("stored", VARIANTS)
def test_every_spelling_finds_every_other(db, cluster, stored) -> None:
    activities.save_activity(db, {"kind": "other", "cluster_id": cluster.id,
                                  "title": f"کاری که {stored} کرد", "start_date": "1404/01/01"})
    for query in VARIANTS:
        hits = search.search(db, query)
        assert [h.kind for h in hits] == ["activity"], (stored, query)


def test_search_reaches_every_kind(db, cluster) -> None:
    person = records.create(db, "person", {"full_name": "كريم كاظمي"})
    records.create(db, "firm", {"name": "کارگاه کریمی", "cluster_id": cluster.id})
    records.create(db, "organisation", {"name": "انجمن کریم‌آباد"})
    meeting = activities.save_activity(
        db, {"kind": "meeting", "cluster_id": cluster.id, "title": "جلسه", "start_date": "1404/01/01"},
        resolutions=[{"text": "نامه به کریم", "owner_person_id": person.id}])
    records.create(db, "joint_action", {"cluster_id": cluster.id, "category": "brand",
                                        "title": "برند کریم", "status": "done"})
    kinds = {h.kind for h in search.search(db, "کریم")}
    assert kinds == {"person", "firm", "organisation", "resolution", "joint_action"}
    assert meeting.id not in {h.record_id for h in search.search(db, "کریم")}


def test_title_hits_rank_above_body_hits(db, cluster) -> None:
    activities.save_activity(db, {"kind": "other", "cluster_id": cluster.id, "title": "گزارش",
                                  "description": "درباره استاندارد ملی", "start_date": "1404/01/01"})
    activities.save_activity(db, {"kind": "other", "cluster_id": cluster.id,
                                  "title": "استاندارد ملی", "start_date": "1403/01/01"})
    hits = search.search(db, "استاندارد")
    assert [h.title for h in hits] == ["استاندارد ملی", "گزارش"]


def test_digits_of_any_script_and_prefixes(db, cluster) -> None:
    activities.save_activity(db, {"kind": "other", "cluster_id": cluster.id,
                                  "title": "گواهی ISO 9001 در ۱۴۰۴", "start_date": "1404/01/01"})
    for query in ("9001", "۹۰۰۱", "٩٠٠١", "iso", "گواه", "1404"):
        assert len(search.search(db, query)) == 1, query


def test_deleted_records_are_not_found_until_restored(db, cluster) -> None:
    firm = records.create(db, "firm", {"name": "کارخانه حلوا"})
    records.delete(db, "firm", firm.id)
    assert search.search(db, "حلوا") == []
    records.restore(db, "firm", firm.id)
    assert len(search.search(db, "حلوا")) == 1


def test_updates_reindex(db, cluster) -> None:
    firm = records.create(db, "firm", {"name": "نام قدیم"})
    records.update(db, "firm", firm.id, {"name": "نام تازه"})
    assert search.search(db, "قدیم") == []
    assert len(search.search(db, "تازه")) == 1


@pytest.mark.parametrize("query", ['"', "*", "AND", "NEAR(", "a OR", "' OR 1=1 --", "^", "-", ""])
def test_fts_syntax_in_queries_is_harmless(db, cluster, query) -> None:
    records.create(db, "firm", {"name": "بنگاه"})
    search.search(db, query)  # must not raise


def test_match_expression_joins_words_for_the_spaceless_spelling() -> None:
    assert match_expression("می شود") == '("می"* AND "شود"*) OR "میشود"*'
    assert match_expression("  ") is None


def test_kind_filter_finds_rare_kinds_behind_many_better_hits(db, cluster) -> None:
    from models.entities import Activity

    with db.session_factory.begin() as session:
        for i in range(400):
            session.add(Activity(kind="other", cluster_id=cluster.id, title=f"حلوا حلوا {i}",
                                 start_date=__import__("datetime").date(2025, 1, 1)))
    records.create(db, "firm", {"name": "کارگاه حلوا"})
    assert len(search.search(db, "حلوا", limit=10)) == 10
    assert [h.kind for h in search.search(db, "حلوا", kinds={"firm"})] == ["firm"]
