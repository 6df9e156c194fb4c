"""Exchange packages between laptops and the office, on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.entities import Attachment, ExchangeState
from models.migrate import open_database
from services import activities, attachments, exchange, records, search
from services.exchange import ExchangeError


@pytest.fixture
def laptop(tmp_path: Path):
    database = open_database(str(tmp_path / "laptop.db"))
    exchange.set_agent_name(database, "عامل لار")
    yield database
    database.dispose()


def _seed(db, name: str = "خوشه حلوای مسقطی لار") -> dict[str, str]:
    cluster = records.create(db, "cluster", {"name": name, "province": "فارس", "city": "لار"})
    firm = records.create(db, "firm", {"name": f"کارگاه {name}", "cluster_id": cluster.id,
                                       "employees": 8})
    person = records.create(db, "person", {"full_name": "زهرا جمشیدی", "firm_id": firm.id})
    meeting = activities.save_activity(
        db, {"kind": "meeting", "cluster_id": cluster.id, "title": "کمیته راهبری که میشود",
             "start_date": "1404/07/10"},
        participants=[{"person_id": person.id}, {"firm_id": firm.id}],
        resolutions=[{"text": "ثبت برند", "owner_person_id": person.id}])
    training = activities.save_activity(
        db, {"kind": "training", "cluster_id": cluster.id, "title": "دوره بسته‌بندی",
             "start_date": "1404/07/12", "hours": 8, "domain": "technical"})
    joint = records.create(db, "joint_action", {"cluster_id": cluster.id, "category": "brand",
                                                "title": "برند مشترک", "status": "done"})
    return {"cluster": cluster.id, "firm": firm.id, "person": person.id, "meeting": meeting.id,
            "training": training.id, "joint": joint.id}


def _count(db, model) -> int:
    with db.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)))


def test_round_trip_then_reimport_changes_nothing(laptop, anydb, tmp_path) -> None:
    ids = _seed(laptop)
    package = tmp_path / "lar.kxp"
    result = exchange.export_package(laptop, package)
    assert result.counts["activity"] == 2 and result.counts["participant"] == 2
    report = exchange.import_file(anydb, package)
    assert report.counts["activity"].new == 2 and report.counts["resolution"].new == 1
    assert report.conflicts == [] and report.agent_name == "عامل لار"
    if anydb.path is not None:
        assert report.backup is not None and report.backup.exists()
    office = records.get(anydb, "firm", ids["firm"])
    assert office["employees"] == 8
    assert office["origin"] == exchange.installation_id(laptop) != exchange.installation_id(anydb)
    assert [h.record_id for h in search.search(anydb, "می شود")] == [ids["meeting"]]
    detail = activities.get_activity(anydb, ids["meeting"])
    assert len(detail.participants) == 2 and len(detail.resolutions) == 1
    states = _count(anydb, ExchangeState)
    versions = {v.id: v["version"] for v in records.list_records(anydb, "activity")}

    again = exchange.import_file(anydb, package)
    assert again.changed == 0 and again.conflicts == [] and again.backup is None
    assert sum(c.unchanged for c in again.counts.values()) == sum(result.counts.values())
    assert _count(anydb, ExchangeState) == states
    assert {v.id: v["version"] for v in records.list_records(anydb, "activity")} == versions


def test_later_edits_fast_forward_and_deletions_travel(laptop, anydb, tmp_path) -> None:
    ids = _seed(laptop)
    exchange.export_package(laptop, tmp_path / "1.kxp")
    exchange.import_file(anydb, tmp_path / "1.kxp")
    records.update(laptop, "firm", ids["firm"], {"employees": 12})
    records.delete(laptop, "joint_action", ids["joint"])
    activities.save_activity(laptop, {}, activity_id=ids["meeting"],
                             participants=[{"person_id": ids["person"]}])
    exchange.export_package(laptop, tmp_path / "2.kxp")
    report = exchange.import_file(anydb, tmp_path / "2.kxp")
    assert report.conflicts == []
    assert report.counts["firm"].updated == 1 and report.counts["joint_action"].deleted == 1
    assert records.get(anydb, "firm", ids["firm"])["employees"] == 12
    assert records.list_records(anydb, "joint_action") == []
    assert len(activities.get_activity(anydb, ids["meeting"]).participants) == 1
    # Restoring travels too.
    records.restore(laptop, "joint_action", ids["joint"])
    exchange.export_package(laptop, tmp_path / "3.kxp")
    exchange.import_file(anydb, tmp_path / "3.kxp")
    assert len(records.list_records(anydb, "joint_action")) == 1


def test_both_sides_changed_is_a_listed_conflict_newer_wins(laptop, anydb, tmp_path) -> None:
    ids = _seed(laptop)
    exchange.export_package(laptop, tmp_path / "1.kxp")
    exchange.import_file(anydb, tmp_path / "1.kxp")
    records.update(anydb, "firm", ids["firm"], {"phone": "071-5222"})  # office edit (older)
    records.update(laptop, "firm", ids["firm"], {"manager": "رضا کریمی"})  # laptop (newer)
    records.update(laptop, "cluster", ids["cluster"], {"city": "لارستان"})  # laptop only
    records.update(anydb, "person", ids["person"], {"title": "مدیر"})  # office only
    exchange.export_package(laptop, tmp_path / "2.kxp")

    preview = exchange.import_file(anydb, tmp_path / "2.kxp", dry_run=True)
    assert [c.kind for c in preview.conflicts] == ["firm"]
    assert records.get(anydb, "firm", ids["firm"])["manager"] is None  # dry run wrote nothing

    report = exchange.import_file(anydb, tmp_path / "2.kxp")
    (conflict,) = report.conflicts
    assert conflict.record_id == ids["firm"] and conflict.winner == "incoming"
    assert set(conflict.fields) == {"مدیر", "تلفن"}
    assert "بنگاه" in conflict.title
    assert records.get(anydb, "firm", ids["firm"])["manager"] == "رضا کریمی"
    assert records.get(anydb, "cluster", ids["cluster"])["city"] == "لارستان"
    assert records.get(anydb, "person", ids["person"])["title"] == "مدیر"  # office edit kept
    assert list(exchange.conflict_lines(report))
    assert exchange.import_file(anydb, tmp_path / "2.kxp").changed == 0


def test_local_newer_wins_and_is_listed(laptop, anydb, tmp_path) -> None:
    ids = _seed(laptop)
    exchange.export_package(laptop, tmp_path / "1.kxp")
    exchange.import_file(anydb, tmp_path / "1.kxp")
    records.update(laptop, "firm", ids["firm"], {"manager": "قدیمی‌تر"})
    records.update(anydb, "firm", ids["firm"], {"manager": "جدیدتر"})
    exchange.export_package(laptop, tmp_path / "2.kxp")
    report = exchange.import_file(anydb, tmp_path / "2.kxp")
    assert [c.winner for c in report.conflicts] == ["local"]
    assert records.get(anydb, "firm", ids["firm"])["manager"] == "جدیدتر"
    again = exchange.import_file(anydb, tmp_path / "2.kxp")
    assert again.changed == 0 and again.conflicts == []


def test_cluster_and_since_scope(tmp_path) -> None:
    from datetime import date

    laptop = open_database(str(tmp_path / "l.db"))
    try:
        a = _seed(laptop, "خوشه الف")
        b = _seed(laptop, "خوشه ب")
        result = exchange.export_package(laptop, tmp_path / "a.kxp", cluster="خوشه الف")
        assert result.counts["cluster"] == 1 and result.counts["activity"] == 2
        with exchange.open_package(tmp_path / "a.kxp") as package:
            ids = {r["id"] for rows in package.records.values() for r in rows}
        assert a["meeting"] in ids and b["meeting"] not in ids
        future = exchange.export_package(laptop, tmp_path / "f.kxp", since=date(2100, 1, 1))
        assert sum(future.counts.values()) == 0
        with pytest.raises(ExchangeError) as info:
            exchange.export_package(laptop, tmp_path / "x.kxp", cluster="ناموجود")
        # The clusters there are, one per line; a cluster is named as in reports (a unique part).
        assert {"  - خوشه الف", "  - خوشه ب"} <= set(info.value.message.splitlines())
        part = exchange.export_package(laptop, tmp_path / "p.kxp", cluster="الف")
        assert part.counts == result.counts
    finally:
        laptop.dispose()


def test_encrypted_package_needs_its_password(laptop, tmp_path) -> None:
    _seed(laptop)
    exchange.export_package(laptop, tmp_path / "e.kxp", password="رمز-خوب")
    assert b"khooshe-exchange" not in (tmp_path / "e.kxp").read_bytes()
    office = open_database(str(tmp_path / "office.db"))
    try:
        with pytest.raises(ExchangeError) as info:
            exchange.import_file(office, tmp_path / "e.kxp")
        assert info.value.code == "exchange_password_required"
        with pytest.raises(ExchangeError) as info:
            exchange.import_file(office, tmp_path / "e.kxp", password="بد")
        assert "رمز" in info.value.message
        report = exchange.import_file(office, tmp_path / "e.kxp", password="رمز-خوب")
        assert report.counts["cluster"].new == 1
    finally:
        office.dispose()


def test_attachments_travel_with_their_bytes(laptop, anydb, tmp_path) -> None:
    ids = _seed(laptop)
    source = tmp_path / "حضور.jpg"
    source.write_bytes(b"\xff\xd8 attendance sheet" * 100)
    view = attachments.add_attachment(laptop, "activity", ids["meeting"], source)
    exchange.export_package(laptop, tmp_path / "p.kxp")
    exchange.import_file(anydb, tmp_path / "p.kxp")
    stored = attachments.attachment_file(anydb, view.id)
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == view.sha256
    assert _count(anydb, Attachment) == 1


def test_an_older_package_imported_late_rolls_nothing_back(laptop, anydb, tmp_path) -> None:
    ids = _seed(laptop)
    exchange.export_package(laptop, tmp_path / "old.kxp")
    records.update(laptop, "firm", ids["firm"], {"employees": 30})
    records.delete(laptop, "joint_action", ids["joint"])
    activities.save_activity(laptop, {}, activity_id=ids["meeting"],
                             participants=[{"person_id": ids["person"]}])
    exchange.export_package(laptop, tmp_path / "new.kxp")
    exchange.import_file(anydb, tmp_path / "new.kxp")
    late = exchange.import_file(anydb, tmp_path / "old.kxp")
    assert late.changed == 0 and late.conflicts == []
    assert records.get(anydb, "firm", ids["firm"])["employees"] == 30
    assert records.list_records(anydb, "joint_action") == []
    assert len(activities.get_activity(anydb, ids["meeting"]).participants) == 1
