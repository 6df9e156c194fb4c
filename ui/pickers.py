"""Choosing people and firms: a searchable list, the participants editor and an owner field.

Names are matched through the search fold (persian.fold): «علي» finds «علی», and a space, a
ZWNJ or nothing between the parts of a name all match.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.database import Database
from models.vocab import PARTICIPANT_ROLES
from persian.digits import fa_number, parse_decimal, to_persian_digits
from persian.fold import fold
from services import records
from services.views import ParticipantView

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2


def search_key(text: str) -> str:
    """Folded, without spaces: «می شود», «می‌شود» and «ميشود» give one key."""
    return fold(text or "").replace(" ", "")


@dataclass(frozen=True)
class Candidate:
    kind: str  # "person" | "firm"
    id: str
    name: str
    detail: str

    @property
    def label(self) -> str:
        return f"{self.name} — {self.detail}" if self.detail else self.name


def load_candidates(db: Database, kinds: tuple[str, ...] = ("person", "firm")) -> list[Candidate]:
    out: list[Candidate] = []
    firm_names: dict[str, str] = {}
    if "firm" in kinds or "person" in kinds:
        for firm in records.list_records(db, "firm"):
            firm_names[firm.id] = firm.title
    if "person" in kinds:
        for person in records.list_records(db, "person"):
            detail = " · ".join(
                x for x in (person.get("title") or "", firm_names.get(person.get("firm_id"), ""))
                if x
            )
            out.append(Candidate("person", person.id, person.title, detail))
    if "firm" in kinds:
        for fid, name in firm_names.items():
            out.append(Candidate("firm", fid, name, ""))
    out.sort(key=lambda c: (c.kind != "person", c.name))
    return out


class RecordPicker(QWidget):
    """A filter box over a list of people and firms; Enter or double-click picks one."""

    picked = Signal(object)  # Candidate

    def __init__(self, candidates: list[Candidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("pickerFilter")
        self.filter_edit.setPlaceholderText(self.tr("Find a person or firm…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("pickerList")
        self.list.setAlternatingRowColors(True)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setObjectName("pickerAdd")
        kind_names = {"person": self.tr("person"), "firm": self.tr("firm")}
        for c in candidates:
            item = QListWidgetItem(f"{c.label}  ({kind_names[c.kind]})")
            item.setData(ID_ROLE, c)
            item.setData(KEY_ROLE, search_key(c.label))
            self.list.addItem(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.add_button)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.filter_edit.returnPressed.connect(self._pick_first_visible)
        self.list.itemActivated.connect(self._pick_item)
        self.add_button.clicked.connect(self._pick_current)

    def _apply_filter(self, text: str) -> None:
        key = search_key(text)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(key) and key not in item.data(KEY_ROLE))
        first = self.visible_items()
        if first:
            self.list.setCurrentItem(first[0])

    def visible_items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())
                if not self.list.item(i).isHidden()]

    def _pick_first_visible(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            visible = self.visible_items()
            item = visible[0] if visible else None
        if item is not None:
            self._pick_item(item)

    def _pick_current(self) -> None:
        items = [i for i in self.list.selectedItems() if not i.isHidden()]
        for item in items:
            self._pick_item(item)

    def _pick_item(self, item: QListWidgetItem) -> None:
        self.picked.emit(item.data(ID_ROLE))

    def pick_by_name(self, name: str) -> bool:
        """Pick the first candidate whose name is ``name`` (for keyboard users and tests)."""
        for i in range(self.list.count()):
            c: Candidate = self.list.item(i).data(ID_ROLE)
            if c.name == name:
                self.picked.emit(c)
                return True
        return False


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
        for code, label in PARTICIPANT_ROLES.items():
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
            text = to_persian_digits(item.text())
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


class PersonOwnerField(QComboBox):
    """Who follows a resolution up: a known person (picked by name) or free text."""

    def __init__(self, people: list[Candidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("", None)
        for p in people:
            self.addItem(p.name, p.id)
        completer = QCompleter([p.name for p in people], self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(self.tr("Person or text"))

    def set_owner(self, person_id: str | None, text: str | None) -> None:
        index = self.findData(person_id) if person_id else -1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(0)
            self.setEditText(text or "")

    def owner(self) -> tuple[str | None, str | None]:
        """(owner_person_id, owner_text): a typed name that matches a person becomes the person."""
        text = self.currentText().strip()
        if not text:
            return None, None
        key = search_key(text)
        for i in range(1, self.count()):
            if search_key(self.itemText(i)) == key:
                return self.itemData(i), None
        return None, text
