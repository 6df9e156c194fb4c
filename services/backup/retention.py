"""Which old backups go: all recent ones stay, then one a day, a week, a month."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from persian.jalali import to_jalali
from services.backup.common import BACKUP_SUFFIX, fsync_dir, newest_first_key, stamp_of
from services.backup.keep import kept_unchecked


def apply_retention(backup_dir: Path, keep_days_all: int = 2, daily: int = 14, weekly: int = 8,
                    monthly: int = 12, now: datetime | None = None) -> list[Path]:
    """Removes old backups; returns the removed paths.

    Kept: every backup younger than `keep_days_all` days; then, walking from the newest, the
    newest backup of each of the last `daily` days that have a backup, of each of the last
    `weekly` ISO weeks and of each of the last `monthly` Jalali months. The newest backup is
    always kept, and files whose names are not ours are never touched. Times are the local
    wall-clock stamps in the file names (they work for encrypted backups too).

    A restore's safety backup kept without a check (keep.kept_unchecked: it may be damaged)
    never fills a day's, week's or month's place: it is kept where it would have been, and so
    is the newest checked backup of that day, week or month after it — a good backup is never
    deleted in favour of one nobody checked, and the kept one is lost no sooner than before.
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

    unchecked = cache(kept_unchecked)  # read once per file, and only where a bucket asks

    def _buckets(key: Callable[[datetime], object], limit: int) -> None:
        filled: dict[object, bool] = {}  # bucket -> its checked backup is kept
        for s, p in stamped:
            bucket = key(s)
            if bucket not in filled:
                if len(filled) >= limit:
                    break
                filled[bucket] = False
            if filled[bucket]:
                continue
            keep.add(p)
            filled[bucket] = not unchecked(p)

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

