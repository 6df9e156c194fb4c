"""`report` and `export-xlsx` from the command line: success prints path and time; refusals
print a Persian message, exit non-zero and write no file."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from cli import reportcommands
from cli.dbcommands import db_argument


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from models.migrate import open_database
    from services.demo import load_demo

    path = tmp_path_factory.mktemp("cli") / "demo.db"
    database = open_database(str(path))
    with database.session_factory.begin() as session:
        load_demo(session)
    database.dispose()
    return path


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    db_argument(parser, suppress=False)
    sub = parser.add_subparsers(dest="command")
    reportcommands.register(sub)
    args = parser.parse_args(argv)
    return int(args.func(args))


def _ids(db_path: Path, kind: str) -> str:
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT id FROM activity WHERE kind=? ORDER BY start_date",
                            (kind,)).fetchone()[0]
    finally:
        conn.close()


def test_performance_with_persian_digits(demo_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "perf.pdf"
    code = run(["report", "performance", "--db", str(demo_path), "--out", str(out),
                "--cluster", "مسقطی لاری", "--from", "۱۴۰۲/۰۱/۰۱", "--to", "1404/12/29"])
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF")
    printed = capsys.readouterr().out
    # The path of what was made, and no build time: a developer's figure is not for the user.
    assert str(out) in printed and "زمان ساخت" not in printed and "ثانیه" not in printed


def test_minutes_and_attendance(demo_path: Path, tmp_path: Path) -> None:
    assert run(["report", "minutes", "--db", str(demo_path), "--out", str(tmp_path / "m.pdf"),
                "--meeting", _ids(demo_path, "meeting")]) == 0
    assert run(["report", "attendance", "--db", str(demo_path), "--out",
                str(tmp_path / "a.pdf"), "--training", _ids(demo_path, "training")]) == 0


@pytest.mark.parametrize("extra", [
    ["performance", "--cluster", "خوشه ناموجود", "--from", "1404/01/01", "--to", "1404/03/31"],
    ["performance", "--cluster", "مسقطی لاری", "--from", "1404/12/30", "--to", "1405/01/10"],
    ["performance", "--cluster", "مسقطی لاری", "--from", "1404/09/01", "--to", "1404/07/01"],
    ["performance", "--from", "1404/01/01", "--to", "1404/03/31"],
    ["minutes", "--meeting", "no-such-id"],
    ["minutes", "--meeting", "TRAINING"],
    ["attendance", "--training", "MEETING"],
    ["province", "--province", "ناکجاآباد"],
    ["profile", "--cluster", "ناموجود"],
])
def test_refusals_write_nothing(demo_path: Path, tmp_path: Path, capsys, extra) -> None:
    extra = [{"TRAINING": _ids(demo_path, "training"),
              "MEETING": _ids(demo_path, "meeting")}.get(x, x) for x in extra]
    out = tmp_path / "r.pdf"
    code = run(["report", extra[0], "--db", str(demo_path), "--out", str(out), *extra[1:]])
    assert code != 0
    err = capsys.readouterr().err
    assert err.startswith("خطا:")
    assert any("\u0600" <= ch <= "\u06ff" for ch in err)
    assert list(tmp_path.iterdir()) == []


def test_missing_database_is_not_created(tmp_path: Path, capsys) -> None:
    db = tmp_path / "nothing.db"
    code = run(["report", "profile", "--db", str(db), "--out", str(tmp_path / "p.pdf"),
                "--cluster", "x"])
    assert code != 0 and not db.exists()
    assert "پیدا نشد" in capsys.readouterr().err


def test_export_xlsx(demo_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "all.xlsx"
    assert run(["export-xlsx", "--db", str(demo_path), "--out", str(out)]) == 0
    assert out.stat().st_size > 0
    assert run(["export-xlsx", "--db", str(demo_path), "--out", str(tmp_path / "x.txt")]) != 0
    assert not (tmp_path / "x.txt").exists()


@pytest.mark.parametrize("meeting", ["1404/10/06", "۱۴۰۴/۱۰/۰۶ مديرعامل", "شهرک‌های صنعتی فارس",
                                     "FIRST8"])
def test_minutes_of_a_meeting_named_by_date_title_or_short_id(demo_path: Path, tmp_path: Path,
                                                              meeting: str) -> None:
    if meeting == "FIRST8":
        meeting = _ids(demo_path, "meeting")[:8]
    out = tmp_path / "m.pdf"
    assert run(["report", "minutes", "--db", str(demo_path), "--out", str(out),
                "--meeting", meeting]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_an_ambiguous_meeting_lists_the_candidates_one_per_line(demo_path: Path, tmp_path: Path,
                                                                capsys) -> None:
    code = run(["report", "minutes", "--db", str(demo_path), "--out", str(tmp_path / "m.pdf"),
                "--meeting", "کمیته راهبری"])
    assert code != 0 and list(tmp_path.iterdir()) == []
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("خطا:")
    candidates = [line for line in lines if line.startswith("  - ")]
    assert len(candidates) == 7  # the seven steering-committee meetings of the demo
    import re

    for line in candidates:
        assert re.search(r"[۰-۹]{4}/[۰-۹]{2}/[۰-۹]{2}  .*کمیته راهبری.*  \([0-9a-f]{8,}\)$", line)
