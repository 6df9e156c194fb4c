"""Odd and hostile text: stored verbatim or refused with a message, and never crashing a list,
a search, a report or an export."""

from __future__ import annotations

from pathlib import Path

import pytest

from services import activities, records, search
from services.errors import ValidationError

ODD = [
    "\u202eرونوشت معکوس",  # RLO with no PDF
    "\u2067جلسه بدون بستن",  # RLI without PDI
    "\u2066LRI تنها",
    "خط اول\r\nخط دوم",
    "شکلک 😀👍🏽 و نشانه e\u0301 a\u0308",
    "رقم‌ها ۱۲۳ ١٢٣ 123",
    "<img src=/etc/passwd> & <b>",
    "= cmd|' /C calc'!A0",
    "ب" * 290,
]
REFUSED = ["\u200c", "   ", "\u200c \u200c", "علی\x00رضا", "ب" * 10_000]


@pytest.fixture
def cluster(db):
    return records.create(db, "cluster", {"name": "خوشه"})


@pytest.mark.parametrize("text", REFUSED)
def test_refused_with_a_message_and_nothing_written(db, cluster, text) -> None:
    with pytest.raises(ValidationError) as info:
        records.create(db, "firm", {"name": text})
    assert "«نام بنگاه»" in info.value.message
    assert records.list_records(db, "firm") == []


def test_odd_text_is_stored_verbatim_and_survives_lists_search_reports_export(
        db, cluster, tmp_path: Path) -> None:
    for i, text in enumerate(ODD):
        records.create(db, "firm", {"name": text, "cluster_id": cluster.id})
        records.create(db, "person", {"full_name": text[:200]})
        activities.save_activity(db, {"kind": "training", "cluster_id": cluster.id, "title": text,
                                      "description": text, "start_date": "1404/01/01",
                                      "hours": 1 + i, "instructor": text[:200]})
    stored = {v.title for v in records.list_records(db, "firm")}
    assert stored == set(ODD)
    rows = activities.list_activities(db, activities.ActivityFilter())
    assert {r.title for r in rows} == set(ODD)
    for text in ODD + ["\u202e", "😀", "\r\n", "<img"]:
        search.search(db, text)
        activities.count_activities(db, activities.ActivityFilter(text=text))
    assert search.search(db, "۱۲۳") and search.search(db, "123")

    from persian.jalali import parse_jalali
    from reports.performance import build_performance
    from services.excel_export import export_workbook

    pdf = tmp_path / "r.pdf"
    build_performance(db, pdf, cluster=cluster.id, start=parse_jalali("1404/01/01"),
                      end=parse_jalali("1404/12/29"))
    assert pdf.stat().st_size > 1000
    xlsx = export_workbook(db, tmp_path / "all.xlsx")
    assert xlsx.stat().st_size > 1000
