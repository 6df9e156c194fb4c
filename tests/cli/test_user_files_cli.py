"""Every file Khooshe writes for the user gets the same permissions (services.userfiles: 0o600),
and a backup or package written without a password says once that it is not encrypted.

Before, a .kbk and a .kxp were world-readable (0o644 under the usual umask) while the PDFs and
workbooks were 0o600: the files holding the whole database were the least protected."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cli.commands import run
from services.userfiles import NOT_ENCRYPTED_BACKUP, NOT_ENCRYPTED_PACKAGE, USER_FILE_MODE
from tests.cli.test_report_cli import demo_path  # noqa: F401 - a fixture


@pytest.fixture(autouse=True)
def _usual_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
@pytest.mark.parametrize("command", [
    ["report", "resolutions", "--cluster", "مسقطی لاری", "--out", "OUT/r.pdf"],
    ["report", "resolutions", "--cluster", "مسقطی لاری", "--out", "OUT/r.docx"],
    ["export-xlsx", "--out", "OUT/all.xlsx"],
    ["backup", "--dir", "OUT"],
    ["exchange-export", "--out", "OUT/p.kxp"],
])
def test_every_file_written_for_the_user_is_the_user_s_only(
        command: list[str], demo_path: Path, tmp_path: Path, capsys) -> None:  # noqa: F811
    out = tmp_path / "out"
    out.mkdir()
    args = [a.replace("OUT", str(out)) for a in command]
    assert run([*args, "--db", str(demo_path)]) == 0, capsys.readouterr().err
    written = [p for p in out.iterdir() if not p.name.startswith(".")]
    assert len(written) == 1 and written[0].stat().st_size > 0
    assert _mode(written[0]) == USER_FILE_MODE
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temp file left


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_the_import_template_follows_the_rule(tmp_path: Path) -> None:
    assert run(["import-activities", "--template", str(tmp_path / "t.xlsx")]) == 0
    assert _mode(tmp_path / "t.xlsx") == USER_FILE_MODE


@pytest.mark.parametrize(("command", "note"), [
    (["backup", "--dir", "OUT"], NOT_ENCRYPTED_BACKUP),
    (["exchange-export", "--out", "OUT/p.kxp"], NOT_ENCRYPTED_PACKAGE),
])
def test_without_a_password_it_says_once_that_the_file_is_not_encrypted(
        command: list[str], note: str, demo_path: Path, tmp_path: Path,  # noqa: F811
        capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = [a.replace("OUT", str(out)) for a in command]
    assert run([*args, "--db", str(demo_path)]) == 0
    assert capsys.readouterr().out.count(note) == 1
    secret = tmp_path / "password.txt"
    secret.write_text("رمز خیلی محکم\n", encoding="utf-8")
    out2 = tmp_path / "out2"
    out2.mkdir()
    args = [a.replace("OUT", str(out2)) for a in command]
    assert run([*args, "--db", str(demo_path), "--password-file", str(secret)]) == 0
    assert note not in capsys.readouterr().out

