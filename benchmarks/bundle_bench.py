"""The self-contained program (dist/khooshe, `bash tools/build-bundle.sh`): size and start-up.

No target yet (issue 16). *Bundle size*: the one-folder bundle on disk, the .tar.gz in the
details. *Bundle start-up to first paint*: the frozen executable started on the database until
its main window finished its first frame, beside the same for the source program
(`python main.py --db DB`) measured the same way in the same run, interleaved. Both report the
frame themselves through the app's first-paint probe (``KHOOSHE_FIRST_PAINT_PROBE``,
ui/launcher.py): the frozen program cannot import the benchmark's child code that figure 1 uses.
Without a bundle the figure prints one line saying so and measures nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import ROOT, Figure, Settings, child_env, median

BUNDLE = ROOT / "dist" / "khooshe"
EXECUTABLE = BUNDLE / ("khooshe.exe" if os.name == "nt" else "khooshe")
# The same strings as ui/launcher.py; not imported from there: the runner stays Qt-free.
_PROBE_ENV = "KHOOSHE_FIRST_PAINT_PROBE"
_PROBE_MARK = "KHOOSHE-FIRST-PAINT "


def _size_mb(folder: Path) -> float:
    # Qt's libraries come with version symlinks: count each file once, as `du` does.
    return (
        sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    )


def first_paint(cmd: list[str], work_dir: Path) -> float:
    """Seconds from starting `cmd` to the first frame it reports."""
    env = child_env(work_dir)
    env[_PROBE_ENV] = "1"
    start = time.monotonic()
    proc = subprocess.run(
        cmd, cwd=work_dir, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    for line in proc.stdout.splitlines():
        if line.startswith(_PROBE_MARK):
            return float(line[len(_PROBE_MARK) :]) - start
    raise RuntimeError(
        f"{cmd[0]} reported no first paint (exit {proc.returncode}):\n"
        f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    )


def run(settings: Settings, databases: dict[int, str]) -> list[Figure]:
    if not EXECUTABLE.is_file():
        print(f"bundle: no {EXECUTABLE.relative_to(ROOT)}; run bash tools/build-bundle.sh first")
        return []
    archives = sorted(BUNDLE.parent.glob("khooshe-*.tar.gz"))
    figures = [
        Figure(
            key="bundle_size",
            label="bundle size (dist/khooshe)",
            scale=None,
            value=_size_mb(BUNDLE),
            unit="MB",
            details={
                "tar_gz_mb": round(archives[-1].stat().st_size / 1e6, 1) if archives else None
            },
        )
    ]
    scale = min(databases)
    db = databases[scale]
    bundle_cmd = [str(EXECUTABLE), "--db", db]
    source_cmd = [sys.executable, str(ROOT / "main.py"), "--db", db]
    first_paint(bundle_cmd, settings.work_dir)  # warm the page cache for the bundle's files
    first_paint(source_cmd, settings.work_dir)
    runs = settings.reps(3, 7)
    frozen, source = [], []
    for _ in range(runs):  # interleaved, so a busy moment hits both alike
        frozen.append(first_paint(bundle_cmd, settings.work_dir))
        source.append(first_paint(source_cmd, settings.work_dir))
    figures.append(
        Figure(
            key="bundle_startup",
            label="bundle start-up to first paint",
            scale=scale,
            value=median(frozen) * 1000,
            unit="ms",
            baseline=median(source) * 1000,
            baseline_label="source (python main.py)",
            runs=runs,
            details={
                "bundle_ms": [round(x * 1000, 1) for x in frozen],
                "source_ms": [round(x * 1000, 1) for x in source],
            },
        )
    )
    return figures
