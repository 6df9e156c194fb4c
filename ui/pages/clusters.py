"""خوشه‌ها: every cluster with its province standing, and the cluster form."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from models.english import people_join, people_label
from models.vocab import PHASES, STANDINGS
from persian.digits import fa_number
from services import stats
from services.stats import ClusterOverview
from ui.context import AppContext
from ui.page import Page
from ui.page_parts import page_layout
from ui.record_form import open_record_form
from ui.record_table import Column, RecordTable


def _count(getter):  # noqa: ANN001, ANN202 - a tiny column factory
    return lambda row: getter(row), lambda row: fa_number(getter(row))


class ClustersPage(Page):
    key = "clusters"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = page_layout(self, "clustersPage", self.tr("Clusters"))
        self.standing_label = QLabel()
        self.standing_label.setObjectName("standingSummary")
        self.standing_label.setWordWrap(True)
        layout.addWidget(self.standing_label)

        columns = [
            Column(self.tr("Cluster"), lambda r: r.name, lambda r: r.name, stretch=True),
            Column(self.tr("Product"), lambda r: r.product, lambda r: r.product or ""),
            Column(self.tr("City"), lambda r: r.city, lambda r: r.city or ""),
            Column(self.tr("Phase"), lambda r: r.phase, lambda r: people_label(PHASES.get(r.phase, ""))),
            Column(self.tr("Standing"), lambda r: r.standing,
                   lambda r: people_label(STANDINGS.get(r.standing, ""))),
            Column(self.tr("Firms"), *_count(lambda r: r.firms)),
            Column(self.tr("Activities"), *_count(lambda r: r.activities)),
            Column(self.tr("Trainings"), *_count(lambda r: r.trainings)),
            Column(self.tr("Exhibitions"), *_count(lambda r: r.exhibitions)),
            Column(self.tr("Joint actions done"), *_count(lambda r: r.joint_actions_done)),
        ]
        self.table = RecordTable(ctx, columns, self._fetch, kind="cluster", parent=self)
        self.work_button = QPushButton(self.tr("Work on this cluster"))
        self.work_button.setObjectName("workOnButton")
        self.work_button.setToolTip(self.tr(
            "Make the selected cluster the one the other pages show"))
        self.work_button.clicked.connect(self._work_on)
        self.table.buttons_layout.addWidget(self.work_button)
        layout.addWidget(self.table, 1)
        self.current_label = QLabel()
        layout.addWidget(self.current_label)

        ctx.dataChanged.connect(self._on_data)
        ctx.clusterChanged.connect(lambda _cid: self._show_current())
        ctx.openRecordRequested.connect(self.open_record)
        self.refresh()

    def _fetch(self) -> list[ClusterOverview]:
        rows = stats.province_overview(self.ctx.db)
        self._summarise(rows)
        return rows

    def _summarise(self, rows: list[ClusterOverview]) -> None:
        provinces: dict[str, dict[str, int]] = {}
        for r in rows:
            counts = provinces.setdefault(r.province or self.tr("(no province)"), {})
            key = r.standing or ""
            counts[key] = counts.get(key, 0) + 1
        parts = []
        for province, counts in sorted(provinces.items()):
            items = [f"{people_label(STANDINGS[code])}: {fa_number(counts[code])}"
                     for code in STANDINGS if counts.get(code)]
            if counts.get(""):
                items.append(self.tr("not set: {n}").format(n=fa_number(counts[""])))
            parts.append(self.tr("Province {province} — {counts}").format(
                province=province, counts=people_join(items)))
        self.standing_label.setText("\n".join(parts))

    def refresh(self) -> None:
        self.table.refresh()
        self._show_current()

    def _show_current(self) -> None:
        name = next((r.name for r in self.table.rows if r.id == self.ctx.cluster_id), None)
        self.current_label.setText(
            self.tr("You are working on: {name}").format(name=name) if name else "")

    def _work_on(self) -> None:
        cid = self.table.current_id()
        if cid:
            self.ctx.set_cluster_id(cid)

    def _on_data(self, kind: str) -> None:
        if kind in ("cluster", "firm", "activity", "joint_action", "*"):
            self.refresh()

    def open_record(self, kind: str, record_id: str) -> None:
        """openRecordRequested; also called directly when the request built this page."""
        if kind == "cluster":
            if open_record_form(self.ctx, "cluster", record_id, self) is not None:
                self.refresh()


def create_page(ctx: AppContext) -> QWidget:
    return ClustersPage(ctx)
