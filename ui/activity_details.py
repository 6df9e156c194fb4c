"""The details tab of the activity form: one editor per field of the activity spec.

Built from ``services.schema.SPECS["activity"]``: every field a kind has, with the spec's Persian
label and an inline error under it; the fields a kind does not have are hidden, not removed, so
switching the kind of a new activity keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models.english import people_label, people_labels
from persian.digits import fa_number, people_digits
from services.schema import SPECS, FieldSpec
from ui.form_parts import error_label, set_error
from ui.jalali_date_edit import JalaliDateEdit

NUMBER_TYPES = ("int", "money", "hours", "score")

# (id, title) of the records a reference field can point to, per referenced kind.
RefChoices = Mapping[str, Sequence[tuple[str, str]]]


class FieldRow:
    """One spec field: its editor, its inline error and the container placed in the form."""

    def __init__(self, spec: FieldSpec, editor: QWidget, container: QWidget, error: QLabel,
                 label: QLabel) -> None:
        self.spec = spec
        self.editor = editor
        self.container = container
        self.error = error
        self.label = label


def _number_text(spec: FieldSpec, value: Any) -> str:
    if value is None:
        return ""
    if spec.type == "money":
        return fa_number(int(value))
    if spec.type == "int":
        return people_digits(str(int(value)))
    return fa_number(float(value), grouping=False)


def _persianize_typing(edit: QLineEdit) -> None:
    def on_edit(text: str) -> None:
        converted = people_digits(text)
        if converted != text:
            pos = edit.cursorPosition()
            edit.setText(converted)
            edit.setCursorPosition(pos)

    edit.textEdited.connect(on_edit)


class ActivityDetails(QWidget):
    """The activity's own fields (not its participants, resolutions or attachments)."""

    def __init__(self, ref_choices: RefChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, FieldRow] = {}
        self.form_layout = QFormLayout(self)
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form_layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeading
                                           | Qt.AlignmentFlag.AlignTop)
        for spec in SPECS["activity"].fields:
            if spec.name != "kind":  # chosen in the form's header
                self._add_field(spec, ref_choices)

    def _make_editor(self, spec: FieldSpec, ref_choices: RefChoices) -> QWidget:
        if spec.type == "longtext":
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(90 if spec.name in ("agenda", "summary", "description") else 64)
            return edit
        if spec.type == "date":
            return JalaliDateEdit(self)
        if spec.type in ("choice", "ref"):
            combo = QComboBox(self)
            if spec.type == "ref":
                combo.setMinimumWidth(260)
                for record_id, title in ref_choices.get(spec.ref_kind or "cluster", ()):
                    combo.addItem(title, record_id)
                return combo
            if not spec.required:
                combo.addItem("—", None)
            for code, label in people_labels(spec.choices or {}).items():
                combo.addItem(label, code)
            return combo
        line = QLineEdit(self)
        if spec.type in NUMBER_TYPES or spec.type == "time":
            _persianize_typing(line)
            line.setMaximumWidth(220)
            line.setAlignment(Qt.AlignmentFlag.AlignLeft)  # numbers read left to right
            if spec.type == "time":
                line.setPlaceholderText(people_digits("14:30"))
                line.setMaximumWidth(90)
        return line

    def _add_field(self, spec: FieldSpec, ref_choices: RefChoices) -> None:
        editor = self._make_editor(spec, ref_choices)
        editor.setObjectName(f"field_{spec.name}")
        error = error_label(self)
        error.setObjectName(f"error_{spec.name}")
        container = QWidget(self)
        box = QVBoxLayout(container)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(editor, 0 if isinstance(editor, JalaliDateEdit) else 1)
        if isinstance(editor, (JalaliDateEdit, QComboBox)) or (
            isinstance(editor, QLineEdit) and editor.maximumWidth() < 1000
        ):
            row.addStretch(1)
        box.addLayout(row)
        box.addWidget(error)
        label = QLabel(people_label(spec.label) + (" *" if spec.required else ""), self)
        label.setBuddy(editor)
        self.form_layout.addRow(label, container)
        self.rows[spec.name] = FieldRow(spec, editor, container, error, label)

    # -- kind -------------------------------------------------------------------------------
    def apply_kind(self, kind: str) -> None:
        for row in self.rows.values():
            self.form_layout.setRowVisible(row.container, row.spec.applies_to(kind))

    # -- values -----------------------------------------------------------------------------
    def set_values(self, values: Mapping[str, Any]) -> None:
        for name, row in self.rows.items():
            self._set_value(row, values.get(name))

    def select(self, name: str, value: Any) -> None:
        """Choose ``value`` in the combo box of ``name`` when it is one of its choices."""
        combo = self.rows[name].editor
        assert isinstance(combo, QComboBox)
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    @staticmethod
    def _set_value(row: FieldRow, value: Any) -> None:
        editor, spec = row.editor, row.spec
        if isinstance(editor, JalaliDateEdit):
            editor.setDate(value)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        elif isinstance(editor, QComboBox):
            index = editor.findData(value)
            if index < 0 and value is not None and spec.type == "ref":
                editor.addItem(str(value), value)  # e.g. a cluster in the trash: keep it
                index = editor.count() - 1
            editor.setCurrentIndex(max(0, index))
        elif isinstance(editor, QLineEdit):
            if spec.type in NUMBER_TYPES:
                editor.setText(_number_text(spec, value))
            elif spec.type == "time":
                editor.setText(people_digits(value or ""))
            else:
                editor.setText("" if value is None else str(value))

    @staticmethod
    def _value(row: FieldRow) -> Any:
        editor = row.editor
        if isinstance(editor, JalaliDateEdit):
            if editor.isValid():
                return editor.date()
            return editor.text() or None  # the service names the field and the problem
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QLineEdit):
            return editor.text()
        raise AssertionError(type(editor))

    def values(self, kind: str) -> dict[str, Any]:
        """What the user typed in the fields ``kind`` has, as the services accept it."""
        return {name: self._value(row) for name, row in self.rows.items()
                if row.spec.applies_to(kind)}

    # -- errors -----------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for row in self.rows.values():
            set_error(row.error, "")

    def add_error(self, name: str, message: str) -> None:
        row = self.rows[name]
        old = row.error.text() if not row.error.isHidden() else ""
        set_error(row.error, f"{old}\n{message}" if old else message)

    def error_text(self, name: str) -> str:
        label = self.rows[name].error
        return label.text() if not label.isHidden() else ""
