"""What every page shares: the open database, the UI settings and app-wide signals.

Pages talk to each other only through these signals (a page never reaches into another page),
and to the data only through services (a page never opens a session or holds ORM objects).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ui.settings_store import UiSettings

if TYPE_CHECKING:  # the window is built before SQLAlchemy is imported (start-up)
    from models.database import Database


class AppContext(QObject):
    # A record kind ("activity", "firm", … or "*") changed: lists and figures should refresh.
    dataChanged = Signal(str)
    # The cluster the user works on changed (None = all clusters).
    clusterChanged = Signal(object)
    # Ask the app to open a record's form: (kind, id).
    openRecordRequested = Signal(str, str)
    # Ask the app to show a page by key.
    showPageRequested = Signal(str)
    # Ask the reports page to build a report: (kind, params such as meeting/training/cluster_id).
    reportRequested = Signal(str, dict)
    # A short message for the status bar.
    statusMessage = Signal(str)

    def __init__(self, db: Database, settings: UiSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self._cluster_id: str | None = settings.last_cluster_id()

    @property
    def cluster_id(self) -> str | None:
        return self._cluster_id

    def set_cluster_id(self, cluster_id: str | None) -> None:
        if cluster_id != self._cluster_id:
            self._cluster_id = cluster_id
            self.settings.set_last_cluster_id(cluster_id)
            self.clusterChanged.emit(cluster_id)

    def notify_changed(self, kind: str) -> None:
        self.dataChanged.emit(kind)
