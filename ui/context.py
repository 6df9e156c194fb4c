"""What every page shares: the open database, the UI settings and app-wide signals.

Pages talk to each other only through these signals (a page never reaches into another page),
and to the data only through services (a page never opens a session or holds ORM objects).

This is also the one place where what the services changed becomes refreshes: every writing
service publishes a ``services.changes.Changes`` once its transaction has committed, and the
context turns it into ``changed`` (the whole Changes) and ``dataChanged`` (one kind) for the
pages. No page announces a change by hand.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ui.settings_store import UiSettings

if TYPE_CHECKING:  # the window is built before SQLAlchemy is imported (start-up)
    from models.database import Database
    from services.changes import Changes

# Rows saved as part of another record: their change is that record's change.
PART_OF = {"participant": "activity", "resolution": "activity",
           "joint_action_firm": "joint_action"}
# Bookkeeping no page shows (which packages were received, from whom).
UNSHOWN = frozenset({"exchange_state"})


def refresh_kinds(changes: Changes) -> list[str]:
    """The kinds pages are told about for one action: "*" for everything, else the changed
    kinds, an activity's participants and resolutions folded into it."""
    if changes.everything:
        return ["*"]
    kinds = set(changes.kinds) - UNSHOWN
    # A resolution changed on its own (follow-up) stays "resolution"; saved with its meeting
    # it is part of the activity's change.
    return sorted(k for k in kinds if PART_OF.get(k) not in kinds)


class AppContext(QObject):
    # One action changed the data (services.changes.Changes), once per action.
    changed = Signal(object)
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
    # Changes published by a service, from whatever thread committed them. Delivered through a
    # signal: in the GUI thread at once (the page shows the change before the save returns, as
    # before), from a worker queued to the GUI thread.
    _published = Signal(object)

    def __init__(self, db: Database | None, settings: UiSettings, parent: QObject | None = None,
                 *, open_db: Callable[[], None] | None = None) -> None:
        """`db`, or (start-up's first fill, before SQLAlchemy is imported) `open_db`: what opens
        the database when ``db`` is first asked for; it hands it over with ``attach_db``."""
        super().__init__(parent)
        self._db: Database | None = None
        self._open_db = open_db
        self.settings = settings
        self._cluster_id: str | None = settings.last_cluster_id()
        self._published.connect(self._apply)
        self._unsubscribe: Callable[[], None] | None = None
        if db is not None:
            self.attach_db(db)

    @property
    def db(self) -> Database:
        """The open database; a context made with `open_db` opens it here on first use, so
        nothing reaches the data before it is open."""
        if self._db is None and self._open_db is not None:
            opener, self._open_db = self._open_db, None  # once, even if it shows a dialog
            opener()
        if self._db is None:
            raise RuntimeError("the database could not be opened")
        return self._db

    def has_db(self) -> bool:
        """True once the database is open (``db`` would not have to open it)."""
        return self._db is not None

    def attach_db(self, db: Database) -> None:
        """The open database, for a context made with `open_db` (once)."""
        if self._db is not None:
            raise RuntimeError("the context has a database already")
        self._db = db
        from services import changes  # here: the window is built before SQLAlchemy loads

        me = weakref.ref(self)

        def deliver(published: Changes) -> None:
            ctx = me()  # weak: a closed window's context must not be kept alive by the bus
            if ctx is not None:
                try:
                    ctx._published.emit(published)
                except RuntimeError:  # its Qt half is already deleted
                    pass

        self._unsubscribe = changes.subscribe(db, deliver)

    @property
    def cluster_id(self) -> str | None:
        return self._cluster_id

    def set_cluster_id(self, cluster_id: str | None) -> None:
        if cluster_id != self._cluster_id:
            self._cluster_id = cluster_id
            self.settings.set_last_cluster_id(cluster_id)
            self.clusterChanged.emit(cluster_id)

    def _apply(self, published: Changes) -> None:
        self.changed.emit(published)
        for kind in refresh_kinds(published):
            self.dataChanged.emit(kind)
