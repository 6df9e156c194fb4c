"""The resolutions of a meeting: one row per resolution, with its owner, due date and status.

A row left completely empty is not sent to the service; a validation error naming
``resolutions[n]`` is shown under the n-th row that is sent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.english import people_labels
from models.vocab import RESOLUTION_STATUSES
from persian.digits import people_digits
from services.views import RecordView
from ui.form_parts import error_label, set_error
from ui.jalali_date_edit import JalaliDateEdit
from ui.pickers import Candidate, PersonOwnerField


class ResolutionRow(QFrame):
    removeRequested = Signal(object)
    changed = Signal()

    def __init__(self, people: list[Candidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resolutionRow")
        self.resolution_id: str | None = None
        self.done_date: dt.date | None = None
        self.followup_notes: str | None = None
        self.number_label = QLabel(self)
        self.number_label.setMinimumWidth(24)
        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("resolutionText")
        self.text_edit.setPlaceholderText(self.tr("What was decided"))
        self.owner = PersonOwnerField(people, self)
        self.owner.setObjectName("resolutionOwner")
        self.owner.setMinimumWidth(160)
        self.owner.setToolTip(self.tr("Follow-up by"))
        self.due = JalaliDateEdit(self)
        self.due.setObjectName("resolutionDue")
        self.due.setToolTip(self.tr("Due date"))
        self.status = QComboBox(self)
        self.status.setObjectName("resolutionStatus")
        for code, label in people_labels(RESOLUTION_STATUSES).items():
            self.status.addItem(label, code)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(self))
        self.error = error_label(self)
        self.error.setObjectName("resolutionError")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.number_label)
        row.addWidget(self.text_edit, 3)
        row.addWidget(self.owner, 1)
        row.addWidget(self.due)
        row.addWidget(self.status)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.text_edit.textChanged.connect(lambda _t: self.changed.emit())
        self.owner.currentTextChanged.connect(lambda _t: self.changed.emit())
        self.due.dateChanged.connect(lambda _d: self.changed.emit())
        self.status.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def set_number(self, n: int) -> None:
        self.number_label.setText(people_digits(f"{n}."))

    def load(self, view: RecordView) -> None:
        self.resolution_id = view.id
        self.text_edit.setText(view.get("text") or "")
        self.owner.set_owner(view.get("owner_person_id"), view.get("owner_text"))
        self.due.setDate(view.get("due_date"))
        self.status.setCurrentIndex(max(0, self.status.findData(view.get("status") or "open")))
        self.done_date = view.get("done_date")
        self.followup_notes = view.get("followup_notes")

    def value(self) -> dict[str, Any]:
        person_id, owner_text = self.owner.owner()
        due: Any = self.due.date() if self.due.isValid() else self.due.text()
        out: dict[str, Any] = {
            "text": self.text_edit.text(),
            "owner_person_id": person_id,
            "owner_text": owner_text,
            "due_date": due or None,
            "status": self.status.currentData(),
            "done_date": self.done_date,
        }
        if self.status.currentData() == "done" and self.done_date is None:
            out["done_date"] = dt.date.today()
        if self.resolution_id:
            out["id"] = self.resolution_id
        return out


class ResolutionsEditor(QWidget):
    changed = Signal()

    def __init__(self, people: list[Candidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people = people
        self.rows: list[ResolutionRow] = []
        header = QLabel(self.tr("Each row: the resolution, who follows it up (a person or any "
                                "text), the due date and the status."), self)
        header.setWordWrap(True)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(6)
        inner = QWidget(self)
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addLayout(self._rows_box)
        inner_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        self.add_button = QPushButton(self.tr("Add a resolution"), self)
        self.add_button.setObjectName("addResolution")
        self.add_button.clicked.connect(self._add_clicked)
        self.error = error_label(self)
        self.error.setObjectName("resolutionsError")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def _add_clicked(self) -> None:
        row = self.add_row()
        row.text_edit.setFocus()

    def add_row(self) -> ResolutionRow:
        row = ResolutionRow(self._people, self)
        row.removeRequested.connect(self.remove_row)
        row.changed.connect(self.changed.emit)
        self.rows.append(row)
        self._rows_box.addWidget(row)
        self._renumber()
        self.changed.emit()
        return row

    def remove_row(self, row: ResolutionRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
            row.setParent(None)
            row.deleteLater()
            self._renumber()
            self.changed.emit()

    def _renumber(self) -> None:
        for n, row in enumerate(self.rows, start=1):
            row.set_number(n)

    def set_resolutions(self, views: tuple[RecordView, ...]) -> None:
        for row in list(self.rows):
            self.remove_row(row)
        for view in views:
            self.add_row().load(view)

    def _kept(self) -> list[tuple[ResolutionRow, dict[str, Any]]]:
        # A row left completely empty is not a resolution the user meant to record.
        out = []
        for row in self.rows:
            value = row.value()
            if value.get("id") or any(
                value.get(k) for k in ("text", "owner_person_id", "owner_text", "due_date")
            ):
                out.append((row, value))
        return out

    def values(self) -> list[dict[str, Any]]:
        return [value for _row, value in self._kept()]

    def clear_errors(self) -> None:
        set_error(self.error, "")
        for row in self.rows:
            set_error(row.error, "")

    def show_row_error(self, number: int, message: str) -> None:
        kept = self._kept()
        if 1 <= number <= len(kept):
            row = kept[number - 1][0]
            old = row.error.text()
            set_error(row.error, f"{old}\n{message}" if old else message)
        else:
            set_error(self.error, message)
