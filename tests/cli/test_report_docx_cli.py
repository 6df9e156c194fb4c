"""`report KIND --format docx`: a Word file from the command line; a name that does not match
the format is refused with a Persian message and nothing is written."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.cli.test_report_cli import _ids, demo_path, run  # noqa: F401 - demo_path: fixture


def test_format_docx_writes_a_word_document(demo_path: Path, tmp_path: Path, capsys) -> None:  # noqa: F811
    out = tmp_path / "صورتجلسه.docx"
    code = run(["report", "minutes", "--db", str(demo_path), "--meeting",
                _ids(demo_path, "meeting"), "--format", "docx", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert "صورتجلسه ساخته شد" in capsys.readouterr().out
    with zipfile.ZipFile(out) as zf:
        assert "word/document.xml" in zf.namelist()


def test_format_follows_the_file_name_when_not_given(demo_path: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "r.docx"
    assert run(["report", "resolutions", "--db", str(demo_path), "--cluster", "مسقطی لاری",
                "--out", str(out)]) == 0
    assert zipfile.is_zipfile(out)


def test_a_name_that_does_not_match_the_format_is_refused(demo_path: Path, tmp_path: Path,  # noqa: F811
                                                           capsys) -> None:
    out = tmp_path / "r.pdf"
    code = run(["report", "resolutions", "--db", str(demo_path), "--cluster", "مسقطی لاری",
                "--format", "docx", "--out", str(out)])
    assert code != 0
    assert "باید با .docx تمام شود" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
