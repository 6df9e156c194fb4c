"""The people and firms of an activity: a chosen list beside a searchable picker.

Each participant has a role, attendance and (in trainings) hours; hours are typed in any digits
and shown in Persian ones.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.english import people_labels
from models.vocab import PARTICIPANT_ROLES
from persian.digits import fa_number, parse_decimal, people_digits
from services.views import ParticipantView
from ui.pickers import ID_ROLE, KEY_ROLE, KIND_ROLE, Candidate, RecordPicker


class ParticipantsEditor(QWidget):
    """The people and firms of an activity, each with a role, attendance and (trainings) hours."""

    changed = Signal()
    COL_NAME, COL_ROLE, COL_ATTENDED, COL_HOURS = range(4)

    def __init__(self, candidates: list[Candidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._activity_kind = "meeting"
        self.picker = RecordPicker(candidates, self)
        self.picker.picked.connect(self.add_candidate)

        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("participantsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Role"), self.tr("Attended"), self.tr("Hours")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col in (self.COL_ROLE, self.COL_ATTENDED, self.COL_HOURS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._on_item_changed)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("participantsCount")
        self.remove_button = QPushButton(self.tr("Remove selected"), self)
        self.remove_button.setObjectName("participantsRemove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("participantsError")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        chosen = QVBoxLayout()
        chosen.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.count_label, 1)
        row.addWidget(self.remove_button)
        chosen.addLayout(row)
        chosen.addWidget(self.error_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(chosen, 3)  # first = the reading side (right in Persian)
        layout.addWidget(self.picker, 2)
        self._update_count()

    # -- kind -------------------------------------------------------------------------------
    def set_activity_kind(self, kind: str) -> None:
        self._activity_kind = kind
        self.table.setColumnHidden(self.COL_HOURS, kind != "training")

    def default_role(self, candidate_kind: str) -> str:
        if self._activity_kind == "meeting":
            return "attendee"
        if self._activity_kind == "exhibition" and candidate_kind == "firm":
            return "exhibitor"
        return "participant"

    # -- rows -------------------------------------------------------------------------------
    def has(self, kind: str, record_id: str) -> bool:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, self.COL_NAME)
            if item.data(KIND_ROLE) == kind and item.data(ID_ROLE) == record_id:
                return True
        return False

    def add_candidate(self, candidate: Candidate) -> None:
        if self.has(candidate.kind, candidate.id):
            return
        self._add_row(candidate.kind, candidate.id, candidate.name,
                      self.default_role(candidate.kind), True, None, None)
        self.changed.emit()

    def _add_row(self, kind: str, record_id: str, name: str, role: str, attended: bool,
                 hours: float | None, participant_id: str | None) -> None:
        blocker = QSignalBlocker(self.table)
        r = self.table.rowCount()
        self.table.insertRow(r)
        name_item = QTableWidgetItem(name)
        name_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        name_item.setData(KIND_ROLE, kind)
        name_item.setData(ID_ROLE, record_id)
        name_item.setData(KEY_ROLE, participant_id)
        self.table.setItem(r, self.COL_NAME, name_item)
        combo = QComboBox(self.table)
        for code, label in people_labels(PARTICIPANT_ROLES).items():
            combo.addItem(label, code)
        combo.setCurrentIndex(max(0, combo.findData(role)))
        combo.currentIndexChanged.connect(lambda _i, c=combo: self._on_role_changed(c))
        self.table.setCellWidget(r, self.COL_ROLE, combo)
        attended_item = QTableWidgetItem()
        attended_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                               | Qt.ItemFlag.ItemIsSelectable)
        attended_item.setCheckState(Qt.CheckState.Checked if attended else Qt.CheckState.Unchecked)
        self.table.setItem(r, self.COL_ATTENDED, attended_item)
        hours_text = "" if hours is None else fa_number(hours, grouping=False)
        self.table.setItem(r, self.COL_HOURS, QTableWidgetItem(hours_text))
        del blocker
        self._update_count()

    def _on_role_changed(self, combo: QComboBox) -> None:
        for r in range(self.table.rowCount()):
            if self.table.cellWidget(r, self.COL_ROLE) is combo:
                item = self.table.item(r, self.COL_ATTENDED)
                item.setCheckState(Qt.CheckState.Unchecked if combo.currentData() == "absent"
                                   else Qt.CheckState.Checked)
        self.changed.emit()

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == self.COL_HOURS:
            text = people_digits(item.text())
            if text != item.text():
                blocker = QSignalBlocker(self.table)
                item.setText(text)
                del blocker
        self.changed.emit()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for r in rows:
            self.table.removeRow(r)
        if rows:
            self._update_count()
            self.changed.emit()

    def set_role(self, row: int, role: str) -> None:
        combo: QComboBox = self.table.cellWidget(row, self.COL_ROLE)  # type: ignore[assignment]
        combo.setCurrentIndex(combo.findData(role))

    def set_hours(self, row: int, text: str) -> None:
        self.table.item(row, self.COL_HOURS).setText(text)

    def _update_count(self) -> None:
        n = self.table.rowCount()
        self.count_label.setText(self.tr("%1 chosen").replace("%1", fa_number(n)))

    # -- values -----------------------------------------------------------------------------
    def set_participants(self, participants: tuple[ParticipantView, ...] | list[ParticipantView]
                         ) -> None:
        self.table.setRowCount(0)
        for p in participants:
            kind = "person" if p.person_id else "firm"
            rid = p.person_id or p.firm_id or ""
            self._add_row(kind, rid, p.display_name, p.role, p.attended, p.hours, p.id)
        self._update_count()

    def participants(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        training = self._activity_kind == "training"
        for r in range(self.table.rowCount()):
            name_item = self.table.item(r, self.COL_NAME)
            combo: QComboBox = self.table.cellWidget(r, self.COL_ROLE)  # type: ignore[assignment]
            entry: dict[str, Any] = {
                f"{name_item.data(KIND_ROLE)}_id": name_item.data(ID_ROLE),
                "role": combo.currentData(),
                "attended": self.table.item(r, self.COL_ATTENDED).checkState()
                == Qt.CheckState.Checked,
            }
            if name_item.data(KEY_ROLE):
                entry["id"] = name_item.data(KEY_ROLE)
            entry["hours"] = self._hours_at(r) if training else None
            out.append(entry)
        return out

    def _hours_at(self, row: int) -> float | None:
        text = self.table.item(row, self.COL_HOURS).text().strip()
        if not text:
            return None
        try:
            return float(parse_decimal(text))
        except (ValueError, ArithmeticError):
            return None

    def hours_error(self) -> str:
        """A Persian message naming the first participant whose hours are not a number."""
        if self._activity_kind != "training":
            return ""
        for r in range(self.table.rowCount()):
            text = self.table.item(r, self.COL_HOURS).text().strip()
            if text and self._hours_at(r) is None:
                name = self.table.item(r, self.COL_NAME).text()
                return self.tr("Hours of %1 must be a number.").replace("%1", name)
        return ""

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
