"""The backups in a folder, newest first."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from services.backup.common import BACKUP_SUFFIX, BackupInfo, newest_first_key, stamp_of
from services.backup.crypto import BackupError, is_encrypted
from services.backup.verify import verify_backup


def list_backups(backup_dir: Path, *, password: str | None = None,
                 verify: bool = True) -> list[BackupInfo]:
    """Every `.kbk` file in the folder, newest first, each verified (unless `verify=False`).

    Encrypted backups are verified only when `password` is given; otherwise `valid` is None.
    """
    backup_dir = Path(backup_dir)
    if not backup_dir.is_dir():
        return []
    result: list[BackupInfo] = []
    for path in backup_dir.glob(f"*{BACKUP_SUFFIX}"):
        if not path.is_file():
            continue
        stamp = stamp_of(path)
        encrypted = _safe_is_encrypted(path)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            continue  # deleted (retention, the user) since the folder was listed
        info = BackupInfo(path=path, created_at=None, size=size, encrypted=encrypted)
        if verify and (not encrypted or password):
            try:
                info = verify_backup(path, password=password)
            except BackupError as exc:
                info.valid, info.error, info.error_code = False, exc.message, exc.code
        if info.created_at is None and stamp is not None:
            info.created_at = stamp.astimezone(UTC).replace(tzinfo=None)
        result.append(info)
    result.sort(key=lambda i: newest_first_key(i.path), reverse=True)
    return result


def _safe_is_encrypted(path: Path) -> bool:
    try:
        return is_encrypted(path)
    except OSError:
        return False



def belongs_to(info: BackupInfo, database_id: str | None, db_path: Path | None) -> bool:
    """Whether `info` is a backup of the database whose id is `database_id` (at `db_path`).

    The id decides when it is known: it lives in the database, so a copy restored elsewhere or
    renamed keeps it, and two databases side by side (a demo and the real one) never share it.
    When the id cannot be read (the file is too damaged), the path the backup was made from
    decides. A backup whose manifest cannot be read (encrypted, not checked) belongs to nobody.
    """
    if database_id is not None:
        return info.database_id == database_id
    if db_path is None or info.source_path is None:
        return False
    return Path(info.source_path) == Path(db_path).absolute()

