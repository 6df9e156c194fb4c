"""Two users of one (office) database: a form never silently overwrites an edit made meanwhile."""

from __future__ import annotations

from services import activities, records
from ui import activity_form
from ui.activity_form import open_activity_form
from ui.context import AppContext
from ui.record_form import RecordForm


def test_record_form_refuses_to_overwrite_a_newer_edit(qtbot, db, ui_settings, shown_errors):
    firm = records.create(db, "firm", {"name": "کارگاه اول"})
    ctx = AppContext(db, ui_settings)
    form = RecordForm(ctx, "firm", firm.id)
    qtbot.addWidget(form)
    records.update(db, "firm", firm.id, {"name": "نام را همکار دیگری عوض کرد"})
    form.input("name").setText("نام من")
    assert not form.save()
    assert shown_errors and "هم‌زمان" in shown_errors[-1][0]
    assert records.get(db, "firm", firm.id).title == "نام را همکار دیگری عوض کرد"


def test_activity_form_refuses_to_overwrite_a_newer_edit(qtbot, db, ui_settings, shown_errors,
                                                         monkeypatch):
    monkeypatch.setattr(activity_form, "ask_unsaved", lambda _parent: activity_form.DISCARD)
    cluster = records.create(db, "cluster", {"name": "خوشه"})
    detail = activities.save_activity(db, {"kind": "meeting", "cluster_id": cluster.id,
                                           "title": "جلسه", "start_date": "1404/01/10"})
    ctx = AppContext(db, ui_settings)
    form = open_activity_form(ctx, None, activity_id=detail.id)
    activities.save_activity(db, {"title": "عنوان همکار"}, activity_id=detail.id)
    form.field_widget("title").setText("عنوان من")
    assert not form.save()
    assert shown_errors and "هم‌زمان" in shown_errors[-1][0]
    assert activities.get_activity(db, detail.id).activity.title == "عنوان همکار"
    for f in activity_form.open_forms():
        f.force_close()
