"""Run every benchmark figure, print a table with baselines and targets, write them all to JSON.

    python -m benchmarks [--quick] [--json FILE] [--scales 10000,100000] [--only startup,search]

Databases are generated once per scale into a cache folder (``$KHOOSHE_BENCH_CACHE`` or
``~/.cache/khooshe-bench``) and reused while the seed and schema revision stay the same.
See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from benchmarks import (
    activity_list,
    backup_bench,
    bundle_bench,
    excel_import,
    exchange,
    memory,
    report,
    report_photos,
    search_bench,
    startup,
)
from benchmarks.common import SEED, Figure, Settings, database_for, default_cache_dir, machine_info

FIGURES: dict[str, Callable[[Settings, dict[int, str]], list[Figure]]] = {
    "startup": startup.run,
    "list": activity_list.run,
    "search": search_bench.run,
    "report": report.run,
    "photos": report_photos.run,
    "backup": backup_bench.run,
    "exchange": exchange.run,
    "excel_import": excel_import.run,
    "memory": memory.run,
    "bundle": bundle_bench.run,
}
FLAT_RATIO = 2.0


def scaling(figures: list[Figure], scales: list[int]) -> list[Figure]:
    """'Nearly flat' lines: the largest scale over the smallest for list opening and search."""
    if len(scales) < 2:
        return []
    small, large = min(scales), max(scales)
    out = []
    for key, label in (("list_first_rows", "activities: first rows"),
                       ("search_median", "search: median")):
        by_scale = {f.scale: f for f in figures if f.key == key and f.value is not None}
        if small in by_scale and large in by_scale:
            ratio = by_scale[large].value / by_scale[small].value  # type: ignore[operator]
            out.append(Figure(
                key=f"{key}_scaling", label=f"{label}: {large // 1000}k / {small // 1000}k",
                scale=None, value=ratio, unit="×", target=f"≤ {FLAT_RATIO:g}",
                met=ratio <= FLAT_RATIO))
    return out


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "ms" and value >= 10_000:
        return f"{value / 1000:.1f} s"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    return f"{value:.3g} {unit}"


def render_table(figures: list[Figure]) -> str:
    head = ("figure", "scale", "value", "baseline", "ratio", "target", "ok")
    rows = []
    for f in figures:
        if f.value is None:
            rows.append((f.label, "", f.note or "n/a", "", "", f.target, ""))
            continue
        baseline = f"{_fmt(f.baseline, f.unit)} ({f.baseline_label})" if f.baseline else ""
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None and f.unit != "×" else ""
        ok = {True: "✓", False: "✗", None: ""}[f.met]
        rows.append((f.label, f"{f.scale // 1000}k" if f.scale else "", _fmt(f.value, f.unit),
                     baseline, ratio, f.target, ok))
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(head, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions (under 5 minutes on 2 cores, generation included)")
    parser.add_argument("--json", metavar="FILE", help="write every figure, baseline and ratio")
    parser.add_argument("--scales", default="10000,100000",
                        help="activities per database, comma-separated (default 10000,100000)")
    parser.add_argument("--only", help=f"comma-separated subset of: {', '.join(FIGURES)}")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="where generated databases are kept (default ~/.cache/khooshe-bench)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    try:
        scales = sorted({int(s.replace("_", "")) for s in args.scales.split(",") if s.strip()})
    except ValueError:
        parser.error(f"--scales: not a list of numbers: {args.scales!r}")
    if not scales or min(scales) <= 0:
        parser.error("--scales needs at least one positive number")
    chosen = list(FIGURES) if not args.only else [s.strip() for s in args.only.split(",")]
    unknown = [c for c in chosen if c not in FIGURES]
    if unknown:
        parser.error(f"--only: unknown figure(s) {', '.join(unknown)}; known: {', '.join(FIGURES)}")

    started = time.monotonic()
    work_dir = Path(tempfile.mkdtemp(prefix="khooshe-bench-"))
    settings = Settings(quick=args.quick, scales=scales, seed=args.seed, work_dir=work_dir,
                        cache_dir=args.cache_dir or default_cache_dir())

    def log(message: str) -> None:
        print(f"[{time.monotonic() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    figures: list[Figure] = []
    errors: dict[str, str] = {}
    try:
        databases = {scale: str(database_for(scale, settings, log=log)) for scale in scales}
        for name in chosen:
            log(f"{name} …")
            try:
                figures += FIGURES[name](settings, databases)
            except Exception as exc:  # one broken figure must not hide the others
                errors[name] = "".join(traceback.format_exception(exc))
                log(f"{name} failed: {exc}")
                figures.append(Figure(key=name, label=name, scale=None, value=None, unit="",
                                      note=f"error: {type(exc).__name__}"))
        figures += scaling(figures, scales)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    elapsed = time.monotonic() - started
    machine = machine_info()
    print(f"Khooshe benchmarks — {'quick' if args.quick else 'full'} run, "
          f"{machine['cores']} cores, {machine['ram_mb']} MB RAM, Python {machine['python']}, "
          f"PySide6 {machine.get('pyside6')}, SQLite {machine['sqlite']}, {machine['date']}")
    print(render_table(figures))
    missed = [f for f in figures if f.met is False]
    print(f"\n{sum(f.met is True for f in figures)} targets met, {len(missed)} missed; "
          f"{elapsed:.0f} s in all")
    for name, text in errors.items():
        print(f"\n{name} failed:\n{text}", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "machine": machine, "quick": args.quick, "scales": scales, "seed": args.seed,
            "elapsed_s": round(elapsed, 1), "figures": [f.to_json() for f in figures],
            "errors": errors,
        }, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
