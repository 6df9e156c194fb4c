"""Figure 8: importing 10,000 activity rows from Excel (`import-activities`), then the same file again.

The workbook is what an agent's history looks like: a sheet per kind (meetings with attendees and
an absentee, trainings with instructor, participants and a firm, tours, exhibitions with firms)
and a resolutions sheet with two resolutions per meeting, all with Jalali dates typed as text,
some names shared with the database's people. It is imported into a private copy of the smallest
benchmark database, so every row is checked against existing records for duplicates. No target
yet; the figure is printed. Baseline: openpyxl reading the same file (every cell, read-only
mode) — the floor under any import of it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.common import SEED, Figure, Settings, median, timed, working_copy

if TYPE_CHECKING:
    from models.database import Database

ROWS = 10_000
_KINDS = ("جلسات", "دوره‌های آموزشی", "تورها", "نمایشگاه‌ها")
_HEADERS = {
    "جلسات": ["ردیف", "عنوان", "تاریخ", "ساعت", "محل", "حاضران", "غایبان"],
    "دوره‌های آموزشی": ["عنوان", "تاریخ شروع", "تاریخ پایان", "مدرس", "ساعت آموزش",
                        "شرکت‌کنندگان", "بنگاه‌ها"],
    "تورها": ["عنوان", "تاریخ", "مقصد", "شرکت‌کنندگان"],
    "نمایشگاه‌ها": ["عنوان", "تاریخ", "شهر", "کشور", "بنگاه‌ها", "غرفه"],
}
_FIRST = ("علی", "مریم", "حسن", "زهرا", "محمد", "فاطمه", "رضا", "سارا", "حمید", "نرگس")
_LAST = ("رضایی", "احمدی", "کریمی", "محمدی", "حسینی", "موسوی", "جعفری", "صادقی", "نوری", "کاظمی")


def write_workbook(path: Path, rows: int = ROWS, seed: int = SEED) -> Path:
    """A history workbook of `rows` activity rows (a quarter per kind) and its resolutions."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    people = [f"{a} {b}" for a in _FIRST for b in _LAST]
    firms = [f"کارگاه حلوای {b} {i}" for i, b in enumerate(_LAST * 3)]
    per_kind = rows // len(_KINDS)
    meetings = 0
    for k, name in enumerate(_KINDS):
        sheet = book.create_sheet(name)
        sheet.append(_HEADERS[name])
        count = per_kind + (rows - per_kind * len(_KINDS) if k == 0 else 0)
        for i in range(count):
            year, month, day = 1398 + i % 6, 1 + i % 12, 1 + i % 28
            date = f"{year}/{month}/{day}"
            who = "، ".join(rng.sample(people, 3))
            if name == "جلسات":
                meetings += 1
                sheet.append([i + 1, f"جلسه {i + 1} کمیته راهبری", date, "10:00", "لار", who,
                              rng.choice(people)])
            elif name == "دوره‌های آموزشی":
                sheet.append([f"دوره آموزشی {i + 1}", date, f"{year}/{month}/{min(day + 2, 29)}",
                              rng.choice(people), 8 + i % 16, who, rng.choice(firms)])
            elif name == "تورها":
                sheet.append([f"بازدید صنعتی {i + 1}", date, "یزد", who])
            else:
                sheet.append([f"نمایشگاه {i + 1}", date, "دبی", "امارات",
                              "، ".join(rng.sample(firms, 2)), f"غرفه {i % 40}"])
    resolutions = book.create_sheet("مصوبات")
    resolutions.append(["ردیف جلسه", "متن مصوبه", "مسئول پیگیری", "مهلت"])
    for m in range(1, meetings + 1):
        for n in range(2):
            resolutions.append([m, f"مصوبه {n + 1} جلسه {m}", rng.choice(people),
                                f"{1398 + m % 6}/{1 + m % 12}/{1 + m % 28}"])
    book.save(path)
    return path


def _read_all(path: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for sheet in book.worksheets for _row in sheet.iter_rows(values_only=True))
    finally:
        book.close()


def _once(database: Database, workbook: Path, cluster: str, write: bool, counts: list[int]) -> None:
    """Read, map and preview (or import) the workbook as `import-activities` does; the number
    of activities it would write (or wrote) goes to `counts`."""
    from services import activity_import as ai

    book = ai.read_workbook(workbook)
    mapping = ai.default_mapping(book)
    if write:
        counts.append(ai.run_import(database, book, mapping, cluster_id=cluster).preview.total)
    else:
        counts.append(ai.preview_import(database, book, mapping, cluster_id=cluster).total)


@dataclass
class Runs:
    """Seconds per run, and the activities each import wrote."""

    first: list[float] = field(default_factory=list)
    again: list[float] = field(default_factory=list)
    preview: list[float] = field(default_factory=list)
    written: list[int] = field(default_factory=list)
    rewritten: list[int] = field(default_factory=list)


def measure(db_path: Path, workbook: Path, runs: int) -> Runs:
    """The preview, the first import and the same file again, each on a fresh copy of `db_path`."""
    import shutil

    from models.migrate import open_database
    from services.records import list_records

    out = Runs()
    for i in range(runs):
        target = db_path.with_name(f"{db_path.stem}-run{i}.db")
        shutil.copyfile(db_path, target)
        database = open_database(str(target))
        try:
            cluster = list_records(database, "cluster")[0].id

            for runs, counts, write in ((out.preview, [], False), (out.first, out.written, True),
                                        (out.again, out.rewritten, True)):
                runs.append(timed(partial(_once, database, workbook, cluster, write, counts)))
        finally:
            database.dispose()
            target.unlink(missing_ok=True)
            for side in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
                side.unlink(missing_ok=True)
            shutil.rmtree(target.parent / "backups", ignore_errors=True)
    return out


def run(settings: Settings, databases: dict[int, str]) -> list[Figure]:
    scale = min(databases) if databases else None
    if scale is None:
        return []
    work = settings.work_dir / "excel-import"
    work.mkdir(parents=True, exist_ok=True)
    workbook = write_workbook(work / "history.xlsx")
    source = working_copy(Path(databases[scale]), settings, f"excel-import-{scale}.db")
    read_runs = [timed(lambda: _read_all(workbook)) for _ in range(3)]
    result = measure(source, workbook, settings.reps(1, 3))
    baseline_ms = median(read_runs) * 1000
    details = {"activity_rows": ROWS, "workbook_bytes": workbook.stat().st_size,
               "preview_ms": median(result.preview) * 1000,
               "activities_written_first_and_again": [result.written[0], result.rewritten[0]]}
    label = f"Excel import, {ROWS // 1000}k activity rows"
    common = {"scale": scale, "unit": "ms", "baseline": baseline_ms,
              "baseline_label": "openpyxl reading the same file", "details": details}
    return [
        Figure(key="excel_import_activities", label=label, value=median(result.first) * 1000,
               runs=len(result.first), **common),  # type: ignore[arg-type]
        Figure(key="excel_import_again", label=f"{label}, same file again",
               value=median(result.again) * 1000, runs=len(result.again),
               target="changes nothing", met=all(n == 0 for n in result.rewritten),
               **common),  # type: ignore[arg-type]
    ]
