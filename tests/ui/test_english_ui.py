"""Issue 11 item 7: the English UI shows Latin digits, English Jalali month names and no Persian
in its chrome or figures (only the user's own data stays as typed)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QProgressBar,
)

from ui.app_setup import install_translator
from ui.pages.registry import page_infos

PERSIAN = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
# Widgets that show only the user's own data (titles typed in Persian, shown with their dates),
# not chrome; the language chooser names each language in itself on purpose. Everywhere else
# the user's own texts are cut out of a widget's text before it is checked (see _without_data).
DATA_WIDGETS = {"reportMeeting", "reportTraining", "languageCombo"}


@pytest.fixture
def english(qapp):
    install_translator(qapp, "en")
    yield
    install_translator(qapp, "fa")


def _user_texts(ctx) -> list[str]:
    """Every text the user typed into the demo records, longest first (so a name is cut whole)."""
    from services import records
    from services.schema import SPECS

    texts = {value for kind in SPECS for view in records.list_records(ctx.db, kind)
             for value in view.values.values() if isinstance(value, str) and PERSIAN.search(value)}
    return sorted(texts, key=len, reverse=True)


def _persian_chrome(widget, ctx) -> list[tuple[str, str]]:
    """(widget, text) of every text in ``widget`` that has Persian once the user's data is cut."""
    data = _user_texts(ctx)
    bad = []
    for name, text in _chrome_texts(widget):
        for value in data:
            text = text.replace(value, "")
        if PERSIAN.search(text):
            bad.append((name, text))
    return bad


def _chrome_texts(page) -> list[tuple[str, str]]:
    texts = []
    for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        if w.objectName() not in DATA_WIDGETS and w.text():
            texts.append((w.objectName() or type(w).__name__, w.text()))
    for edit in page.findChildren(QLineEdit):
        texts.append((edit.objectName() or "placeholder", edit.placeholderText()))
    for box in page.findChildren(QGroupBox):
        texts.append(("group", box.title()))
    for bar in page.findChildren(QProgressBar):
        texts.append(("progress", bar.text()))
    for combo in page.findChildren(QComboBox):
        if combo.objectName() in DATA_WIDGETS:
            continue
        texts += [(combo.objectName(), combo.itemText(i)) for i in range(combo.count())]
    for items in page.findChildren(QListWidget):
        texts += [(items.objectName(), items.item(i).text()) for i in range(items.count())]
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or isinstance(view, QListView):
            continue
        for c in range(model.columnCount()):
            texts.append(("header", str(model.headerData(c, Qt.Orientation.Horizontal) or "")))
    return texts


PAGES = [info.key for info in page_infos()]


@pytest.mark.parametrize("key", PAGES)
def test_english_pages_have_no_persian_chrome(qtbot, demo_ctx, english, key):
    info = next(i for i in page_infos() if i.key == key)
    page = info.create(demo_ctx)
    qtbot.addWidget(page)
    page.show()
    assert _persian_chrome(page, demo_ctx) == []


def test_english_reports_list_names_every_report_kind_in_english(qtbot, demo_ctx, english):
    from reports.catalog import CATALOG
    from ui.pages.reports import ReportsPage

    page = ReportsPage(demo_ctx)
    qtbot.addWidget(page)
    titles = [page.kind.itemText(i) for i in range(page.kind.count())]
    assert len(titles) == len(CATALOG)
    assert "Meeting minutes" in titles and "Periodic performance report" in titles
    assert not any(PERSIAN.search(t) for t in titles)


RECORD_KINDS = ["cluster", "firm", "organisation", "person", "resolution", "joint_action",
                "action_plan_item", "indicator_value"]


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_english_record_forms_label_every_field_and_choice_in_english(qtbot, demo_ctx,
                                                                      english, kind):
    from models.english import ENGLISH
    from services.schema import SPECS
    from ui.record_form import HIDDEN_FIELDS, RecordForm

    form = RecordForm(demo_ctx, kind)
    qtbot.addWidget(form)
    form.show()
    assert _persian_chrome(form, demo_ctx) == []
    shown = {label.text().rstrip(" *") for label in form.findChildren(QLabel)}
    assert {ENGLISH[f.label] for f in SPECS[kind].fields if f.name not in HIDDEN_FIELDS} <= shown


@pytest.mark.parametrize("kind", ["meeting", "training", "tour", "exhibition", "other"])
def test_english_activity_forms_have_no_persian_chrome(qtbot, demo_ctx, english, kind):
    from ui.activity_form import ActivityForm

    form = ActivityForm(demo_ctx, kind=kind)
    qtbot.addWidget(form)
    form.show()
    assert _persian_chrome(form, demo_ctx) == []
    assert form.details.rows["title"].label.text() == "Title *"


def test_english_date_popup_title_has_latin_digits_and_english_month(qtbot, english):
    import datetime as dt

    from ui.jalali_date_edit import JalaliDateEdit

    edit = JalaliDateEdit()
    qtbot.addWidget(edit)
    edit.setDate(dt.date(2025, 12, 27))  # 1404/10/06
    assert edit.text() == "1404/10/06"
    edit.showCalendar()
    assert edit.calendarWidget().title.text() == "Dey 1404"
    assert _chrome_texts(edit.calendarPopup()) and not [
        t for _, t in _chrome_texts(edit.calendarPopup()) if PERSIAN.search(t)]


def test_every_schema_vocab_and_report_label_has_its_english():
    from models import vocab
    from models.english import ENGLISH
    from reports.catalog import CATALOG
    from services.exchange.common import EXTRA_LABELS
    from services.schema import SPECS
    from services.search import KIND_LABELS

    labels = {e.title for e in CATALOG} | set(EXTRA_LABELS.values()) | set(KIND_LABELS.values())
    for spec in SPECS.values():
        labels |= {spec.label, spec.label_plural} | {f.label for f in spec.fields}
    for name in dir(vocab):
        if name.isupper() and isinstance(getattr(vocab, name), dict):
            labels |= set(getattr(vocab, name).values())
    assert sorted(labels - ENGLISH.keys()) == []
    assert not [en for en in ENGLISH.values() if PERSIAN.search(en)]


def test_labels_stay_persian_in_the_persian_ui_and_in_worker_threads(english):
    import threading

    from models.english import people_label, people_labels
    from models.vocab import ACTIVITY_KINDS

    assert people_label("صورتجلسه") == "Meeting minutes"
    assert people_labels(ACTIVITY_KINDS)["meeting"] == "Meeting"
    seen = []
    worker = threading.Thread(target=lambda: seen.append(people_label("صورتجلسه")))
    worker.start()
    worker.join()
    assert seen == ["صورتجلسه"]  # a report built in the background stays a Persian document


def test_persian_ui_keeps_its_persian_labels(qtbot, demo_ctx):
    from ui.record_form import RecordForm

    form = RecordForm(demo_ctx, "cluster")
    qtbot.addWidget(form)
    assert "نام خوشه *" in {label.text() for label in form.findChildren(QLabel)}


def test_english_dashboard_figures_and_months(qtbot, demo_ctx, english):
    from ui.pages.dashboard import DashboardPage

    page = DashboardPage(demo_ctx)
    qtbot.addWidget(page)
    page.set_year(1404)
    assert page.year_combo.currentText() == "1404"
    assert page.month_label_texts()[0] == "Farvardin"
    assert page.month_label_texts()[-1] == "Esfand"
    for key in page.cards:
        assert not PERSIAN.search(page.figure_text(key)), key
    assert not PERSIAN.search(page.year_note.text())


def test_figures_and_dates_follow_the_ui_language_in_its_thread_only(english):
    import datetime as dt
    import threading

    from persian.digits import fa_money, fa_number
    from persian.jalali import format_jalali, format_jalali_datetime, month_names

    assert fa_number(1234567) == "1,234,567"
    assert fa_money(1200000) == "1,200,000 rials"
    assert format_jalali(dt.date(2025, 12, 27)) == "1404/10/06"
    assert format_jalali_datetime(dt.datetime(2025, 12, 27, 14, 30)) == "1404/10/06 14:30"
    assert month_names()[0] == "Farvardin" and month_names()[11] == "Esfand"
    # A report or export built in a worker thread stays a Persian document.
    seen = []
    worker = threading.Thread(target=lambda: seen.append((fa_number(1234567),
                                                          format_jalali(dt.date(2025, 12, 27)))))
    worker.start()
    worker.join()
    assert seen == [("۱٬۲۳۴٬۵۶۷", "۱۴۰۴/۱۰/۰۶")]


def test_english_exchange_report_names_kinds_and_fields_in_english(qtbot, demo_ctx, english):
    import datetime as dt

    from services.exchange.plan import Conflict, ImportReport, KindCounts
    from ui.pages.exchange import ExchangePage

    page = ExchangePage(demo_ctx)
    qtbot.addWidget(page)
    when = dt.datetime(2025, 12, 27, 10, 0, tzinfo=dt.UTC)
    report = ImportReport(
        origin="x", agent_name="مریم کریمی", created_at=None, dry_run=True,
        counts={"cluster": KindCounts(new=2), "attachment": KindCounts(updated=1),
                "activity": KindCounts(conflicts=1)},
        conflicts=[Conflict("activity", "a1", "جلسه کمیته", when, when, "incoming",
                            ("عنوان", "تاریخ شروع"))])
    page._show_report(report)
    kinds = [page.counts_table.item(r, 0).text() for r in range(page.counts_table.rowCount())]
    assert kinds == ["Cluster", "Attachment", "Activity"]
    assert page.conflicts_table.item(0, 1).text() == "Title, Start date"


def test_english_search_groups_hits_under_english_kind_names(qtbot, demo_ctx, english,
                                                             type_text):
    from ui.search_dialog import SearchDialog

    dialog = SearchDialog(demo_ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.query_edit, "مسقطی")
    qtbot.waitUntil(lambda: bool(dialog.hit_items()), timeout=3000)
    headers = [dialog.results.item(i).text() for i in range(dialog.results.count())
               if dialog.results.item(i).data(256) is None]
    assert headers and not [h for h in headers if PERSIAN.search(h)]
    assert any(h.startswith("Cluster (") for h in headers)
