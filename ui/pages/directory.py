"""بنگاه‌ها و افراد: member firms (with their size class), organisations and people."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QTabWidget, QVBoxLayout, QWidget

from models.english import people_label
from models.vocab import SIZE_CLASSES, size_class
from services import records
from services.schema import SPECS
from services.views import RecordView
from ui.context import AppContext
from ui.page import Page
from ui.page_parts import page_layout
from ui.record_form import open_record_form
from ui.record_table import Column, RecordTable, field_column

KINDS = ("firm", "organisation", "person")


class DirectoryPage(Page):
    key = "directory"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = page_layout(self, "directoryPage", self.tr("Firms and people"))
        self._refs: dict[str, dict[str, str]] = {"cluster": {}, "organisation": {}, "firm": {}}

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("directoryTabs")
        layout.addWidget(self.tabs, 1)

        self.only_cluster = QCheckBox(self.tr("Only the firms of the current cluster"))
        self.only_cluster.setObjectName("onlyClusterCheck")
        self.only_cluster.setChecked(True)
        self.only_cluster.toggled.connect(lambda _on: self.tables["firm"].refresh())

        size = Column(self.tr("Size class"), lambda r: r.get("employees"),
                      lambda r: people_label(SIZE_CLASSES.get(size_class(r.get("employees")) or "", "")))
        firm_cols = self._columns("firm", ("name", "cluster_id", "manager", "city", "employees", size,
                                           "national_id", "phone", "joined_on", "coop_member"))
        org_cols = self._columns("organisation",
                                 ("name", "kind", "contact", "phone", "email", "city"))
        person_cols = self._columns("person", ("full_name", "title", "organisation_id", "firm_id",
                                               "phone", "email"))
        self.tables: dict[str, RecordTable] = {}
        for kind, cols, title in (
            ("firm", firm_cols, self.tr("Firms")),
            ("organisation", org_cols, self.tr("Organisations")),
            ("person", person_cols, self.tr("People")),
        ):
            table = RecordTable(ctx, cols, lambda k=kind: self._fetch(k), kind=kind, parent=self)
            table.setObjectName(f"table_{kind}")
            self.tables[kind] = table
            if kind == "firm":
                holder = QWidget()
                box = QVBoxLayout(holder)
                box.addWidget(self.only_cluster)
                box.addWidget(table, 1)
                self.tabs.addTab(holder, title)
            else:
                self.tabs.addTab(table, title)

        ctx.dataChanged.connect(self._on_data)
        ctx.clusterChanged.connect(lambda _cid: self.tables["firm"].refresh())
        ctx.openRecordRequested.connect(self.open_record)
        self.refresh()


    def _columns(self, kind: str, fields: Sequence[str | Column]) -> list[Column]:
        """The columns of `kind`'s fields, in order (a ready Column passes through): the first
        stretches, and a reference field shows the name of the record it points at."""
        return [name if isinstance(name, Column) else field_column(
                    kind, name, stretch=i == 0, refs=self._refs.get(SPECS[kind].field(name).ref_kind or ""))
                for i, name in enumerate(fields)]

    def _load_refs(self) -> None:
        for kind, mapping in self._refs.items():
            mapping.clear()
            mapping.update({v.id: v.title for v in records.list_records(self.ctx.db, kind)})

    def _fetch(self, kind: str) -> list[RecordView]:
        cluster_id = None
        if kind == "firm" and self.only_cluster.isChecked():
            cluster_id = self.ctx.cluster_id
        rows = records.list_records(self.ctx.db, kind, cluster_id=cluster_id)
        key = "full_name" if kind == "person" else "name"
        return sorted(rows, key=lambda r: r.get(key) or "")

    def refresh(self) -> None:
        self._load_refs()
        for table in self.tables.values():
            table.refresh()

    def show_tab(self, kind: str) -> None:
        self.tabs.setCurrentIndex(KINDS.index(kind))

    def _on_data(self, kind: str) -> None:
        if kind in (*KINDS, "cluster", "*"):
            self.refresh()

    def open_record(self, kind: str, record_id: str) -> None:
        """openRecordRequested; also called directly when the request built this page."""
        if kind in KINDS:
            self.show_tab(kind)
            if open_record_form(self.ctx, kind, record_id, self) is not None:
                self.refresh()


def create_page(ctx: AppContext) -> QWidget:
    return DirectoryPage(ctx)
