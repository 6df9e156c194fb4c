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
    code = main(["--quick", "--scales", "60", "--only", "search,exchange",
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
    assert by_key["exchange_reimport"]["met"] is True  # the second import changed nothing

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
