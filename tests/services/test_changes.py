"""Writing services publish what they changed (services.changes), without Qt and by themselves."""

from __future__ import annotations

import threading

import pytest

from models.migrate import open_database
from services import activities, attachments, changes, followup, records, settings, trash
from services.changes import Changes
from services.errors import ValidationError


@pytest.fixture
def published(db):
    seen: list[Changes] = []
    unsubscribe = changes.subscribe(db, seen.append)
    yield seen
    unsubscribe()


def test_create_publishes_the_kind_and_the_id(db, published):
    firm = records.create(db, "firm", {"name": "شیرینی‌سرای لار"})
    assert published == [Changes(frozenset({"firm"}), frozenset({firm.id}))]


def test_update_delete_and_restore_each_publish_once(db, published):
    person = records.create(db, "person", {"full_name": "علی رضایی"})
    records.update(db, "person", person.id, {"full_name": "علی رضایی‌نژاد"})
    records.delete(db, "person", person.id)
    trash.restore(db, "person", person.id)
    assert len(published) == 4
    assert all(c.kinds == {"person"} and c.ids == {person.id} for c in published)


def test_an_activity_saved_with_its_children_is_one_change(db, published):
    cluster = records.create(db, "cluster", {"name": "خوشه مسقطی"})
    person = records.create(db, "person", {"full_name": "زهرا امیری"})
    published.clear()
    detail = activities.save_activity(
        db, {"kind": "meeting", "cluster_id": cluster.id, "title": "کمیته راهبری",
             "start_date": "1404/01/20"},
        participants=[{"person_id": person.id, "role": "attendee", "attended": True}],
        resolutions=[{"text": "پیگیری کد گمرکی", "owner_person_id": person.id}])
    assert len(published) == 1
    change = published[0]
    assert {"activity", "participant", "resolution"} <= change.kinds
    assert detail.id in change.ids and detail.resolutions[0].id in change.ids
    assert "search_doc" not in change.kinds  # derived rows are not a change anyone shows
    assert change.touches("resolution") and not change.touches("firm")

    published.clear()
    followup.set_status(db, detail.resolutions[0].id, "done")
    assert published == [Changes(frozenset({"resolution"}),
                                 frozenset({detail.resolutions[0].id}))]


def test_a_refused_action_publishes_nothing(db, published):
    with pytest.raises(ValidationError):
        records.create(db, "firm", {"name": "بنگاه", "national_id": "123"})
    with pytest.raises(ValidationError):
        records.create(db, "organisation", {})
    assert published == []


def test_settings_and_attachments_publish_their_kinds(db, published, tmp_path):
    settings.set_setting(db, "organisation_name", "شرکت شهرک‌های صنعتی فارس")
    cluster = records.create(db, "cluster", {"name": "خوشه"})
    meeting = activities.save_activity(db, {"kind": "meeting", "cluster_id": cluster.id,
                                            "title": "جلسه", "start_date": "1404/01/20"})
    source = tmp_path / "photo.jpg"
    source.write_bytes(b"\xff\xd8 not really a photo")
    published.clear()
    view = attachments.add_attachment(db, "activity", meeting.id, source)
    attachments.remove_attachment(db, view.id)
    assert [c.kinds for c in published] == [{"attachment"}, {"attachment"}]
    assert all(view.id in c.ids for c in published)


def test_reads_publish_nothing(db, published):
    firm = records.create(db, "firm", {"name": "بنگاه"})
    published.clear()
    records.get(db, "firm", firm.id)
    records.list_records(db, "firm")
    activities.count_activities(db, activities.ActivityFilter())
    assert published == []


def test_only_the_changed_database_is_told(db, published, tmp_path):
    other = open_database(str(tmp_path / "other.db"))
    try:
        records.create(other, "firm", {"name": "بنگاه دیگر"})
    finally:
        other.dispose()
    assert published == []


def test_unsubscribe_and_changes_from_another_thread(db):
    seen: list[tuple[Changes, int]] = []
    unsubscribe = changes.subscribe(db, lambda c: seen.append((c, threading.get_ident())))
    worker = threading.Thread(target=records.create, args=(db, "firm", {"name": "بنگاه"}))
    worker.start()
    worker.join()
    # The listener runs in the thread that committed: a GUI hands it over to its own thread.
    assert len(seen) == 1 and seen[0][1] == worker.ident
    unsubscribe()
    records.create(db, "firm", {"name": "بنگاه دوم"})
    assert len(seen) == 1


def test_changes_combine_and_everything_touches_all():
    a, b = Changes.of("firm", "1"), Changes.of("person", "2")
    assert (a | b) == Changes(frozenset({"firm", "person"}), frozenset({"1", "2"}))
    assert Changes.all().touches("anything") and bool(Changes.all())
    assert not Changes()


def test_an_exchange_import_publishes_everything_once(db, tmp_path):
    from services import exchange
    from services.demo import load_demo

    office = open_database(str(tmp_path / "office.db"))
    try:
        with db.session_factory.begin() as s:
            load_demo(s)
        package = tmp_path / "lar.kxp"
        exchange.export_package(db, package)
        seen: list[Changes] = []
        changes.subscribe(office, seen.append)
        exchange.import_file(office, package, dry_run=True)
        assert seen == []  # a preview writes nothing
        exchange.import_file(office, package)
        assert seen == [Changes.all()]
    finally:
        office.dispose()


def test_a_restore_publishes_everything(db, published, tmp_path):
    records.create(db, "firm", {"name": "بنگاه پیش از پشتیبان"})
    backup = db.backup(tmp_path / "backups")
    records.create(db, "firm", {"name": "بنگاه پس از پشتیبان"})
    published.clear()
    db.restore(backup.path)
    assert published == [Changes.all()]
    assert [f.title for f in records.list_records(db, "firm")] == ["بنگاه پیش از پشتیبان"]
