"""Choosing people and firms: the candidates, a searchable list and an owner field.

Names are matched through the search fold (persian.fold): «علي» finds «علی», and a space, a
ZWNJ or nothing between the parts of a name all match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from persian.fold import fold
from services.views import RecordView

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


def candidates_from(people: Sequence[RecordView], firms: Sequence[RecordView]) -> list[Candidate]:
    """People (with their title and firm) first, then firms, each by name."""
    firm_names = {firm.id: firm.title for firm in firms}
    out = [Candidate("person", person.id, person.title, " · ".join(
        x for x in (person.get("title") or "", firm_names.get(person.get("firm_id"), "")) if x))
        for person in people]
    out.extend(Candidate("firm", fid, name, "") for fid, name in firm_names.items())
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
