"""Which old backups go: all recent ones stay, then one a day, a week, a month."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from persian.jalali import to_jalali
from services.backup.common import BACKUP_SUFFIX, fsync_dir, newest_first_key, stamp_of


def apply_retention(backup_dir: Path, keep_days_all: int = 2, daily: int = 14, weekly: int = 8,
                    monthly: int = 12, now: datetime | None = None) -> list[Path]:
    """Removes old backups; returns the removed paths.

    Kept: every backup younger than `keep_days_all` days; then, walking from the newest, the
    newest backup of each of the last `daily` days that have a backup, of each of the last
    `weekly` ISO weeks and of each of the last `monthly` Jalali months. The newest backup is
    always kept, and files whose names are not ours are never touched. Times are the local
    wall-clock stamps in the file names (they work for encrypted backups too).
    """
    now = now or datetime.now()
    stamped = sorted(((stamp_of(p), p) for p in Path(backup_dir).glob(f"*{BACKUP_SUFFIX}")),
                     key=lambda sp: newest_first_key(sp[1]), reverse=True)
    stamped = [(s, p) for s, p in stamped if s is not None]
    keep: set[Path] = set()
    if stamped:
        keep.add(stamped[0][1])
    cutoff = now - timedelta(days=keep_days_all)
    keep.update(p for s, p in stamped if s >= cutoff)

    def _buckets(key: Callable[[datetime], object], limit: int) -> None:
        seen: list[object] = []
        for s, p in stamped:
            bucket = key(s)
            if bucket in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(bucket)
            keep.add(p)

    _buckets(lambda s: s.date(), daily)
    _buckets(lambda s: s.isocalendar()[:2], weekly)
    _buckets(lambda s: to_jalali(s.date())[:2], monthly)
    removed: list[Path] = []
    for _s, p in stamped:
        if p not in keep:
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
            removed.append(p)
    if removed:
        fsync_dir(Path(backup_dir))
    return removed

