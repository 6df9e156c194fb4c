"""What differs on Windows, checked here where it can be: legacy console code pages, a user
name in Persian letters, paths past Windows' old 260-character limit (docs/windows.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cli.commands import run

ROOT = Path(__file__).resolve().parents[2]
# A Windows user folder named in Persian, with a ZWNJ, deep enough that the backup files inside
# it are longer than MAX_PATH (260).
PERSIAN_USER = "علی‌رضا محمدی"


def _deep_persian_folder(base: Path) -> Path:
    folder = base / "Users" / PERSIAN_USER / "AppData" / "Local" / "Khooshe"
    while len(str(folder)) < 240:
        folder = folder / "پوشه‌ای با نام بلند"
    return folder


def test_persian_output_survives_a_legacy_code_page_console(tmp_path: Path) -> None:
    """A Windows console or pipe in cp1252/cp1256 cannot encode Persian; output is UTF-8."""
    db = tmp_path / "k.db"
    assert run(["demo", "--db", str(db)]) == 0
    for code_page in ("cp1252", "cp1256"):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHONUTF8")}
        env["PYTHONIOENCODING"] = code_page
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", "--db", str(db)],
                              capture_output=True, env=env, cwd=ROOT, timeout=120)
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        text = done.stdout.decode("utf-8")  # would raise if the code page had been used
        assert "بررسی یکپارچگی: سالم" in text
        assert "?" not in text


def test_data_and_backups_under_a_long_persian_user_folder(tmp_path: Path, monkeypatch,
                                                           capsys) -> None:
    data = _deep_persian_folder(tmp_path)
    monkeypatch.setenv("KHOOSHE_DATA_DIR", str(data))
    from models.paths import data_dir, default_db_path

    assert data_dir() == data and data.is_dir()
    db = default_db_path()
    assert run(["demo", "--db", str(db)]) == 0
    backups = data / "پشتیبان‌ها"
    assert run(["backup", "--db", str(db), "--dir", str(backups)]) == 0
    (made,) = backups.glob("*.kbk")
    assert len(str(made)) > 260
    capsys.readouterr()
    assert run(["restore", str(made), "--db", str(db)]) == 0
    assert run(["check", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "ok"
