"""Firm lists from Excel: good files import whole; bad ones are refused with nothing written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from services import records
from services.errors import ServiceError, ValidationError
from services.excel_import import import_firms


def workbook(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def firms(db) -> list[str]:
    return sorted(v.title for v in records.list_records(db, "firm"))


def test_a_good_list_imports_whole(db, tmp_path: Path) -> None:
    path = workbook(tmp_path / "f.xlsx", [
        ["نام بنگاه", "شناسه ملی", "تعداد کارکنان", "شهر"],
        ["شیرینی لار", "۱۴۰۰۳۸۵۶۷۲۱", 12, "لار"],
        ["حلوای سنتی", None, "٨", "لار"],
    ])
    result = import_firms(db, path)
    assert result.created == 2
    assert firms(db) == ["حلوای سنتی", "شیرینی لار"]


def test_one_bad_row_refuses_the_whole_file_and_names_the_row(db, tmp_path: Path) -> None:
    path = workbook(tmp_path / "f.xlsx", [
        ["نام بنگاه", "شناسه ملی", "تعداد کارکنان"],
        ["خوب", None, 3],
        ["بد", "123", -4],
    ])
    with pytest.raises(ValidationError) as info:
        import_firms(db, path)
    assert "ردیف 3" in info.value.message and "«شناسه ملی»" in info.value.message
    assert firms(db) == []


def test_truncated_file_is_refused(db, tmp_path: Path) -> None:
    good = workbook(tmp_path / "g.xlsx", [["نام بنگاه"], ["الف"]])
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(ServiceError) as info:
        import_firms(db, cut)
    assert "ناقص" in info.value.message
    assert firms(db) == []


def test_renamed_text_file_and_missing_header(db, tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("name,id\nx,1\n", encoding="utf-8")
    with pytest.raises(ServiceError):
        import_firms(db, fake)
    no_name = workbook(tmp_path / "n.xlsx", [["شهر"], ["لار"]])
    with pytest.raises(ServiceError) as info:
        import_firms(db, no_name)
    assert "«نام بنگاه»" in info.value.message


def test_zip_bomb_is_refused_before_parsing(db, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (150 * 1024 * 1024))
    with pytest.raises(ServiceError) as info:
        import_firms(db, bomb)
    assert "غیرعادی" in info.value.message


def test_too_many_rows_is_refused(db, tmp_path: Path) -> None:
    path = workbook(tmp_path / "big.xlsx", [["نام بنگاه"]] + [[f"بنگاه {i}"] for i in range(10_050)])
    with pytest.raises(ServiceError) as info:
        import_firms(db, path)
    assert "۱۰٬۰۰۰" in info.value.message
    assert firms(db) == []


def test_odd_text_is_stored_verbatim(db, tmp_path: Path) -> None:
    odd = "\u202eبنگاه\u2066 😀 e\u0301"
    path = workbook(tmp_path / "o.xlsx", [["name"], [odd]])
    import_firms(db, path)
    assert firms(db) == [odd]
