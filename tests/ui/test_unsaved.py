"""One unsaved-changes question for both forms, and the size limit of the ui modules."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from services import records
from ui import record_form, unsaved
from ui.activity_form import ActivityForm
from ui.context import AppContext
from ui.record_form import RecordForm

ROOT = Path(__file__).resolve().parents[2]


def _clicker(role: QMessageBox.ButtonRole, seen: list[tuple[str, str, str]]):
    def run(box: QMessageBox) -> int:
        seen.append((box.windowTitle(), box.text(), box.defaultButton().text()))
        [b for b in box.buttons() if box.buttonRole(b) == role][0].click()
        return 0

    return run


@pytest.mark.parametrize(("role", "answer"), [
    (QMessageBox.ButtonRole.AcceptRole, unsaved.SAVE),
    (QMessageBox.ButtonRole.DestructiveRole, unsaved.DISCARD),
    (QMessageBox.ButtonRole.RejectRole, unsaved.KEEP),
])
def test_each_button_gives_its_answer(qapp, role, answer):
    seen: list[tuple[str, str, str]] = []
    assert unsaved.ask_unsaved(None, run=_clicker(role, seen)) == answer
    title, text, default = seen[0]
    assert title == "تغییرات ذخیره نشده" and "ذخیره" in text
    assert default == "ذخیره"


def test_closing_the_box_without_a_button_keeps_editing(qapp):
    assert unsaved.ask_unsaved(None, run=lambda box: 0) == unsaved.KEEP


def test_both_forms_ask_the_same_question(qtbot, db, ui_settings, type_text, monkeypatch):
    ctx = AppContext(db, ui_settings)
    from_activity: list[tuple[str, str, str]] = []
    from_record: list[tuple[str, str, str]] = []
    monkeypatch.setattr(unsaved, "_exec", _clicker(QMessageBox.ButtonRole.DestructiveRole,
                                                   from_activity))
    monkeypatch.setattr(record_form, "_exec_box", _clicker(
        QMessageBox.ButtonRole.DestructiveRole, from_record))

    activity = ActivityForm(ctx, kind="meeting")
    qtbot.addWidget(activity)
    activity.show()
    type_text(activity.field_widget("title"), "جلسه")
    activity.reject()
    assert not activity.isVisible()

    person = RecordForm(ctx, "person")
    qtbot.addWidget(person)
    person.show()
    type_text(person.input("full_name"), "علی")
    person.reject()
    assert not person.isVisible()
    assert records.list_records(db, "person") == []

    assert len(from_activity) == len(from_record) == 1
    # Same title and wording; Enter saves in the activity form, keeps editing in the modal one.
    assert from_activity[0][:2] == from_record[0][:2]
    assert from_activity[0][2] == "ذخیره" and from_record[0][2] == "ادامه ویرایش"


def test_no_ui_module_is_over_500_lines():
    long = {str(p.relative_to(ROOT)): n for p in sorted(ROOT.glob("ui/**/*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert not long, f"split these modules: {long}"
