"""The Excel export: right-to-left sheets, Persian headers, text never read as a formula."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

openpyxl = pytest.importorskip("openpyxl")

from services.excel_export import export_rows, export_workbook  # noqa: E402
from services.schema import SPECS  # noqa: E402

EVIL = "=cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    from models.migrate import open_database
    from services import records
    from services.demo import load_demo

    database = open_database(str(tmp_path_factory.mktemp("xl") / "demo.db"))
    with database.session_factory.begin() as session:
        load_demo(session)
    records.create(database, "organisation", {"name": EVIL, "contact": "+98 71 1234"})
    yield database
    database.dispose()


def _no_formulas(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)


def test_workbook(demo, tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    steps: list[int] = []
    export_workbook(demo, out, progress=lambda i, n, label: steps.append(i))
    assert steps == list(range(1, len(steps) + 1)) and steps
    wb = openpyxl.load_workbook(out)
    for ws in wb.worksheets:
        assert ws.sheet_view.rightToLeft is True
        header = [c.value for c in ws[1]]
        assert all(any("\u0600" <= ch <= "\u06ff" for ch in h) for h in header), header
    with demo.session_factory() as session:
        for kind in ("cluster", "firm", "organisation", "person", "activity", "resolution",
                     "joint_action", "action_plan_item", "indicator_value"):
            model = SPECS[kind].model
            n = session.scalar(select(func.count()).select_from(model)
                               .where(model.deleted_at.is_(None)))
            assert wb[SPECS[kind].label_plural].max_row - 1 == n, kind
    orgs = wb[SPECS["organisation"].label_plural]
    cells = [row[0] for row in orgs.iter_rows(min_row=2)]
    evil = [c for c in cells if c.value == EVIL]
    assert len(evil) == 1 and evil[0].data_type == "s" and evil[0].quotePrefix
    _no_formulas(out)
    # Choices as Persian labels, references as names, a Jalali text and an ISO date column.
    acts = wb[SPECS["activity"].label_plural]
    header = [c.value for c in acts[1]]
    row = [c.value for c in acts[2]]
    assert row[header.index("نوع فعالیت")] in {"جلسه", "دوره آموزشی", "تور / بازدید",
                                               "نمایشگاه", "سایر فعالیت‌ها"}
    assert row[header.index("خوشه")] and "-" not in row[header.index("خوشه")][8:9]
    jalali = row[header.index("تاریخ شروع")]
    assert jalali.startswith("۱۴")
    assert row[header.index("تاریخ شروع (میلادی)")].year >= 2020


def test_export_rows_neutralises_formulas(tmp_path: Path) -> None:
    out = export_rows(tmp_path / "list.xlsx", ["نام", "تاریخ", "تعداد"],
                      [[EVIL, date(2025, 12, 27), 3], ["@SUM(A1)", None, None],
                       ["\tx", None, None], ["-2+3", None, None]], "فهرست")
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    assert ws.sheet_view.rightToLeft
    assert [c.value for c in ws[1]] == ["نام", "تاریخ", "تعداد"]
    assert ws["A2"].value == EVIL and ws["A2"].data_type == "s"
    assert ws["B2"].value == "۱۴۰۴/۱۰/۰۶"
    assert ws["C2"].value == 3
    assert ws["A5"].value == "-2+3" and ws["A5"].data_type == "s"
    _no_formulas(out)
    assert [p.name for p in tmp_path.iterdir()] == ["list.xlsx"]
