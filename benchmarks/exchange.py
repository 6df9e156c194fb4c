"""Figure 6: exchange import — a package of every record of the 10k database, merged into a fresh
office database, then the same package again (which must change nothing).

Baseline: the SQLite backup API copying the whole source database (moving the same records
wholesale, with no merge, no validation and no conflict checks), timed in the same run.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.common import Figure, Settings, median, timed, working_copy


def run(settings: Settings, databases: dict[int, str]) -> list[Figure]:
    scale = min(databases) if databases else None
    if scale is None:
        return []
    return _one_scale(settings, scale, Path(databases[scale]))


def _copy(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _one_scale(settings: Settings, scale: int, db: Path) -> list[Figure]:
    from models.migrate import open_database
    from services.exchange import export_package, import_file

    work = settings.work_dir / f"exchange-{scale}"
    work.mkdir(parents=True, exist_ok=True)
    source = working_copy(db, settings, f"exchange-source-{scale}.db")
    package = work / "package.zip"
    package.unlink(missing_ok=True)
    laptop = open_database(str(source))
    try:
        export_package(laptop, package)
    finally:
        laptop.dispose()
    copy_runs = [timed(lambda: _copy(source, work / "copy.db")) for _ in range(3)]
    first_runs, second_runs, changed = [], [], []
    for i in range(settings.reps(1, 3)):
        office_path = work / f"office-{i}.db"
        office_path.unlink(missing_ok=True)
        office = open_database(str(office_path))
        try:
            first_runs.append(timed(lambda o=office: changed.append(import_file(o, package).changed)))
            second_runs.append(timed(lambda o=office: changed.append(import_file(o, package).changed)))
        finally:
            office.dispose()
    baseline_ms = median(copy_runs) * 1000
    details = {"records_changed_first_and_second": changed[:2], "package_bytes": package.stat().st_size}
    return [
        Figure(key="exchange_import", label="exchange import", scale=scale,
               value=median(first_runs) * 1000, unit="ms", baseline=baseline_ms,
               baseline_label="SQLite backup-API copy of the source", runs=len(first_runs),
               details=details),
        Figure(key="exchange_reimport", label="exchange import, same package again", scale=scale,
               value=median(second_runs) * 1000, unit="ms", baseline=baseline_ms,
               baseline_label="SQLite backup-API copy of the source", runs=len(second_runs),
               target="changes nothing", met=len(changed) > 1 and changed[1] == 0,
               details=details),
    ]
