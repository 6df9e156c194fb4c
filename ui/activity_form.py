"""The activity form: one dialog for meetings, trainings, tours, exhibitions and other activities.

Built from the activity spec (services.schema): every field a kind has, with the spec's Persian
label, and nothing it does not have.  Saving is one call to ``save_activity`` (one transaction
for the activity, its participants and its resolutions); a ValidationError is shown next to
each field it names and nothing closes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.vocab import ACTIVITY_KINDS, RESOLUTION_STATUSES
from persian.digits import fa_number, to_persian_digits
from services import records
from services.activities import get_activity, save_activity
from services.errors import FieldError, ServiceError, ValidationError
from services.schema import SPECS, FieldSpec
from services.views import ActivityDetail, RecordView
from ui.attachments_widget import AttachmentsWidget
from ui.context import AppContext
from ui.errors import show_error
from ui.jalali_date_edit import JalaliDateEdit
from ui.pickers import Candidate, ParticipantsEditor, PersonOwnerField, load_candidates

ERROR_STYLE = "color: #b3261e;"
NUMBER_TYPES = ("int", "money", "hours", "score")

SAVE, DISCARD, KEEP = "save", "discard", "keep"


def ask_unsaved(parent: QWidget) -> str:
    """Ask what to do with unsaved changes: SAVE, DISCARD or KEEP (tests replace this)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("ActivityForm", "Unsaved changes"))
    box.setText(QCoreApplication.translate("ActivityForm", "The changes are not saved. Save them before closing?"))
    save = box.addButton(QCoreApplication.translate("ActivityForm", "Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(QCoreApplication.translate("ActivityForm", "Discard changes"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(QCoreApplication.translate("ActivityForm", "Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(keep)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is save:
        return SAVE
    if clicked is discard:
        return DISCARD
    return KEEP


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _set_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


class _FieldRow:
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
        return to_persian_digits(str(int(value)))
    return fa_number(float(value), grouping=False)


def _persianize_typing(edit: QLineEdit) -> None:
    def on_edit(text: str) -> None:
        converted = to_persian_digits(text)
        if converted != text:
            pos = edit.cursorPosition()
            edit.setText(converted)
            edit.setCursorPosition(pos)

    edit.textEdited.connect(on_edit)


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
        for code, label in RESOLUTION_STATUSES.items():
            self.status.addItem(label, code)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(self))
        self.error = _error_label(self)
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
        self.number_label.setText(to_persian_digits(f"{n}."))

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
        self.error = _error_label(self)
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
        _set_error(self.error, "")
        for row in self.rows:
            _set_error(row.error, "")

    def show_row_error(self, number: int, message: str) -> None:
        kept = self._kept()
        if 1 <= number <= len(kept):
            row = kept[number - 1][0]
            old = row.error.text()
            _set_error(row.error, f"{old}\n{message}" if old else message)
        else:
            _set_error(self.error, message)


class ActivityForm(QDialog):
    """Create (``activity_id`` None) or edit an activity.  Non-modal; see ``open_activity_form``."""

    saved = Signal(str)

    def __init__(self, ctx: AppContext, activity_id: str | None = None, kind: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityForm")
        self.ctx = ctx
        self._activity_id: str | None = None
        self._closing = False
        self._snapshot: Any = None
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft
                                if self.isRightToLeft() else Qt.LayoutDirection.LeftToRight)
        self.resize(980, 720)

        candidates = load_candidates(ctx.db)
        self._people = [c for c in candidates if c.kind == "person"]

        # -- header: the kind, chosen first --------------------------------------------------
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindCombo")
        for code, label in ACTIVITY_KINDS.items():
            self.kind_combo.addItem(label, code)
        self.heading = QLabel(self)
        self.heading.setObjectName("formHeading")
        font = self.heading.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = _error_label(self)
        self.summary.setObjectName("formErrorSummary")
        self.warnings = QLabel(self)
        self.warnings.setObjectName("formWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a5a00;")
        self.warnings.hide()
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(QLabel(self.tr("Kind of activity:"), self))
        head.addWidget(self.kind_combo)

        # -- details ------------------------------------------------------------------------
        self._rows: dict[str, _FieldRow] = {}
        details = QWidget(self)
        self.form_layout = QFormLayout(details)
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form_layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeading
                                           | Qt.AlignmentFlag.AlignTop)
        for spec in SPECS["activity"].fields:
            if spec.name == "kind":
                continue
            self._add_field(details, spec)
        details_scroll = QScrollArea(self)
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        details_scroll.setWidget(details)

        self.participants = ParticipantsEditor(candidates, self)
        self.resolutions = ResolutionsEditor(self._people, self)
        self.attachments = AttachmentsWidget(ctx.db, "activity", None, self)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("formTabs")
        self.tabs.addTab(details_scroll, self.tr("Details"))
        self.participants_tab = self.tabs.addTab(self.participants, self.tr("Participants"))
        self.resolutions_tab = self.tabs.addTab(self.resolutions, self.tr("Resolutions"))
        self.attachments_tab = self.tabs.addTab(self.attachments, self.tr("Attachments"))

        # -- buttons ------------------------------------------------------------------------
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("Save and keep the form open (Ctrl+S)"))
        self.save_close_button = QPushButton(self.tr("Save and close"), self)
        self.save_close_button.setObjectName("saveCloseButton")
        self.save_close_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Close"), self)
        self.cancel_button.setObjectName("cancelButton")
        self.save_button.clicked.connect(self.save)
        self.save_close_button.clicked.connect(self.save_and_close)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        # Minutes of a meeting / attendance sheet of a training, built on the reports page.
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.print_document)
        self.print_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_close_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

        self.kind_combo.currentIndexChanged.connect(lambda _i: self._apply_kind())
        if activity_id is not None:
            self.load(get_activity(ctx.db, activity_id))
        else:
            self._start_new(kind or "meeting")

    # -- building ---------------------------------------------------------------------------
    def _add_field(self, parent: QWidget, spec: FieldSpec) -> None:
        editor: QWidget
        if spec.type == "longtext":
            edit = QPlainTextEdit(parent)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(90 if spec.name in ("agenda", "summary", "description") else 64)
            edit.textChanged.connect(self._on_changed)
            editor = edit
        elif spec.type == "date":
            date_edit = JalaliDateEdit(parent)
            date_edit.dateChanged.connect(lambda _d: self._on_changed())
            editor = date_edit
        elif spec.type == "choice":
            combo = QComboBox(parent)
            if not spec.required:
                combo.addItem("—", None)
            for code, label in (spec.choices or {}).items():
                combo.addItem(label, code)
            combo.currentIndexChanged.connect(lambda _i: self._on_changed())
            editor = combo
        elif spec.type == "ref":
            combo = QComboBox(parent)
            combo.setMinimumWidth(260)
            for view in records.list_records(self.ctx.db, spec.ref_kind or "cluster"):
                combo.addItem(view.title, view.id)
            combo.currentIndexChanged.connect(lambda _i: self._on_changed())
            editor = combo
        else:
            line = QLineEdit(parent)
            if spec.type in NUMBER_TYPES or spec.type == "time":
                _persianize_typing(line)
                line.setMaximumWidth(220)
                line.setAlignment(Qt.AlignmentFlag.AlignLeft)  # numbers read left to right
                if spec.type == "time":
                    line.setPlaceholderText(to_persian_digits("14:30"))
                    line.setMaximumWidth(90)
            line.textChanged.connect(self._on_changed)
            editor = line
        editor.setObjectName(f"field_{spec.name}")
        error = _error_label(parent)
        error.setObjectName(f"error_{spec.name}")
        container = QWidget(parent)
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
        label = QLabel(spec.label + (" *" if spec.required else ""), parent)
        label.setBuddy(editor)
        self.form_layout.addRow(label, container)
        self._rows[spec.name] = _FieldRow(spec, editor, container, error, label)

    # -- kind -------------------------------------------------------------------------------
    def kind(self) -> str:
        return self.kind_combo.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def _apply_kind(self) -> None:
        kind = self.kind()
        for row in self._rows.values():
            self.form_layout.setRowVisible(row.container, row.spec.applies_to(kind))
        self.participants.set_activity_kind(kind)
        self.tabs.setTabVisible(self.resolutions_tab, kind == "meeting")
        self._update_heading()

    def _update_heading(self) -> None:
        label = ACTIVITY_KINDS.get(self.kind(), "")
        if self._activity_id is None:
            text = self.tr("New %1").replace("%1", label)
        else:
            title = self.field_widget("title").text()  # type: ignore[attr-defined]
            text = f"{label}: {title}"
        self.heading.setText(text)
        self.setWindowTitle(text)

    def field_visible(self, name: str) -> bool:
        return self._rows[name].spec.applies_to(self.kind())

    def field_widget(self, name: str) -> QWidget:
        return self._rows[name].editor

    def field_error(self, name: str) -> str:
        label = self._rows[name].error
        return label.text() if not label.isHidden() else ""

    # -- values -----------------------------------------------------------------------------
    def _start_new(self, kind: str) -> None:
        self._activity_id = None
        self.print_button.hide()
        with QSignalBlocker(self.kind_combo):
            self.set_kind(kind)
        self.kind_combo.setEnabled(True)
        cluster = self._rows["cluster_id"].editor
        assert isinstance(cluster, QComboBox)
        if self.ctx.cluster_id is not None and cluster.findData(self.ctx.cluster_id) >= 0:
            cluster.setCurrentIndex(cluster.findData(self.ctx.cluster_id))
        status = self._rows["status"].editor
        assert isinstance(status, QComboBox)
        status.setCurrentIndex(max(0, status.findData("done")))
        self.attachments.set_owner(None)
        self._apply_kind()
        self._take_snapshot()
        self.kind_combo.setFocus()

    def load(self, detail: ActivityDetail) -> None:
        view = detail.activity
        self._activity_id = detail.id
        # Saved back as expected_version: another user's edit meanwhile is refused, not lost.
        self._loaded_version = view.values.get("version")
        with QSignalBlocker(self.kind_combo):
            self.set_kind(view["kind"])
        self.kind_combo.setEnabled(False)  # the kind of a saved activity does not change
        for name, row in self._rows.items():
            self._set_value(row, view.get(name))
        self.participants.set_participants(detail.participants)
        self.resolutions.set_resolutions(detail.resolutions)
        self.attachments.set_owner(detail.id)
        self._apply_kind()
        self._take_snapshot()
        kind = view["kind"]
        self.print_button.setVisible(kind in ("meeting", "training"))
        self.print_button.setText(self.tr("Print minutes…") if kind == "meeting"
                                  else self.tr("Print attendance sheet…"))

    def _set_value(self, row: _FieldRow, value: Any) -> None:
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
                editor.setText(to_persian_digits(value or ""))
            else:
                editor.setText("" if value is None else str(value))

    def _value(self, row: _FieldRow) -> Any:
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

    def collect(self) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]] | None]:
        kind = self.kind()
        data: dict[str, Any] = {"kind": kind}
        for name, row in self._rows.items():
            if row.spec.applies_to(kind):
                data[name] = self._value(row)
        participants = self.participants.participants()
        resolutions = self.resolutions.values() if kind == "meeting" else None
        return data, participants, resolutions

    def _take_snapshot(self) -> None:
        self._snapshot = repr(self.collect())

    def is_dirty(self) -> bool:
        return repr(self.collect()) != self._snapshot

    def activity_id(self) -> str | None:
        return self._activity_id

    def _on_changed(self) -> None:
        pass  # dirtiness is computed by comparing with the snapshot; nothing to track here

    # -- saving -----------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for row in self._rows.values():
            _set_error(row.error, "")
        _set_error(self.summary, "")
        self.participants.show_error("")
        self.resolutions.clear_errors()
        self.warnings.hide()

    def show_errors(self, errors: list[FieldError]) -> None:
        first_tab: int | None = None
        general: list[str] = []
        # Some service messages carry Latin digits («مصوبه 1»); people read Persian digits.
        errors = [FieldError(e.field, e.code, to_persian_digits(e.message)) for e in errors]
        for err in errors:
            field = err.field
            if field in self._rows:
                row = self._rows[field]
                old = row.error.text() if not row.error.isHidden() else ""
                _set_error(row.error, f"{old}\n{err.message}" if old else err.message)
                tab = 0
            elif field == "participants":
                self.participants.show_error(err.message)
                tab = self.participants_tab
            elif field.startswith("resolutions["):
                number = int(field[len("resolutions["):field.index("]")])
                self.resolutions.show_row_error(number, err.message)
                tab = self.resolutions_tab
            elif field == "resolutions":
                _set_error(self.resolutions.error, err.message)
                tab = self.resolutions_tab
            else:
                general.append(err.message)
                tab = 0
            if first_tab is None:
                first_tab = tab
        summary = self.tr("Nothing was saved. Correct the items marked in red.")
        _set_error(self.summary, "\n".join([summary, *general]))
        if first_tab is not None:
            self.tabs.setCurrentIndex(first_tab)
            for err in errors:
                if err.field in self._rows:
                    self._rows[err.field].editor.setFocus()
                    break

    def save(self) -> bool:
        """Validate and save in one transaction; True when saved (the form stays open)."""
        self.clear_errors()
        hours_error = self.participants.hours_error()
        if hours_error:
            self.show_errors([FieldError("participants", "number_invalid", hours_error)])
            return False
        data, participants, resolutions = self.collect()
        was_new = self._activity_id is None
        if not was_new:
            data.pop("kind", None)
        try:
            detail = save_activity(self.ctx.db, data, activity_id=self._activity_id,
                                   participants=participants, resolutions=resolutions,
                                   expected_version=None if was_new else self._loaded_version)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except ServiceError as exc:
            show_error(self, exc.message)
            return False
        self.load(detail)
        if detail.warnings:
            self.warnings.setText("\n".join(detail.warnings))
            self.warnings.show()
        self.ctx.notify_changed("activity")
        message = self.tr("Saved: %1").replace("%1", detail.activity.title)
        self.ctx.statusMessage.emit(message)
        self.saved.emit(detail.id)
        return True

    def print_document(self) -> None:
        """Saves what is unsaved, then asks the reports page for the minutes/attendance sheet."""
        if self._activity_id is None or (self.is_dirty() and not self.save()):
            return
        detail = get_activity(self.ctx.db, self._activity_id)
        kind = detail.activity["kind"]
        report, key = ("minutes", "meeting") if kind == "meeting" else ("attendance", "training")
        self.ctx.reportRequested.emit(report, {key: detail.id, "title": detail.activity.title,
                                               "cluster_id": detail.activity["cluster_id"]})
        self._closing = True
        self.accept()

    def save_and_close(self) -> None:
        if self.save():
            self._closing = True
            self.accept()

    # -- closing ----------------------------------------------------------------------------
    def maybe_close(self) -> bool:
        """True when the form may close: nothing unsaved, saved now, or changes discarded."""
        if self._closing or not self.is_dirty():
            return True
        answer = ask_unsaved(self)
        if answer == SAVE:
            return self.save()
        return answer == DISCARD

    def reject(self) -> None:
        # Esc, the Close button and the window's close box all come here.
        if self.maybe_close():
            self._closing = True
            super().reject()

    def force_close(self) -> None:
        self._closing = True
        self.close()


# --------------------------------------------------------------------------------------------
# Open forms
# --------------------------------------------------------------------------------------------

_OPEN_FORMS: list[ActivityForm] = []


def open_forms() -> list[ActivityForm]:
    return [f for f in _OPEN_FORMS if f.isVisible()]


def open_activity_form(ctx: AppContext, parent: QWidget | None = None,
                       activity_id: str | None = None, kind: str | None = None) -> ActivityForm:
    """Show the form for ``activity_id`` (raising an already open one) or a new activity."""
    if activity_id is not None:
        for form in open_forms():
            if form.activity_id() == activity_id:
                form.raise_()
                form.activateWindow()
                return form
    form = ActivityForm(ctx, activity_id=activity_id, kind=kind, parent=parent)
    form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _OPEN_FORMS.append(form)
    form.finished.connect(lambda _r, f=form: _OPEN_FORMS.remove(f) if f in _OPEN_FORMS else None)
    form.show()
    return form


def maybe_close_all() -> bool:
    """Ask every open form with unsaved changes; False when the user keeps editing one."""
    for form in open_forms():
        form.raise_()
        if not form.maybe_close():
            return False
    for form in open_forms():
        form.force_close()
    return True
