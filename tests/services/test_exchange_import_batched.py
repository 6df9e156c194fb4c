"""Exchange import writes new records in batches: the statements it runs do not grow with the
number of records, and the search rows it writes are the ones the index would write itself."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event, select

from models import search_index
from models.entities import Participant, SearchDoc
from models.migrate import open_database
from services import activities, exchange, records


def _laptop(path: Path, meetings: int):
    db = open_database(str(path))
    cluster = records.create(db, "cluster", {"name": "خوشه حلوای مسقطی لار", "city": "لار"})
    firm = records.create(db, "firm", {"name": "کارگاه لار", "cluster_id": cluster.id,
                                       "employees": 8})
    person = records.create(db, "person", {"full_name": "زهرا جمشیدی", "firm_id": firm.id})
    for i in range(meetings):
        activities.save_activity(
            db, {"kind": "meeting", "cluster_id": cluster.id, "title": f"کمیته راهبری {i}",
                 "start_date": "1404/07/10", "place": "اتاق بازرگانی"},
            participants=[{"person_id": person.id}, {"firm_id": firm.id}],
            resolutions=[{"text": f"ثبت برند {i}", "owner_person_id": person.id}])
    return db


def _statements(db, action) -> int:
    count = 0

    def seen(*_args) -> None:
        nonlocal count
        count += 1

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    return count


def _import_counts(tmp_path: Path, meetings: int) -> tuple[int, int, object]:
    laptop = _laptop(tmp_path / f"laptop-{meetings}.db", meetings)
    package = tmp_path / f"p{meetings}.kxp"
    exchange.export_package(laptop, package)
    laptop.dispose()
    office = open_database(str(tmp_path / f"office-{meetings}.db"))
    first = _statements(office, lambda: exchange.import_file(office, package))
    second = _statements(office, lambda: exchange.import_file(office, package))
    return first, second, office


def test_statements_per_import_do_not_grow_with_records(tmp_path: Path) -> None:
    small_first, small_second, small = _import_counts(tmp_path, 5)
    big_first, big_second, big = _import_counts(tmp_path, 60)
    try:
        with big.session_factory() as session:
            assert len(session.scalars(select(Participant.id)).all()) == 120
        # 55 more meetings, 110 more participants, 55 more resolutions: a few more statements
        # at most (chunks), never one or more per record.
        assert big_first - small_first < 20, (small_first, big_first)
        assert big_second - small_second < 10, (small_second, big_second)
    finally:
        small.dispose()
        big.dispose()


def _search_rows(session) -> list[tuple]:
    cols = [c for c in SearchDoc.__table__.columns if c.name != "rowid"]
    return sorted(tuple(r) for r in session.execute(select(*cols)))


def test_imported_search_rows_are_the_index_own(tmp_path: Path) -> None:
    laptop = _laptop(tmp_path / "laptop.db", 4)
    package = tmp_path / "p.kxp"
    exchange.export_package(laptop, package)
    laptop.dispose()
    office = open_database(str(tmp_path / "office.db"))
    try:
        report = exchange.import_file(office, package)
        assert report.counts["resolution"].new == 4
        with office.session_factory() as session:
            imported = _search_rows(session)
            assert {r for r in session.scalars(select(SearchDoc.kind))} >= {
                "cluster", "firm", "person", "activity", "resolution"}
        with office.session_factory.begin() as session:
            search_index.rebuild(session)
            assert _search_rows(session) == imported
        hits = [h.record_id for h in _search(office, "ثبت برند 3")]
        assert hits
    finally:
        office.dispose()


def _search(db, text: str):
    from services import search

    return search.search(db, text)
