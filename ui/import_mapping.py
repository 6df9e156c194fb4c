"""The mapping step of «ورود از اکسل»: for each field, the workbook column that feeds it.

One combo per field lists the headers of the workbook's sheets; the import's own guess (headers
matched by name, then the user's choices from the previous file) is preselected. The widget only
holds header texts, never records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from models.english import people_label
from services.activity_import import ACTIVITY_FIELDS, RESOLUTION_FIELDS, ColumnMapping, ImportField


class _FieldCombos(QGroupBox):
    """A titled form: one combo per field, item data = the header text ("" = not read)."""

    def __init__(self, title: str, fields: Sequence[ImportField], prefix: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.fields = tuple(fields)
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field in self.fields:
            combo = QComboBox(self)
            combo.setObjectName(f"{prefix}_{field.name}")
            combo.setMinimumWidth(220)
            combo.setAccessibleName(people_label(field.label))
            self.combos[field.name] = combo
            form.addRow(QLabel(people_label(field.label), self), combo)

    def fill(self, headers: Sequence[str], chosen: Mapping[str, str], none_text: str) -> None:
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(none_text, "")
            for header in headers:
                combo.addItem(header, header)
            index = combo.findData(chosen.get(name, ""))
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

    def chosen(self) -> dict[str, str]:
        return {name: str(combo.currentData() or "") for name, combo in self.combos.items()}


class MappingWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importMapping")
        self.activity_box = _FieldCombos(self.tr("Columns of the activity sheets"),
                                         ACTIVITY_FIELDS, "mapActivity", self)
        self.resolution_box = _FieldCombos(self.tr("Columns of the resolutions sheet"),
                                           RESOLUTION_FIELDS, "mapResolution", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.activity_box)
        layout.addWidget(self.resolution_box)
        layout.addStretch(1)

    def fill(self, activity_headers: Sequence[str], resolution_headers: Sequence[str],
             mapping: ColumnMapping) -> None:
        none_text = self.tr("— not in the file —")
        self.activity_box.fill(activity_headers, mapping.activity, none_text)
        self.resolution_box.fill(resolution_headers, mapping.resolution, none_text)
        self.resolution_box.setVisible(bool(resolution_headers))

    def mapping(self) -> ColumnMapping:
        return ColumnMapping(self.activity_box.chosen(),
                             self.resolution_box.chosen() if self.resolution_box.isVisibleTo(self)
                             else {})

    def combo(self, role: str, field: str) -> QComboBox:
        box = self.activity_box if role == "activity" else self.resolution_box
        return box.combos[field]
