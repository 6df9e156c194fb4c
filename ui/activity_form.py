"""The activity form: one dialog for meetings, trainings, tours, exhibitions and other activities.

Built from the activity spec (services.schema): every field a kind has, with the spec's Persian
label, and nothing it does not have.  Saving is one call to ``save_activity`` (one transaction
for the activity, its participants and its resolutions); a ValidationError is shown next to
each field it names and nothing closes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models.english import people_label, people_labels
from models.vocab import ACTIVITY_KINDS
from persian.digits import people_digits
from services.activities import get_activity, save_activity
from services.attachments import AttachmentView
from services.errors import FieldError, ServiceError, ValidationError
from services.forms import activity_form_data
from services.views import ActivityDetail
from ui.activity_details import ActivityDetails
from ui.attachments_widget import AttachmentsWidget
from ui.context import AppContext
from ui.errors import show_error
from ui.form_parts import error_label, set_error
from ui.participants_editor import ParticipantsEditor
from ui.pickers import candidates_from
from ui.resolutions_editor import ResolutionsEditor
from ui.unsaved import DISCARD, KEEP, SAVE, ask_unsaved

__all__ = ["DISCARD", "KEEP", "SAVE", "ActivityForm", "ask_unsaved", "maybe_close_all",
           "open_activity_form", "open_forms"]


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

        # One read for everything the form shows (services.forms), then no more until a save.
        data = activity_form_data(ctx.db, activity_id)
        candidates = candidates_from(data.people, data.firms)
        self._people = [c for c in candidates if c.kind == "person"]

        # -- header: the kind, chosen first --------------------------------------------------
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindCombo")
        for code, label in people_labels(ACTIVITY_KINDS).items():
            self.kind_combo.addItem(label, code)
        self.heading = QLabel(self)
        self.heading.setObjectName("formHeading")
        font = self.heading.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = error_label(self)
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
        self.details = ActivityDetails(data.choices, self)
        # The form's own names for the details' parts (the tests and older callers use them).
        self._rows = self.details.rows
        self.form_layout = self.details.form_layout
        details_scroll = QScrollArea(self)
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        details_scroll.setWidget(self.details)

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
        if data.detail is not None:
            self.load(data.detail, data.attachments)
        else:
            self._start_new(kind or "meeting")

    # -- kind -------------------------------------------------------------------------------
    def kind(self) -> str:
        return self.kind_combo.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def _apply_kind(self) -> None:
        kind = self.kind()
        self.details.apply_kind(kind)
        self.participants.set_activity_kind(kind)
        self.tabs.setTabVisible(self.resolutions_tab, kind == "meeting")
        self._update_heading()

    def _update_heading(self) -> None:
        label = people_label(ACTIVITY_KINDS.get(self.kind(), ""))
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
        return self.details.error_text(name)

    # -- values -----------------------------------------------------------------------------
    def _start_new(self, kind: str) -> None:
        self._activity_id = None
        self.print_button.hide()
        with QSignalBlocker(self.kind_combo):
            self.set_kind(kind)
        self.kind_combo.setEnabled(True)
        if self.ctx.cluster_id is not None:
            self.details.select("cluster_id", self.ctx.cluster_id)
        self.details.select("status", "done")
        self.attachments.set_owner(None)
        self._apply_kind()
        self._take_snapshot()
        self.kind_combo.setFocus()

    def load(self, detail: ActivityDetail,
             attachments: Sequence[AttachmentView] | None = None) -> None:
        """Show a saved activity; ``attachments`` when already read (else the widget reads)."""
        view = detail.activity
        self._activity_id = detail.id
        # Saved back as expected_version: another user's edit meanwhile is refused, not lost.
        self._loaded_version = view.values.get("version")
        with QSignalBlocker(self.kind_combo):
            self.set_kind(view["kind"])
        self.kind_combo.setEnabled(False)  # the kind of a saved activity does not change
        self.details.set_values(view.values)
        self.participants.set_participants(detail.participants)
        self.resolutions.set_resolutions(detail.resolutions)
        self.attachments.set_owner(detail.id, attachments)
        self._apply_kind()
        self._take_snapshot()
        kind = view["kind"]
        self.print_button.setVisible(kind in ("meeting", "training"))
        self.print_button.setText(self.tr("Print minutes…") if kind == "meeting"
                                  else self.tr("Print attendance sheet…"))

    def collect(self) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]] | None]:
        kind = self.kind()
        data: dict[str, Any] = {"kind": kind, **self.details.values(kind)}
        participants = self.participants.participants()
        resolutions = self.resolutions.values() if kind == "meeting" else None
        return data, participants, resolutions

    def _take_snapshot(self) -> None:
        self._snapshot = repr(self.collect())

    def is_dirty(self) -> bool:
        return repr(self.collect()) != self._snapshot

    def activity_id(self) -> str | None:
        return self._activity_id

    # -- saving -----------------------------------------------------------------------------
    def clear_errors(self) -> None:
        self.details.clear_errors()
        set_error(self.summary, "")
        self.participants.show_error("")
        self.resolutions.clear_errors()
        self.warnings.hide()

    def show_errors(self, errors: list[FieldError]) -> None:
        first_tab: int | None = None
        general: list[str] = []
        # Some service messages carry Latin digits («مصوبه 1»); people read Persian digits.
        errors = [FieldError(e.field, e.code, people_digits(e.message)) for e in errors]
        for err in errors:
            field = err.field
            if field in self._rows:
                self.details.add_error(field, err.message)
                tab = 0
            elif field == "participants":
                self.participants.show_error(err.message)
                tab = self.participants_tab
            elif field.startswith("resolutions["):
                number = int(field[len("resolutions["):field.index("]")])
                self.resolutions.show_row_error(number, err.message)
                tab = self.resolutions_tab
            elif field == "resolutions":
                set_error(self.resolutions.error, err.message)
                tab = self.resolutions_tab
            else:
                general.append(err.message)
                tab = 0
            if first_tab is None:
                first_tab = tab
        summary = self.tr("Nothing was saved. Correct the items marked in red.")
        set_error(self.summary, "\n".join([summary, *general]))
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
