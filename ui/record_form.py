"""A generic right-to-left form for one record of any kind, built from ``services.schema.SPECS``.

The form never validates on its own: Save hands everything typed to ``records.create`` or
``records.update`` in one call, and a ``ValidationError`` comes back as red Persian messages under
the fields it names, with nothing closed and nothing lost.  Names are checked for near-duplicates
(علي / علی) while the user types, as a non-blocking notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models.english import people_label, people_labels
from models.vocab import SIZE_CLASSES, size_class
from persian.digits import fa_number, parse_int, people_digits
from services import records
from services.errors import NotFoundError, ServiceError, ValidationError
from services.forms import record_form_data
from services.schema import SPECS, FieldSpec
from ui.context import AppContext
from ui.errors import show_error
from ui.jalali_date_edit import JalaliDateEdit
from ui.unsaved import DISCARD, KEEP, SAVE, ask_unsaved

ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "color: #8a5a00; background: #fff6dc; padding: 4px; border-radius: 3px;"
NAME_CHECK_DELAY_MS = 400
NUMBER_TYPES = ("int", "money", "hours", "score", "float")
TEXT_TYPES = ("text", "phone", "email", "national_code", "national_id", "time")

# Fields the forms leave out: bookkeeping the user does not type.
HIDDEN_FIELDS = frozenset({"is_sample"})


class NumberEdit(QLineEdit):
    """A number field that accepts Latin, Persian and Arabic-Indic digits and shows Persian ones."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textEdited.connect(self._to_persian)

    def _to_persian(self, text: str) -> None:
        converted = people_digits(text)
        if converted != text:
            pos = self.cursorPosition()
            self.setText(converted)
            self.setCursorPosition(pos)


def _exec_box(box: QMessageBox) -> object:
    """Run the unsaved-changes question; tests replace this to answer without a modal loop."""
    return box.exec()


class RecordForm(QDialog):
    """Create (``record_id=None``) or edit one record of ``kind``."""

    saved = Signal(object)  # RecordView

    def __init__(
        self,
        ctx: AppContext,
        kind: str,
        record_id: str | None = None,
        parent: QWidget | None = None,
        *,
        defaults: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.spec = SPECS[kind]
        self.record_id = record_id
        self.result_view = None
        self._inputs: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self.setObjectName(f"recordForm_{kind}")
        self.setModal(True)
        self.setMinimumWidth(560)

        title = (QCoreApplication.translate("RecordForm", "Edit {kind}") if record_id else QCoreApplication.translate("RecordForm", "New {kind}")).format(
            kind=people_label(self.spec.label))
        self.setWindowTitle(title)

        outer = QVBoxLayout(self)
        self.general_error = QLabel(self)
        self.general_error.setObjectName("generalError")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        outer.addWidget(self.general_error)

        body = QWidget()
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form_layout = form
        self.name_warning = QLabel()
        self.name_warning.setObjectName("nameWarning")
        self.name_warning.setStyleSheet(WARNING_STYLE)
        self.name_warning.setWordWrap(True)
        self.name_warning.hide()
        self.size_hint_label: QLabel | None = None
        # One read for the record and every reference field's choices (services.forms).
        data = record_form_data(ctx.db, kind, record_id)
        self._choices = data.choices
        for field in self.spec.fields:
            if field.name in HIDDEN_FIELDS:
                continue
            self._add_field(form, field)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(QCoreApplication.translate("RecordForm", "Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(QCoreApplication.translate("RecordForm", "Save (Ctrl+S)"))
        self.cancel_button = buttons.addButton(QCoreApplication.translate("RecordForm", "Cancel"),
                                               QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("cancelButton")
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        outer.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)

        self._name_timer = QTimer(self)
        self._name_timer.setSingleShot(True)
        self._name_timer.setInterval(NAME_CHECK_DELAY_MS)
        self._name_timer.timeout.connect(self.check_name)

        if data.record is not None:
            view = data.record
            # Saved back as expected_version: an edit made meanwhile by another user of the
            # office database is refused with a message, never silently overwritten.
            self.loaded_version = view.values.get("version")
            self._load(view.values)
        else:
            initial = dict(defaults or {})
            if (self.spec.cluster_field and self.spec.cluster_field not in initial
                    and ctx.cluster_id):
                initial[self.spec.cluster_field] = ctx.cluster_id
            self._load(initial)
        self._snapshot = self.collect()
        size = min(len(self._inputs), 12) * 44 + 140
        self.resize(620, max(320, size))

    # -- building -----------------------------------------------------------------------------
    def _add_field(self, form: QFormLayout, field: FieldSpec) -> None:
        widget = self._make_input(field)
        widget.setObjectName(f"field_{field.name}")
        widget.setAccessibleName(people_label(field.label))
        self._inputs[field.name] = widget
        container = QWidget()
        box = QVBoxLayout(container)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        if field.name == self.spec.name_field:
            box.addWidget(self.name_warning)
            assert isinstance(widget, QLineEdit)
            widget.textEdited.connect(lambda _t: self._name_timer.start())
        if self.kind == "firm" and field.name == "employees":
            self.size_hint_label = QLabel()
            self.size_hint_label.setObjectName("sizeClass")
            box.addWidget(self.size_hint_label)
            assert isinstance(widget, QLineEdit)
            widget.textChanged.connect(self._update_size_class)
        error = QLabel()
        error.setObjectName(f"error_{field.name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        self._errors[field.name] = error
        label = QLabel(people_label(field.label) + (" *" if field.required else ""))
        label.setBuddy(widget)
        form.addRow(label, container)

    def _make_input(self, field: FieldSpec) -> QWidget:
        t = field.type
        if t == "longtext":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(72)
            return edit
        if t == "date":
            return JalaliDateEdit(allow_empty=True)
        if t in NUMBER_TYPES:
            number = NumberEdit()
            self._align_to_reading_start(number)
            return number
        if t == "bool":
            return QCheckBox()
        if t == "choice":
            combo = QComboBox()
            combo.addItem("—", None)
            for code, label in people_labels(field.choices or {}).items():
                combo.addItem(label, code)
            return combo
        if t == "ref":
            combo = QComboBox()
            combo.addItem("—", None)
            assert field.ref_kind is not None
            for record_id, title in self._choices.get(field.ref_kind, ()):
                combo.addItem(title, record_id)
            return combo
        edit = QLineEdit()
        if t == "email":
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        if t == "time":
            edit.setPlaceholderText("۱۴:۳۰")
        if t in ("phone", "national_code", "national_id", "time"):
            # Digits alone would make Qt align the text to the left in a right-to-left form.
            self._align_to_reading_start(edit)
        if t in ("phone", "national_code", "national_id"):
            edit.textEdited.connect(lambda text, e=edit: self._persian_digits(e, text))
        return edit

    @staticmethod
    def _align_to_reading_start(edit: QLineEdit) -> None:
        if QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)

    @staticmethod
    def _persian_digits(edit: QLineEdit, text: str) -> None:
        converted = people_digits(text)
        if converted != text:
            pos = edit.cursorPosition()
            edit.setText(converted)
            edit.setCursorPosition(pos)

    # -- values -------------------------------------------------------------------------------
    def input(self, name: str) -> QWidget:
        return self._inputs[name]

    def _load(self, values: Mapping[str, Any]) -> None:
        for name, widget in self._inputs.items():
            field = self.spec.field(name)
            value = values.get(name)
            if isinstance(widget, JalaliDateEdit):
                widget.setDate(value if isinstance(value, dt.date) else None)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                index = widget.findData(value) if value is not None else 0
                if index < 0 and field.type == "ref" and value is not None:
                    # A reference to a record in the trash: keep it visible and selected.
                    widget.addItem(QCoreApplication.translate("RecordForm", "(deleted record)"), value)
                    index = widget.count() - 1
                widget.setCurrentIndex(max(index, 0))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText("" if value is None else str(value))
            elif isinstance(widget, QLineEdit):
                if value is None:
                    widget.setText("")
                elif field.type in NUMBER_TYPES:
                    widget.setText(fa_number(value, grouping=field.type == "money"))
                else:
                    text = str(value)
                    if field.type in ("phone", "national_code", "national_id", "time"):
                        text = people_digits(text)
                    widget.setText(text)

    def collect(self) -> dict[str, Any]:
        """What the user typed, field by field, as the services accept it."""
        data: dict[str, Any] = {}
        for name, widget in self._inputs.items():
            if isinstance(widget, JalaliDateEdit):
                value: Any = widget.date()
                if value is None and widget.text().strip():
                    value = widget.text()  # unreadable: let the service explain in Persian
            elif isinstance(widget, QCheckBox):
                value = widget.isChecked()
            elif isinstance(widget, QComboBox):
                value = widget.currentData()
            elif isinstance(widget, QPlainTextEdit):
                value = widget.toPlainText() or None
            else:
                assert isinstance(widget, QLineEdit)
                value = widget.text() or None
            data[name] = value
        return data

    def is_dirty(self) -> bool:
        return self.collect() != self._snapshot

    # -- name check and size class -----------------------------------------------------------
    def check_name(self) -> None:
        name_field = self.spec.name_field
        if not name_field or name_field not in self._inputs:
            return
        widget = self._inputs[name_field]
        assert isinstance(widget, QLineEdit)
        text = widget.text().strip()
        warnings = records.check_name(self.ctx.db, self.kind, text, self.record_id) if text else ()
        if warnings:
            self.name_warning.setText("\n".join(warnings))
            self.name_warning.show()
        else:
            self.name_warning.clear()
            self.name_warning.hide()

    def _update_size_class(self, text: str) -> None:
        assert self.size_hint_label is not None
        try:
            employees = parse_int(text) if text.strip() else None
        except ValueError:
            employees = None
        code = size_class(employees)
        self.size_hint_label.setText(
            QCoreApplication.translate("RecordForm", "Size class: {size}").format(size=people_label(SIZE_CLASSES[code])) if code else "")

    # -- saving -------------------------------------------------------------------------------
    def clear_errors(self) -> None:
        self.general_error.hide()
        self.general_error.clear()
        for label in self._errors.values():
            label.hide()
            label.clear()

    def show_errors(self, error: ValidationError) -> None:
        self.clear_errors()
        loose: list[str] = []
        first: QWidget | None = None
        for fe in error.errors:
            label = self._errors.get(fe.field)
            if label is None:
                loose.append(fe.message)
                continue
            text = (label.text() + "\n" + fe.message) if label.text() else fe.message
            label.setText(text)
            label.show()
            if first is None:
                first = self._inputs[fe.field]
        loose_text = "\n".join(loose)
        summary = QCoreApplication.translate("RecordForm", "Nothing was saved. Correct the fields marked in red.")
        self.general_error.setText(summary + ("\n" + loose_text if loose_text else ""))
        self.general_error.show()
        if first is not None:
            first.setFocus()

    def save(self) -> bool:
        """Save in one service call; True when saved (the dialog then closes)."""
        self._name_timer.stop()
        data = self.collect()
        try:
            if self.record_id is None:
                view = records.create(self.ctx.db, self.kind, data)
            else:
                view = records.update(self.ctx.db, self.kind, self.record_id, data,
                                      expected_version=getattr(self, "loaded_version", None))
                self.loaded_version = view.values.get("version")
        except ValidationError as exc:
            self.show_errors(exc)
            return False
        except (NotFoundError, ServiceError) as exc:
            show_error(self, exc.message)
            return False
        self.result_view = view
        self.record_id = view.id
        self._snapshot = data
        message = QCoreApplication.translate("RecordForm", "Saved: {title}").format(title=view.title)
        if view.warnings:
            message += " — " + " ".join(view.warnings)
        self.ctx.statusMessage.emit(message)
        self.saved.emit(view)
        super().accept()
        return True

    def accept(self) -> None:  # Enter in a line edit must not close without saving
        self.save()

    def reject(self) -> None:
        if self.is_dirty():
            # Enter keeps editing here: this modal form closes on Save, so a stray Enter in
            # the question must not close it.
            answer = ask_unsaved(self, default=KEEP, run=_exec_box)
            if answer == SAVE:
                self.save()
                return
            if answer != DISCARD:
                return
        super().reject()


def open_record_form(
    ctx: AppContext,
    kind: str,
    record_id: str | None = None,
    parent: QWidget | None = None,
    *,
    defaults: Mapping[str, Any] | None = None,
) -> Any:
    """Open the form modally; returns the saved RecordView or None."""
    try:
        form = RecordForm(ctx, kind, record_id, parent, defaults=defaults)
    except NotFoundError as exc:
        show_error(parent, exc.message)
        return None
    form.exec()
    view = form.result_view
    form.deleteLater()
    return view
