"""«ذخیره به Word» on the reports page: the report in the preview, again as a .docx."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtPdf import QPdfDocument

from services import activities
from services.activities import ActivityFilter
from tests.ui.test_pages_reports import page  # noqa: F401 - the fixture


def test_save_as_word_builds_the_previewed_report(qtbot, page, tmp_path: Path) -> None:  # noqa: F811
    assert not page.word_button.isEnabled()  # nothing built yet
    ids = activities.activity_ids(page.ctx.db, ActivityFilter(kind="meeting"))
    meeting = activities.get_activity(page.ctx.db, ids[0])
    page.request("minutes", {"cluster_id": meeting.activity["cluster_id"], "meeting": meeting.id})
    qtbot.waitUntil(lambda: page.document.status() == QPdfDocument.Status.Ready, timeout=30_000)
    assert page.word_button.isEnabled()
    assert page.word_button.text() == "ذخیره به Word…"
    target = tmp_path / "صورتجلسه"  # no suffix typed: .docx is added
    page.save_word_to(target)
    word = tmp_path / "صورتجلسه.docx"
    qtbot.waitUntil(word.exists, timeout=30_000)
    qtbot.waitUntil(page.word_button.isEnabled, timeout=30_000)
    with zipfile.ZipFile(word) as zf:
        assert meeting.activity["title"] in zf.read("word/document.xml").decode()
