"""The cluster picker the pages put at their top; follows and updates ``ctx.cluster_id``."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from ui.context import AppContext


class ClusterCombo(QComboBox):
    """Picks the cluster the user works on; follows and updates ``ctx.cluster_id``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 allow_all: bool = False,
                 clusters: Sequence[tuple[str, str]] | None = None) -> None:
        """`clusters`: (id, name) of the live clusters as ``records.list_records`` lists them,
        when already read (the start page's first fill, before the services are imported)."""
        super().__init__(parent)
        self.ctx = ctx
        self.allow_all = allow_all
        self.setObjectName("clusterCombo")
        self.setMinimumContentsLength(18)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._loading = False
        self.reload(clusters)
        self.currentIndexChanged.connect(self._on_index)
        ctx.clusterChanged.connect(self._follow)
        ctx.dataChanged.connect(self._on_data)

    def reload(self, clusters: Sequence[tuple[str, str]] | None = None) -> None:
        if clusters is None:
            from services import records

            clusters = [(view.id, view.title)
                        for view in records.list_records(self.ctx.db, "cluster")]
        self._loading = True
        try:
            self.clear()
            if self.allow_all:
                self.addItem(QCoreApplication.translate("RecordTable", "All clusters"), None)
            for cluster_id, title in clusters:
                self.addItem(title, cluster_id)
            index = self.findData(self.ctx.cluster_id) if self.ctx.cluster_id else -1
            if index < 0 and not self.allow_all and self.count():
                index = 0
            self.setCurrentIndex(max(index, 0))
        finally:
            self._loading = False
        if not self.allow_all and self.count() and self.currentData() != self.ctx.cluster_id:
            self.ctx.set_cluster_id(self.currentData())

    def cluster_id(self) -> str | None:
        return self.currentData()

    def _on_index(self, _index: int) -> None:
        if self._loading:
            return
        cid = self.currentData()
        if cid is not None:  # "all clusters" is a local view, not the cluster one works on
            self.ctx.set_cluster_id(cid)

    def _follow(self, cluster_id: object) -> None:
        index = self.findData(cluster_id) if cluster_id else (0 if self.allow_all else -1)
        if index >= 0 and index != self.currentIndex():
            self._loading = True
            self.setCurrentIndex(index)
            self._loading = False

    def _on_data(self, kind: str) -> None:
        if kind in ("cluster", "*"):
            self.reload()
