"""Figure 6: exchange — the export of every record of the 10k database into a package, that
package merged into a fresh office database, then the same package again (which must change
nothing).

Baseline: the SQLite backup API copying the whole source database (moving the same records
wholesale, with no merge, no validation and no conflict checks), timed in the same run.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.common import Figure, Settings, median, timed, working_copy

EXPORT_RATIO = 10.0
IMPORT_RATIO = 15.0
REIMPORT_RATIO = 5.0
BASELINE = "SQLite backup-API copy of the source"


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
    laptop = open_database(str(source))
    export_runs, copy_runs = [], []
    try:
        # Interleaved with the baseline, so that a drift in the machine's speed lands on both.
        for _ in range(settings.reps(3, 5)):
            package.unlink(missing_ok=True)
            export_runs.append(timed(lambda: export_package(laptop, package)))
            copy_runs.append(timed(lambda: _copy(source, work / "copy.db")))
    finally:
        laptop.dispose()
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
    export_ms, first_ms, second_ms = (median(r) * 1000 for r in (export_runs, first_runs,
                                                                 second_runs))
    details = {"records_changed_first_and_second": changed[:2],
               "package_bytes": package.stat().st_size,
               "copy_s": [round(x, 3) for x in copy_runs]}
    unchanged = len(changed) > 1 and all(c == 0 for c in changed[1::2])
    details["again_changed_nothing"] = unchanged
    return [
        Figure(key="exchange_export", label="exchange export", scale=scale, value=export_ms,
               unit="ms", baseline=baseline_ms, baseline_label=BASELINE, runs=len(export_runs),
               target=f"≤ {EXPORT_RATIO:g}× copy", met=export_ms <= EXPORT_RATIO * baseline_ms,
               details={**details, "export_s": [round(x, 3) for x in export_runs]}),
        Figure(key="exchange_import", label="exchange import", scale=scale, value=first_ms,
               unit="ms", baseline=baseline_ms, baseline_label=BASELINE, runs=len(first_runs),
               target=f"≤ {IMPORT_RATIO:g}× copy", met=first_ms <= IMPORT_RATIO * baseline_ms,
               details={**details, "import_s": [round(x, 3) for x in first_runs]}),
        Figure(key="exchange_reimport", label="exchange import, same package again", scale=scale,
               value=second_ms, unit="ms", baseline=baseline_ms, baseline_label=BASELINE,
               runs=len(second_runs), target=f"changes nothing, ≤ {REIMPORT_RATIO:g}× copy",
               met=unchanged and second_ms <= REIMPORT_RATIO * baseline_ms,
               details={**details, "reimport_s": [round(x, 3) for x in second_runs]}),
    ]
