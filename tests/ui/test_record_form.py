"""The generic record form: Persian typing, inline validation errors, unsaved-changes question."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from services import records
from ui import record_form
from ui.context import AppContext
from ui.record_form import RecordForm


@pytest.fixture(autouse=True)
def _never_block(monkeypatch):
    """A form closed at teardown with changes would ask in a modal loop: discard instead."""

    def discard(box: QMessageBox) -> int:
        for button in box.buttons():
            if box.buttonRole(button) == QMessageBox.ButtonRole.DestructiveRole:
                button.click()
        return 0

    monkeypatch.setattr(record_form, "_exec_box", discard)


def _ctx(db, ui_settings) -> AppContext:
    return AppContext(db, ui_settings)


def test_creates_firm_typed_in_persian(qtbot, db, ui_settings, type_text):
    ctx = _ctx(db, ui_settings)
    form = RecordForm(ctx, "firm")
    qtbot.addWidget(form)
    assert form.layoutDirection() == Qt.LayoutDirection.RightToLeft
    type_text(form.input("name"), "شیرینی‌سرای نمونه")
    type_text(form.input("national_id"), "۱۰۸۶۱۰۰۰۰۱۱")
    type_text(form.input("employees"), "۲۵")
    assert form.input("employees").text() == "۲۵"
    assert form.size_hint_label is not None and "کوچک" in form.size_hint_label.text()
    with qtbot.waitSignal(ctx.dataChanged):
        assert form.save()
    firms = records.list_records(db, "firm")
    assert [f.title for f in firms] == ["شیرینی‌سرای نمونه"]
    assert firms[0]["national_id"] == "10861000011"
    assert firms[0]["employees"] == 25


def test_bad_national_id_shows_inline_and_saves_nothing(qtbot, db, ui_settings, type_text):
    form = RecordForm(_ctx(db, ui_settings), "firm")
    qtbot.addWidget(form)
    form.show()
    type_text(form.input("name"), "بنگاه آزمایشی")
    type_text(form.input("national_id"), "۱۲۳")
    assert not form.save()
    error = form.findChild(type(form.general_error), "error_national_id")
    assert error.isVisible()
    assert "شناسه ملی" in error.text() and "یازده رقم" in error.text()
    assert form.general_error.isVisible()
    assert form.isVisible()  # nothing closes
    assert records.list_records(db, "firm") == []


def test_required_name_missing_is_reported_under_the_name(qtbot, db, ui_settings):
    form = RecordForm(_ctx(db, ui_settings), "organisation")
    qtbot.addWidget(form)
    assert not form.save()
    assert "نام نهاد" in form.findChild(type(form.general_error), "error_name").text()


def test_cancel_with_changes_asks_and_can_keep_editing(qtbot, db, ui_settings, type_text,
                                                       monkeypatch):
    form = RecordForm(_ctx(db, ui_settings), "person")
    qtbot.addWidget(form)
    form.show()
    answers = []

    def answer(box: QMessageBox) -> int:
        answers.append(box.text())
        keep = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole]
        keep[0].click()
        return 0

    monkeypatch.setattr(record_form, "_exec_box", answer)
    type_text(form.input("full_name"), "علی رضایی")
    form.reject()
    assert len(answers) == 1
    assert form.isVisible()

    def discard(box: QMessageBox) -> int:
        [b for b in box.buttons()
         if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole][0].click()
        return 0

    monkeypatch.setattr(record_form, "_exec_box", discard)
    form.reject()
    assert not form.isVisible()
    assert records.list_records(db, "person") == []


def test_cancel_without_changes_closes_without_asking(qtbot, db, ui_settings, monkeypatch):
    form = RecordForm(_ctx(db, ui_settings), "cluster")
    qtbot.addWidget(form)
    form.show()
    monkeypatch.setattr(record_form, "_exec_box", lambda box: (_ for _ in ()).throw(
        AssertionError("asked")))
    form.reject()
    assert not form.isVisible()


def test_near_duplicate_name_warns_while_typing(qtbot, db, ui_settings, type_text):
    records.create(db, "person", {"full_name": "علی رضایی"})
    form = RecordForm(_ctx(db, ui_settings), "person")
    qtbot.addWidget(form)
    form.show()
    type_text(form.input("full_name"), "علي رضايي")  # Arabic yeh
    qtbot.waitUntil(lambda: form.name_warning.isVisible(), timeout=2000)
    assert "علی رضایی" in form.name_warning.text()


def test_edit_loads_values_and_updates(qtbot, db, ui_settings, type_text):
    view = records.create(db, "organisation", {"name": "اتاق بازرگانی", "kind": "chamber"})
    form = RecordForm(_ctx(db, ui_settings), "organisation", view.id)
    qtbot.addWidget(form)
    assert form.input("name").text() == "اتاق بازرگانی"
    assert form.input("kind").currentData() == "chamber"
    assert not form.is_dirty()
    type_text(form.input("city"), "شیراز")
    assert form.save()
    assert records.get(db, "organisation", view.id)["city"] == "شیراز"
