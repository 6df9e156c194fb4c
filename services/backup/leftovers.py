"""What a restore killed around its swap leaves in the backup folder (backup.keep explains the
`.kbk.part` file), settled by the next backup or restore.

- Killed between the hard link and the swap: the `.part` is a second name of the live database,
  not a backup; it goes.
- Killed after the swap, before the appended zip was finished and renamed: the `.part` is the
  only copy of the database the restore replaced. backup.keep finishes it into the listed
  safety backup it was to become (or, failing that, sets it beside the database as
  `<name>.before-restore-<stamp>`); here it is found and cut back to that database's bytes.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from models.health import SQLITE_HEADER
from persian.jalali import jalali_file_stamp
from services.backup.common import BACKUP_SUFFIX, fsync_dir

PART_SUFFIX = ".part"
# A restore appends its zip within seconds; a `.part` this old belongs to no running restore.
SETTLE_AFTER_S = 600


def _parts(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{BACKUP_SUFFIX}{PART_SUFFIX}"))


def drop_stale_links(folder: Path, db_path: Path) -> None:
    """The parts that are a second name of the live database (killed before the swap)."""
    for p in _parts(folder):
        with contextlib.suppress(OSError):
            if os.path.samefile(p, db_path):
                p.unlink()


def replaced_parts(folder: Path, db_path: Path, *,
                   now: float | None = None) -> Iterator[tuple[Path, float]]:
    """Each replaced database left as a `.part` (killed after the swap), cut back to its own
    bytes, with the time it was last written. Parts younger than SETTLE_AFTER_S, parts that do
    not start with a database and files that cannot be read are passed over: nothing here
    deletes a database."""
    now = time.time() if now is None else now
    for part in _parts(folder):
        try:
            if db_path.exists() and os.path.samefile(part, db_path):
                continue  # a live database's second name: drop_stale_links' job
            written = part.stat().st_mtime
            size = database_length(part) if now - written >= SETTLE_AFTER_S else None
            if size is None:
                continue
            with part.open("r+b") as fh:
                if fh.seek(0, os.SEEK_END) > size:
                    fh.truncate(size)  # a zip half-appended after the database
                os.fsync(fh.fileno())
        except OSError:
            continue
        yield part, written


def set_beside(part: Path, db_path: Path, size: int | None, when: datetime) -> Path:
    """The old database (cut back to `size` bytes) set beside the database under a plain name —
    never lost, only not listed as a backup."""
    if size is not None:
        with part.open("r+b") as fh:
            fh.truncate(size)
            os.fsync(fh.fileno())
    stamp = jalali_file_stamp(when)
    aside = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
    n = 2
    while aside.exists():
        aside = db_path.with_name(f"{db_path.name}.before-restore-{stamp}-{n}")
        n += 1
    os.replace(part, aside)
    fsync_dir(aside.parent)
    return aside


def database_length(path: Path) -> int | None:
    """The length of the SQLite database at the start of `path`, from its header (page size ×
    page count, when the header's count is current), else the file's own length; None when
    the file does not start with a SQLite header."""
    with path.open("rb") as fh:
        header = fh.read(100)
        end = fh.seek(0, os.SEEK_END)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if pages == 0 or header[24:28] != header[92:96] or page_size * pages > end:
        return end  # the header's count is not current: keep every byte
    return page_size * pages
