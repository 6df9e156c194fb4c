"""دستاوردها: a cluster's joint actions and milestones (cooperative, brand, standard, …)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from services import records
from services.views import RecordView
from ui.cluster_combo import ClusterCombo
from ui.context import AppContext
from ui.page import Page
from ui.page_parts import page_layout, title_bar
from ui.record_form import open_record_form
from ui.record_table import RecordTable, field_column


class JointActionsPage(Page):
    key = "joint_actions"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = page_layout(self, "jointActionsPage")
        self.cluster_combo = ClusterCombo(ctx, self)
        layout.addLayout(title_bar(self.tr("Joint actions and achievements"),
                                   QLabel(self.tr("Cluster:")), self.cluster_combo))
        columns = [
            field_column("joint_action", "achieved_on"),
            field_column("joint_action", "category"),
            field_column("joint_action", "title", stretch=True),
            field_column("joint_action", "status"),
            field_column("joint_action", "cost_total"),
            field_column("joint_action", "subsidy_amount"),
        ]
        self.table = RecordTable(
            ctx, columns, self._fetch, kind="joint_action",
            new_defaults=lambda: {"cluster_id": self.cluster_combo.cluster_id()}, parent=self)
        layout.addWidget(self.table, 1)
        self.cluster_combo.currentIndexChanged.connect(lambda _i: self.table.refresh())
        ctx.dataChanged.connect(self._on_data)
        ctx.openRecordRequested.connect(self.open_record)
        self.table.refresh()

    def _fetch(self) -> list[RecordView]:
        cid = self.cluster_combo.cluster_id()
        if cid is None:
            return []
        return records.list_records(self.ctx.db, "joint_action", cluster_id=cid)

    def _on_data(self, kind: str) -> None:
        if kind in ("joint_action", "cluster", "*"):
            self.table.refresh()

    def open_record(self, kind: str, record_id: str) -> None:
        """openRecordRequested; also called directly when the request built this page."""
        if kind == "joint_action":
            if open_record_form(self.ctx, kind, record_id, self) is not None:
                self.table.refresh()


def create_page(ctx: AppContext) -> QWidget:
    return JointActionsPage(ctx)
