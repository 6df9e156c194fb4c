"""Pages refresh from what the services publish (services.changes), through one place: AppContext."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from services import activities, followup, records
from services.changes import Changes
from services.demo import load_demo
from ui.context import AppContext, refresh_kinds

ROOT = Path(__file__).resolve().parents[2]


def test_a_page_refreshes_when_a_service_changes_what_it_shows(qtbot, db, ui_settings):
    with db.session_factory.begin() as s:
        load_demo(s)
    ctx = AppContext(db, ui_settings)
    from ui.pages import followup as page_module

    page = page_module.create_page(ctx)
    qtbot.addWidget(page)
    page.cluster_combo.setCurrentIndex(0)  # all clusters
    page.set_filter("overdue")
    before = page.table.row_count()
    target = page.table.id_at(0)
    # Not through the page: straight to the service, as another page or a command would.
    followup.set_status(db, target, "done")
    assert page.table.row_count() == before - 1
    assert target not in {page.table.id_at(r) for r in range(page.table.row_count())}


def test_one_action_is_one_refresh_per_kind(qtbot, db, ui_settings):
    ctx = AppContext(db, ui_settings)
    cluster = records.create(db, "cluster", {"name": "خوشه"})
    person = records.create(db, "person", {"full_name": "زهرا امیری"})
    kinds: list[str] = []
    published: list[Changes] = []
    ctx.dataChanged.connect(kinds.append)
    ctx.changed.connect(published.append)
    activities.save_activity(
        db, {"kind": "meeting", "cluster_id": cluster.id, "title": "جلسه",
             "start_date": "1404/01/20"},
        participants=[{"person_id": person.id, "role": "attendee", "attended": True}],
        resolutions=[{"text": "مصوبه"}])
    # Its participants and resolutions are part of the meeting's change: one "activity".
    assert kinds == ["activity"]
    assert len(published) == 1 and published[0].touches("resolution")


def test_changes_from_a_worker_thread_arrive_in_the_gui_thread(qtbot, db, ui_settings):
    ctx = AppContext(db, ui_settings)
    seen: list[tuple[str, int]] = []
    ctx.dataChanged.connect(lambda kind: seen.append((kind, threading.get_ident())))
    worker = threading.Thread(target=records.create, args=(db, "firm", {"name": "بنگاه"}))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(seen), timeout=2000)
    assert seen == [("firm", threading.get_ident())]


def test_refresh_kinds_folds_parts_into_their_record():
    assert refresh_kinds(Changes.all()) == ["*"]
    assert refresh_kinds(Changes(frozenset({"activity", "participant", "resolution"}))) == \
        ["activity"]
    assert refresh_kinds(Changes.of("resolution", "r1")) == ["resolution"]
    assert refresh_kinds(Changes(frozenset({"joint_action", "joint_action_firm"}))) == \
        ["joint_action"]
    assert refresh_kinds(Changes.of("exchange_state")) == []
    assert refresh_kinds(Changes(frozenset({"activity", "person", "firm"}))) == \
        ["activity", "firm", "person"]


def test_no_page_or_form_announces_changes_by_hand():
    callers = [str(p.relative_to(ROOT)) for p in sorted(ROOT.glob("ui/**/*.py"))
               if p.name != "context.py"
               and re.search(r"\bnotify_changed\(", p.read_text(encoding="utf-8"))]
    assert callers == []
