"""The built program, run as a stranger would: no venv, no source tree, an empty environment.

Marked ``bundle``; `.ci/run` builds the bundle (`bash tools/build-bundle.sh`) after the unit tests
and runs `pytest -m bundle`. Without a bundle in dist/ every test here is skipped with the reason.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXECUTABLE = ROOT / "dist" / "khooshe" / "khooshe"

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(
        not EXECUTABLE.is_file(),
        reason=f"no bundle at {EXECUTABLE.relative_to(ROOT)}: run bash tools/build-bundle.sh",
    ),
]


class Stranger:
    """Runs the bundled executable in a fresh temporary 'machine': HOME and data folder empty."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.home = base / "خانه کاربر"  # a Persian user name, as on the agents' laptops
        self.data = self.home / "داده"
        self.home.mkdir()
        self.db = self.data / "khooshe.db"
        # What `env -i` leaves, plus the three things the test sets: nothing from this venv, no
        # PYTHONPATH, no LANG (the program must print Persian in a C locale too).
        self.env = {
            "HOME": str(self.home),
            "KHOOSHE_DATA_DIR": str(self.data),
            "QT_QPA_PLATFORM": "offscreen",
            "PATH": "/usr/bin:/bin",
        }

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(EXECUTABLE), *args],
            env=self.env,
            cwd=self.base,  # not the source tree: nothing may be found relative to it
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=180,
        )
        if ok:
            assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done


@pytest.fixture(scope="module")
def stranger(tmp_path_factory: pytest.TempPathFactory) -> Stranger:
    person = Stranger(tmp_path_factory.mktemp("bundle"))
    made = person.run("demo", "--db", str(person.db))
    assert "پایگاه داده نمونه ساخته شد" in made.stdout
    return person


def _pdf_text(pdf: Path) -> str:
    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    return unicodedata.normalize("NFKC", raw)


def test_check_says_ok(stranger: Stranger) -> None:
    done = stranger.run("check", "--db", str(stranger.db))
    assert done.stdout.splitlines()[-1] == "ok"
    assert "سالم" in done.stdout


def test_the_bundle_carries_the_window_icon(stranger: Stranger) -> None:
    icons = list(EXECUTABLE.parent.rglob("resources/icons/khooshe.png"))
    assert len(icons) == 1 and icons[0].stat().st_size > 1000


@pytest.mark.parametrize("page", ["dashboard", "activities"])
def test_screenshot_of_a_page_is_a_painted_window(stranger: Stranger, page: str) -> None:
    from PySide6.QtGui import QImage

    png = stranger.base / f"{page}.png"
    stranger.run("--db", str(stranger.db), "--screenshot", str(png), "--page", page)
    image = QImage(str(png))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 500
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    # A blank or single-colour window has a handful; text in Vazirmatn, frames and the
    # navigation give hundreds of antialiased shades.
    assert len(colours) > 50, len(colours)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_performance_report_is_a_persian_pdf(stranger: Stranger) -> None:
    pdf = stranger.base / "گزارش عملکرد.pdf"
    stranger.run(
        "report", "performance", "--db", str(stranger.db), "--out", str(pdf),
        "--cluster", "مسقطی لاری", "--from", "1402", "--to", "1404",
    )  # fmt: skip
    text = _pdf_text(pdf)
    assert "مسقطی" in text
    assert re.search(r"[۰-۹]{4}", text)  # Jalali years in Persian digits
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Vazirmatn" in fonts  # the bundled font, not a fallback


def test_performance_report_as_word(stranger: Stranger) -> None:
    import zipfile

    docx = stranger.base / "گزارش عملکرد.docx"
    stranger.run(
        "report", "performance", "--db", str(stranger.db), "--out", str(docx), "--format", "docx",
        "--cluster", "مسقطی لاری", "--from", "1402", "--to", "1404",
    )  # fmt: skip
    with zipfile.ZipFile(docx) as zf:
        body = zf.read("word/document.xml").decode("utf-8")
    assert "مسقطی لاری" in body and "<w:bidi" in body


def test_backup_then_restore(stranger: Stranger) -> None:
    backups = stranger.data / "پشتیبان‌ها"
    done = stranger.run("backup", "--db", str(stranger.db), "--dir", str(backups))
    made = [p for p in backups.glob("*.kbk")]
    assert len(made) == 1 and str(made[0]) in done.stdout
    before = stranger.run("search", "حلوا", "--db", str(stranger.db)).stdout
    assert "حلوا" in before
    restored = stranger.run("restore", str(made[0]), "--db", str(stranger.db))
    assert restored.stdout.strip()
    assert stranger.run("check", "--db", str(stranger.db)).stdout.splitlines()[-1] == "ok"
    assert stranger.run("search", "حلوا", "--db", str(stranger.db)).stdout == before
