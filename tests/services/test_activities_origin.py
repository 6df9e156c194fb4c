"""The office view: activities filtered by the installation (agent) that made them."""

from __future__ import annotations

from sqlalchemy import select, update

from models.entities import Activity, Cluster
from services import exchange, records
from services.activities import ActivityFilter, activity_ids, count_activities, list_origins
from services.demo import load_demo

OTHER = "0b7f9d2e-1c4a-4e8e-9a51-3d2b6c7e8f90"


def test_one_installation_has_one_origin(db):
    with db.session_factory.begin() as s:
        load_demo(s)
    origins = list_origins(db)
    assert [o for o, _name in origins] == [exchange.installation_id(db)]


def test_empty_database_has_no_origin(db):
    assert list_origins(db) == []


def test_filter_by_origin_and_agent_names(db):
    with db.session_factory.begin() as s:
        load_demo(s)
        cluster_id = s.scalars(select(Activity.cluster_id).order_by(Activity.id)).first()
        s.execute(update(Cluster).where(Cluster.id == cluster_id)
                  .values(origin=OTHER, agent_name="سارا احمدی"))
        s.execute(update(Activity).where(Activity.cluster_id == cluster_id).values(origin=OTHER))
    exchange.set_agent_name(db, "دفتر استان فارس")
    local = exchange.installation_id(db)
    total = count_activities(db, ActivityFilter())
    theirs = count_activities(db, ActivityFilter(origin=OTHER))
    ours = count_activities(db, ActivityFilter(origin=local))
    assert theirs > 0 and ours > 0 and theirs + ours == total
    with db.session_factory() as s:
        wanted = set(s.scalars(select(Activity.id).where(Activity.origin == OTHER,
                                                         Activity.deleted_at.is_(None))))
    assert set(activity_ids(db, ActivityFilter(origin=OTHER))) == wanted
    names = dict(list_origins(db))
    assert set(names) == {local, OTHER}
    assert names[OTHER] == "سارا احمدی"
    assert names[local]  # the demo clusters' agent, or this installation's own agent name


def test_unnamed_origin_gets_a_short_label(db):
    records.create(db, "cluster", {"name": "خوشه بی‌عامل"})
    with db.session_factory.begin() as s:
        s.execute(update(Cluster).values(origin=OTHER))
    assert list_origins(db) == [(OTHER, "عامل " + OTHER[:8])]


def test_the_name_an_agent_sends_is_what_the_office_sees(tmp_path) -> None:
    from models.migrate import open_database
    from services import exchange, records
    from services.activities import list_origins

    laptop = open_database(str(tmp_path / "laptop.db"))
    office = open_database(str(tmp_path / "office.db"))
    try:
        records.create(laptop, "cluster", {"name": "خوشه لپ‌تاپ", "agent_name": "نام در خوشه"})
        exchange.set_agent_name(laptop, "مریم کریمی")
        exchange.export_package(laptop, tmp_path / "p.zip")
        records.create(office, "cluster", {"name": "خوشه دفتر"})
        exchange.import_file(office, tmp_path / "p.zip")
        names = dict(list_origins(office))
        assert names[exchange.installation_id(laptop)] == "مریم کریمی"
    finally:
        laptop.dispose()
        office.dispose()
