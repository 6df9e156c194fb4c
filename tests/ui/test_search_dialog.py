"""Global search: spelling variants find the same meeting; results open the right thing."""

from __future__ import annotations

import pytest

from services import records
from services.activities import save_activity
from services.demo import load_demo
from ui import activity_form
from ui.context import AppContext
from ui.search_dialog import SearchDialog


@pytest.fixture(autouse=True)
def _no_modal(monkeypatch):
    monkeypatch.setattr(activity_form, "ask_unsaved", lambda _p: activity_form.DISCARD)
    yield
    for form in activity_form.open_forms():
        form.force_close()


@pytest.fixture
def ctx(db, ui_settings):
    with db.session_factory.begin() as s:
        load_demo(s)
    return AppContext(db, ui_settings)


def _meeting(db):
    cluster = records.list_records(db, "cluster")[0]
    return save_activity(db, {"kind": "meeting", "cluster_id": cluster.id,
                              "title": "جلسه‌ای که هر ماه برگزار می‌شود",
                              "start_date": "1404/02/10"},
                         resolutions=[{"text": "برند مشترک ثبت میشود"}])


@pytest.mark.parametrize("query", ["ميشود", "می شود", "میشود"])
def test_variants_find_the_meeting(qtbot, ctx, type_text, query):
    detail = _meeting(ctx.db)
    dialog = SearchDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.query_edit, query)
    qtbot.waitUntil(lambda: bool(dialog.hit_items()), timeout=2000)
    found = {(i.data(256).kind, i.data(256).record_id) for i in dialog.hit_items()}
    assert ("activity", detail.id) in found
    assert ("resolution", detail.resolutions[0].id) in found
    headers = [dialog.results.item(i).text() for i in range(dialog.results.count())
               if dialog.results.item(i).data(256) is None]
    assert any(h.startswith("فعالیت") for h in headers)
    assert any(h.startswith("مصوبه") for h in headers)


def test_enter_opens_activity_and_resolution_opens_its_meeting(qtbot, ctx, type_text):
    detail = _meeting(ctx.db)
    dialog = SearchDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.query_edit, "میشود")
    dialog.run_search()
    [res_item] = [i for i in dialog.hit_items() if i.data(256).kind == "resolution"
                  and i.data(256).record_id == detail.resolutions[0].id]
    dialog.open_item(res_item)
    forms = activity_form.open_forms()
    assert [f.activity_id() for f in forms] == [detail.id]


def test_other_kinds_ask_the_app(qtbot, ctx, type_text):
    dialog = SearchDialog(ctx)
    qtbot.addWidget(dialog)
    seen: list[tuple] = []
    ctx.openRecordRequested.connect(lambda k, i: seen.append(("open", k, i)))
    ctx.showPageRequested.connect(lambda p: seen.append(("page", p)))
    type_text(dialog.query_edit, "جمشیدی")
    dialog.run_search()
    person = next(i for i in dialog.hit_items() if i.data(256).kind == "person")
    dialog.open_item(person)
    assert seen[0] == ("page", "directory")
    assert seen[1][:2] == ("open", "person")
