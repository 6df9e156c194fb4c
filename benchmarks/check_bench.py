"""Figure 11: ``main.py check`` (the command a user runs on a database they doubt) as a whole
process, against ``PRAGMA quick_check`` of the same file in a bare ``python -c`` with the
sqlite3 module alone (same interpreter, same SQLite library): interpreter start + the check.

Runs are interleaved check/bare after one warm-up of each, so both read the file from the page
cache and a drift in the machine's speed lands on both.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.common import ROOT, Figure, Settings, child_env, median, timed

CHECK_RATIO = 1.5
# The bare peer: the same pragma the app's early check runs, through the DB-API and nothing else.
BARE = ("import sqlite3, sys\n"
        "c = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)\n"
        "rows = c.execute('PRAGMA quick_check').fetchall()\n"
        "sys.exit(0 if rows == [('ok',)] else 1)\n")


def run(settings: Settings, databases: dict[int, str]) -> list[Figure]:
    return [_one_scale(settings, scale, Path(db)) for scale, db in databases.items()]


def _one_scale(settings: Settings, scale: int, db: Path) -> Figure:
    env = child_env(settings.work_dir)
    app = [sys.executable, str(ROOT / "main.py"), "check", "--db", str(db)]
    bare = [sys.executable, "-c", BARE, str(db)]

    def once(cmd: list[str]) -> None:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=900, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:3])} failed ({proc.returncode}): "
                               f"{proc.stdout[-500:]}{proc.stderr[-1500:]}")

    once(app)
    once(bare)
    runs = settings.reps(3, 5)
    app_runs, bare_runs = [], []
    for _ in range(runs):
        app_runs.append(timed(lambda: once(app)))
        bare_runs.append(timed(lambda: once(bare)))
    app_s, bare_s = median(app_runs), median(bare_runs)
    return Figure(key="check", label="check (main.py check)", scale=scale, value=app_s * 1000,
                  unit="ms", baseline=bare_s * 1000,
                  baseline_label="PRAGMA quick_check in python -c sqlite3", runs=runs,
                  target=f"≤ {CHECK_RATIO:g}× quick_check", met=app_s <= CHECK_RATIO * bare_s,
                  details={"check_s": [round(x, 3) for x in app_runs],
                           "quick_check_s": [round(x, 3) for x in bare_runs],
                           "db_mb": round(db.stat().st_size / 2**20, 1)})
