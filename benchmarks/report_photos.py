"""Figure: the performance report with 50 photos «در گزارش» against the same report without them.

On a private copy of the smallest database, 50 phone-sized JPEGs (3000×2000, ~1 MB) are attached
to 50 done activities of the cluster the report figure uses (about 1,000 activities), spread over
the activity kinds. Three timings of ``build_performance`` over the cluster's whole date range:

* baseline: the photos attached but not marked (the report has no photo pages);
* cold: marked, with the photo cache emptied before each run (the first report after marking:
  every photo decoded and downscaled once);
* warm: marked, cache kept (every later report).

No target yet: the figures are printed so that a regression shows. Runs in a child process
(``python -m benchmarks.report_photos DB RUNS``) with throw-away data folders (the cache lives in
the child's KHOOSHE_DATA_DIR).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure, Settings, run_child, working_copy

PHOTOS = 50
PHOTO_SIZE = (3000, 2000)


def _photo(path: Path, seed: int) -> None:
    """A photo-like JPEG: a gradient with grain, so it compresses like a real one."""
    from PIL import Image, ImageChops

    w, h = PHOTO_SIZE
    base = Image.radial_gradient("L").resize((w, h))
    grain = Image.effect_noise((w, h), 30 + seed % 20)
    channels = [ImageChops.add(base, grain, scale=2.0, offset=(seed * k) % 90)
                for k in (3, 5, 7)]
    Image.merge("RGB", channels).save(path, "JPEG", quality=85)


def _child(db_path: str, runs: int) -> None:
    from sqlalchemy import select

    from benchmarks.common import emit, median_time, report_cluster
    from models.entities import Activity
    from models.migrate import open_database
    from reports.performance import build_performance
    from reports.photos import cache_dir
    from services import attachments

    db = open_database(db_path)
    cluster_id, n_acts, start, end = report_cluster(db)
    with db.session_factory() as session:
        done = session.execute(select(Activity.id, Activity.kind).where(
            Activity.cluster_id == cluster_id, Activity.deleted_at.is_(None),
            Activity.status == "done").order_by(Activity.start_date)).all()
    by_kind: dict[str, list[str]] = {}
    for activity_id, kind in done:
        by_kind.setdefault(kind, []).append(activity_id)
    owners: list[str] = []
    while len(owners) < PHOTOS and any(by_kind.values()):  # round robin over the kinds
        for ids in by_kind.values():
            if ids and len(owners) < PHOTOS:
                owners.append(ids.pop(0))
    work = Path(tempfile.mkdtemp(prefix="khooshe-bench-photos-"))
    made = time.perf_counter()
    ids = []
    for i, owner in enumerate(owners):
        src = work / f"IMG_{i:04d}.jpg"
        _photo(src, i)
        ids.append(attachments.add_attachment(db, "activity", owner, src, note=f"عکس {i}").id)
        src.unlink()
    made = time.perf_counter() - made

    def build() -> None:
        build_performance(db, work / "report.pdf", cluster=cluster_id, start=start, end=end,
                          as_of=end)

    base_s, base_runs = median_time(build, runs)
    for attachment_id in ids:
        attachments.set_in_report(db, attachment_id, True)
    cold_s, cold_runs = median_time(build, runs,
                                    setup=lambda: shutil.rmtree(cache_dir(), ignore_errors=True))
    warm_s, warm_runs = median_time(build, runs)
    emit({"activities": n_acts, "photos": len(ids), "photos_made_s": round(made, 1),
          "base_s": base_runs, "cold_s": cold_runs, "warm_s": warm_runs,
          "median": [base_s, cold_s, warm_s],
          "pdf_bytes": (work / "report.pdf").stat().st_size,
          "cache_bytes": sum(p.stat().st_size for p in cache_dir().rglob("*.jpg"))})
    db.dispose()
    shutil.rmtree(work, ignore_errors=True)


def run(settings: Settings, databases: dict[int, str]) -> list[Figure]:
    runs = settings.reps(1, 3)
    scale = min(databases)  # the report's workload is the same at every scale
    db = working_copy(Path(databases[scale]), settings, f"photos-{scale}.db")
    _, r = run_child(["-m", "benchmarks.report_photos", str(db), json.dumps(runs)],
                     settings.work_dir, timeout=1200)
    base_s, cold_s, warm_s = r["median"]
    details = {k: r[k] for k in ("activities", "photos", "photos_made_s", "base_s", "pdf_bytes",
                                 "cache_bytes")}
    label = f"report + {r['photos']} photos ({r['activities']} activities)"
    return [
        Figure(key="report_photos_cold", label=f"{label}, first", scale=scale,
               value=cold_s * 1000, unit="ms", baseline=base_s * 1000,
               baseline_label="same report, no photos", runs=runs,
               details={**details, "cold_s": r["cold_s"]}),
        Figure(key="report_photos_warm", label=f"{label}, cached", scale=scale,
               value=warm_s * 1000, unit="ms", baseline=base_s * 1000,
               baseline_label="same report, no photos", runs=runs,
               details={**details, "warm_s": r["warm_s"]}),
    ]


if __name__ == "__main__":
    _child(sys.argv[1], json.loads(sys.argv[2]))
