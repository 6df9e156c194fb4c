"""Reading a history workbook into plain rows: which sheet holds what, and nothing interpreted yet.

The file goes through the firm import's checks first (services.excel_import: size, zip ratio,
rows, columns), so a hostile or broken file is refused before openpyxl parses it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from persian.digits import to_persian_digits
from services.activity_import.fields import (
    ACTIVITY_FIELDS,
    MEETING_ROW,
    RESOLUTION_FIELDS,
    auto_match,
    is_resolution_sheet,
    kind_of,
)
from services.errors import ServiceError
from services.excel_import import check_workbook_file, open_workbook, sheet_rows

MAX_SHEETS = 30

Progress = Callable[[int, str], object]


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]  # (row number as Excel shows it, cells)
    role: str  # "activities" or "resolutions"
    kind: str | None  # the activity kind the sheet's name says, if any


@dataclass(frozen=True)
class Workbook:
    path: Path
    sheets: tuple[Sheet, ...]
    ignored: tuple[str, ...] = ()  # sheets with no header row

    def sheets_of(self, role: str) -> tuple[Sheet, ...]:
        return tuple(s for s in self.sheets if s.role == role)

    def headers_of(self, role: str) -> tuple[str, ...]:
        """Every header of the role's sheets, once each, in the order first met."""
        seen: dict[str, None] = {}
        for sheet in self.sheets_of(role):
            for header in sheet.headers:
                if header:
                    seen.setdefault(header, None)
        return tuple(seen)

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sheets)


@dataclass(frozen=True)
class ColumnMapping:
    """Which header feeds which field: one for the activity sheets, one for the resolutions'.

    A header is looked up in each sheet by its folded text, so one mapping serves a workbook
    with a sheet per kind. A field left out (or mapped to "") is not read.
    """

    activity: Mapping[str, str] = field(default_factory=dict)
    resolution: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, dict[str, str]]:
        return {"activity": dict(self.activity), "resolution": dict(self.resolution)}

    @staticmethod
    def from_json(data: object) -> ColumnMapping:
        """A remembered mapping; anything malformed reads as empty (a stale settings file)."""
        if not isinstance(data, dict):
            return ColumnMapping()

        def part(name: str) -> dict[str, str]:
            raw = data.get(name)
            if not isinstance(raw, dict):
                return {}
            return {str(k): str(v) for k, v in raw.items() if isinstance(v, str)}

        return ColumnMapping(part("activity"), part("resolution"))


def _role(name: str, headers: list[str]) -> str:
    if is_resolution_sheet(name):
        return "resolutions"
    found = auto_match(RESOLUTION_FIELDS, headers)
    if MEETING_ROW in found and "text" in found and "title" not in auto_match(ACTIVITY_FIELDS, headers):
        return "resolutions"
    return "activities"


def read_workbook(path: Path | str, progress: Progress | None = None) -> Workbook:
    """Every sheet of the file with its headers and non-blank rows; ServiceError if refused."""
    path = Path(path)
    check_workbook_file(path)
    book = open_workbook(path)
    try:
        try:
            worksheets = list(book.worksheets)
        except Exception as exc:
            raise ServiceError("فایل اکسل خراب است؛ چیزی وارد نشد.") from exc
        if len(worksheets) > MAX_SHEETS:
            raise ServiceError(f"فایل بیش از {to_persian_digits(str(MAX_SHEETS))} برگه دارد؛ "
                               "برگه‌های فعالیت‌ها را در فایل‌های جدا بگذارید.")
        sheets: list[Sheet] = []
        ignored: list[str] = []
        total = 0
        for index, worksheet in enumerate(worksheets):
            if progress is not None:
                progress(int(100 * index / max(1, len(worksheets))),
                         f"خواندن برگه «{worksheet.title}»…")
            headers, rows = sheet_rows(worksheet)
            total += len(rows)
            if not any(headers):
                ignored.append(worksheet.title)
                continue
            sheets.append(Sheet(
                name=worksheet.title,
                headers=tuple(headers),
                rows=tuple((n, tuple(v)) for n, v in rows),
                role=_role(worksheet.title, headers),
                kind=kind_of(worksheet.title),
            ))
    finally:
        book.close()
    if not sheets:
        raise ServiceError("فایل اکسل خالی است؛ ردیف اول هر برگه باید عنوان ستون‌ها باشد.")
    if total == 0:
        raise ServiceError("فایل هیچ ردیف داده‌ای ندارد.")
    return Workbook(path=path, sheets=tuple(sheets), ignored=tuple(ignored))


def default_mapping(workbook: Workbook, remembered: ColumnMapping | None = None) -> ColumnMapping:
    """Headers matched by name, then the user's earlier choices where this file has those headers.

    A remembered "" (the user chose «none» for the field) is kept as a choice, too.
    """

    def merged(role: str, fields: Any, earlier: Mapping[str, str]) -> dict[str, str]:
        headers = workbook.headers_of(role)
        names = {f.name for f in fields}
        present = set(headers)
        chosen = {name: header for name, header in earlier.items()
                  if name in names and (header == "" or header in present)}
        taken = set(chosen.values())
        for name, header in auto_match(fields, [h for h in headers if h not in taken]).items():
            chosen.setdefault(name, header)
        return chosen

    remembered = remembered or ColumnMapping()
    return ColumnMapping(merged("activities", ACTIVITY_FIELDS, remembered.activity),
                         merged("resolutions", RESOLUTION_FIELDS, remembered.resolution))
