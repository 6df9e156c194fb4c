"""`import-activities` from the shell: dry run, refusal of a bad file, import, twice, template."""

from __future__ import annotations

from pathlib import Path

from cli.commands import run
from services import records
from tests.activity_workbooks import history_workbook


def _titles(db) -> list[str]:
    return sorted(v.title for v in records.list_records(db, "activity"))


def test_dry_run_prints_the_preview_and_writes_nothing(db, tmp_path: Path, capsys) -> None:
    records.create(db, "cluster", {"name": "حلوای مسقطی لار"})
    path = history_workbook(tmp_path / "h.xlsx", bad_row=False)
    code = run(["import-activities", str(path), "--db", str(db.path), "--dry-run"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "پیش‌نمایش" in out and "جلسه: ۵" in out and "دوره آموزشی: ۱" in out
    assert "افراد تازه (۳)" in out and "تکرار ردیف ۴" in out
    assert _titles(db) == []


def test_a_bad_file_is_refused_with_its_rows_named(db, tmp_path: Path, capsys) -> None:
    records.create(db, "cluster", {"name": "حلوای مسقطی لار"})
    path = history_workbook(tmp_path / "h.xlsx")
    code = run(["import-activities", str(path), "--db", str(db.path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "برگه «Training»، ردیف ۳، ستون «Date»" in out and "چیزی وارد نشد" in err
    assert _titles(db) == []


def test_import_then_again_changes_nothing(db, tmp_path: Path, capsys) -> None:
    records.create(db, "cluster", {"name": "حلوای مسقطی لار"})
    records.create(db, "cluster", {"name": "فرش دستباف"})
    path = history_workbook(tmp_path / "h.xlsx", bad_row=False)
    # Two clusters: the file has no cluster column, so --cluster is needed.
    code = run(["import-activities", str(path), "--db", str(db.path)])
    out, err = capsys.readouterr()
    assert code == 1 and "--cluster" in out
    code = run(["import-activities", str(path), "--db", str(db.path),
                "--cluster", "حلواي مسقطي لار"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "۶ فعالیت وارد شد" in out and "پشتیبان پیش از ورود" in out
    assert len(_titles(db)) == 6
    code = run(["import-activities", str(path), "--db", str(db.path), "--cluster", "حلوای مسقطی لار"])
    out, err = capsys.readouterr()
    assert code == 0 and "تغییری نکرد" in out
    assert len(_titles(db)) == 6
    code = run(["import-activities", str(path), "--db", str(db.path), "--cluster", "ناموجود"])
    assert code == 1 and "«ناموجود» پیدا نشد" in capsys.readouterr().err


def test_template_and_missing_arguments(tmp_path: Path, capsys) -> None:
    out_path = tmp_path / "الگو.xlsx"
    assert run(["import-activities", "--template", str(out_path)]) == 0
    assert out_path.is_file() and "فایل الگو" in capsys.readouterr().out
    assert run(["import-activities"]) == 2
    assert "--template" in capsys.readouterr().err
    missing = tmp_path / "nope.db"
    assert run(["import-activities", str(out_path), "--db", str(missing)]) == 1
    assert "پیدا نشد" in capsys.readouterr().err and not missing.exists()


def test_a_broken_workbook_is_refused_with_a_message(db, tmp_path: Path, capsys) -> None:
    records.create(db, "cluster", {"name": "حلوای مسقطی لار"})
    fake = tmp_path / "fake.xlsx"
    fake.write_text("title,date\n", encoding="utf-8")
    assert run(["import-activities", str(fake), "--db", str(db.path)]) == 1
    assert "xlsx" in capsys.readouterr().err
    assert _titles(db) == []
