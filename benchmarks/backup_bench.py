"""Figure 5: a verified backup and a verified restore of the database vs ``cp`` of the file.

Both work on a private copy of the generated database (restore replaces the file it restores
onto). The backup is ``services.backup.create_backup``: SQLite online backup, per-table
checksums, zip, seal, fsync, then a full verification as a reader would do it. The restore is
``restore_backup``: full verification, a safety backup of the current database, the swap. The
baseline is ``cp`` of the same file (no fsync), timed the same way.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from benchmarks.common import Figure, Settings, median, timed, working_copy

BACKUP_RATIO = 2.0


def run(settings: Settings, databases: dict[int, str]) -> list[Figure]:
    figures = []
    for scale, db in databases.items():
        figures += _one_scale(settings, scale, Path(db))
    return figures


def _one_scale(settings: Settings, scale: int, db: Path) -> list[Figure]:
    from services.backup import create_backup, restore_backup

    # The 100k backup takes many seconds: once in --quick, as at every scale.
    runs = settings.reps(2 if scale <= 10_000 else 1, 3)
    work = settings.work_dir / f"backup-{scale}"
    work.mkdir(parents=True, exist_ok=True)
    source = working_copy(db, settings, f"backup-source-{scale}.db")
    target = work / "cp-copy.db"
    backups_dir = work / "backups"
    try:
        cp_runs = []
        for _ in range(max(3, runs)):
            target.unlink(missing_ok=True)
            cp_runs.append(timed(lambda: subprocess.run(["cp", str(source), str(target)],
                                                        check=True)))
        target.unlink(missing_ok=True)
        cp_s = median(cp_runs)
        backup_runs, infos = [], []
        for _ in range(runs):
            backup_runs.append(timed(lambda: infos.append(create_backup(source, backups_dir))))
        backup_s = median(backup_runs)
        latest = infos[-1].path
        restore_runs = []
        for _ in range(runs):
            restore_runs.append(timed(lambda: restore_backup(latest, source,
                                                             safety_dir=work / "safety")))
            shutil.rmtree(work / "safety", ignore_errors=True)
        restore_s = median(restore_runs)
        return [
            Figure(key="backup", label="verified backup", scale=scale, value=backup_s * 1000,
                   unit="ms", baseline=cp_s * 1000, baseline_label="cp of the file",
                   target=f"≤ {BACKUP_RATIO:g}× cp", met=backup_s <= BACKUP_RATIO * cp_s,
                   runs=runs,
                   details={"db_mb": round(db.stat().st_size / 2**20, 1),
                            "backup_mb": round(infos[-1].size / 2**20, 1),
                            "backup_s": [round(x, 3) for x in backup_runs],
                            "cp_s": [round(x, 4) for x in cp_runs]}),
            Figure(key="restore", label="verified restore", scale=scale, value=restore_s * 1000,
                   unit="ms", baseline=cp_s * 1000, baseline_label="cp of the file", runs=runs,
                   note="includes a safety backup of the database it replaces",
                   details={"restore_s": [round(x, 3) for x in restore_runs]}),
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
        source.unlink(missing_ok=True)
