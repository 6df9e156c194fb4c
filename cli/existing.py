"""Opening the database a read-only kind of command names: a mistyped path is refused, not created.

The app's first start creates a missing SQLite file; a `search`, `report` or `exchange-export`
on a path that does not exist would otherwise make an empty database there and answer "nothing
found", hiding the typo. The rule itself lives in services.workspace (`create=False`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services.workspace import Workspace


def open_existing(db: str | None) -> Workspace | str:
    """The opened database, or the message saying why it was not opened (nothing is created)."""
    from services.workspace import WorkspaceMissing, open_workspace

    try:
        return open_workspace(db, create=False)
    except WorkspaceMissing as exc:
        return exc.message
