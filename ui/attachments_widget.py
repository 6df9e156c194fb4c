"""The files attached to a saved record: add (file dialog), open (the system viewer), remove; an
activity's photos carry a tick box «در گزارش» (printed in its minutes and the performance report)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.database import Database
from persian.digits import fa_number
from services import attachments
from services.errors import ServiceError
from ui.errors import show_error

ID_ROLE = Qt.ItemDataRole.UserRole


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return fa_number(round(size / (1024 * 1024), 1)) + " MB"
    if size >= 1024:
        return fa_number(round(size / 1024)) + " KB"
    return fa_number(size) + " B"


class AttachmentsWidget(QWidget):
    changed = Signal()

    def __init__(self, db: Database, owner_kind: str, owner_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._owner_kind = owner_kind
        self._owner_id: str | None = None
        self.note = QLabel(self)
        self.note.setObjectName("attachmentsNote")
        self.note.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("attachmentsList")
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.itemChanged.connect(self._in_report_changed)
        self.add_button = QPushButton(self.tr("Attach a file…"), self)
        self.add_button.setObjectName("attachmentsAdd")
        self.open_button = QPushButton(self.tr("Open"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.add_button.clicked.connect(self.choose_and_add)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.set_owner(owner_id)

    def set_owner(self, owner_id: str | None,
                  items: Sequence[attachments.AttachmentView] | None = None) -> None:
        """Show the files of ``owner_id``: ``items`` when the caller read them already."""
        self._owner_id = owner_id
        saved = owner_id is not None
        for w in (self.list, self.add_button, self.open_button, self.remove_button):
            w.setEnabled(saved)
        text = (self.tr("Photos, scanned attendance sheets and documents of this record.")
                if saved else self.tr("Save the activity first; then you can attach files to it."))
        if saved and self._owner_kind == "activity":
            text += " " + self.tr("Tick a photo to print it in the minutes and the performance "
                                  "report.")
        self.note.setText(text)
        self.refresh(items)

    def refresh(self, items: Sequence[attachments.AttachmentView] | None = None) -> None:
        self.list.blockSignals(True)  # filling the list is not the user ticking boxes
        try:
            self.list.clear()
            if self._owner_id is None:
                return
            if items is None:
                items = attachments.list_attachments(self._db, self._owner_kind, self._owner_id)
            for a in items:
                item = QListWidgetItem(f"{a.file_name}  ({size_text(a.size)})")
                item.setData(ID_ROLE, a.id)
                # A list item is user-checkable by default; only an activity's photos keep it.
                checkable = Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(item.flags() | checkable if a.can_be_in_report
                              else item.flags() & ~checkable)
                if a.can_be_in_report:
                    item.setCheckState(Qt.CheckState.Checked if a.in_report
                                       else Qt.CheckState.Unchecked)
                    item.setToolTip(self.tr("In the report: printed on the photo page of the "
                                            "minutes and the performance report"))
                self.list.addItem(item)
        finally:
            self.list.blockSignals(False)

    def _in_report_changed(self, item: QListWidgetItem) -> None:
        if not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return
        wanted = item.checkState() == Qt.CheckState.Checked
        try:
            attachments.set_in_report(self._db, item.data(ID_ROLE), wanted)
        except ServiceError as exc:
            show_error(self, exc.message)
            self.refresh()  # show what is stored, not what was refused
            return
        self.changed.emit()

    def choose_and_add(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        for path in paths:
            self.add_file(path)

    def add_file(self, path: str | Path) -> bool:
        if self._owner_id is None:
            return False
        try:
            attachments.add_attachment(self._db, self._owner_kind, self._owner_id, path)
        except ServiceError as exc:
            show_error(self, exc.message)
            return False
        self.refresh()
        self.changed.emit()
        return True

    def _selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def open_selected(self) -> None:
        attachment_id = self._selected_id()
        if attachment_id is None:
            return
        try:
            path = attachments.attachment_file(self._db, attachment_id)
            # The store names files by hash; copy out under the real name so the viewer knows
            # the type and the user sees a sensible title.
            target = attachments.export_attachment(self._db, attachment_id,
                                                   self._db.files_dir.parent / ".open"
                                                   / path.name[:12])
        except ServiceError as exc:
            show_error(self, exc.message)
            return
        except OSError as exc:
            show_error(self, self.tr("The file could not be opened.") + f" ({exc.strerror})")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def remove_selected(self) -> None:
        attachment_id = self._selected_id()
        if attachment_id is None:
            return
        try:
            attachments.remove_attachment(self._db, attachment_id)
        except ServiceError as exc:
            show_error(self, exc.message)
            return
        self.refresh()
        self.changed.emit()
