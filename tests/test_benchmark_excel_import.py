"""The Excel-import benchmark's own code: its workbook imports whole and the second run writes
nothing. A small workbook; no time is asserted (figures belong to `python -m benchmarks`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.excel_import import measure, write_workbook
from services import records


def test_benchmark_workbook_imports_then_changes_nothing(db, tmp_path: Path) -> None:
    records.create(db, "cluster", {"name": "حلوای مسقطی لار"})
    db.dispose()
    source = tmp_path / "source.db"
    shutil.copyfile(db.path, source)
    workbook = write_workbook(tmp_path / "history.xlsx", rows=40)
    runs = measure(source, workbook, 1)
    assert runs.written == [40] and runs.rewritten == [0]
    assert len(runs.first) == len(runs.again) == len(runs.preview) == 1
