"""What every figure shares: the result record, timing helpers, child processes, cached databases.

Nothing here imports Qt: the runner itself stays Qt-free so that figures measured in fresh child
processes (start-up, the activities list, memory) are not coloured by the parent's state.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 7
CHILD_MARK = "BENCH-RESULT:"


def report_cluster(db) -> tuple:  # noqa: ANN001 - models.database.Database
    """(cluster id, activity count, first and last activity date) of the cluster whose count of
    live activities is nearest 1,000: the report benchmarks all build that cluster's report, so
    their figures can be set side by side."""
    from sqlalchemy import func, select

    from models.entities import Activity

    with db.session_factory() as session:
        counts = session.execute(
            select(Activity.cluster_id, func.count(), func.min(Activity.start_date),
                   func.max(Activity.start_date))
            .where(Activity.deleted_at.is_(None)).group_by(Activity.cluster_id)).all()
    return tuple(min(counts, key=lambda r: abs(r[1] - 1000)))


# -- results -------------------------------------------------------------------------------------
@dataclass
class Figure:
    """One line of the table: a measured value, what it is compared with and whether it passes."""

    key: str  # stable id, e.g. "startup"
    label: str  # what the table prints
    scale: int | None  # activities in the database (None: does not depend on it)
    value: float | None  # in `unit`; None when not measured ("n/a")
    unit: str  # "ms", "s", "MB", "×"
    baseline: float | None = None  # in the same unit
    baseline_label: str = ""
    target: str = ""  # human text such as "≤ 2.5× bare"
    met: bool | None = None  # None: no target on this line (or not measured)
    runs: int = 0
    note: str = ""
    details: dict[str, object] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


@dataclass
class Settings:
    """How hard to try: --quick lowers every repetition count."""

    quick: bool
    scales: list[int]
    cache_dir: Path
    work_dir: Path
    seed: int = SEED

    def reps(self, quick: int, full: int) -> int:
        return quick if self.quick else full


# -- timing --------------------------------------------------------------------------------------
def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) — with 50 samples p95 is the 48th smallest."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 100))))
    return float(ordered[rank - 1])


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of `fn` takes (monotonic clock)."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_time(fn: Callable[[], object], runs: int, *,
                setup: Callable[[], object] | None = None) -> tuple[float, list[float]]:
    """Median seconds over `runs` calls (each after `setup`, which is not timed) and every run."""
    samples = []
    for _ in range(max(1, runs)):
        if setup is not None:
            setup()
        samples.append(timed(fn))
    return median(samples), samples


# -- child processes -----------------------------------------------------------------------------
def child_env(work_dir: Path) -> dict[str, str]:
    """Headless Qt and throw-away settings/data folders: children never touch the user's files."""
    home = work_dir / "child-home"
    for sub in ("config", "data", "cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "KHOOSHE_DATA_DIR": str(home / "data" / "khooshe"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    })
    return env


def run_child(args: list[str], work_dir: Path, *, timeout: float = 600) -> tuple[float, dict]:
    """Runs `python <args>` and returns (monotonic time just before it started, its result).

    The child prints one line ``BENCH-RESULT:{json}``; CLOCK_MONOTONIC is system-wide on Linux,
    so a timestamp the child takes can be compared with the returned start time.
    """
    cmd = [sys.executable, *args]
    start = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT, env=child_env(work_dir), capture_output=True,
                          text=True, timeout=timeout, check=False)
    for line in proc.stdout.splitlines():
        if line.startswith(CHILD_MARK):
            return start, json.loads(line[len(CHILD_MARK):])
    raise RuntimeError(f"child {' '.join(args)} failed (exit {proc.returncode}):\n"
                       f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")


def peak_rss_kb() -> int:
    """This process's peak resident set in KB.

    Linux keeps ``getrusage(RUSAGE_SELF).ru_maxrss`` across fork and exec, so a child started by
    a parent that once held 600 MB reports at least 600 MB; VmHWM (the high-water mark of the
    process's own memory map, reset by exec) does not have that flaw. Elsewhere: ru_maxrss.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def emit(result: dict) -> None:
    """What a child prints for run_child (and flushes: children may leave with os._exit)."""
    print(CHILD_MARK + json.dumps(result), flush=True)


# -- databases -----------------------------------------------------------------------------------
def clusters_for(scale: int) -> int:
    """About 1,000 activities per cluster at every scale (the performance report's workload)."""
    return max(5, scale // 1000)


def default_cache_dir() -> Path:
    override = os.environ.get("KHOOSHE_BENCH_CACHE")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "khooshe-bench"


def database_for(scale: int, settings: Settings, *, log: Callable[[str], None] = print) -> Path:
    """The generated database of `scale` activities, made once and reused while nothing changes.

    The file name carries the scale, seed, cluster count and schema revision, so a migration or
    another seed makes a new file instead of reusing a stale one. Generation writes to a temp name
    and renames, so an interrupted run never leaves a half-made database to be reused.
    """
    from models.migrate import head_revision

    clusters = clusters_for(scale)
    name = f"khooshe-{scale}-seed{settings.seed}-c{clusters}-{head_revision()}.db"
    path = settings.cache_dir / name
    if path.exists():
        return path
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=settings.cache_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    log(f"generating {scale:,} activities into {path} …")
    started = time.monotonic()
    try:
        from benchmarks.generate import generate

        generate(str(tmp), scale, seed=settings.seed, clusters=clusters, progress=False)
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # one self-contained file
        finally:
            conn.close()
        os.replace(tmp, path)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
    log(f"  generated in {time.monotonic() - started:.1f} s")
    return path


def working_copy(source: Path, settings: Settings, name: str) -> Path:
    """A private copy of a cached database for figures that write (backup, restore, the app)."""
    target = settings.work_dir / name
    if not target.exists():
        subprocess.run(["cp", str(source), str(target)], check=True)
    return target


# -- machine -------------------------------------------------------------------------------------
def machine_info() -> dict[str, object]:
    info: dict[str, object] = {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "ram_mb": _ram_mb(),
        "cpu": _cpu_name(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        info["pyside6"] = PySide6.__version__
        info["qt"] = qVersion()
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        info["pyside6"] = None
    try:
        import reportlab

        info["reportlab"] = reportlab.Version
    except ImportError:  # pragma: no cover
        info["reportlab"] = None
    return info


def _ram_mb() -> int | None:
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20)
    except (ValueError, OSError, AttributeError):
        return None


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()
