"""A form that opens makes one service call (one database session) for everything it shows."""

from __future__ import annotations

import pytest

from services import activities, records
from services.demo import load_demo
from ui import activity_form
from ui.activity_form import ActivityForm
from ui.context import AppContext
from ui.record_form import RecordForm


class _CountingFactory:
    """The database's session factory, counting the sessions opened through it."""

    def __init__(self, real) -> None:  # noqa: ANN001
        self.real = real
        self.opened = 0

    def __call__(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN204
        self.opened += 1
        return self.real(*args, **kwargs)

    def begin(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        self.opened += 1
        return self.real.begin(*args, **kwargs)


@pytest.fixture
def counted(db, ui_settings, monkeypatch):
    with db.session_factory.begin() as s:
        load_demo(s)
    ctx = AppContext(db, ui_settings)
    factory = _CountingFactory(db.session_factory)
    monkeypatch.setattr(db, "session_factory", factory)
    monkeypatch.setattr(activity_form, "ask_unsaved", lambda _p: activity_form.DISCARD)
    return ctx, factory


def test_the_activity_form_opens_with_one_read(qtbot, counted, db):
    ctx, factory = counted
    with factory.real() as session:
        from models.entities import Attachment, Meeting

        meeting = session.query(Meeting).first()
        meeting_id = meeting.id
        has_files = session.query(Attachment).filter_by(owner_id=meeting_id).count()
    factory.opened = 0
    form = ActivityForm(ctx, activity_id=meeting_id)
    qtbot.addWidget(form)
    assert factory.opened == 1
    detail = activities.get_activity(db, meeting_id)
    assert form.field_widget("title").text() == detail.activity.title
    assert form.participants.table.rowCount() == len(detail.participants)
    assert len(form.resolutions.rows) == len(detail.resolutions)
    assert form.attachments.list.count() == has_files
    assert form.field_widget("cluster_id").count() == len(records.list_records(db, "cluster"))

    factory.opened = 0
    new = ActivityForm(ctx, kind="training")
    qtbot.addWidget(new)
    assert factory.opened == 1


def test_the_record_form_opens_with_one_read(qtbot, counted, db):
    ctx, factory = counted
    person = records.list_records(db, "person")[0]
    factory.opened = 0
    form = RecordForm(ctx, "person", person.id)
    qtbot.addWidget(form)
    assert factory.opened == 1
    assert form.input("full_name").text() == person.title
    firms = form.input("firm_id")
    assert firms.count() == len(records.list_records(db, "firm")) + 1  # and «—»
