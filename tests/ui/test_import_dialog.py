"""فایل ← ورود از اکسل driven like a user: choose the file, pick a column, preview, import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from services import records
from tests.activity_workbooks import MEETINGS, RESOLUTIONS, TRAININGS, history_workbook, save
from ui import launcher
from ui.context import AppContext
from ui.import_dialog import ImportDialog


@pytest.fixture
def ctx(db, ui_settings) -> AppContext:
    context = AppContext(db, ui_settings)
    context.set_cluster_id(records.create(db, "cluster", {"name": "حلوای مسقطی لار"}).id)
    records.create(db, "person", {"full_name": "علی رضایی"})
    return context


def _file_with_a_speaker_column(tmp_path: Path) -> Path:
    """The history, the trainings' instructor under «سخنران», a header no name match knows."""
    trainings = [[("سخنران" if h == "Instructor" else h) for h in TRAININGS[0]], TRAININGS[1]]
    return save(tmp_path / "history.xlsx",
                {"جلسات": MEETINGS, "Training": trainings, "مصوبات": RESOLUTIONS})


def _dialog(qtbot, ctx: AppContext, path: Path, monkeypatch) -> ImportDialog:  # noqa: ANN001
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (str(path), "")))
    qtbot.mouseClick(dialog.findChild(type(dialog.preview_button), "importChoose"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.workbook is not None, timeout=30_000)
    return dialog


def _click_and_wait(qtbot, dialog: ImportDialog, button, until) -> None:  # noqa: ANN001
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(until, timeout=30_000)


def _instructors(db) -> list[str | None]:  # noqa: ANN001
    return [v.get("instructor") for v in records.list_records(db, "activity")
            if v.get("kind") == "training"]


def test_mapping_preview_and_import_like_a_user(qtbot, ctx, db, tmp_path, type_text,
                                                monkeypatch) -> None:
    path = _file_with_a_speaker_column(tmp_path)
    dialog = _dialog(qtbot, ctx, path, monkeypatch)
    combo = dialog.mapping.combo("activity", "instructor")
    assert combo.currentData() == ""  # «سخنران» is not a name of the instructor field
    assert dialog.mapping.combo("activity", "title").currentData() == "عنوان"
    combo.setFocus()
    type_text(combo, "سخنران")  # keyboard search in the combo, one Persian key at a time
    assert combo.currentData() == "سخنران"

    _click_and_wait(qtbot, dialog, dialog.preview_button,
                    lambda: dialog.steps.currentIndex() == 1 and not dialog._busy)
    summary = dialog.summary_label.text()
    assert "جلسه: ۵" in summary and "دوره آموزشی: ۱" in summary and "مصوبه: ۲" in summary
    assert "مریم احمدی" in dialog.names_label.text() and "حلوای سنتی لار" in dialog.names_label.text()
    kinds = [dialog.issues.item(r, 0).text() for r in range(dialog.issues.rowCount())]
    assert kinds.count("تکراری") == 1 and kinds.count("بررسی کنید") == 2 and "ایراد" not in kinds
    assert records.list_records(db, "activity") == []  # the preview wrote nothing
    assert dialog.import_button.isVisible() and dialog.import_button.isEnabled()

    refreshed: list[str] = []
    ctx.dataChanged.connect(refreshed.append)
    _click_and_wait(qtbot, dialog, dialog.import_button, lambda: dialog.result is not None)
    qtbot.waitUntil(lambda: bool({"activity", "*"} & set(refreshed)), timeout=10_000)
    assert "وارد شد: ۶ فعالیت" in dialog.result_label.text()
    assert _instructors(db) == ["زهرا محمدی"]
    assert not dialog.import_button.isEnabled()

    # The next file: the choice of «سخنران» is remembered; the same file again adds nothing.
    again = _dialog(qtbot, ctx, path, monkeypatch)
    assert again.mapping.combo("activity", "instructor").currentData() == "سخنران"
    _click_and_wait(qtbot, again, again.preview_button,
                    lambda: again.steps.currentIndex() == 1 and not again._busy)
    assert "تغییری نکرد" in again.summary_label.text()
    assert not again.import_button.isEnabled()
    assert len(records.list_records(db, "activity")) == 6


def test_a_bad_file_lists_its_problems_and_cannot_be_imported(qtbot, ctx, db, tmp_path,
                                                              monkeypatch) -> None:
    dialog = _dialog(qtbot, ctx, history_workbook(tmp_path / "bad.xlsx"), monkeypatch)
    _click_and_wait(qtbot, dialog, dialog.preview_button,
                    lambda: dialog.steps.currentIndex() == 1 and not dialog._busy)
    rows = [[dialog.issues.item(r, c).text() for c in range(5)]
            for r in range(dialog.issues.rowCount())]
    [problem] = [r for r in rows if r[0] == "ایراد"]
    assert problem[1:4] == ["Training", "۳", "Date"] and "چهاررقمی" in problem[4]
    assert "۱ ایراد" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled()
    _click_and_wait(qtbot, dialog, dialog.back_button, lambda: dialog.steps.currentIndex() == 0)
    assert records.list_records(db, "activity") == []


def test_a_broken_file_is_refused_in_persian(qtbot, ctx, tmp_path, monkeypatch,
                                             shown_errors) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load(fake)
    qtbot.waitUntil(lambda: bool(shown_errors), timeout=30_000)
    assert "xlsx" in shown_errors[0][0] and dialog.workbook is None
    assert not dialog.preview_button.isEnabled()


def test_the_file_menu_opens_it_and_the_template_is_saved(qtbot, db, ui_settings,
                                                          tmp_path) -> None:
    window, ctx = launcher.build_window(db, ui_settings)
    qtbot.addWidget(window)
    assert window.import_excel_action in window.menuBar().actions()[0].menu().actions()
    window.import_excel_action.trigger()
    [dialog] = [w for w in QApplication.topLevelWidgets()
                if isinstance(w, ImportDialog) and w.isVisible()]
    assert dialog.windowTitle() == "ورود از اکسل"
    dialog.save_template(tmp_path / "template.xlsx")
    assert (tmp_path / "template.xlsx").is_file() and "ذخیره شد" in dialog.sheets_label.text()
    dialog.close()
