"""Ctrl+F: one search over everything, results grouped by kind, updated as the user types.

Spelling does not matter (services.search folds ي/ی, ك/ک, ZWNJ and digits), so «ميشود»,
«می شود» and «میشود» find the same records.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.english import people_label
from persian.digits import fa_number
from persian.jalali import format_jalali
from services import records
from services.errors import ServiceError
from services.search import KIND_LABELS, SearchHit, search
from ui import activity_form
from ui.context import AppContext
from ui.errors import show_error

DEBOUNCE_MS = 200
RESULT_LIMIT = 80
HIT_ROLE = Qt.ItemDataRole.UserRole

# Which page shows a kind's records (for kinds whose forms live on other pages).
PAGE_OF_KIND = {
    "firm": "directory",
    "person": "directory",
    "organisation": "directory",
    "joint_action": "joint_actions",
    "cluster": "clusters",
    "activity": "activities",
    "resolution": "followup",
}
KIND_ORDER = ("activity", "resolution", "firm", "person", "organisation", "joint_action",
              "cluster")


class SearchDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchDialog")
        self.ctx = ctx
        self.setWindowTitle(self.tr("Search everything"))
        self.resize(720, 560)
        self.query_edit = QLineEdit(self)
        self.query_edit.setObjectName("searchQuery")
        self.query_edit.setPlaceholderText(
            self.tr("Type a name, a title, a place or words of a resolution…")
        )
        self.query_edit.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setWordWrap(True)
        self.results.setSpacing(1)
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        hint = QLabel(self.tr("Enter or double-click opens · Esc closes"), self)
        hint.setStyleSheet("color: #6b7370;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(hint)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query_edit.textChanged.connect(lambda _t: self._timer.start())
        self.query_edit.returnPressed.connect(self._open_current_or_first)
        self.results.itemActivated.connect(self.open_item)
        self.query_edit.installEventFilter(self)
        self.hits: list[SearchHit] = []

    # -- searching --------------------------------------------------------------------------
    def run_search(self) -> None:
        self._timer.stop()
        query = self.query_edit.text()
        self.results.clear()
        self.hits = search(self.ctx.db, query, limit=RESULT_LIMIT) if query.strip() else []
        if not query.strip():
            self.status.setText("")
            return
        if not self.hits:
            self.status.setText(self.tr("Nothing found. Try fewer or shorter words."))
            return
        self.status.setText(self.tr("%1 results").replace("%1", fa_number(len(self.hits))))
        groups: dict[str, list[SearchHit]] = {}
        for hit in self.hits:
            groups.setdefault(hit.kind, []).append(hit)
        order = [k for k in KIND_ORDER if k in groups] + [k for k in groups if k not in KIND_ORDER]
        bold = QFont(self.results.font())
        bold.setBold(True)
        first_hit: QListWidgetItem | None = None
        for kind in order:
            header = QListWidgetItem(f"{people_label(KIND_LABELS.get(kind, kind))} ({fa_number(len(groups[kind]))})")
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setFont(bold)
            header.setForeground(self.palette().link())
            self.results.addItem(header)
            for hit in groups[kind]:
                item = QListWidgetItem(self._hit_text(hit))
                item.setData(HIT_ROLE, hit)
                self.results.addItem(item)
                first_hit = first_hit or item
        if first_hit is not None:
            self.results.setCurrentItem(first_hit)

    @staticmethod
    def _hit_text(hit: SearchHit) -> str:
        date_text = format_jalali(hit.date) if hit.date else ""
        if date_text and date_text in hit.detail:
            date_text = ""  # the detail already names the date
        second = " · ".join(x for x in (hit.detail, date_text) if x)
        return f"{hit.title}\n    {second}" if second else hit.title

    def hit_items(self) -> list[QListWidgetItem]:
        return [self.results.item(i) for i in range(self.results.count())
                if self.results.item(i).data(HIT_ROLE) is not None]

    # -- opening ----------------------------------------------------------------------------
    def _open_current_or_first(self) -> None:
        if self._timer.isActive():
            self.run_search()
        item = self.results.currentItem()
        if item is None or item.data(HIT_ROLE) is None:
            items = self.hit_items()
            item = items[0] if items else None
        if item is not None:
            self.open_item(item)

    def open_item(self, item: QListWidgetItem) -> None:
        hit: SearchHit | None = item.data(HIT_ROLE)
        if hit is not None:
            self.open_hit(hit)

    def open_hit(self, hit: SearchHit) -> None:
        parent = self.parentWidget()
        if hit.kind in ("activity", "resolution"):
            activity_id = hit.record_id
            if hit.kind == "resolution":
                try:
                    activity_id = records.get(self.ctx.db, "resolution", hit.record_id)["meeting_id"]
                except ServiceError as exc:
                    show_error(self, exc.message)
                    return
            self.accept()
            activity_form.open_activity_form(self.ctx, parent, activity_id=activity_id)
            return
        self.accept()
        page = PAGE_OF_KIND.get(hit.kind)
        if page:
            self.ctx.showPageRequested.emit(page)
        self.ctx.openRecordRequested.emit(hit.kind, hit.record_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up/Down in the query box move through the results, as in a launcher.
        if watched is self.query_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                items = self.hit_items()
                if items:
                    current = self.results.currentItem()
                    pos = items.index(current) if current in items else -1
                    pos += 1 if event.key() == Qt.Key.Key_Down else -1
                    self.results.setCurrentItem(items[max(0, min(pos, len(items) - 1))])
                return True
        return super().eventFilter(watched, event)


def open_search(ctx: AppContext, parent: QWidget | None = None) -> SearchDialog:
    dialog = SearchDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.query_edit.setFocus()
    return dialog
