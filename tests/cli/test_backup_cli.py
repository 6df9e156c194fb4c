"""`backup`, `restore`, `backups` end to end through an argparse parser built with register()."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli import backupcommands
from services import records


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    backupcommands.register(sub)
    args = parser.parse_args(argv)
    code = int(args.func(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_list_restore(db, tmp_path: Path, capsys) -> None:
    for i in range(5):
        records.create(db, "person", {"full_name": f"شخص {i}"})
    db_path = str(db.path)
    code, out, _ = _run(["backup", "--db", db_path], capsys)
    assert code == 0
    made = Path(out.strip().splitlines()[0])
    assert made.is_file() and made.parent == db.path.parent / "backups"

    secret = tmp_path / "pw.txt"
    secret.write_text("رمز خوب\n", encoding="utf-8")
    code, out, _ = _run(["backup", "--db", db_path, "--dir", str(tmp_path / "enc"),
                         "--password-file", str(secret)], capsys)
    assert code == 0
    encrypted = Path(out.strip())

    code, out, _ = _run(["backups", "--db", db_path], capsys)
    assert code == 0 and made.name in out and "سالم" in out and "۵ رکورد" in out
    code, out, _ = _run(["backups", "--dir", str(tmp_path / "enc")], capsys)
    assert "رمزگذاری‌شده" in out and "بررسی نشد" in out

    records.create(db, "person", {"full_name": "اضافه"})
    db.dispose()
    code, out, _ = _run(["restore", str(made), "--db", db_path], capsys)
    assert code == 0 and "بازیابی شد" in out
    from models.migrate import open_database

    again = open_database(db_path)
    try:
        assert records.count_records(again, "person") == 5
    finally:
        again.dispose()

    wrong = tmp_path / "wrong.txt"
    wrong.write_text("رمز بد\n", encoding="utf-8")
    before = Path(db_path).read_bytes()
    code, _, err = _run(["restore", str(encrypted), "--db", db_path, "--password-file",
                         str(wrong)], capsys)
    assert code != 0 and "رمز عبور نادرست" in err and "دست‌نخورده" in err
    assert Path(db_path).read_bytes() == before
    code, out, _ = _run(["restore", str(encrypted), "--db", db_path, "--password-file",
                         str(secret)], capsys)
    assert code == 0


def test_restore_refuses_garbage(db, tmp_path: Path, capsys) -> None:
    db.dispose()
    junk = tmp_path / "junk.kbk"
    junk.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    before = db.path.read_bytes()
    code, _, err = _run(["restore", str(junk), "--db", str(db.path)], capsys)
    assert code == backupcommands.EXIT_BAD_BACKUP and "خطا" in err
    assert db.path.read_bytes() == before


def test_restore_of_a_text_file_says_its_refusal_once(db, tmp_path: Path, capsys) -> None:
    """Before: «… به پایگاه داده دست زده نشد.» and then «پایگاه داده فعلی دست‌نخورده ماند.»."""
    db.dispose()
    notes = tmp_path / "notes.txt"
    notes.write_text("یادداشت\n", encoding="utf-8")
    before = db.path.read_bytes()
    code, _, err = _run(["restore", str(notes), "--db", str(db.path)], capsys)
    assert code == backupcommands.EXIT_BAD_BACKUP
    assert "پشتیبان خوشه نیست" in err
    assert err.count("دست زده نشد") + err.count("دست‌نخورده") == 1
    assert db.path.read_bytes() == before


def test_a_failed_restore_onto_no_database_does_not_call_it_unchanged(tmp_path: Path, capsys) -> None:
    """Before: every refusal but "restore_failed" ended «… دست‌نخورده ماند.», even with no
    database at the path (the start-up recovery's case): the service now says when it is true."""
    junk = tmp_path / "junk.kbk"
    junk.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    target = tmp_path / "none.db"
    code, _, err = _run(["restore", str(junk), "--db", str(target)], capsys)
    assert code == backupcommands.EXIT_BAD_BACKUP and "خطا" in err
    assert "دست‌نخورده" not in err and not target.exists()
