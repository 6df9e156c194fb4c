"""What a user action changed, announced by the services themselves (no Qt here).

Every writing service runs in ``services.uow.unit_of_work``; while it runs, a session hook notes
the kind (table) and id of every record the ORM inserts, updates or deletes, and once the
transaction has committed the unit of work publishes them as one ``Changes`` to whoever listens
to that database. A write the ORM does not see — a restored database file, an exchange package's
bulk inserts — publishes ``Changes.everything()`` itself. A failed action (a validation error, a
conflict, a full disk) rolls back and publishes nothing.

Callers never announce changes by hand: the UI subscribes once (``ui.context.AppContext``) and
turns each ``Changes`` into refreshes, the way Anki's operations hand back ``OpChanges``.
Listeners run in the thread that committed; a GUI must hand the call over to its own thread.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from models.database import INSTALLATION_ID_KEY, Database

# Tables whose rows are derived from others (the search index): not a change anyone shows.
DERIVED_TABLES = frozenset({"search_doc"})
# Rows of bookkeeping minted on the way (the installation's id, on its first write or exchange),
# as (table, key): no user changed anything by them.
BOOKKEEPING = frozenset({("setting", INSTALLATION_ID_KEY)})

_COLLECTING = "khooshe_changes"  # session.info key: set by unit_of_work, filled on every flush
_EVERYTHING = "khooshe_changes_all"  # session.info key: see touches_everything


@dataclass(frozen=True)
class Changes:
    """The kinds (table names: "activity", "firm", "resolution", "setting", …) and record ids
    one action changed; ``everything`` when the whole database may differ."""

    kinds: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()
    everything: bool = False

    @classmethod
    def of(cls, kind: str, *ids: str) -> Changes:
        return cls(frozenset({kind}), frozenset(ids))

    @classmethod
    def all(cls) -> Changes:
        """The database was replaced or merged into: every list and figure may be stale."""
        return cls(everything=True)

    def touches(self, *kinds: str) -> bool:
        return self.everything or not self.kinds.isdisjoint(kinds)

    def __bool__(self) -> bool:
        return self.everything or bool(self.kinds)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.ids | other.ids,
                       self.everything or other.everything)


Listener = Callable[[Changes], None]

# One list of listeners per open database, found by its session factory (a Database is a
# mutable dataclass, so not hashable itself). Weak keys: a closed database takes its list along.
_LISTENERS: weakref.WeakKeyDictionary[Any, list[Listener]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()  # workers publish from their own threads


def subscribe(db: Database, listener: Listener) -> Callable[[], None]:
    """Call ``listener(changes)`` after each action that changed ``db``; returns unsubscribe.

    The listener is held strongly: one that belongs to an object should hold that object weakly
    (see AppContext), or unsubscribe when the object goes.
    """
    with _LOCK:
        _LISTENERS.setdefault(db.session_factory, []).append(listener)

    def unsubscribe() -> None:
        with _LOCK:
            listeners = _LISTENERS.get(db.session_factory, [])
            if listener in listeners:
                listeners.remove(listener)

    return unsubscribe


def publish(db: Database, changes: Changes) -> None:
    """Tell every listener of ``db`` what changed (after the change is committed)."""
    if not changes:
        return
    with _LOCK:
        listeners = list(_LISTENERS.get(db.session_factory, ()))
    for listener in listeners:
        listener(changes)


# -- collecting what a unit of work changed ----------------------------------------------------

def start_collecting(session: Session) -> None:
    session.info[_COLLECTING] = (set(), set())
    session.info.pop(_EVERYTHING, None)


def touches_everything(session: Session) -> None:
    """This unit of work writes past the ORM (bulk inserts, a merge): once it has committed,
    publish ``Changes.all()`` instead of the rows the hook saw."""
    session.info[_EVERYTHING] = True


def collected(session: Session) -> Changes:
    kinds, ids = session.info.pop(_COLLECTING, (set(), set()))
    if session.info.pop(_EVERYTHING, False):
        return Changes.all()
    return Changes(frozenset(kinds), frozenset(ids))


def _note(kinds: set[str], ids: set[str], objects: Iterable[object]) -> None:
    for obj in objects:
        table = getattr(type(obj), "__tablename__", None)
        if table is None or table in DERIVED_TABLES \
                or (table, getattr(obj, "key", None)) in BOOKKEEPING:
            continue
        kinds.add(table)
        record_id = getattr(obj, "id", None)
        if isinstance(record_id, str):
            ids.add(record_id)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _flush_context: object) -> None:
    notes = session.info.get(_COLLECTING)
    if notes is None:  # a read, the demo loader or a migration: nobody collects
        return
    kinds, ids = notes
    _note(kinds, ids, session.new)
    _note(kinds, ids, session.dirty)
    _note(kinds, ids, session.deleted)
