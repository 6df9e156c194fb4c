"""The import's first look (outside the writing transaction) stops early, refusing as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from models.migrate import open_database
from services import activities, exchange, records
from services.exchange import ExchangeError
from services.exchange.common import KINDS
from services.exchange.plan import ImportReport, plan_import
from services.exchange.read import open_package


def _seed(db) -> dict[str, str]:
    cluster = records.create(db, "cluster", {"name": "خوشه گلاب کاشان"})
    person = records.create(db, "person", {"full_name": "زهرا جمشیدی"})
    meeting = activities.save_activity(
        db, {"kind": "meeting", "cluster_id": cluster.id, "title": "کمیته راهبری",
             "start_date": "1404/07/10"},
        participants=[{"person_id": person.id}], resolutions=[{"text": "ثبت برند"}])
    return {"cluster": cluster.id, "meeting": meeting.id}


@pytest.fixture
def pair(tmp_path: Path):
    laptop = open_database(str(tmp_path / "laptop.db"))
    office = open_database(str(tmp_path / "office.db"))
    yield laptop, office
    laptop.dispose()
    office.dispose()


def test_a_first_look_that_finds_a_write_stops_after_the_activities(pair, tmp_path) -> None:
    laptop, office = pair
    _seed(laptop)
    exchange.export_package(laptop, tmp_path / "p.kxp")
    with open_package(tmp_path / "p.kxp") as package, office.session_factory() as session:
        report = ImportReport(origin=package.origin, agent_name="", created_at=None,
                              dry_run=False)
        first = plan_import(session, package, report, only_whether_writing=True)
        full = plan_import(session, package, ImportReport(
            origin=package.origin, agent_name="", created_at=None, dry_run=False))
    after = set(KINDS[KINDS.index("activity") + 1:])
    assert first.apply and not {kind for kind, _, _ in first.apply} & after
    assert {"participant", "resolution"} <= {kind for kind, _, _ in full.apply}
    # The import itself still writes everything.
    done = exchange.import_file(office, tmp_path / "p.kxp")
    assert done.counts["participant"].new == 1 and done.counts["resolution"].new == 1


def test_an_activity_of_another_kind_is_still_refused_before_any_backup(pair, tmp_path) -> None:
    from services.backup import default_backup_dir

    laptop, office = pair
    ids = _seed(laptop)
    exchange.export_package(laptop, tmp_path / "p1.kxp")
    exchange.import_file(office, tmp_path / "p1.kxp")
    with office.engine.begin() as conn:  # the office's copy of the meeting became a tour
        conn.execute(text("UPDATE activity SET kind = 'tour' WHERE id = :i"),
                     {"i": ids["meeting"]})
    records.create(laptop, "cluster", {"name": "خوشه تازه"})  # a write found before activities
    exchange.export_package(laptop, tmp_path / "p2.kxp")
    backups = default_backup_dir(office.path)
    before = sorted(backups.iterdir())
    with pytest.raises(ExchangeError) as refused:
        exchange.import_file(office, tmp_path / "p2.kxp")
    assert "نوع فعالیت" in refused.value.message
    assert sorted(backups.iterdir()) == before
