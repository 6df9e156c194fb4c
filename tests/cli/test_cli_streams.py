"""The command line as a Unix tool: a reader that goes away early ends the command quietly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pipe") / "demo.db"
    subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--db", str(path)],
                   check=True, capture_output=True, timeout=120, cwd=ROOT)
    return path


@pytest.mark.parametrize("argv", [["search", "خوشه", "--limit", "500"], ["--help"],
                                  ["report", "--help"]])
def test_a_pipe_closed_early_ends_the_command_quietly(demo_db: Path, argv: list[str]) -> None:
    """Before: «خطا: خطای فایل: Broken pipe» and exit 1 (`python main.py search … | head -1`)."""
    args = [*argv, "--db", str(demo_db)] if argv[0] == "search" else argv
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the first line is written, as with head -1
    err = proc.stderr.read().decode("utf-8")
    proc.stderr.close()
    code = proc.wait(timeout=120)
    assert err == ""
    # argparse drops a failed write of its help on its own (exit 0); a command's output ends 141.
    assert code == (0 if "--help" in argv else 141)


def test_head_reads_the_first_line_and_nothing_is_said(demo_db: Path) -> None:
    """The same through a shell pipe into `head -1`, whose exit status the shell reports."""
    command = (f'"{sys.executable}" "{ROOT / "main.py"}" search خوشه --limit 500 --db "{demo_db}" 2>err.txt '
               '| head -1; echo "status=${PIPESTATUS[0]}"')
    result = subprocess.run(["bash", "-c", command], cwd=demo_db.parent, capture_output=True,
                            text=True, encoding="utf-8", timeout=120,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    first, status = result.stdout.splitlines()
    assert "\t" in first
    assert status in ("status=0", "status=141")
    assert (demo_db.parent / "err.txt").read_text(encoding="utf-8") == ""
