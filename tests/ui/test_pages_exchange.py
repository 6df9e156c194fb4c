"""The exchange page: make a package, preview it in another database (nothing written), apply it;
a broken package is refused with a Persian message and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models.entities import Activity, Cluster
from persian.digits import fa_number
from services import demo, exchange
from ui.context import AppContext
from ui.pages.exchange import ExchangePage

PERSIAN_LETTERS = set("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی")


def _count(database, model) -> int:  # noqa: ANN001
    with database.session_factory() as session:
        return int(session.scalar(select(func.count()).select_from(model)))


def _page(qtbot, database, ui_settings) -> ExchangePage:  # noqa: ANN001
    page = ExchangePage(AppContext(database, ui_settings))
    qtbot.addWidget(page)
    page.show()
    return page


def _wait(qtbot, page: ExchangePage) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)


@pytest.fixture
def office(tmp_path):
    from models.migrate import open_database

    database = open_database(str(tmp_path / "office" / "office.db"))
    yield database
    database.dispose()


@pytest.fixture
def package(qtbot, db, ui_settings, tmp_path):
    with db.session_factory.begin() as session:
        demo.load_demo(session)
    page = _page(qtbot, db, ui_settings)
    page.agent_edit.setText("مریم کریمی")
    target = tmp_path / "out" / "lar.kxp"
    page.export_to(target)
    _wait(qtbot, page)
    assert target.is_file()
    assert "\u2066" + str(target) + "\u2069" in page.export_status.text()
    assert exchange.agent_name(db) == "مریم کریمی"
    assert page.last_export is not None and page.last_export.counts["cluster"] == _count(db, Cluster)
    return target, _count(db, Cluster), _count(db, Activity)


def test_preview_writes_nothing_and_apply_writes(qtbot, office, ui_settings, package,
                                                 shown_errors):
    path, clusters, activities = package
    assert clusters > 0 and activities > 0
    page = _page(qtbot, office, ui_settings)
    before = _count(office, Cluster)
    assert not page.apply_button.isEnabled()
    page.preview(path)
    _wait(qtbot, page)
    assert not shown_errors
    assert _count(office, Cluster) == before  # a dry run
    assert page.last_report is not None and page.last_report.dry_run
    assert page.last_report.counts["cluster"].new == clusters
    labels = [page.counts_table.item(r, 0).text() for r in range(page.counts_table.rowCount())]
    row = labels.index(exchange.kind_label("cluster"))
    assert page.counts_table.item(row, 1).text() == fa_number(clusters)
    assert "مریم کریمی" in page.preview_label.text()
    assert page.apply_button.isEnabled()

    changed: list[str] = []
    page.ctx.dataChanged.connect(changed.append)
    page.apply()
    _wait(qtbot, page)
    assert not shown_errors
    assert _count(office, Cluster) == before + clusters
    assert _count(office, Activity) == activities
    assert changed == ["*"]
    assert not page.apply_button.isEnabled()
    assert set(page.result_label.text()) & PERSIAN_LETTERS

    # The same package again: nothing new.
    page.preview(path)
    _wait(qtbot, page)
    assert page.last_report.changed == 0


def test_garbage_package_is_refused_in_persian(qtbot, office, ui_settings, tmp_path,
                                               shown_errors):
    junk = tmp_path / "junk.kxp"
    junk.write_bytes(b"PK\x03\x04 this is not a package" * 50)
    page = _page(qtbot, office, ui_settings)
    before = _count(office, Cluster)
    page.preview(junk)
    _wait(qtbot, page)
    assert len(shown_errors) == 1
    assert set(shown_errors[0][0]) & PERSIAN_LETTERS
    assert page.pending is None and not page.apply_button.isEnabled()
    assert page.counts_table.rowCount() == 0
    assert _count(office, Cluster) == before


def test_encrypted_package_needs_its_password(qtbot, db, office, ui_settings, tmp_path,
                                              shown_errors):
    with db.session_factory.begin() as session:
        demo.load_demo(session)
    sender = _page(qtbot, db, ui_settings)
    sender.password_edit.setText("رمز-۱۲۳")
    sender.password_repeat.setText("دیگر")
    assert sender.export_to(tmp_path / "x.kxp") is None  # passwords differ
    assert len(shown_errors) == 1
    sender.password_repeat.setText("رمز-۱۲۳")
    sender.export_to(tmp_path / "x.kxp")
    _wait(qtbot, sender)
    assert sender.last_export.encrypted

    page = _page(qtbot, office, ui_settings)
    page.preview(tmp_path / "x.kxp")
    _wait(qtbot, page)
    assert len(shown_errors) == 2 and "--password-file" not in shown_errors[1][0]
    page.import_password.setText("رمز-۱۲۳")
    page.preview(tmp_path / "x.kxp")
    _wait(qtbot, page)
    assert len(shown_errors) == 2 and page.apply_button.isEnabled()


def test_agent_filter_appears_with_two_origins(qtbot, db, office, ui_settings, package):
    """The office view: after an agent's package arrives in a database with its own records,
    the activities page offers an agent filter that shows one agent's activities."""
    from services import records
    from services.activities import ActivityFilter, count_activities, list_origins
    from ui.pages.activities import ActivitiesPage

    path, _clusters, activities = package
    ctx = AppContext(office, ui_settings)
    records.create(office, "cluster", {"name": "خوشه دفتر", "agent_name": "دفتر استان"})
    list_page = ActivitiesPage(ctx)
    qtbot.addWidget(list_page)
    list_page.show()
    assert not list_page.origin_filter.isVisible()  # one installation only

    receiver = ExchangePage(ctx)
    qtbot.addWidget(receiver)
    receiver.preview(path)
    _wait(qtbot, receiver)
    receiver.apply()
    _wait(qtbot, receiver)

    assert list_page.origin_filter.isVisible()  # refreshed by the import's published change
    combo = list_page.origin_filter
    assert combo.itemText(0) == "همه عامل‌ها"
    sender_origin = exchange.installation_id(db)
    assert {combo.itemData(i) for i in range(1, combo.count())} == {
        o for o, _n in list_origins(office)} == {sender_origin, exchange.installation_id(office)}
    combo.setCurrentIndex(combo.findData(sender_origin))
    assert list_page.model.filter.origin == sender_origin
    assert list_page.model.rowCount() == activities == count_activities(
        office, ActivityFilter(origin=sender_origin))
    combo.setCurrentIndex(combo.findData(exchange.installation_id(office)))
    assert list_page.model.rowCount() == 0
    combo.setCurrentIndex(0)
    assert list_page.model.rowCount() == activities


def test_a_nameless_sender_is_named_by_cluster_and_computer(qtbot, db, office, ui_settings,
                                                           tmp_path, shown_errors):
    import platform

    from services import records

    records.create(db, "cluster", {"name": "خوشه گلاب کاشان"})
    target = tmp_path / "nameless.kxp"
    sender = _page(qtbot, db, ui_settings)
    sender.export_to(target)  # no agent name was ever given, and no password
    _wait(qtbot, sender)
    assert sender.export_status.text().count("رمزگذاری نشده") == 1
    page = _page(qtbot, office, ui_settings)
    page.preview(target)
    _wait(qtbot, page)
    assert not shown_errors
    text = page.preview_label.text()
    origin = exchange.installation_id(db)
    computer = platform.node() or f"شناسه {origin[:8]}"
    assert "خوشه گلاب کاشان" in text and computer in text and origin not in text
