"""سطل بازیافت: every record moved to the trash, and bringing it back."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from models.english import people_label
from persian.jalali import format_jalali_datetime
from services import trash
from services.errors import ServiceError
from services.trash import TrashItem
from ui.context import AppContext
from ui.errors import show_error
from ui.page import Page
from ui.page_parts import page_layout
from ui.record_table import Column, RecordTable


def _local(when):  # noqa: ANN001, ANN202 - stored in UTC, shown in the computer's time
    from datetime import UTC

    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone()


class TrashPage(Page):
    key = "trash"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = page_layout(self, "trashPage", self.tr("Trash"))
        layout.addWidget(QLabel(self.tr(
            "Deleted records stay here until you restore them. Nothing is erased for good.")))
        columns = [
            Column(self.tr("Kind"), lambda r: r.kind_label, lambda r: people_label(r.kind_label)),
            Column(self.tr("Title"), lambda r: r.title, lambda r: r.title, stretch=True),
            Column(self.tr("Deleted at"), lambda r: r.deleted_at,
                   lambda r: format_jalali_datetime(_local(r.deleted_at))),
        ]
        self.table = RecordTable(ctx, columns, self._fetch,
                                 empty_text=self.tr("The trash is empty. A record you delete "
                                                    "comes here, and you can restore it."),
                                 row_id=lambda r: f"{r.kind}:{r.id}", parent=self)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore_current)
        self.table.buttons_layout.addWidget(self.restore_button)
        self.table.activated.connect(lambda _id: self.restore_current())
        layout.addWidget(self.table, 1)
        ctx.dataChanged.connect(lambda _kind: self.table.refresh())
        self.table.refresh()

    def _fetch(self) -> list[TrashItem]:
        return trash.list_trash(self.ctx.db)

    def restore_current(self) -> None:
        key = self.table.current_id()
        if key is None:
            return
        kind, rid = key.split(":", 1)
        try:
            view = trash.restore(self.ctx.db, kind, rid)
        except ServiceError as exc:
            show_error(self, exc.message)
            return
        self.ctx.statusMessage.emit(self.tr("“{title}” was restored.").format(title=view.title))


def create_page(ctx: AppContext) -> QWidget:
    return TrashPage(ctx)
