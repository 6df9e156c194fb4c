"""The benchmark runner's quickest path still works: tiny database, search figure, table, JSON.

Only the plumbing is checked (a figure comes out, the table prints, the JSON has baselines and
ratios); no wall-clock time is asserted — timings belong to `python -m benchmarks`, not tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_quickest_benchmark_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.__main__ import main

    out = tmp_path / "figures.json"
    code = main(["--quick", "--scales", "60", "--only", "search,exchange,check",
                 "--cache-dir", str(tmp_path / "cache"), "--json", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "search: median of 50 queries" in printed
    assert "exchange import, same package again" in printed

    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["machine"]["cores"] >= 1
    by_key = {f["key"]: f for f in data["figures"]}
    search = by_key["search_median"]
    assert search["scale"] == 60
    assert search["value"] is not None and search["baseline"] is not None
    assert search["ratio"] == pytest.approx(search["value"] / search["baseline"])
    assert by_key["exchange_import"]["value"] is not None
    # The second import changed nothing; whether it was fast enough is a timing, not asserted.
    again = by_key["exchange_reimport"]
    assert again["details"]["again_changed_nothing"] is True
    assert again["details"]["records_changed_first_and_second"][1] == 0
    for key in ("exchange_export", "exchange_import", "exchange_reimport", "check"):
        line = by_key[key]
        assert line["value"] is not None and line["baseline"] is not None, key
        assert line["target"] and isinstance(line["met"], bool), key
    assert by_key["check"]["scale"] == 60
    assert "check (main.py check)" in printed and "exchange export" in printed

    # The cached database is reused, not generated again.
    cached = list((tmp_path / "cache").glob("khooshe-60-*.db"))
    assert len(cached) == 1
    before = cached[0].stat().st_mtime_ns
    assert main(["--quick", "--scales", "60", "--only", "exchange",
                 "--cache-dir", str(tmp_path / "cache")]) == 0
    assert cached[0].stat().st_mtime_ns == before


def test_first_paint_probe_reports_the_source_program(tmp_path: Path) -> None:
    """The probe the bundle figure relies on: the app prints its first frame's clock and leaves."""
    import sys

    from benchmarks.bundle_bench import first_paint
    from cli.commands import run

    db = tmp_path / "k.db"
    assert run(["demo", "--db", str(db)]) == 0
    seconds = first_paint([sys.executable, str(Path(__file__).parents[1] / "main.py"),
                           "--db", str(db)], tmp_path)
    assert seconds > 0  # first_paint raises when the child printed no probe line


def _line(key: str, scale: int, value: float):
    from benchmarks.common import Figure

    return Figure(key=key, label=key, scale=scale, value=value, unit="ms")


def test_scaling_lines_compare_300k_with_10k_and_keep_the_100k_ones() -> None:
    from benchmarks.__main__ import scaling

    figures = [_line(key, scale, value * factor)
               for key, value in (("list_first_rows", 80.0), ("search_median", 1.0),
                                  ("report_vs_latin", 900.0), ("backup", 100.0),
                                  ("peak_rss", 150.0))
               for scale, factor in ((10_000, 1.0), (100_000, 1.5), (300_000, 3.0))]
    by_key = {f.key: f for f in scaling(figures, [10_000, 100_000, 300_000])}
    # The keys compared across rounds still mean 100k ÷ 10k.
    assert by_key["list_first_rows_scaling"].value == 1.5
    assert by_key["search_median_scaling"].met is True
    for key in ("list_first_rows", "search_median", "report_vs_latin", "peak_rss"):
        line = by_key[f"{key}_scaling_300k"]
        assert line.value == 3.0 and line.met is False and "300k / 10k" in line.label
    backup = by_key["backup_scaling_300k"]
    assert backup.value == 3.0 and backup.met is None  # grows with the file: no target
    assert not any(k.endswith("_300k") for k in
                   {f.key for f in scaling(figures, [10_000, 100_000])})


def test_the_300k_database_goes_only_to_the_figures_that_ask_for_it() -> None:
    from benchmarks.__main__ import scales_for

    databases = {10_000: "a", 100_000: "b", 300_000: "c"}
    for name in ("list", "search", "report", "backup", "memory"):
        assert scales_for(name, databases) == databases
    for name in ("startup", "exchange", "check", "excel_import", "photos"):
        assert scales_for(name, databases) == {10_000: "a", 100_000: "b"}
    assert scales_for("startup", {300_000: "c"}) == {300_000: "c"}
