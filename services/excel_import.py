"""Importing a firm list from an Excel file: all rows or none, and a message for every bad row.

Spreadsheets arrive from other people's computers: truncated downloads, files renamed to .xlsx,
zip bombs, a million rows. Each is refused with a Persian message before anything is written.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.database import Database
from services import records
from services.errors import FieldError, ServiceError, ValidationError
from services.schema import spec
from services.uow import unit_of_work
from services.validation import clean_record

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_ROWS = 10_000
MAX_COLUMNS = 60
MAX_REPORTED_ERRORS = 30


@dataclass(frozen=True)
class ImportResult:
    created: int
    warnings: tuple[str, ...]


def _header_map(kind: str) -> dict[str, str]:
    """Header text → field name: the Persian label or the field's own name."""
    mapping: dict[str, str] = {}
    for field in spec(kind).fields:
        mapping[field.label.strip()] = field.name
        mapping[field.name] = field.name
    return mapping


def check_workbook_file(path: Path) -> None:
    """Refuses a missing, oversized, non-zip or zip-bomb file before openpyxl parses anything.

    Shared by every Excel import (firms, activities): one set of limits for files from elsewhere.
    """
    if not path.is_file():
        raise ServiceError(f"فایل پیدا نشد: {path}")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ServiceError("فایل اکسل بزرگ‌تر از ۲۰ مگابایت است؛ آن را به چند فایل کوچک‌تر بشکنید.")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            packed = max(1, sum(i.compress_size for i in infos))
            if len(infos) > 2000 or total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_RATIO:
                raise ServiceError("این فایل اکسل بیش از اندازه بزرگ یا غیرعادی است و خوانده نشد.")
    except zipfile.BadZipFile as exc:
        raise ServiceError("این فایل، اکسل سالم (xlsx) نیست یا ناقص است؛ فایل را دوباره "
                           "ذخیره یا دریافت کنید.") from exc


def open_workbook(path: Path) -> Any:
    """The workbook read-only with cell values (not formulas); a Persian refusal if unreadable."""
    from openpyxl import load_workbook  # lazy: keeps start-up light

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on malformed parts
        raise ServiceError("فایل اکسل خوانده نشد؛ ممکن است ناقص یا خراب باشد. "
                           "آن را در اکسل باز و دوباره ذخیره کنید.") from exc


def sheet_rows(sheet: Any) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """(headers, [(row number as Excel shows it, values)]) of one sheet; blank rows skipped.

    The first row holds the headers. Limits: MAX_COLUMNS columns and MAX_ROWS data rows, each
    refused with a Persian message (a sheet of a million rows is not read to its end).
    """
    try:
        rows_iter = sheet.iter_rows(values_only=True)
        header_row = next(rows_iter, None)
        if header_row is None:
            return [], []
        if len(header_row) > MAX_COLUMNS:
            raise ServiceError("فایل اکسل بیش از اندازه ستون دارد.")
        headers = ["" if h is None else str(h).strip() for h in header_row]
        rows: list[tuple[int, list[Any]]] = []
        for number, row in enumerate(rows_iter, start=2):
            values = list(row[: len(headers)])
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise ServiceError("فایل بیش از ۱۰٬۰۰۰ ردیف دارد؛ آن را به چند فایل بشکنید.")
            rows.append((number, values))
        return headers, rows
    except ServiceError:
        raise
    except Exception as exc:
        raise ServiceError("فایل اکسل در میانه خواندن خراب بود؛ چیزی وارد نشد.") from exc


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[Any]]]]:
    workbook = open_workbook(path)
    try:
        headers, rows = sheet_rows(workbook.worksheets[0])
        if not headers:
            raise ServiceError("فایل اکسل خالی است.")
        return headers, rows
    except ServiceError:
        raise
    except Exception as exc:
        raise ServiceError("فایل اکسل در میانه خواندن خراب بود؛ چیزی وارد نشد.") from exc
    finally:
        workbook.close()


def import_firms(db: Database, path: Path | str, *, cluster_id: str | None = None) -> ImportResult:
    """Adds every firm of the sheet (first row = headers), in one transaction."""
    path = Path(path)
    check_workbook_file(path)
    headers, rows = _read_rows(path)
    mapping = _header_map("firm")
    columns = {i: mapping[h] for i, h in enumerate(headers) if h in mapping}
    if "name" not in columns.values():
        raise ServiceError("ستون «نام بنگاه» در ردیف اول فایل پیدا نشد؛ عنوان ستون‌ها را بررسی کنید.")
    if not rows:
        raise ServiceError("فایل هیچ ردیف داده‌ای ندارد.")
    firm_spec = spec("firm")
    errors: list[FieldError] = []
    prepared: list[dict[str, Any]] = []
    for number, row in rows:
        data = {field: row[i] for i, field in columns.items() if i < len(row)}
        data = {k: (str(v) if isinstance(v, int | float) and k not in ("employees",) else v)
                for k, v in data.items()}
        if cluster_id and not data.get("cluster_id"):
            data["cluster_id"] = cluster_id
        try:
            clean_record(firm_spec, data, session=None)
        except ValidationError as exc:
            errors += [FieldError(e.field, e.code, f"ردیف {number}: {e.message}") for e in exc.errors]
            continue
        prepared.append(data)
    if errors:
        raise ValidationError(errors[:MAX_REPORTED_ERRORS])
    warnings: list[str] = []
    with unit_of_work(db) as session:
        for data in prepared:
            _obj, found = records.create_in(session, "firm", data)
            warnings += found
    return ImportResult(created=len(prepared), warnings=tuple(warnings))
