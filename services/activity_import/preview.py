"""What the user reads before anything is written: counts, new names, duplicates and problems.

Plain frozen dataclasses (no ORM, no Qt), shared by the command line and the app's preview step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from models import vocab
from persian.digits import fa_number
from persian.jalali import format_jalali
from services.errors import item_lines


def _fa(n: int) -> str:
    return fa_number(n)


@dataclass(frozen=True)
class Problem:
    """One cell (or row, or sheet) the import cannot take, with a Persian message."""

    sheet: str
    row: int | None
    column: str | None
    message: str

    @property
    def place(self) -> str:
        parts = [f"برگه «{self.sheet}»"]
        if self.row is not None:
            parts.append(f"ردیف {_fa(self.row)}")
        if self.column:
            parts.append(f"ستون «{self.column}»")
        return "، ".join(parts)

    def text(self) -> str:
        return f"{self.place}: {self.message}"


@dataclass(frozen=True)
class Duplicate:
    """A row that is (likely) already in the database, or repeats an earlier row of the file."""

    sheet: str
    row: int
    kind: str
    title: str
    day: date
    first_row: int | None = None  # the earlier row of the file; None: already in the database

    def text(self) -> str:
        what = f"{vocab.ACTIVITY_KINDS.get(self.kind, self.kind)} «{self.title}» {format_jalali(self.day)}"
        where = ("از پیش در برنامه ثبت شده است" if self.first_row is None
                 else f"تکرار ردیف {_fa(self.first_row)} همین برگه است")
        return f"برگه «{self.sheet}»، ردیف {_fa(self.row)}: {what} {where}؛ وارد نمی‌شود."


@dataclass(frozen=True)
class Preview:
    counts: Mapping[str, int] = field(default_factory=dict)  # activity kind → rows to write
    resolutions: int = 0
    participants: int = 0
    new_people: tuple[str, ...] = ()
    new_firms: tuple[str, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    skipped_resolutions: int = 0  # resolutions of meetings skipped as duplicates
    problems: tuple[Problem, ...] = ()
    notes: tuple[Problem, ...] = ()  # converted Gregorian dates and the like: worth a look
    ignored_sheets: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def can_write(self) -> bool:
        return not self.problems and self.total > 0

    def summary_lines(self, limit: int = 50) -> list[str]:
        """The preview as Persian lines, for the command line (the app lays it out itself).

        Each list (duplicates, notes, problems) shows its first `limit` lines and a count of the
        rest: a file imported twice has thousands of duplicates.
        """

        def listed(items: tuple[Duplicate, ...] | tuple[Problem, ...]) -> list[str]:
            shown = [f"  {item.text()}" for item in items[:limit]]
            if len(items) > limit:
                shown.append(f"  … و {_fa(len(items) - limit)} مورد دیگر")
            return shown

        lines: list[str] = []
        for kind, count in self.counts.items():
            if count:
                lines.append(f"{vocab.ACTIVITY_KINDS[kind]}: {_fa(count)}")
        if self.resolutions:
            lines.append(f"مصوبه: {_fa(self.resolutions)}")
        if self.participants:
            lines.append(f"شرکت‌کننده: {_fa(self.participants)}")
        # Names one per line: a firm's name may itself hold «،».
        if self.new_people:
            lines.append(f"افراد تازه ({_fa(len(self.new_people))}):")
            lines += item_lines(self.new_people).splitlines()
        if self.new_firms:
            lines.append(f"بنگاه‌های تازه ({_fa(len(self.new_firms))}):")
            lines += item_lines(self.new_firms).splitlines()
        if self.duplicates:
            lines.append(f"تکراری و کنار گذاشته ({_fa(len(self.duplicates))}):")
            lines += listed(self.duplicates)
        if self.skipped_resolutions:
            lines.append(f"مصوبه‌های جلسه‌های تکراری، کنار گذاشته: {_fa(self.skipped_resolutions)}")
        for name in self.ignored_sheets:
            lines.append(f"برگه «{name}» عنوان ستون ندارد و خوانده نشد.")
        if self.notes:
            lines.append(f"بررسی کنید ({_fa(len(self.notes))}):")
            lines += listed(self.notes)
        if self.problems:
            lines.append(f"ایرادها ({_fa(len(self.problems))}) — تا درست نشوند چیزی وارد نمی‌شود:")
            lines += listed(self.problems)
        return lines


@dataclass(frozen=True)
class ImportResult:
    preview: Preview
    written: bool  # False: nothing new (every row a duplicate) — the database is unchanged
    backup: Path | None = None


def nothing_new_message(preview: Preview) -> str:
    return (f"همه {_fa(len(preview.duplicates))} ردیف این فایل از پیش در برنامه هست؛ "
            "چیزی وارد نشد و پایگاه داده تغییری نکرد.")
