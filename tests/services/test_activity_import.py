"""Importing a programme's history from real .xlsx files: preview, all-or-nothing, twice = no change."""

from __future__ import annotations

import sqlite3
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import text

from models.entities import Activity, Firm, Participant, Person, Resolution
from persian.jalali import JalaliDateError, from_jalali
from services import activity_import as ai
from services import records
from services.activity_import.dates import parse_date_cell, parse_time_cell
from services.errors import ServiceError
from tests.activity_workbooks import history_workbook, save


@pytest.fixture
def cluster(db) -> str:
    return records.create(db, "cluster", {"name": "حلوای مسقطی لار"}).id


@pytest.fixture
def ali(db) -> str:
    return records.create(db, "person", {"full_name": "علی رضایی"}).id


def _dump(db) -> list[str]:
    db.engine.dispose()
    with sqlite3.connect(db.path) as conn:
        return list(conn.iterdump())


def _counts(db) -> dict[str, int]:
    with db.session_factory() as session:
        return {m.__name__: session.query(m).count()
                for m in (Activity, Person, Firm, Participant, Resolution)}


def _import(db, path: Path, cluster: str) -> ai.ImportResult:
    workbook = ai.read_workbook(path)
    return ai.run_import(db, workbook, ai.default_mapping(workbook), cluster_id=cluster)


@pytest.mark.parametrize(("cell", "expected"), [
    ("1403/5/7", from_jalali(1403, 5, 7)),
    ("۱۴۰۳/۰۵/۰۷", from_jalali(1403, 5, 7)),
    ("١٤٠٣/٠٥/٠٧", from_jalali(1403, 5, 7)),
    ("1403-05-07", from_jalali(1403, 5, 7)),
    ("7 مرداد 1403", from_jalali(1403, 5, 7)),
    ("۷ امرداد ۱۴۰۳", from_jalali(1403, 5, 7)),
    ("7/5/1403", from_jalali(1403, 5, 7)),
    (14030507, from_jalali(1403, 5, 7)),
    (datetime(2024, 7, 28, 0, 0), date(2024, 7, 28)),
    (45502, date(2024, 7, 29)),
])
def test_every_date_form_people_type(cell: object, expected: date) -> None:
    parsed = parse_date_cell(cell)
    assert parsed is not None and parsed.value == expected
    assert parsed.gregorian == (isinstance(cell, datetime) or cell == 45502)


@pytest.mark.parametrize("cell", ["03/5/7", "7/5/03", "1403/13/01", "1403/12/31", "32 مرداد 1403",
                                  "7 مردادی 1403", "دیروز", 12])
def test_impossible_or_ambiguous_dates_are_refused_in_persian(cell: object) -> None:
    with pytest.raises(JalaliDateError) as info:
        parse_date_cell(cell)
    assert any("\u0600" <= ch <= "\u06ff" for ch in info.value.message)


def test_two_digit_year_says_to_write_four_digits() -> None:
    with pytest.raises(JalaliDateError) as info:
        parse_date_cell("03/5/7")
    assert "چهاررقمی" in info.value.message


def test_times_from_cells() -> None:
    assert parse_time_cell(time(16, 30)) == "16:30"
    assert parse_time_cell(0.6875) == "16:30"
    assert parse_time_cell("۱۰:۰۰") == "10:00"
    assert parse_time_cell(None) is None


def test_dry_run_preview_lists_counts_names_duplicates_and_problems(db, cluster, ali,
                                                                    tmp_path) -> None:
    path = history_workbook(tmp_path / "history.xlsx")
    before = _dump(db)
    workbook = ai.read_workbook(path)
    mapping = ai.default_mapping(workbook)
    # Persian and English headers both found their fields.
    assert mapping.activity["title"] in ("عنوان", "Title")
    assert {"participants", "absent", "instructor", "hours", "firms"} <= set(mapping.activity)
    preview = ai.preview_import(db, workbook, mapping, cluster_id=cluster)
    assert dict(preview.counts) == {"meeting": 5, "training": 1}
    assert preview.resolutions == 2
    # علي رضايي (Arabic yeh) is the existing علی رضایی; the others are new.
    assert set(preview.new_people) == {"مریم احمدی", "حسن کریمی"}
    assert preview.new_firms == ("حلوای سنتی لار",)
    # New names one per line under their heading (a firm's name may itself hold «،»).
    lines = preview.summary_lines()
    people = lines.index("افراد تازه (۲):")
    assert set(lines[people + 1:people + 3]) == {"  - مریم احمدی", "  - حسن کریمی"}
    assert lines[lines.index("بنگاه‌های تازه (۱):") + 1] == "  - حلوای سنتی لار"
    [dup] = preview.duplicates
    assert (dup.sheet, dup.row, dup.first_row) == ("جلسات", 7, 4)
    [problem] = preview.problems
    assert (problem.sheet, problem.row, problem.column) == ("Training", 3, "Date")
    assert "چهاررقمی" in problem.message and "ردیف ۳" in problem.text()
    # The Excel date cell and the day serial are Gregorian: converted and flagged.
    flagged = {(n.sheet, n.row) for n in preview.notes}
    assert flagged == {("جلسات", 6), ("Training", 2)}
    assert "۱۴۰۳/۰۵/۰۷" in next(n.message for n in preview.notes if n.row == 6)
    assert not preview.can_write
    assert _dump(db) == before  # a preview writes nothing


def test_a_bad_row_refuses_the_whole_file(db, cluster, ali, tmp_path) -> None:
    path = history_workbook(tmp_path / "history.xlsx")
    before = _dump(db)
    with pytest.raises(ai.ImportRefused) as info:
        _import(db, path, cluster)
    assert "«Training»، ردیف ۳، ستون «Date»" in info.value.message
    assert _dump(db) == before
    assert not (db.path.parent / "backups").exists()  # refused before the backup


def test_a_good_file_imports_whole_and_twice_changes_nothing(db, cluster, ali, tmp_path) -> None:
    path = history_workbook(tmp_path / "history.xlsx", bad_row=False)
    result = _import(db, path, cluster)
    assert result.written and result.backup is not None and result.backup.is_file()
    from services.backup import verify_backup

    verify_backup(result.backup)
    assert _counts(db) == {"Activity": 6, "Person": 3, "Firm": 1, "Participant": 7,
                           "Resolution": 2}
    with db.session_factory() as session:
        first = session.query(Activity).filter_by(title="جلسه کمیته راهبری اول").one()
        assert first.start_date == from_jalali(1403, 5, 7) and first.start_time == "10:00"
        assert first.cluster_id == cluster and first.kind == "meeting"
        roles = {(p.person.full_name, p.role, p.attended) for p in first.participants}
        assert roles == {("علی رضایی", "attendee", True), ("مریم احمدی", "attendee", True),
                         ("حسن کریمی", "absent", False)}
        [resolution] = first.resolutions
        assert resolution.owner_person_id == ali and resolution.due_date == from_jalali(1403, 6, 1)
        second = session.query(Activity).filter_by(title="جلسه ذی‌نفعان").one()
        assert [r.text for r in second.resolutions] == ["ثبت تعاونی خوشه"]
        training = session.query(Activity).filter_by(kind="training").one()
        assert training.start_date == date(2024, 7, 29) and training.instructor == "زهرا محمدی"
        assert {p.firm.name for p in training.participants if p.firm} == {"حلوای سنتی لار"}

    before = _dump(db)
    again = _import(db, path, cluster)
    assert not again.written and again.backup is None
    assert again.preview.total == 0 and len(again.preview.duplicates) == 7
    assert again.preview.skipped_resolutions == 2
    assert "تغییری نکرد" in ai.nothing_new_message(again.preview)
    lines = again.preview.summary_lines(limit=3)
    assert sum(line.endswith("وارد نمی‌شود.") for line in lines) == 3
    assert "  … و ۴ مورد دیگر" in lines
    assert _dump(db) == before


def test_a_failure_while_writing_leaves_nothing(db, cluster, ali, tmp_path, monkeypatch) -> None:
    path = history_workbook(tmp_path / "history.xlsx", bad_row=False)
    before = _counts(db)

    def broken(*_a: object, **_kw: object) -> None:
        raise RuntimeError("disk gone")

    # Fails after every row was inserted, before the transaction commits.
    monkeypatch.setattr("services.activity_import.write.search_index.index_inserted", broken)
    with pytest.raises(RuntimeError):
        _import(db, path, cluster)
    assert _counts(db) == before


def test_one_sheet_with_a_kind_column_and_a_cluster_column(db, cluster, tmp_path) -> None:
    path = save(tmp_path / "mixed.xlsx", {"فعالیت‌ها": [
        ["نوع فعالیت", "خوشه", "عنوان", "تاریخ شروع", "مقصد", "گستره نمایشگاه"],
        ["تور", "حلواي مسقطي لار", "بازدید یزد", "1403/07/07", "یزد", None],
        ["Exhibition", "حلوای مسقطی لار", "نمایشگاه دبی", "1403/08/20", None, "بین‌المللی"],
        ["سمینار", "حلوای مسقطی لار", "چیزی", "1403/08/21", None, None],
        ["جلسه", "خوشه ناموجود", "جلسه", "1403/08/22", None, None],
    ]})
    workbook = ai.read_workbook(path)
    preview = ai.preview_import(db, workbook, ai.default_mapping(workbook))  # no --cluster
    assert dict(preview.counts) == {"tour": 1, "exhibition": 1}
    messages = {(p.row, p.column): p.message for p in preview.problems}
    assert "«سمینار» شناخته نیست" in messages[(4, "نوع فعالیت")]
    assert "«خوشه ناموجود» در برنامه نیست" in messages[(5, "خوشه")]


def test_a_sheet_without_a_title_column_is_named(db, cluster, tmp_path) -> None:
    path = save(tmp_path / "t.xlsx", {"جلسات": [["تاریخ", "محل"], ["1403/01/05", "لار"]]})
    workbook = ai.read_workbook(path)
    preview = ai.preview_import(db, workbook, ai.default_mapping(workbook), cluster_id=cluster)
    [problem] = preview.problems
    assert problem.row is None and "«عنوان»" in problem.message


def test_the_template_has_every_kind_and_imports_as_it_is(db, cluster, tmp_path) -> None:
    path = ai.write_template(tmp_path / "template.xlsx")
    workbook = ai.read_workbook(path)
    assert [s.kind for s in workbook.sheets_of("activities")] == [
        "meeting", "training", "tour", "exhibition"]
    preview = ai.preview_import(db, workbook, ai.default_mapping(workbook), cluster_id=cluster)
    assert preview.problems == ()
    assert dict(preview.counts) == {"meeting": 1, "training": 1, "tour": 1, "exhibition": 1}
    assert preview.resolutions == 1


def test_a_remembered_choice_wins_over_the_name_match(tmp_path) -> None:
    path = save(tmp_path / "t.xlsx", {"دوره‌ها": [["عنوان", "تاریخ", "سخنران", "مدرس دوم"],
                                                  ["الف", "1403/01/05", "زهرا", "علی"]]})
    workbook = ai.read_workbook(path)
    assert ai.default_mapping(workbook).activity.get("instructor") is None  # «مدرس دوم» ≠ مدرس
    remembered = ai.ColumnMapping({"instructor": "سخنران", "place": "محل"})
    chosen = ai.default_mapping(workbook, remembered)
    assert chosen.activity["instructor"] == "سخنران"
    assert "place" not in chosen.activity  # a remembered header this file lacks is not used
    assert ai.ColumnMapping.from_json(chosen.to_json()) == chosen
    assert ai.ColumnMapping.from_json("garbage") == ai.ColumnMapping()


def test_hostile_and_broken_workbooks_are_refused(db, cluster, tmp_path, monkeypatch) -> None:
    before = _dump(db)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (150 * 1024 * 1024))
    good = history_workbook(tmp_path / "good.xlsx")
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    fake = tmp_path / "fake.xlsx"
    fake.write_text("title,date\nx,1403/01/01\n", encoding="utf-8")
    for path, words in ((bomb, "غیرعادی"), (cut, "ناقص"), (fake, "xlsx"),
                        (tmp_path / "missing.xlsx", "پیدا نشد")):
        with pytest.raises(ServiceError) as info:
            ai.read_workbook(path)
        assert words in info.value.message
    monkeypatch.setattr("services.excel_import.MAX_ROWS", 3)
    with pytest.raises(ServiceError) as info:
        ai.read_workbook(good)
    assert "ردیف" in info.value.message
    assert _dump(db) == before


def test_names_too_long_or_too_many_in_a_cell_are_problems(db, cluster, tmp_path) -> None:
    crowd = "، ".join(f"نفر {i}" for i in range(501))
    path = save(tmp_path / "t.xlsx", {"جلسات": [
        ["عنوان", "تاریخ", "حاضران"],
        ["الف", "1403/01/05", crowd],
        ["ب", "1403/01/06", "ن" * 201],
    ]})
    workbook = ai.read_workbook(path)
    preview = ai.preview_import(db, workbook, ai.default_mapping(workbook), cluster_id=cluster)
    rows = {p.row: p.message for p in preview.problems}
    assert "۵۰۱ نام" in rows[2] and "۲۰۰ نویسه" in rows[3]
    assert preview.new_people == ()


def test_imported_search_rows_equal_a_rebuild_and_names_are_found(db, cluster, ali,
                                                                   tmp_path) -> None:
    from models import search_index
    from services.search import search

    _import(db, history_workbook(tmp_path / "history.xlsx", bad_row=False), cluster)

    def rows() -> list[tuple]:
        with db.session_factory() as session:
            return sorted(session.execute(text(
                "SELECT record_id, kind, cluster_id, display_title, display_detail, sort_date, "
                "title_key, body_key, deleted FROM search_doc")).all())

    imported = rows()
    with db.session_factory.begin() as session:
        search_index.rebuild(session)
    assert rows() == imported
    found = {h.title for h in search(db, "حسن کریمی")}
    assert "حسن کریمی" in found
    assert "تهیه طرح برند مشترک" in {h.title for h in search(db, "برند مشترک")}


def test_a_sheet_of_unknown_kind_is_named_once(db, cluster, tmp_path) -> None:
    path = save(tmp_path / "t.xlsx", {"Sheet1": [["عنوان", "تاریخ"], ["الف", "1403/01/05"],
                                                 ["ب", "1403/01/06"]]})
    workbook = ai.read_workbook(path)
    preview = ai.preview_import(db, workbook, ai.default_mapping(workbook), cluster_id=cluster)
    [problem] = preview.problems
    assert problem.sheet == "Sheet1" and problem.row is None and "«نوع فعالیت»" in problem.message
