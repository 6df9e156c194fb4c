"""The activity form driven like a user: Persian typing, participants, resolutions, errors."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from models.vocab import ACTIVITY_KINDS
from services import records
from services.activities import ActivityFilter, activity_ids, count_activities, get_activity
from services.demo import load_demo
from services.schema import SPECS
from ui import activity_form
from ui.activity_form import ActivityForm, open_activity_form
from ui.context import AppContext


@pytest.fixture
def ctx(db, ui_settings):
    return AppContext(db, ui_settings)


@pytest.fixture
def people(db):
    cluster = records.create(db, "cluster", {"name": "خوشه حلوای مسقطی لار"})
    firm = records.create(db, "firm", {"name": "کارگاه مسقطی زعفران", "cluster_id": cluster.id})
    a = records.create(db, "person", {"full_name": "زهرا امیری"})
    b = records.create(db, "person", {"full_name": "حسین کرمی", "firm_id": firm.id})
    c = records.create(db, "person", {"full_name": "مریم فرهادی"})
    return {"cluster": cluster, "firm": firm, "a": a, "b": b, "c": c}


@pytest.fixture(autouse=True)
def _close_forms(monkeypatch):
    # A modal question in a headless test would block forever: answer «discard» unless a test
    # says otherwise.
    monkeypatch.setattr(activity_form, "ask_unsaved", lambda _parent: activity_form.DISCARD)
    yield
    for form in activity_form.open_forms():
        form.force_close()


def _fill(form: ActivityForm, name: str, text: str, type_text) -> None:
    widget = form.field_widget(name)
    if hasattr(widget, "lineEdit") and not hasattr(widget, "setEditText"):
        widget = widget.lineEdit()  # JalaliDateEdit
    widget.setFocus()
    type_text(widget, text)


def test_each_kind_shows_only_its_fields(qtbot, ctx, people):
    form = ActivityForm(ctx)
    for kind in ACTIVITY_KINDS:
        form.set_kind(kind)
        for spec in SPECS["activity"].fields:
            if spec.name == "kind":
                continue
            assert form.field_visible(spec.name) == spec.applies_to(kind), (kind, spec.name)
            assert form.form_layout.isRowVisible(form._rows[spec.name].container) == \
                spec.applies_to(kind)
        assert form.tabs.isTabVisible(form.resolutions_tab) == (kind == "meeting")
    form.set_kind("meeting")
    for name in ("meeting_kind", "number", "agenda", "summary"):
        assert form.field_visible(name)
    form.set_kind("training")
    for name in ("domain", "instructor", "hours", "evaluation"):
        assert form.field_visible(name)
    assert not form.participants.table.isColumnHidden(form.participants.COL_HOURS)


def test_log_meeting_with_attendees_and_resolutions(qtbot, ctx, people, type_text):
    form = open_activity_form(ctx, None, kind="meeting")
    _fill(form, "title", "جلسه کمیته راهبری که برگزار میشود", type_text)
    _fill(form, "start_date", "۱۴۰۴/۰۳/۱۵", type_text)
    _fill(form, "place", "سالن جلسات شهرک صنعتی لار", type_text)
    _fill(form, "number", "۷", type_text)
    form.field_widget("summary").setFocus()
    type_text(form.field_widget("summary"), "گفتگو درباره برند مشترک")
    picker = form.participants.picker
    type_text(picker.filter_edit, "زهرا")
    assert [i.data(Qt.ItemDataRole.UserRole + 1).name for i in picker.visible_items()] == \
        ["زهرا امیری"]
    picker.filter_edit.returnPressed.emit()
    picker.filter_edit.clear()
    type_text(picker.filter_edit, "حسين")  # Arabic yeh still finds حسین
    picker.filter_edit.returnPressed.emit()
    assert form.participants.table.rowCount() == 2
    qtbot.mouseClick(form.resolutions.add_button, Qt.MouseButton.LeftButton)
    row1 = form.resolutions.rows[0]
    type_text(row1.text_edit, "تهیه طرح برند مشترک")
    row1.owner.setFocus()
    type_text(row1.owner.lineEdit(), "زهرا امیری")
    type_text(row1.due.lineEdit(), "1404/04/30")
    qtbot.mouseClick(form.resolutions.add_button, Qt.MouseButton.LeftButton)
    row2 = form.resolutions.rows[1]
    type_text(row2.text_edit, "پیگیری کد گمرکی")
    type_text(row2.owner.lineEdit(), "اتاق بازرگانی")
    assert form.is_dirty()
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.activity_id() is not None, form.summary.text()
    detail = get_activity(ctx.db, form.activity_id())
    assert detail.activity["title"] == "جلسه کمیته راهبری که برگزار میشود"
    assert detail.activity["start_date"] == dt.date(2025, 6, 5)
    assert detail.activity["number"] == 7
    assert {p.person_name for p in detail.participants} == {"زهرا امیری", "حسین کرمی"}
    assert all(p.role == "attendee" and p.attended for p in detail.participants)
    res = sorted(detail.resolutions, key=lambda r: r["number"])
    assert [r["text"] for r in res] == ["تهیه طرح برند مشترک", "پیگیری کد گمرکی"]
    assert res[0]["owner_person_id"] == people["a"].id
    assert res[0]["due_date"] == dt.date(2025, 7, 21)
    assert res[1]["owner_person_id"] is None and res[1]["owner_text"] == "اتاق بازرگانی"
    assert not form.is_dirty()
    assert not form.kind_combo.isEnabled()
    assert form.attachments.add_button.isEnabled()


def test_edit_existing_meeting(qtbot, ctx, db):
    with db.session_factory.begin() as s:
        load_demo(s)
    meeting_id = activity_ids(db, ActivityFilter(kind="meeting"))[0]
    before = get_activity(db, meeting_id)
    form = open_activity_form(ctx, None, activity_id=meeting_id)
    assert form.field_widget("title").text() == before.activity["title"]
    assert len(form.resolutions.rows) == len(before.resolutions)
    form.field_widget("title").setText(before.activity["title"] + " (ویرایش)")
    form.resolutions.rows[0].status.setCurrentIndex(
        form.resolutions.rows[0].status.findData("done"))
    assert form.save()
    after = get_activity(db, meeting_id)
    assert after.activity["title"].endswith("(ویرایش)")
    assert {r.id for r in after.resolutions} == {r.id for r in before.resolutions}
    assert len(after.participants) == len(before.participants)
    assert open_activity_form(ctx, None, activity_id=meeting_id) is form  # raised, not doubled


def test_training_with_participants_and_hours(qtbot, ctx, people, type_text):
    form = open_activity_form(ctx, None, kind="training")
    _fill(form, "title", "دوره بازاریابی دیجیتال", type_text)
    _fill(form, "start_date", "۱۴۰۴/۰۵/۰۱", type_text)
    _fill(form, "end_date", "۱۴۰۴/۰۵/۰۳", type_text)
    _fill(form, "hours", "۱۲", type_text)
    _fill(form, "instructor", "دکتر رضایی", type_text)
    form.field_widget("domain").setCurrentIndex(form.field_widget("domain").findData("marketing"))
    editor = form.participants
    assert editor.picker.pick_by_name("مریم فرهادی")
    assert editor.picker.pick_by_name("کارگاه مسقطی زعفران")
    editor.set_hours(0, "۱۰٫۵")
    editor.set_role(1, "participant")
    assert form.save(), form.summary.text()
    detail = get_activity(ctx.db, form.activity_id())
    assert detail.activity["hours"] == 12.0
    assert detail.activity["domain"] == "marketing"
    hours = {p.display_name: p.hours for p in detail.participants}
    assert hours == {"مریم فرهادی": 10.5, "کارگاه مسقطی زعفران": None}


def test_exhibition_abroad(qtbot, ctx, people, type_text):
    form = open_activity_form(ctx, None, kind="exhibition")
    _fill(form, "title", "نمایشگاه بین‌المللی غذای استانبول", type_text)
    _fill(form, "start_date", "1403/06/14", type_text)
    _fill(form, "city", "استانبول", type_text)
    _fill(form, "country", "ترکیه", type_text)
    _fill(form, "contracts_count", "۳", type_text)
    _fill(form, "orders_amount", "۱۲۰۰۰۰۰۰۰۰", type_text)
    scope = form.field_widget("scope")
    scope.setCurrentIndex(scope.findData("international"))
    assert form.field_visible("booth") and not form.field_visible("agenda")
    assert form.participants.picker.pick_by_name("کارگاه مسقطی زعفران")
    assert form.save(), form.summary.text()
    detail = get_activity(ctx.db, form.activity_id())
    assert detail.activity["country"] == "ترکیه"
    assert detail.activity["scope"] == "international"
    assert detail.activity["orders_amount"] == 1_200_000_000
    assert detail.participants[0].role == "exhibitor"
    # Shown back with Persian digits and grouping.
    assert form.field_widget("orders_amount").text() == "۱٬۲۰۰٬۰۰۰٬۰۰۰"


def test_validation_error_is_inline_and_saves_nothing(qtbot, ctx, people, type_text):
    form = open_activity_form(ctx, None, kind="meeting")
    _fill(form, "start_date", "۱۴۰۴/۰۳/۱۵", type_text)
    _fill(form, "end_date", "۱۴۰۴/۰۳/۱۰", type_text)
    _fill(form, "start_time", "۲۵:۰۰", type_text)
    qtbot.mouseClick(form.resolutions.add_button, Qt.MouseButton.LeftButton)
    type_text(form.resolutions.rows[0].owner.lineEdit(), "زهرا امیری")  # no text
    assert not form.save()
    assert count_activities(ctx.db, ActivityFilter()) == 0
    assert "عنوان" in form.field_error("title")
    assert "تاریخ پایان" in form.field_error("end_date")
    assert "ساعت" in form.field_error("start_time")
    assert form.field_error("number") == ""
    assert form.isVisible() and not form.summary.isHidden()
    # Fix the fields and the resolution row error shows inline next.
    _fill(form, "title", "جلسه", type_text)
    form.field_widget("end_date").clear()
    form.field_widget("start_time").clear()
    assert not form.save()
    row_error = form.resolutions.rows[0].error
    assert not row_error.isHidden() and "مصوبه ۱" in row_error.text()
    assert form.tabs.currentIndex() == form.resolutions_tab
    assert count_activities(ctx.db, ActivityFilter()) == 0


def test_unsaved_changes_ask_before_closing(qtbot, ctx, people, type_text, monkeypatch):
    form = open_activity_form(ctx, None, kind="meeting")
    asked: list[int] = []

    def answer(value):
        def ask(_parent):
            asked.append(1)
            return value
        return ask

    qtbot.keyClick(form, Qt.Key.Key_Escape)  # untouched: closes without asking
    assert not form.isVisible() and not asked

    form = open_activity_form(ctx, None, kind="meeting")
    _fill(form, "title", "جلسه با کارگزار", type_text)
    monkeypatch.setattr(activity_form, "ask_unsaved", answer(activity_form.KEEP))
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible() and len(asked) == 1
    # The main window asks the activities page, which asks the open forms.
    assert not activity_form.maybe_close_all()
    monkeypatch.setattr(activity_form, "ask_unsaved", answer(activity_form.DISCARD))
    form.reject()
    assert not form.isVisible()
    assert count_activities(ctx.db, ActivityFilter()) == 0

    form = open_activity_form(ctx, None, kind="meeting")
    _fill(form, "title", "جلسه ذی‌نفعان", type_text)
    _fill(form, "start_date", "۱۴۰۴/۰۱/۲۰", type_text)
    monkeypatch.setattr(activity_form, "ask_unsaved", answer(activity_form.SAVE))
    assert activity_form.maybe_close_all()
    assert count_activities(ctx.db, ActivityFilter()) == 1


def test_print_minutes_from_a_meeting_asks_the_reports_page(qtbot, ctx, db):
    with db.session_factory.begin() as s:
        load_demo(s)
    meeting_id = activity_ids(db, ActivityFilter(kind="meeting"))[0]
    form = open_activity_form(ctx, None, activity_id=meeting_id)
    assert form.print_button.isVisible() or not form.print_button.isHidden()
    with qtbot.waitSignal(ctx.reportRequested) as blocker:
        form.print_button.click()
    kind, params = blocker.args
    assert kind == "minutes" and params["meeting"] == meeting_id


def test_no_print_button_for_a_new_activity(qtbot, ctx, people):
    form = open_activity_form(ctx, None, kind="meeting")
    assert form.print_button.isHidden()
