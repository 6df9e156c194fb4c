"""«Export to Excel» for every list: ask where, then write the list as it is shown, in the
background (a 100k-row activities list takes a while), as a right-to-left sheet."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from ui.worker import run_with_progress

Rows = Callable[[Callable[[int], None]], Iterable[Sequence[object]]]


def choose_target(parent: QWidget | None, suggested_name: str) -> Path | None:
    target, _ = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("ListExport", "Export to Excel"),
                                            str(Path.home() / f"{suggested_name}.xlsx"),
                                            QCoreApplication.translate("ListExport", "Excel files (*.xlsx)"))
    if not target:
        return None
    path = Path(target)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")


def export_list(parent: QWidget | None, sheet_title: str, headers: list[str], rows: Rows,
                *, target: Path | None = None,
                on_done: Callable[[Path], None] | None = None):  # noqa: ANN201 - TaskHandle
    """Writes `rows(progress)` under `headers` to an .xlsx the user picks (or `target`)."""
    if target is None:
        target = choose_target(parent, sheet_title)
        if target is None:
            return None

    def work(progress):  # noqa: ANN001, ANN202 - worker thread: no widgets here
        from services.excel_export import export_rows

        def step(percent: int) -> None:
            progress(percent, None)

        return export_rows(target, headers, list(rows(step)), sheet_title)

    def done(path: Path) -> None:
        if on_done is not None:
            on_done(path)

    return run_with_progress(parent, QCoreApplication.translate("ListExport", "Exporting to Excel"), work, done)
