"""The app start: screenshot mode through main.py, a refused database, the first-run demo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", KHOOSHE_DATA_DIR=str(tmp_path / "data"),
               HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    return env


def test_screenshot_of_activities_page(tmp_path):
    db = tmp_path / "demo.db"
    subprocess.run([sys.executable, "main.py", "demo", "--db", str(db)], cwd=ROOT, check=True,
                   env=_env(tmp_path), capture_output=True)
    out = tmp_path / "act.png"
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(db), "--screenshot", str(out), "--page",
         "activities"], cwd=ROOT, env=_env(tmp_path), capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 10_000


def test_first_start_creates_the_demo_and_unknown_page_fails(tmp_path):
    out = tmp_path / "first.png"
    result = subprocess.run([sys.executable, "main.py", "--screenshot", str(out)], cwd=ROOT,
                            env=_env(tmp_path), capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "data" / "khooshe.db").exists() or any((tmp_path / "data").glob("*.db"))
    bad = subprocess.run([sys.executable, "main.py", "--screenshot", str(out), "--page", "nope"],
                         cwd=ROOT, env=_env(tmp_path), capture_output=True, timeout=120)
    assert bad.returncode != 0


def test_foreign_file_is_refused_in_persian(tmp_path):
    foreign = tmp_path / "other.db"
    import sqlite3

    con = sqlite3.connect(foreign)
    con.execute("create table notes (x)")
    con.commit()
    con.close()
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(foreign), "--screenshot", str(tmp_path / "x.png")],
        cwd=ROOT, env=_env(tmp_path), capture_output=True, timeout=120)
    assert result.returncode != 0
    err = result.stderr.decode()
    assert "خوشه" in err and "Traceback" not in err
