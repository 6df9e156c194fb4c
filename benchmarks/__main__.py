"""Run every benchmark figure, print a table with baselines and targets, write them all to JSON.

    python -m benchmarks [--quick] [--json FILE] [--scales 10000,100000] [--only startup,search]

The full run (not --quick, no --scales) adds a 300k-activity database for the figures that say
whether Khooshe stays flat with years of data (list, search, report, backup, memory).

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
    check_bench,
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
    "check": check_bench.run,
    "exchange": exchange.run,
    "excel_import": excel_import.run,
    "memory": memory.run,
    "bundle": bundle_bench.run,
}
FLAT_RATIO = 2.0
DEFAULT_SCALES = (10_000, 100_000)
# Only in the full run: years of data, for the figures whose question is "does it stay flat".
LARGE_SCALE = 300_000
LARGE_FIGURES = frozenset({"list", "search", "report", "backup", "memory"})
# The lines compared across scales, and whether flat is their target (a backup copies the whole
# file, so it grows with it by nature: its ratio is printed without a target).
SCALED_LINES = (("list_first_rows", "activities: first rows", True),
                ("search_median", "search: median", True),
                ("report_vs_latin", "report", True),
                ("backup", "verified backup", False),
                ("peak_rss", "peak RSS", True))


def _ratio_line(figures: list[Figure], key: str, label: str, small: int, large: int,
                name: str, flat: bool) -> Figure | None:
    by_scale = {f.scale: f for f in figures if f.key == key and f.value is not None}
    if small not in by_scale or large not in by_scale:
        return None
    ratio = by_scale[large].value / by_scale[small].value  # type: ignore[operator]
    return Figure(key=name, label=f"{label}: {large // 1000}k / {small // 1000}k", scale=None,
                  value=ratio, unit="×", target=f"≤ {FLAT_RATIO:g}" if flat else "",
                  met=ratio <= FLAT_RATIO if flat else None)


def scaling(figures: list[Figure], scales: list[int]) -> list[Figure]:
    """'Nearly flat' lines: 100k (or the largest up to it) over the smallest for list opening and
    search, as in every round; and 300k over the smallest for each line of LARGE_FIGURES."""
    if len(scales) < 2:
        return []
    small = min(scales)
    usual = [s for s in scales if s < LARGE_SCALE] or scales
    out = []
    for key, label, _flat in SCALED_LINES[:2]:
        line = _ratio_line(figures, key, label, small, max(usual), f"{key}_scaling", True)
        if line is not None and max(usual) != small:
            out.append(line)
    if LARGE_SCALE in scales and small != LARGE_SCALE:
        for key, label, flat in SCALED_LINES:
            line = _ratio_line(figures, key, label, small, LARGE_SCALE,
                               f"{key}_scaling_{LARGE_SCALE // 1000}k", flat)
            if line is not None:
                out.append(line)
    return out


def scales_for(name: str, databases: dict[int, str]) -> dict[int, str]:
    """The databases one figure runs on: the 300k one only for the figures of LARGE_FIGURES."""
    if name in LARGE_FIGURES:
        return databases
    chosen = {s: db for s, db in databases.items() if s != LARGE_SCALE}
    return chosen or databases


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
    parser.add_argument("--scales", default=None,
                        help="activities per database, comma-separated (default 10000,100000; "
                             f"the full run adds {LARGE_SCALE} for {', '.join(sorted(LARGE_FIGURES))})")
    parser.add_argument("--only", help=f"comma-separated subset of: {', '.join(FIGURES)}")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="where generated databases are kept (default ~/.cache/khooshe-bench)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.scales is None:
        wanted = [*DEFAULT_SCALES, *(() if args.quick else (LARGE_SCALE,))]
        args.scales = ",".join(map(str, wanted))
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
        # The 300k database is generated only when a chosen figure runs on it.
        needed = {s for name in chosen for s in scales_for(name, dict.fromkeys(scales, ""))}
        databases = {scale: str(database_for(scale, settings, log=log)) for scale in scales
                     if scale in needed}
        for name in chosen:
            log(f"{name} …")
            try:
                figures += FIGURES[name](settings, scales_for(name, databases))
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
