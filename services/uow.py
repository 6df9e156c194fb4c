"""One unit of work per user action, and storage failures turned into words a user can act on.

A full disk, a read-only folder or a database locked by another program surface from SQLite as
OperationalError; the transaction is already rolled back, so nothing half-written remains, and
the user gets a Persian sentence instead of a crash dialog.

Once the transaction has committed, what it changed is published (services.changes): the kinds
and ids of the records the ORM wrote. Nothing is published for an action that failed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from models.database import Database
from models.errors import describe_database_error
from services import changes
from services.errors import ServiceError


class StorageError(ServiceError):
    code = "storage"


@contextmanager
def unit_of_work(db: Database) -> Iterator[Session]:
    try:
        with db.session_factory.begin() as session:
            changes.start_collecting(session)
            yield session
    except OperationalError as exc:
        raise StorageError(describe_database_error(exc)) from exc
    changes.publish(db, changes.collected(session))
