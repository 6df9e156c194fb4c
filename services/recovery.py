"""A damaged database at start: never written, never deleted, never silently replaced.

It is moved aside under a dated name (with its -wal/-shm, which may hold the only copy of recent
pages), and the newest backup that verifies is offered for restoring.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from services.backup import BackupInfo, default_backup_dir, list_backups, move_aside


@dataclass(frozen=True)
class Recovery:
    damaged_copy: Path
    backup: BackupInfo | None
    backup_dir: Path


def set_aside_damaged(db_path: Path) -> Recovery:
    """Moves the damaged database aside and finds the newest whole backup."""
    db_path = Path(db_path)
    # The backup folder may be a setting inside the damaged file: read it before moving it.
    folder = default_backup_dir(db_path)
    aside = move_aside(db_path)
    newest = next((b for b in list_backups(folder) if b.valid), None)
    return Recovery(damaged_copy=aside, backup=newest, backup_dir=folder)
