"""Consistent copies of a live SQLite database.

A plain file copy of a WAL database can miss committed pages that still sit in the -wal file, so
copies go through SQLite's online backup API into a temporary file, which is checked and fsynced
before an atomic rename gives it its final name: a copy either exists whole and verified, or not at all.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from models.errors import DataLayerError


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def backup_sqlite(
    src: Path,
    dest: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    pages_per_step: int = 1024,
) -> Path:
    """Copies the database at `src` to `dest` (which must not exist) and verifies the copy."""
    if dest.exists():
        raise DataLayerError(f"فایل مقصد پشتیبان از قبل وجود دارد: {dest}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(f"{src.absolute().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            target = sqlite3.connect(tmp)
            try:

                def _step(status: int, remaining: int, total: int) -> None:
                    if progress is not None:
                        progress(total - remaining, total)

                source.backup(target, pages=pages_per_step, progress=_step)
                # The copy is a standalone file: no WAL to carry around or lose.
                target.execute("PRAGMA journal_mode=DELETE")
                result = [r[0] for r in target.execute("PRAGMA integrity_check")]
                if result != ["ok"]:
                    raise DataLayerError(
                        "نسخه پشتیبان پس از نوشتن بررسی شد و سالم نبود؛ پشتیبان ساخته نشد.",
                        details="\n".join(result[:20]),
                    )
            finally:
                target.close()
        finally:
            source.close()
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
        _fsync_dir(dest.parent)
        return dest
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
