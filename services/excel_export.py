"""Excel export: a right-to-left sheet per record kind, with Persian headers and values.

Choices show their Persian labels, references show names, and every date is written twice: as
Jalali text (what a person reads) and as an ISO date cell next to it (what a formula or another
program can use). Text that a spreadsheet would take for a formula (=, +, -, @, tab, CR first)
is stored as a string cell marked with Excel's «quote prefix», exactly as if the user had typed
an apostrophe in front of it: the value stays what the user typed, and neither opening the file
nor editing the cell turns it into a formula. Files are written to a temp file and renamed.

openpyxl is imported inside the functions so that starting the app does not pay for it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from models.database import Database
from persian.jalali import format_jalali
from services.schema import SPECS, FieldSpec
from services.userfiles import atomic_path

Progress = Callable[[int, int, str], None]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 cannot hold (openpyxl raises on them): dropped, never the whole record.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL = 32767
ISO_SUFFIX = " (میلادی)"
YES, NO = "بله", "خیر"

# The order sheets appear in; the participants sheet follows the activities.
DEFAULT_KINDS = ("cluster", "firm", "organisation", "person", "activity", "participant",
                 "resolution", "joint_action", "action_plan_item", "indicator_value")

PARTICIPANT_HEADERS = ["فعالیت", "نوع فعالیت", "تاریخ فعالیت", "تاریخ فعالیت" + ISO_SUFFIX,
                       "خوشه", "فرد", "بنگاه", "نقش", "حاضر", "ساعت حضور", "یادداشت"]


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def _clean_text(value: str) -> str:
    return _ILLEGAL.sub("", value)[:MAX_CELL]


class _Writer:
    """Makes write-only cells: strings are forced to text, risky ones get the quote prefix."""

    def __init__(self, ws: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font, PatternFill

        self.ws = ws
        self._cell = WriteOnlyCell
        self._head_font = Font(bold=True)
        self._head_fill = PatternFill("solid", fgColor="DFE6EE")
        self._right = Alignment(horizontal="right", vertical="top", readingOrder=2)

    def cell(self, value: Any) -> Any:
        if isinstance(value, str):
            value = _clean_text(value)
            c = self._cell(self.ws)
            c.value = value
            c.data_type = "s"  # never "f", whatever the text starts with
            if is_formula_like(value):
                c.quotePrefix = True
            return c
        if isinstance(value, datetime):
            value = value.replace(tzinfo=None)
        c = self._cell(self.ws, value=value)
        if isinstance(value, date) and not isinstance(value, datetime):
            c.number_format = "yyyy-mm-dd"
        return c

    def header(self, names: Sequence[str]) -> None:
        cells = []
        for name in names:
            c = self.cell(name)
            c.font = self._head_font
            c.fill = self._head_fill
            c.alignment = self._right
            cells.append(c)
        self.ws.append(cells)

    def row(self, values: Iterable[Any]) -> None:
        self.ws.append([self.cell(v) for v in values])


def _new_sheet(wb: Any, title: str, widths: Sequence[int]) -> Any:
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title=_sheet_title(title))
    ws.sheet_view.rightToLeft = True
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    return ws


def _sheet_title(title: str) -> str:
    # Excel forbids []:*?/\ in sheet names and allows 31 characters.
    return re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31] or "Sheet"


def _headers(fields: Sequence[FieldSpec]) -> list[str]:
    out: list[str] = []
    for f in fields:
        out.append(f.label)
        if f.type == "date":
            out.append(f.label + ISO_SUFFIX)
    return out


def _widths(fields: Sequence[FieldSpec]) -> list[int]:
    out: list[int] = []
    for f in fields:
        if f.type == "date":
            out += [12, 12]
        elif f.type in ("longtext",):
            out.append(40)
        elif f.type in ("text", "ref", "choice"):
            out.append(24)
        else:
            out.append(14)
    return out


def _value(f: FieldSpec, value: Any, names: dict[str, dict[str, str]]) -> list[Any]:
    if f.type == "date":
        return [format_jalali(value) if value else None, value]
    if value is None:
        return [None]
    if f.type == "choice" and f.choices is not None:
        return [f.choices.get(value, value)]
    if f.type == "ref":
        return [names.get(f.ref_kind or "", {}).get(value, value)]
    if f.type == "bool":
        return [YES if value else NO]
    if f.type == "time":
        return [str(value)]
    return [value]


def _names(session: Any) -> dict[str, dict[str, str]]:
    """id → name of every record a reference can point at (one query per kind)."""
    names: dict[str, dict[str, str]] = {}
    for kind in ("cluster", "organisation", "person", "firm", "activity"):
        s = SPECS[kind]
        model = s.model
        column = getattr(model, s.title_field)
        names[kind] = {i: n for i, n in session.execute(select(model.id, column))}
    return names


def _write_kind(wb: Any, session: Any, kind: str, names: dict[str, dict[str, str]]) -> int:
    s = SPECS[kind]
    model = s.model
    fields = [f for f in s.fields if f.name != "is_sample"]
    ws = _new_sheet(wb, s.label_plural, _widths(fields))
    w = _Writer(ws)
    w.header(_headers(fields))
    order = getattr(model, s.date_field) if s.date_field else getattr(model, s.title_field)
    columns = [getattr(model, f.name) for f in fields]
    stmt = (select(*columns).where(model.deleted_at.is_(None))
            .order_by(order, model.id).execution_options(yield_per=2000))
    count = 0
    for row in session.execute(stmt):
        values: list[Any] = []
        for f, v in zip(fields, row, strict=True):
            values += _value(f, v, names)
        w.row(values)
        count += 1
    return count


def _write_participants(wb: Any, session: Any, names: dict[str, dict[str, str]]) -> int:
    from models.entities import Activity, Participant
    from models.vocab import ACTIVITY_KINDS, PARTICIPANT_ROLES

    ws = _new_sheet(wb, "شرکت‌کنندگان", [36, 14, 12, 12, 20, 24, 28, 14, 8, 10, 30])
    w = _Writer(ws)
    w.header(PARTICIPANT_HEADERS)
    stmt = (select(Activity.title, Activity.kind, Activity.start_date, Activity.cluster_id,
                   Participant.person_id, Participant.firm_id, Participant.role,
                   Participant.attended, Participant.hours, Participant.note)
            .join(Activity, Activity.id == Participant.activity_id)
            .where(Participant.deleted_at.is_(None), Activity.deleted_at.is_(None))
            .order_by(Activity.start_date, Activity.id, Participant.position)
            .execution_options(yield_per=2000))
    count = 0
    for title, kind, start, cluster_id, person_id, firm_id, role, attended, hours, note in (
            session.execute(stmt)):
        w.row([title, ACTIVITY_KINDS.get(kind, kind), format_jalali(start), start,
               names["cluster"].get(cluster_id, cluster_id),
               names["person"].get(person_id) if person_id else None,
               names["firm"].get(firm_id) if firm_id else None,
               PARTICIPANT_ROLES.get(role, role), YES if attended else NO, hours, note])
        count += 1
    return count


def _save_atomic(wb: Any, out_path: str | os.PathLike[str]) -> Path:
    with atomic_path(out_path) as tmp:
        wb.save(tmp)
    return Path(out_path)


def export_workbook(db: Database, out_path: str | os.PathLike[str], *,
                    kinds: Sequence[str] | None = None,
                    progress: Progress | None = None) -> Path:
    """Write every live record of ``kinds`` (default: all, plus participants) to ``out_path``.

    ``progress(done, total, sheet_label)`` is called after each sheet. Returns the path.
    """
    from openpyxl import Workbook

    chosen = list(kinds) if kinds is not None else list(DEFAULT_KINDS)
    for kind in chosen:
        if kind != "participant" and kind not in SPECS:
            raise ValueError(f"unknown record kind: {kind}")
    wb = Workbook(write_only=True)
    with db.session_factory() as session:
        names = _names(session)
        for i, kind in enumerate(chosen, 1):
            if kind == "participant":
                _write_participants(wb, session, names)
                label = "شرکت‌کنندگان"
            else:
                _write_kind(wb, session, kind, names)
                label = SPECS[kind].label_plural
            if progress is not None:
                progress(i, len(chosen), label)
    if not chosen:
        _new_sheet(wb, "خالی", [10])
    return _save_atomic(wb, out_path)


def export_rows(out_path: str | os.PathLike[str], headers: list[str],
                rows: Iterable[Sequence[object]], sheet_title: str) -> Path:
    """One right-to-left sheet of a list as the app shows it (the «export this list» action).

    Dates become Jalali text; other values are written as given, strings always as text.
    """
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = _new_sheet(wb, sheet_title, [max(10, min(50, len(str(h)) + 6)) for h in headers])
    w = _Writer(ws)
    w.header([str(h) for h in headers])
    for row in rows:
        w.row([format_jalali(v) if isinstance(v, date) else v for v in row])
    return _save_atomic(wb, out_path)
